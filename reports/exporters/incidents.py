"""Confidential incident reports of one office (the export that logs a read of every report it holds)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Incident
from .base import CHUNK_SIZE, Column, Exporter, Record, label, local, unit_name


class IncidentExporter(Exporter):
    title = _("Laporan kejadian")
    fields = (
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

    def __init__(self, incidents: QuerySet[Incident]):
        self.incidents = incidents

    def columns(self) -> Sequence[Column]:
        tz = local(timezone.get_current_timezone())
        return [
            Column(_("ID"), "pk"),
            Column(_("Kantor"), "office__name"),
            Column(_("Desa binaan"), "unit__kind", "unit__region__name", "unit__school_name", compute=unit_name()),
            Column(_("Pelapor"), "author__username"),
            Column(_("Kategori"), "category", compute=label(Incident.Category)),
            Column(_("Tingkat urgensi"), "urgency", compute=label(Incident.Urgency)),
            Column(_("Tanggal kejadian"), "occurred_on"),
            Column(_("Tempat kejadian"), "place"),
            Column(_("Apa yang terjadi"), "description"),
            Column(_("Siapa yang terlibat"), "people_involved"),
            Column(_("Status"), "status", compute=label(Incident.Status)),
            Column(_("Dirujuk ke"), "referred_to", compute=label(Incident.ReferredTo)),
            Column(_("Keterangan rujukan"), "referred_to_detail"),
            Column(_("Dilaporkan"), "created_at", compute=tz),
            Column(_("Diubah"), "updated_at", compute=tz),
        ]

    def records(self) -> Iterator[Record]:
        return self.incidents.order_by("occurred_on", "pk").values_list(*self.fields).iterator(chunk_size=CHUNK_SIZE)
