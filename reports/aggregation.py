"""Every figure of a summary, computed once: the dashboard and the PDF both read ``compute_figures``.

The queries are grouped (one per breakdown), so their number stays the same however many units or
activities an office has. Only verified activities count: a summary is signed by the head of office, and a
log still waiting for verification (or returned) is shown as a separate "pending" count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import formats

from desabinaan.lib.periods import month_starts
from villages.models import Office, Unit
from villages.selectors import LAUNCHED_STATUSES, units_active_during

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
    active_units: int = 0  # units active on at least one day of the period (``_add_units``)
    units_reporting: int = 0  # of those, the units with a verified log dated in the period
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


def _as_date(value: date | datetime) -> date:
    # TruncMonth over a DateField gives a date on PostgreSQL and SQLite alike; guard datetimes anyway.
    return value.date() if isinstance(value, datetime) else value


def compute_figures(scope: Scope, *, with_appendix: bool = False) -> Figures:
    """All figures of the scope in seven grouped queries (eight with the appendix): one per breakdown."""
    verified = scope.activities().filter(status=Activity.Status.VERIFIED)
    figures = Figures(scope=scope)
    _add_totals(figures, scope.activities())
    figures.by_kind = _by_kind(verified)
    figures.by_month = _by_month(verified, scope.start, scope.end)
    units = _add_units(figures, scope, verified)
    figures.incidents_by_category = _incidents_by_category(scope.incidents())
    if with_appendix:
        figures.appendix, figures.appendix_truncated = _appendix(
            verified, {unit.pk: unit.display_name for unit in units}
        )
    return figures


def _add_totals(figures: Figures, activities: QuerySet[Activity]) -> None:
    """Counts and sums of verified logs, and how many logs still wait for verification (one query)."""
    verified = Q(status=Activity.Status.VERIFIED)
    totals = activities.aggregate(
        activities=Count("pk", filter=verified),
        pending=Count("pk", filter=~verified),
        male=Sum("participants_male", filter=verified),
        female=Sum("participants_female", filter=verified),
        calon_pmi=Sum("calon_pmi_reached", filter=verified),
        consultations=Sum("passport_consultations", filter=verified),
        referrals=Sum("referrals", filter=verified),
    )
    figures.activities = totals["activities"] or 0
    figures.pending = totals["pending"] or 0
    figures.participants_male = totals["male"] or 0
    figures.participants_female = totals["female"] or 0
    figures.calon_pmi = totals["calon_pmi"] or 0
    figures.consultations = totals["consultations"] or 0
    figures.referrals = totals["referrals"] or 0


def _by_kind(verified: QuerySet[Activity]) -> list[Bar]:
    """One bar per kind of activity, every kind shown (one query)."""
    kinds = dict(verified.order_by().values_list("kind").annotate(n=Count("pk")))
    return [Bar(str(label), kinds.get(value, 0)) for value, label in Activity.Kind.choices]


def _by_month(verified: QuerySet[Activity], start: date, end: date) -> list[Bar]:
    """One bar per month of the period, months without a log included (one query)."""
    per_month = {
        _as_date(month): n
        for month, n in verified.order_by()
        .annotate(month=TruncMonth("date"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    }
    return [Bar(formats.date_format(month, "M Y"), per_month.get(month, 0)) for month in month_starts(start, end)]


def _add_units(figures: Figures, scope: Scope, verified: QuerySet[Activity]) -> list[Unit]:
    """A row per unit active in the period or with a verified log in it, with its sums (three queries).

    "Aktif" counts the units active on at least one day of the period, read from their history: a unit
    suspended or retired since still counts, one launched after the period does not. "Melapor" counts those
    of them with at least one verified log dated in the period, so it never exceeds "aktif". (A log dated on a
    day its unit was not active, e.g. entered after a reactivation, still counts in the sums and its row.)

    Returns the units, whose names the appendix reuses.
    """
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
    candidates = list(
        scope.units()
        .filter(Q(status__in=LAUNCHED_STATUSES) | Q(pk__in=list(per_unit)))
        .select_related("region", "office")
        .order_by("office__name", "region__name", "school_name", "pk")
    )
    active = units_active_during(candidates, scope.start, scope.end)
    units = [unit for unit in candidates if unit.pk in active or unit.pk in per_unit]
    figures.active_units = len(active)
    figures.units_reporting = len(active & per_unit.keys())
    figures.unit_rows = [_unit_row(unit, per_unit.get(unit.pk, {})) for unit in units]
    figures.by_unit = [Bar(row.name, row.activities) for row in figures.unit_rows]
    return units


def _unit_row(unit: Unit, sums: Mapping[str, Any]) -> UnitRow:
    return UnitRow(
        unit_id=unit.pk,
        name=unit.display_name,
        office_name=unit.office.name,
        status_label=str(unit.get_status_display()),
        activities=sums.get("n", 0),
        participants_male=sums.get("male") or 0,
        participants_female=sums.get("female") or 0,
        calon_pmi=sums.get("calon_pmi") or 0,
        consultations=sums.get("consultations") or 0,
        referrals=sums.get("referrals") or 0,
    )


def _incidents_by_category(incidents: QuerySet[Incident]) -> list[Bar]:
    """Counts only: a summary never carries anything that could identify a person in a report (one query)."""
    categories = dict(incidents.order_by().values_list("category").annotate(n=Count("pk")))
    return [Bar(str(label), categories.get(value, 0)) for value, label in Incident.Category.choices]


def _appendix(verified: QuerySet[Activity], unit_names: Mapping[int, str]) -> tuple[list[AppendixRow], bool]:
    """The first ``APPENDIX_LIMIT`` verified logs by date, and whether there were more (one query)."""
    kind_labels = dict(Activity.Kind.choices)
    rows = list(
        verified.order_by("date", "pk").values_list(
            "date", "unit_id", "kind", "place", "participants_male", "participants_female", "calon_pmi_reached"
        )[: APPENDIX_LIMIT + 1]
    )
    appendix = [
        AppendixRow(
            date=day,
            unit=unit_names.get(unit_id, ""),
            kind=str(kind_labels.get(kind, kind)),
            place=place,
            participants=male + female,
            calon_pmi=pmi,
        )
        for day, unit_id, kind, place, male, female, pmi in rows[:APPENDIX_LIMIT]
    ]
    return appendix, len(rows) > APPENDIX_LIMIT


def offices_for_letterhead(office_ids: Iterable[int]) -> list[Office]:
    return list(Office.objects.filter(pk__in=list(office_ids)).select_related("kanwil").order_by("name"))
