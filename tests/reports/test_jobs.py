"""One life cycle for background jobs (summaries and large exports): queued on commit, taken once, finished or
failed with a message, and swept when a dead worker abandoned it."""

from datetime import date, timedelta
from pathlib import Path

from django.utils import timezone

from reports.exporters.activities import ActivityExporter
from reports.models import ExportJob, Summary
from reports.services import exports as export_service
from reports.services.jobs import job_fail, job_finish, job_start
from tests.reports.factories import make_activity

Q1 = {"start": "2026-01-01", "end": "2026-03-31"}


def _request_export(world, **params) -> ExportJob:
    return export_service.export_request(by=world.user("staff_x"), params={**Q1, **params})


def test_a_job_is_queued_only_once_its_row_is_committed_and_then_built(world, django_capture_on_commit_callbacks):
    make_activity(world.unit_a, day=date(2026, 1, 5))

    with django_capture_on_commit_callbacks() as callbacks:
        job = _request_export(world)
        job.refresh_from_db()
        assert job.state == ExportJob.State.QUEUED  # nothing ran inside the transaction

    assert len(callbacks) == 1
    callbacks[0]()
    job.refresh_from_db()
    assert (job.state, job.progress, job.row_count) == (ExportJob.State.DONE, 100, 1)
    assert job.started_at <= job.finished_at


def test_a_job_is_taken_once_and_a_finished_job_is_never_failed_afterwards(world):
    job = ExportJob.objects.create(kind=ExportJob.Kind.ACTIVITIES_XLSX, requested_by=world.user("staff_x"))

    assert job_start(ExportJob, job_id=job.pk) is not None
    assert job_start(ExportJob, job_id=job.pk) is None  # the same task delivered twice
    done = job_finish(ExportJob, job_id=job.pk, values={"row_count": 7})
    failed = job_fail(ExportJob, job_id=job.pk, message="terlambat")

    assert (done.state, done.row_count) == (ExportJob.State.DONE, 7)
    assert (failed.state, failed.message) == (ExportJob.State.DONE, "")


def test_an_export_whose_filters_no_longer_hold_fails_with_a_message(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = _request_export(world, office=str(world.office_y.pk))  # not staff_x's office

    job.refresh_from_db()
    assert job.state == ExportJob.State.FAILED
    assert job.message == "Filter ekspor tidak lagi berlaku untuk akun Anda."
    assert not job.file


def test_a_broken_export_is_recorded_failed_without_a_file(world, monkeypatch, django_capture_on_commit_callbacks):
    make_activity(world.unit_a, day=date(2026, 1, 5))

    def broken(self, target, **kwargs):
        target.write(b"PK half a workbook")
        raise RuntimeError("disk full")

    monkeypatch.setattr(ActivityExporter, "xlsx", broken)
    with django_capture_on_commit_callbacks(execute=True):
        job = _request_export(world)

    job.refresh_from_db()
    assert job.state == ExportJob.State.FAILED
    assert "kesalahan sistem" in job.message
    assert not [p for p in Path(job.file.storage.location).rglob("*") if p.is_file()]


def test_an_export_swept_while_its_worker_still_wrote_keeps_the_failure_and_no_file(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    make_activity(world.unit_a, day=date(2026, 1, 5))
    write = ActivityExporter.xlsx

    def slow(self, target, **kwargs):
        # The worker is so slow that the sweep (an hour later) takes it for dead.
        export_service.export_jobs_fail_stale(now=timezone.now() + timedelta(hours=1))
        return write(self, target, **kwargs)

    monkeypatch.setattr(ActivityExporter, "xlsx", slow)
    with django_capture_on_commit_callbacks(execute=True):
        job = _request_export(world)

    job.refresh_from_db()
    assert job.state == ExportJob.State.FAILED
    assert "terhenti" in job.message
    assert not job.file
    assert not list(Path(job.file.storage.location).rglob("*.xlsx"))


def test_the_sweep_leaves_jobs_alone_within_the_time_they_may_take(world, settings):
    settings.SUMMARY_STALE_AFTER = timedelta(minutes=15)
    started = timezone.now() - timedelta(minutes=10)
    running = {"state": ExportJob.State.RUNNING, "started_at": started}
    job = ExportJob.objects.create(kind=ExportJob.Kind.ACTIVITIES_XLSX, requested_by=world.user("staff_x"), **running)

    assert export_service.export_jobs_fail_stale() == 0
    job.refresh_from_db()
    assert job.state == ExportJob.State.RUNNING

    assert export_service.export_jobs_fail_stale(now=timezone.now() + timedelta(minutes=6)) == 1
    job.refresh_from_db()
    assert job.state == ExportJob.State.FAILED


def test_summaries_and_exports_share_the_states_and_their_labels():
    assert Summary.State is ExportJob.State
    assert [str(label) for label in Summary.State.labels] == ["Dalam antrean", "Sedang dibuat", "Selesai", "Gagal"]
