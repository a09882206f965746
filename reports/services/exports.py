"""Exports of activities (CSV streamed, XLSX in the request or by a worker) and of incidents (audited).

Rows come from ``values_list(...).iterator(chunk_size=...)``: memory stays flat however many activities
match, and the topics of each chunk come in one extra query.
"""

from __future__ import annotations

import csv
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from villages.models import Office, Unit

from ..models import Activity, ExportJob, Incident, IncidentView

logger = logging.getLogger(__name__)

CHUNK_SIZE = 2000
# Above this many rows an XLSX is built by a worker (openpyxl writes ~20,000 rows/s here).
XLSX_INLINE_LIMIT = 5000

ACTIVITY_FIELDS = (
    "pk",
    "office__name",
    "unit_id",
    "unit__kind",
    "unit__region__name",
    "unit__region_id",
    "unit__school_name",
    "author__username",
    "author__first_name",
    "author__last_name",
    "date",
    "kind",
    "status",
    "place",
    "participants_male",
    "participants_female",
    "calon_pmi_reached",
    "passport_consultations",
    "referrals",
    "notes",
    "attendance_sheet",
    "review_comment",
    "verified_by__username",
    "verified_at",
    "created_at",
    "updated_at",
)


def activity_header() -> list[str]:
    return [
        _("ID"),
        _("Kantor"),
        _("ID desa binaan"),
        _("Desa binaan"),
        _("Kode wilayah"),
        _("Pencatat"),
        _("Tanggal kegiatan"),
        _("Jenis kegiatan"),
        _("Topik"),
        _("Status"),
        _("Tempat"),
        _("Peserta laki-laki"),
        _("Peserta perempuan"),
        _("Jumlah peserta"),
        _("Calon PMI terjangkau"),
        _("Konsultasi paspor"),
        _("Rujukan"),
        _("Catatan"),
        _("Daftar hadir"),
        _("Catatan pemeriksa"),
        _("Diverifikasi oleh"),
        _("Waktu verifikasi"),
        _("Dicatat"),
        _("Diubah"),
    ]


def _local(moment: datetime | None, tz) -> datetime | None:
    # Spreadsheets have no time zones: show Jakarta time, as on screen.
    return moment.astimezone(tz).replace(tzinfo=None) if moment else None


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def activity_rows(activities: QuerySet[Activity], *, chunk_size: int = CHUNK_SIZE) -> Iterator[list]:
    """Typed rows (dates as dates, numbers as ints), the header first."""
    yield activity_header()
    kind_labels = {value: str(label) for value, label in Activity.Kind.choices}
    status_labels = {value: str(label) for value, label in Activity.Status.choices}
    unit_kinds = {value: str(label) for value, label in Unit.Kind.choices}
    through = Activity.topics.through
    tz = timezone.get_current_timezone()  # once: looking it up per cell costs more than the rest of the row
    rows = activities.order_by("date", "pk").values_list(*ACTIVITY_FIELDS).iterator(chunk_size=chunk_size)
    for chunk in _chunks(rows, chunk_size):
        topics: dict[int, list[str]] = {}
        for activity_id, name in (
            through.objects.filter(activity_id__in=[row[0] for row in chunk])
            .order_by("topic__order", "topic__name")
            .values_list("activity_id", "topic__name")
        ):
            topics.setdefault(activity_id, []).append(name)
        for (
            pk,
            office,
            unit_id,
            unit_kind,
            region_name,
            region_code,
            school_name,
            username,
            first_name,
            last_name,
            day,
            kind,
            status,
            place,
            male,
            female,
            pmi,
            consultations,
            referrals,
            notes,
            attendance,
            review_comment,
            verified_by,
            verified_at,
            created_at,
            updated_at,
        ) in chunk:
            unit = school_name if unit_kind == Unit.Kind.SCHOOL else f"{unit_kinds.get(unit_kind, '')} {region_name}"
            yield [
                pk,
                office,
                unit_id,
                unit,
                region_code,
                f"{first_name} {last_name}".strip() or username,
                day,
                kind_labels.get(kind, kind),
                "; ".join(topics.get(pk, [])),
                status_labels.get(status, status),
                place,
                male,
                female,
                male + female,
                pmi,
                consultations,
                referrals,
                notes,
                attendance or "",
                review_comment,
                verified_by or "",
                _local(verified_at, tz),
                _local(created_at, tz),
                _local(updated_at, tz),
            ]


class _Echo:
    def write(self, value: str) -> str:
        return value


FORMULA_START = frozenset("=+-@\t\r")
# Rows are sent in blocks of about this many characters: one write per row would cost more than the row.
CSV_BLOCK = 64 * 1024


def _csv_cell(value) -> object:
    kind = type(value)
    if kind is str:
        # A cell starting with = + - @ would run as a formula in a spreadsheet: keep it text.
        return "'" + value if value and value[0] in FORMULA_START else value
    if kind is datetime:
        return value.isoformat(" ", "minutes")
    if kind is date:
        return value.isoformat()
    return value


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    """CSV text in blocks of about 64 KB, with a BOM so that spreadsheet programs read UTF-8."""
    writer = csv.writer(_Echo())
    cell = _csv_cell
    block, size = ["\ufeff"], 1
    for row in rows:
        line = writer.writerow([cell(value) for value in row])
        block.append(line)
        size += len(line)
        # The header goes at once, so the download starts while the database still sorts the rows.
        if size >= CSV_BLOCK or (len(block) == 2 and block[0] == "\ufeff"):
            yield "".join(block)
            block, size = [], 0
    if block:
        yield "".join(block)


def write_xlsx(
    rows: Iterable[list],
    target,
    *,
    title: str,
    total: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """A write-only workbook (constant memory) with typed cells; returns the number of data rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    count = -1
    bold = Font(bold=True)
    cell: object  # a styled cell, or the plain value
    for row in rows:
        if count < 0:
            cells: list[object] = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                cell.font = bold
                cells.append(cell)
            sheet.append(cells)
        else:
            cells = []
            for value in row:
                if isinstance(value, datetime):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = "dd/mm/yyyy hh:mm"
                elif isinstance(value, date):
                    # openpyxl writes dates as such; its stubs know only datetime here.
                    cell = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]
                    cell.number_format = "dd/mm/yyyy"
                else:
                    cell = _csv_cell(value) if isinstance(value, str) else value
                cells.append(cell)
            sheet.append(cells)
        count += 1
        if on_progress and total and count % 1000 == 0:
            on_progress(min(95, 5 + 90 * count // total))
    workbook.save(target)
    return max(count, 0)


def _filter_form(user: User, params: dict):
    from ..forms.exports import ActivityFilterForm

    return ActivityFilterForm(params, user=user)


def export_request(*, by: User, params: dict[str, str], client_token=None) -> ExportJob:
    """Record a large XLSX export and queue its build once committed (a token is unique per user: the same
    token from another user starts that user's own export)."""
    mine = ExportJob.objects.filter(requested_by=by, client_token=client_token)
    if client_token is not None and (existing := mine.first()):
        return existing
    try:
        with transaction.atomic():
            job = ExportJob.objects.create(
                kind=ExportJob.Kind.ACTIVITIES_XLSX,
                filters=params,
                office_id=params.get("office") or None,
                requested_by=by,
                client_token=client_token,
            )
            from ..tasks import build_activity_export

            transaction.on_commit(lambda: build_activity_export.enqueue(job.pk))
            return job
    except IntegrityError:
        # The same form sent twice at once by this user: the first one won.
        return mine.get()


def export_build(*, job_id: int) -> ExportJob:
    """Build the XLSX of a queued job; the filters are checked again against the requester's scope."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().get(pk=job_id)
        if job.state != ExportJob.State.QUEUED:
            return job
        job.state, job.started_at, job.progress = ExportJob.State.RUNNING, timezone.now(), 1
        job.save(update_fields=["state", "started_at", "progress"])

    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    storage = job.file.storage
    name = storage.get_available_name(f"exports/{timezone.localdate():%Y/%m}/kegiatan-{job.pk}.xlsx")
    temporary = Path(storage.path(name)).with_suffix(".part")
    try:
        form = _filter_form(job.requested_by, job.filters)
        if not form.is_valid():
            return _export_failed(job_id, _("Filter ekspor tidak lagi berlaku untuk akun Anda."))
        activities = form.activities()
        total = activities.count()

        def progress(value: int) -> None:
            ExportJob.objects.filter(pk=job_id).update(progress=value)

        temporary.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            rows = write_xlsx(activity_rows(activities), handle, title=_("Kegiatan"), total=total, on_progress=progress)
        os.replace(temporary, storage.path(name))
    except Exception:
        logger.exception("export %s failed", job_id)
        temporary.unlink(missing_ok=True)
        return _export_failed(job_id, _("Ekspor gagal dibuat karena kesalahan sistem. Silakan coba lagi."))

    with transaction.atomic():
        job = ExportJob.objects.select_for_update().get(pk=job_id)
        job.file.name = name
        job.row_count = rows
        job.state, job.progress, job.finished_at = ExportJob.State.DONE, 100, timezone.now()
        job.save(update_fields=["file", "row_count", "state", "progress", "finished_at"])
    return job


def export_jobs_fail_stale(*, now=None) -> int:
    """Mark exports abandoned by a dead worker as failed (their temporary file is removed with them)."""
    from .summaries import stale_after

    cutoff = (now or timezone.now()) - stale_after()
    count = 0
    for job_id in ExportJob.objects.filter(state=ExportJob.State.RUNNING, started_at__lt=cutoff).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            job = ExportJob.objects.select_for_update().get(pk=job_id)
            if job.state != ExportJob.State.RUNNING:
                continue
            job.state, job.finished_at = ExportJob.State.FAILED, timezone.now()
            job.message = _("Ekspor terhenti (pekerja latar berhenti di tengah jalan). Silakan coba lagi.")
            job.save(update_fields=["state", "message", "finished_at"])
            count += 1
    for leftover in Path(ExportJob._meta.get_field("file").storage.path("exports")).glob("*/*/*.part"):
        if leftover.stat().st_mtime < cutoff.timestamp():
            leftover.unlink(missing_ok=True)
    return count


def _export_failed(job_id: int, message: str) -> ExportJob:
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().get(pk=job_id)
        job.state, job.message, job.finished_at = ExportJob.State.FAILED, message, timezone.now()
        job.save(update_fields=["state", "message", "finished_at"])
        return job


INCIDENT_FIELDS = (
    "pk",
    "office__name",
    "unit__kind",
    "unit__region__name",
    "unit__school_name",
    "author__username",
    "category",
    "urgency",
    "occurred_on",
    "place",
    "description",
    "people_involved",
    "status",
    "referred_to",
    "referred_to_detail",
    "created_at",
    "updated_at",
)


def incident_rows(incidents: QuerySet[Incident]) -> Iterator[list]:
    yield [
        _("ID"),
        _("Kantor"),
        _("Desa binaan"),
        _("Pelapor"),
        _("Kategori"),
        _("Tingkat urgensi"),
        _("Tanggal kejadian"),
        _("Tempat kejadian"),
        _("Apa yang terjadi"),
        _("Siapa yang terlibat"),
        _("Status"),
        _("Dirujuk ke"),
        _("Keterangan rujukan"),
        _("Dilaporkan"),
        _("Diubah"),
    ]
    labels = {
        "category": dict(Incident.Category.choices),
        "urgency": dict(Incident.Urgency.choices),
        "status": dict(Incident.Status.choices),
        "referred_to": dict(Incident.ReferredTo.choices),
        "unit_kind": dict(Unit.Kind.choices),
    }
    tz = timezone.get_current_timezone()
    for row in incidents.order_by("occurred_on", "pk").values_list(*INCIDENT_FIELDS).iterator(chunk_size=CHUNK_SIZE):
        (pk, office, unit_kind, region, school, author, category, urgency, occurred_on, place, description,
         people, status, referred_to, referred_detail, created_at, updated_at) = row  # fmt: skip
        unit = school if unit_kind == Unit.Kind.SCHOOL else f"{labels['unit_kind'].get(unit_kind, '')} {region}"
        yield [
            pk,
            office,
            unit,
            author,
            str(labels["category"].get(category, category)),
            str(labels["urgency"].get(urgency, urgency)),
            occurred_on,
            place,
            description,
            people,
            str(labels["status"].get(status, status)),
            str(labels["referred_to"].get(referred_to, referred_to)) if referred_to else "",
            referred_detail,
            _local(created_at, tz),
            _local(updated_at, tz),
        ]


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


def stored_chunks(field_file, chunk_size: int = 256 * 1024) -> Iterator[bytes]:
    """A stored file's bytes, opened only when the response is read (and closed when done)."""
    with field_file.storage.open(field_file.name, "rb") as handle:
        while chunk := handle.read(chunk_size):
            yield chunk


def download_response(field_file, *, content_type: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(stored_chunks(field_file), content_type=content_type)
    response["Content-Length"] = str(field_file.size)
    response["Content-Disposition"] = f'attachment; filename="{field_file.name.rsplit("/", 1)[-1]}"'
    # Private data: no shared cache may keep it.
    response["Cache-Control"] = "private"
    return response
