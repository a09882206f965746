"""Exports: a large activities XLSX built by a worker, and the audited export of incidents.

The rows and the file formats are the exporters' (``reports.exporters``); the job's life cycle is
``reports.services.jobs``. What is left here is what is particular to exports: which file a job writes, and
the audit trail of a confidential export.
"""

from __future__ import annotations

import logging
import os
import uuid
from datetime import date, datetime
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from villages.models import Office

from ..exporters.activities import ActivityExporter
from ..forms.exports import ActivityFilterForm
from ..models import ExportJob, Incident, IncidentView
from .jobs import job_fail, job_finish, job_progress, job_request, job_start, jobs_fail_stale, stale_after

logger = logging.getLogger(__name__)


def export_request(*, by: User, params: dict[str, str], client_token: uuid.UUID | None = None) -> ExportJob:
    """Record a large XLSX export and queue its build once committed (a token is unique per user: the same
    token from another user starts that user's own export)."""
    return job_request(
        ExportJob,
        by=by,
        client_token=client_token,
        create=lambda: ExportJob.objects.create(
            kind=ExportJob.Kind.ACTIVITIES_XLSX,
            filters=params,
            office_id=params.get("office") or None,
            requested_by=by,
            client_token=client_token,
        ),
    )


def export_build(*, job_id: int) -> ExportJob:
    """Build the XLSX of a queued job; the filters are checked again against the requester's scope."""
    if job_start(ExportJob, job_id=job_id, progress=1) is None:
        return ExportJob.objects.get(pk=job_id)
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    storage = job.file.storage
    name = storage.get_available_name(f"exports/{timezone.localdate():%Y/%m}/kegiatan-{job.pk}.xlsx")
    temporary = Path(storage.path(name)).with_suffix(".part")
    try:
        form = ActivityFilterForm(job.filters, user=job.requested_by)
        if not form.is_valid():
            return job_fail(ExportJob, job_id=job_id, message=_("Filter ekspor tidak lagi berlaku untuk akun Anda."))
        activities = form.activities()
        total = activities.count()
        temporary.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            rows = ActivityExporter(activities).xlsx(
                handle, total=total, on_progress=lambda value: job_progress(ExportJob, job_id=job_id, progress=value)
            )
        os.replace(temporary, storage.path(name))
    except Exception:
        logger.exception("export %s failed", job_id)
        temporary.unlink(missing_ok=True)
        message = _("Ekspor gagal dibuat karena kesalahan sistem. Silakan coba lagi.")
        return job_fail(ExportJob, job_id=job_id, message=message)
    job = job_finish(ExportJob, job_id=job_id, values={"file": name, "row_count": rows})
    if job.state != ExportJob.State.DONE:  # swept as abandoned meanwhile: its verdict stands, the file goes
        storage.delete(name)
    return job


def export_jobs_fail_stale(*, now: datetime | None = None) -> int:
    """Mark exports abandoned by a dead worker as failed, and remove the temporary files such workers left."""
    message = _("Ekspor terhenti (pekerja latar berhenti di tengah jalan). Silakan coba lagi.")
    count = jobs_fail_stale(ExportJob, message=message, now=now)
    cutoff = (now or timezone.now()) - stale_after()
    for leftover in Path(ExportJob._meta.get_field("file").storage.path("exports")).glob("*/*/*.part"):
        if leftover.stat().st_mtime < cutoff.timestamp():
            leftover.unlink(missing_ok=True)
    return count


@transaction.atomic
def incidents_export(*, by: User, office: Office, start: date, end: date) -> tuple[ExportJob, QuerySet[Incident]]:
    """Record who exported which confidential reports and return what they may download.

    The export is one audit row, and each exported report gets a row in its own read log (as if opened, with
    the reason), so a report's page tells its staff every time it left the portal. The download holds exactly
    the logged reports: one written after the log is not in the file.
    """
    now = timezone.now()
    ids = list(
        Incident.objects.filter(office=office, occurred_on__gte=start, occurred_on__lte=end).values_list(
            "pk", flat=True
        )
    )
    job = ExportJob.objects.create(
        kind=ExportJob.Kind.INCIDENTS_CSV,
        filters={"office": str(office.pk), "start": start.isoformat(), "end": end.isoformat()},
        office=office,
        requested_by=by,
        state=ExportJob.State.DONE,
        progress=100,
        row_count=len(ids),
        started_at=now,
        finished_at=now,
    )
    IncidentView.objects.bulk_create(
        IncidentView(incident_id=pk, user=by, at=now, reason=IncidentView.Reason.CSV_EXPORT, export=job) for pk in ids
    )
    return job, Incident.objects.filter(views__export=job)
