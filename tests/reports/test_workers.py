"""Summaries render in workers: the database queue (db_worker), RQ on the real Redis, and dead workers."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reports.models import Summary
from reports.services import summaries as summary_service
from tests.reports.factories import make_activity


def request_summary(world, **kwargs) -> Summary:
    return summary_service.summary_request(
        by=world.user("staff_x"),
        office=world.office_x,
        unit=None,
        period_kind=Summary.PeriodKind.QUARTER,
        start=date(2026, 1, 1),
        end=date(2026, 3, 31),
        **kwargs,
    )


@pytest.mark.django_db(transaction=True)
def test_db_worker_renders_a_summary_queued_on_commit(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    make_activity(world.unit_a, day=date(2026, 2, 1))
    from django_tasks_db.models import DBTaskResult

    summary = request_summary(world)

    summary.refresh_from_db()
    assert summary.state == Summary.State.QUEUED
    assert DBTaskResult.objects.filter(
        task_path="reports.tasks.generate_summary", args_kwargs__args=[summary.pk]
    ).exists()
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    summary.refresh_from_db()
    assert summary.state == Summary.State.DONE
    assert Path(summary.file.path).read_bytes().startswith(b"%PDF-")


@pytest.mark.django_db(transaction=True)
def test_rq_worker_on_the_real_redis_renders_a_summary(world, settings):
    import django_rq
    import rq
    from django_tasks_rq import Job

    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/13", "DEFAULT_TIMEOUT": 600}}
    settings.RQ = {"JOB_CLASS": "django_tasks_rq.Job"}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default", job_class=Job)
    queue.empty()
    make_activity(world.unit_a, day=date(2026, 2, 1))

    summary = request_summary(world)

    assert queue.count == 1
    summary.refresh_from_db()
    assert summary.state == Summary.State.QUEUED
    worker = django_rq.get_worker("default", worker_class=rq.SimpleWorker, job_class=Job)
    worker.work(burst=True)
    summary.refresh_from_db()
    assert summary.state == Summary.State.DONE
    assert summary.sha256
    assert queue.count == 0


class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside: nothing after this line runs, no except clause sees it."""


def test_a_worker_killed_mid_render_leaves_the_summary_failed_without_a_file_and_again_works(
    world, client_for, monkeypatch, django_capture_on_commit_callbacks
):
    def killed(html):
        raise WorkerKilled

    monkeypatch.setattr("desabinaan.lib.pdf.html_to_pdf", killed)
    summary = request_summary(world)  # the task is not run: the worker below takes it
    with pytest.raises(WorkerKilled):
        summary_service.summary_generate(summary_id=summary.pk)
    summary.refresh_from_db()
    assert summary.state == Summary.State.RUNNING
    monkeypatch.undo()

    # Still within the time a render may take: left alone.
    client = client_for("staff_x")
    client.get(summary.get_absolute_url())
    summary.refresh_from_db()
    assert summary.state == Summary.State.RUNNING

    Summary.objects.filter(pk=summary.pk).update(started_at=timezone.now() - timedelta(hours=1))
    body = client.get(summary.get_absolute_url()).content.decode()

    summary.refresh_from_db()
    assert summary.state == Summary.State.FAILED
    assert "terhenti" in summary.message and "terhenti" in body
    assert not summary.file
    assert not list(Path(summary.file.storage.location).rglob("*.pdf*"))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:summary_regenerate", args=[summary.pk]))
    again = Summary.objects.exclude(pk=summary.pk).get()
    assert again.state == Summary.State.DONE
    assert Path(again.file.path).exists()


def test_a_worker_killed_while_writing_leaves_only_a_temporary_file_that_the_sweep_removes(world, monkeypatch):
    def killed(fd):
        raise WorkerKilled

    monkeypatch.setattr("reports.services.summaries.os.fsync", killed)
    summary = request_summary(world)
    with pytest.raises(WorkerKilled):
        summary_service.summary_generate(summary_id=summary.pk)
    monkeypatch.undo()
    summary.refresh_from_db()
    assert summary.state == Summary.State.RUNNING
    media = Path(summary.file.storage.location)
    leftovers = list(media.rglob("*"))
    assert [p.name for p in leftovers if p.is_file()] == [f".{Path(summary_service._file_name(summary)).name}.part"]

    swept = summary_service.summaries_fail_stale(now=timezone.now() + timedelta(hours=1))

    summary.refresh_from_db()
    assert swept == 1
    assert summary.state == Summary.State.FAILED
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_a_task_delivered_twice_renders_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        summary = request_summary(world)
    summary.refresh_from_db()
    first = (summary.file.name, summary.sha256, summary.finished_at)

    summary_service.summary_generate(summary_id=summary.pk)

    summary.refresh_from_db()
    assert (summary.file.name, summary.sha256, summary.finished_at) == first
    assert len(list(Path(summary.file.storage.location).rglob("*.pdf"))) == 1
