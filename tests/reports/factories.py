"""Rows for the reports tests, written directly (the services under test are called by the tests)."""

import hashlib
import itertools
from datetime import date

from django.core.files.base import ContentFile
from django.utils import timezone

from reports.models import Activity, Incident, Summary
from reports.services.rollups import cells_of, rollup_refresh
from tests import factories as f

_seq = itertools.count(1)


def make_activity(unit, *, author=None, day: date = date(2026, 2, 10), **fields) -> Activity:
    fields.setdefault("kind", Activity.Kind.SOSIALISASI)
    fields.setdefault("place", f"Balai warga {next(_seq)}")
    fields.setdefault("participants_male", 10)
    fields.setdefault("participants_female", 12)
    fields.setdefault("calon_pmi_reached", 3)
    fields.setdefault("passport_consultations", 2)
    fields.setdefault("referrals", 1)
    fields.setdefault("status", Activity.Status.VERIFIED)
    activity = Activity.objects.create(
        unit=unit, office_id=unit.office_id, author=author or f.make_user(), date=day, **fields
    )
    rollup_refresh(cells_of(activity))  # as the services do: the dashboards read the monthly rollup
    return activity


def make_incident(unit, *, author=None, day: date = date(2026, 2, 12), **fields) -> Incident:
    fields.setdefault("category", Incident.Category.TRAFFICKING)
    fields.setdefault("urgency", Incident.Urgency.MEDIUM)
    fields.setdefault("place", "Dermaga")
    fields.setdefault("description", "Rahasia: ada perekrut tanpa izin.")
    fields.setdefault("people_involved", "Nama Rahasia")
    return Incident.objects.create(
        unit=unit, office_id=unit.office_id, author=author or f.make_user(), occurred_on=day, **fields
    )


def make_summary(office, *, by, unit=None, content: bytes = b"%PDF-1.7\n%fake\n", **fields) -> Summary:
    """A finished summary with a stored file (tests of the render itself go through the service)."""
    fields.setdefault("period_kind", Summary.PeriodKind.QUARTER)
    fields.setdefault("period_start", date(2026, 1, 1))
    fields.setdefault("period_end", date(2026, 3, 31))
    fields.setdefault("state", Summary.State.DONE)
    summary = Summary.objects.create(
        office=office,
        unit=unit,
        generated_by=by,
        verification_code=f"TEST{next(_seq):06d}",
        sha256=hashlib.sha256(content).hexdigest(),
        finished_at=timezone.now(),
        progress=100,
        **fields,
    )
    if summary.state == Summary.State.DONE:
        summary.file.save(f"ringkasan-{summary.verification_code}.pdf", ContentFile(content), save=True)
    return summary


def make_export_job(by, *, content: bytes = b"PK\x03\x04fake", **fields):
    from reports.models import ExportJob

    fields.setdefault("kind", ExportJob.Kind.ACTIVITIES_XLSX)
    fields.setdefault("state", ExportJob.State.DONE)
    job = ExportJob.objects.create(requested_by=by, progress=100, finished_at=timezone.now(), **fields)
    if job.state == ExportJob.State.DONE:
        job.file.save(f"kegiatan-{job.pk}.xlsx", ContentFile(content), save=True)
    return job
