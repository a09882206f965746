"""Every figure of a summary, computed once: the dashboard and the PDF both read ``compute_figures``.

The queries are grouped (one per breakdown), so their number stays the same however many units or
activities an office has. Only verified activities count: a summary is signed by the head of office, and a
log still waiting for verification (or returned) is shown as a separate "pending" count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import formats

from villages.models import Office, Unit

from .models import Activity, Incident

APPENDIX_LIMIT = 500


@dataclass(frozen=True)
class Scope:
    """Which activities a figure covers: some offices (or one unit) and a closed date range."""

    office_ids: tuple[int, ...]
    start: date
    end: date
    unit_id: int | None = None

    def activities(self) -> QuerySet[Activity]:
        qs = Activity.objects.filter(date__gte=self.start, date__lte=self.end)
        if self.unit_id is not None:
            return qs.filter(unit_id=self.unit_id)
        return qs.filter(office_id__in=self.office_ids)

    def incidents(self) -> QuerySet[Incident]:
        qs = Incident.objects.filter(occurred_on__gte=self.start, occurred_on__lte=self.end)
        if self.unit_id is not None:
            return qs.filter(unit_id=self.unit_id)
        return qs.filter(office_id__in=self.office_ids)

    def units(self) -> QuerySet[Unit]:
        if self.unit_id is not None:
            return Unit.objects.filter(pk=self.unit_id)
        return Unit.objects.filter(office_id__in=self.office_ids)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


@dataclass(frozen=True)
class UnitRow:
    unit_id: int
    name: str
    office_name: str
    status_label: str
    activities: int
    participants_male: int
    participants_female: int
    calon_pmi: int
    consultations: int
    referrals: int

    @property
    def participants(self) -> int:
        return self.participants_male + self.participants_female


@dataclass(frozen=True)
class AppendixRow:
    date: date
    unit: str
    kind: str
    place: str
    participants: int
    calon_pmi: int


@dataclass
class Figures:
    scope: Scope
    activities: int = 0
    pending: int = 0
    participants_male: int = 0
    participants_female: int = 0
    calon_pmi: int = 0
    consultations: int = 0
    referrals: int = 0
    active_units: int = 0
    units_reporting: int = 0
    by_kind: list[Bar] = field(default_factory=list)
    by_month: list[Bar] = field(default_factory=list)
    by_unit: list[Bar] = field(default_factory=list)
    incidents_by_category: list[Bar] = field(default_factory=list)
    unit_rows: list[UnitRow] = field(default_factory=list)
    appendix: list[AppendixRow] = field(default_factory=list)
    appendix_truncated: bool = False

    @property
    def participants(self) -> int:
        return self.participants_male + self.participants_female

    @property
    def incidents(self) -> int:
        return sum(bar.value for bar in self.incidents_by_category)

    @property
    def is_empty(self) -> bool:
        return self.activities == 0


def _months(start: date, end: date) -> list[date]:
    months, current = [], date(start.year, start.month, 1)
    while current <= end:
        months.append(current)
        current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def _as_date(value) -> date:
    # TruncMonth over a DateField gives a date on PostgreSQL and SQLite alike; guard datetimes anyway.
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def compute_figures(scope: Scope, *, with_appendix: bool = False) -> Figures:
    """All figures of the scope in six grouped queries (seven with the appendix)."""
    verified = scope.activities().filter(status=Activity.Status.VERIFIED)
    figures = Figures(scope=scope)

    totals = scope.activities().aggregate(
        activities=Count("pk", filter=Q(status=Activity.Status.VERIFIED)),
        pending=Count("pk", filter=~Q(status=Activity.Status.VERIFIED)),
        male=Sum("participants_male", filter=Q(status=Activity.Status.VERIFIED)),
        female=Sum("participants_female", filter=Q(status=Activity.Status.VERIFIED)),
        calon_pmi=Sum("calon_pmi_reached", filter=Q(status=Activity.Status.VERIFIED)),
        consultations=Sum("passport_consultations", filter=Q(status=Activity.Status.VERIFIED)),
        referrals=Sum("referrals", filter=Q(status=Activity.Status.VERIFIED)),
    )
    figures.activities = totals["activities"] or 0
    figures.pending = totals["pending"] or 0
    figures.participants_male = totals["male"] or 0
    figures.participants_female = totals["female"] or 0
    figures.calon_pmi = totals["calon_pmi"] or 0
    figures.consultations = totals["consultations"] or 0
    figures.referrals = totals["referrals"] or 0

    kinds = dict(verified.order_by().values_list("kind").annotate(n=Count("pk")))
    figures.by_kind = [Bar(str(label), kinds.get(value, 0)) for value, label in Activity.Kind.choices]

    per_month = {
        _as_date(month): n
        for month, n in verified.order_by()
        .annotate(month=TruncMonth("date"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    }
    figures.by_month = [
        Bar(formats.date_format(month, "M Y"), per_month.get(month, 0)) for month in _months(scope.start, scope.end)
    ]

    per_unit = {
        row["unit_id"]: row
        for row in verified.order_by()
        .values("unit_id")
        .annotate(
            n=Count("pk"),
            male=Sum("participants_male"),
            female=Sum("participants_female"),
            calon_pmi=Sum("calon_pmi_reached"),
            consultations=Sum("passport_consultations"),
            referrals=Sum("referrals"),
        )
    }
    units = list(
        scope.units()
        .filter(Q(status__in=[Unit.Status.ACTIVE, Unit.Status.SUSPENDED]) | Q(pk__in=list(per_unit)))
        .select_related("region", "office")
        .order_by("office__name", "region__name", "school_name", "pk")
    )
    figures.active_units = sum(1 for unit in units if unit.status == Unit.Status.ACTIVE)
    figures.units_reporting = sum(1 for unit in units if unit.pk in per_unit)
    for unit in units:
        row: Mapping[str, Any] = per_unit.get(unit.pk, {})
        figures.unit_rows.append(
            UnitRow(
                unit_id=unit.pk,
                name=unit.display_name,
                office_name=unit.office.name,
                status_label=str(unit.get_status_display()),
                activities=row.get("n", 0),
                participants_male=row.get("male") or 0,
                participants_female=row.get("female") or 0,
                calon_pmi=row.get("calon_pmi") or 0,
                consultations=row.get("consultations") or 0,
                referrals=row.get("referrals") or 0,
            )
        )
    figures.by_unit = [Bar(row.name, row.activities) for row in figures.unit_rows]

    # Counts only: a summary never carries anything that could identify a person in a report.
    categories = dict(scope.incidents().order_by().values_list("category").annotate(n=Count("pk")))
    figures.incidents_by_category = [
        Bar(str(label), categories.get(value, 0)) for value, label in Incident.Category.choices
    ]

    if with_appendix:
        names = {unit.pk: unit.display_name for unit in units}
        kind_labels = dict(Activity.Kind.choices)
        rows = list(
            verified.order_by("date", "pk").values_list(
                "date", "unit_id", "kind", "place", "participants_male", "participants_female", "calon_pmi_reached"
            )[: APPENDIX_LIMIT + 1]
        )
        figures.appendix_truncated = len(rows) > APPENDIX_LIMIT
        figures.appendix = [
            AppendixRow(
                date=day,
                unit=names.get(unit_id, ""),
                kind=str(kind_labels.get(kind, kind)),
                place=place,
                participants=male + female,
                calon_pmi=pmi,
            )
            for day, unit_id, kind, place, male, female, pmi in rows[:APPENDIX_LIMIT]
        ]
    return figures


def offices_for_letterhead(office_ids: Iterable[int]) -> list[Office]:
    return list(Office.objects.filter(pk__in=list(office_ids)).select_related("kanwil").order_by("name"))
