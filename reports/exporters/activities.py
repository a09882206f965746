"""Activities with every field, as the filters on screen select them (CSV streamed, XLSX in the request or by
a worker). Rows come from ``values_list(...).iterator(chunk_size=...)``: memory stays flat however many
activities match, and the topics of each chunk come in one extra query."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Activity
from .base import CHUNK_SIZE, Column, Exporter, Record, chunks, label, local, or_empty, unit_name

# Above this many rows an XLSX is built by a worker (openpyxl writes ~20,000 rows/s here).
XLSX_INLINE_LIMIT = 5000


def _author(first_name: str, last_name: str, username: str) -> str:
    return f"{first_name} {last_name}".strip() or username


def _sum(male: int, female: int) -> int:
    return male + female


class ActivityExporter(Exporter):
    title = _("Kegiatan")
    fields = (
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

    def __init__(self, activities: QuerySet[Activity], *, chunk_size: int = CHUNK_SIZE):
        self.activities = activities
        self.chunk_size = chunk_size
        self._topics: dict[int, list[str]] = {}  # of the chunk being written (``records`` fills it)

    def columns(self) -> Sequence[Column]:
        tz = local(timezone.get_current_timezone())  # once: looking it up per cell costs more than the row
        return [
            Column(_("ID"), "pk"),
            Column(_("Kantor"), "office__name"),
            Column(_("ID desa binaan"), "unit_id"),
            Column(_("Desa binaan"), "unit__kind", "unit__region__name", "unit__school_name", compute=unit_name()),
            Column(_("Kode wilayah"), "unit__region_id"),
            Column(_("Pencatat"), "author__first_name", "author__last_name", "author__username", compute=_author),
            Column(_("Tanggal kegiatan"), "date"),
            Column(_("Jenis kegiatan"), "kind", compute=label(Activity.Kind)),
            Column(_("Topik"), "pk", compute=self._topic_names),
            Column(_("Status"), "status", compute=label(Activity.Status)),
            Column(_("Tempat"), "place"),
            Column(_("Peserta laki-laki"), "participants_male"),
            Column(_("Peserta perempuan"), "participants_female"),
            Column(_("Jumlah peserta"), "participants_male", "participants_female", compute=_sum),
            Column(_("Calon PMI terjangkau"), "calon_pmi_reached"),
            Column(_("Konsultasi paspor"), "passport_consultations"),
            Column(_("Rujukan"), "referrals"),
            Column(_("Catatan"), "notes"),
            Column(_("Daftar hadir"), "attendance_sheet", compute=or_empty),
            Column(_("Catatan pemeriksa"), "review_comment"),
            Column(_("Diverifikasi oleh"), "verified_by__username", compute=or_empty),
            Column(_("Waktu verifikasi"), "verified_at", compute=tz),
            Column(_("Dicatat"), "created_at", compute=tz),
            Column(_("Diubah"), "updated_at", compute=tz),
        ]

    def _topic_names(self, pk: int) -> str:
        return "; ".join(self._topics.get(pk, []))

    def records(self) -> Iterator[Record]:
        """The activities by date; before each chunk, the names of its topics (one query a chunk)."""
        through = Activity.topics.through
        rows = self.activities.order_by("date", "pk").values_list(*self.fields).iterator(chunk_size=self.chunk_size)
        for chunk in chunks(rows, self.chunk_size):
            self._topics = {}
            for activity_id, name in (
                through.objects.filter(activity_id__in=[row[0] for row in chunk])
                .order_by("topic__order", "topic__name")
                .values_list("activity_id", "topic__name")
            ):
                self._topics.setdefault(activity_id, []).append(name)
            yield from chunk


def activity_rows(activities: QuerySet[Activity], *, chunk_size: int = CHUNK_SIZE) -> Iterator[list]:
    """The header, then one typed row an activity (dates as dates, numbers as ints)."""
    return ActivityExporter(activities, chunk_size=chunk_size).rows()
