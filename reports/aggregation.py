"""Every figure of a summary, computed once: the dashboard and the PDF both read ``compute_figures``.

The queries are grouped (one per breakdown), so their number stays the same however many units or
activities an office has. Only verified activities count: a summary is signed by the head of office, and a
log still waiting for verification (or returned) is shown as a separate "pending" count.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone
from django.utils.translation import get_language

from desabinaan.lib.periods import month_bounds, month_starts
from villages.models import Office, Unit
from villages.selectors import LAUNCHED_STATUSES, units_active_during

from .models import Activity, ActivityMonth, Incident
from .models.rollups import KIND_COLUMNS

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

    def rollup(self) -> QuerySet[ActivityMonth]:
        if self.unit_id is not None:
            return ActivityMonth.objects.filter(unit_id=self.unit_id)
        return ActivityMonth.objects.filter(office_id__in=self.office_ids)

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


# The counting rules, written once. Each measure is additive, so the figures of a period are the sums of the
# figures of its months: ``ActivityMonth`` keeps these very measures per unit, office and month
# (``reports.services.rollups``), and the parts of a period that are not whole months are measured here on
# the source rows with the same expressions.
MEASURES = (
    "verified",
    "pending",
    "participants_male",
    "participants_female",
    "calon_pmi",
    "consultations",
    "referrals",
    *KIND_COLUMNS.values(),
)
Measures = dict[str, int]


def activity_measures() -> dict[str, Count | Sum]:
    """The aggregate of every measure over activity rows: only verified logs count; the rest are "pending"."""
    verified = Q(status=Activity.Status.VERIFIED)
    measures: dict[str, Count | Sum] = {
        "verified": Count("pk", filter=verified),
        "pending": Count("pk", filter=~verified),
        "participants_male": Sum("participants_male", filter=verified, default=0),
        "participants_female": Sum("participants_female", filter=verified, default=0),
        "calon_pmi": Sum("calon_pmi_reached", filter=verified, default=0),
        "consultations": Sum("passport_consultations", filter=verified, default=0),
        "referrals": Sum("referrals", filter=verified, default=0),
    }
    for kind, column in KIND_COLUMNS.items():
        measures[column] = Count("pk", filter=verified & Q(kind=kind))
    return measures


def _add(into: Measures, values: Mapping[str, Any]) -> None:
    for name in MEASURES:
        into[name] = into.get(name, 0) + (values[name] or 0)


def whole_months(start: date, end: date) -> tuple[date, date] | None:
    """The first days of the first and last whole months within ``start``–``end``, or None if there is none."""
    first = start if start.day == 1 else date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    following = end + timedelta(days=1)
    last_end = date(following.year, following.month, 1) - timedelta(days=1)  # the last month end within
    if last_end < first:
        return None
    return first, date(last_end.year, last_end.month, 1)


def _measured(scope: Scope) -> tuple[dict[int, Measures], dict[date, Measures]]:
    """The measures of the scope per unit and per month: whole months from the rollup, the rest from the logs.

    Two grouped queries on ``ActivityMonth`` (by unit, by month), and one on the activity rows for the days
    before the first and after the last whole month, if the period has such days (at most two part months).
    """
    per_unit: dict[int, Measures] = {}
    per_month: dict[date, Measures] = {}
    months = whole_months(scope.start, scope.end)
    parts: list[tuple[date, date]] = []
    if months is None:
        parts.append((scope.start, scope.end))
    else:
        first, last = months
        rollup = scope.rollup().filter(month__gte=first, month__lte=last).order_by()
        sums = {name: Sum(name) for name in MEASURES}
        for by_unit in rollup.values("unit_id").annotate(**sums):
            _add(per_unit.setdefault(by_unit["unit_id"], {}), by_unit)
        for by_month in rollup.values("month").annotate(**sums):
            _add(per_month.setdefault(_as_date(by_month["month"]), {}), by_month)
        if scope.start < first:
            parts.append((scope.start, first - timedelta(days=1)))
        last_end = month_bounds(last.year, last.month)[1]
        if scope.end > last_end:
            parts.append((last_end + timedelta(days=1), scope.end))
    if parts:
        days = Q()
        for part_start, part_end in parts:
            days |= Q(date__gte=part_start, date__lte=part_end)
        rows = (
            scope.activities()
            .filter(days)
            .order_by()
            .annotate(month=TruncMonth("date"))
            .values("unit_id", "month")
            .annotate(**activity_measures())
        )
        for row in rows:
            _add(per_unit.setdefault(row["unit_id"], {}), row)
            _add(per_month.setdefault(_as_date(row["month"]), {}), row)
    return per_unit, per_month


def compute_figures(scope: Scope, *, with_appendix: bool = False) -> Figures:
    """All figures of the scope in five or six grouped queries (one more with the appendix).

    The counts and sums come from ``_measured`` (the rollup for whole months); the units' "aktif" from their
    history; the incidents and the appendix from their rows.
    """
    per_unit, per_month = _measured(scope)
    figures = Figures(scope=scope)
    totals: Measures = {}
    for measures in per_unit.values():
        _add(totals, measures)
    figures.activities = totals.get("verified", 0)
    figures.pending = totals.get("pending", 0)
    figures.participants_male = totals.get("participants_male", 0)
    figures.participants_female = totals.get("participants_female", 0)
    figures.calon_pmi = totals.get("calon_pmi", 0)
    figures.consultations = totals.get("consultations", 0)
    figures.referrals = totals.get("referrals", 0)
    figures.by_kind = [Bar(str(label), totals.get(KIND_COLUMNS[value], 0)) for value, label in Activity.Kind.choices]
    figures.by_month = [
        Bar(formats.date_format(month, "M Y"), per_month.get(month, {}).get("verified", 0))
        for month in month_starts(scope.start, scope.end)
    ]
    reporting = {unit_id: measures for unit_id, measures in per_unit.items() if measures["verified"]}
    names = _add_units(figures, scope, reporting)
    figures.incidents_by_category = _incidents_by_category(scope.incidents())
    if with_appendix:
        figures.appendix, figures.appendix_truncated = _appendix(
            scope.activities().filter(status=Activity.Status.VERIFIED), names
        )
    return figures


class _UnitLine(NamedTuple):
    pk: int
    kind: str
    school_name: str
    status: str
    launch_date: date | None
    region_name: str
    office_name: str


def _add_units(figures: Figures, scope: Scope, per_unit: Mapping[int, Measures]) -> dict[int, str]:
    """A row per unit active in the period or with a verified log in it, with its sums (two queries).

    "Aktif" counts the units active on at least one day of the period, read from their history: a unit
    suspended or retired since still counts, one launched after the period does not. "Melapor" counts those
    of them with at least one verified log dated in the period, so it never exceeds "aktif". (A log dated on a
    day its unit was not active, e.g. entered after a reactivation, still counts in the sums and its row.)

    The units are read as plain rows, not models: 2,000 units with their region and office as model
    instances cost 90 ms nationally. Returns the units' names, which the appendix reuses.
    """
    candidates = [
        _UnitLine(*row)
        for row in scope.units()
        .filter(Q(status__in=LAUNCHED_STATUSES) | Q(pk__in=list(per_unit)))
        .order_by("office__name", "region__name", "school_name", "pk")
        .values_list("pk", "kind", "school_name", "status", "launch_date", "region__name", "office__name")
    ]
    active = units_active_during(candidates, scope.start, scope.end)
    units = [unit for unit in candidates if unit.pk in active or unit.pk in per_unit]
    figures.active_units = len(active)
    figures.units_reporting = len(active & per_unit.keys())
    statuses = {value: str(label) for value, label in Unit.Status.choices}
    kinds = {value: str(label) for value, label in Unit.Kind.choices}
    figures.unit_rows = [_unit_row(unit, per_unit.get(unit.pk, {}), statuses, kinds) for unit in units]
    figures.by_unit = [Bar(row.name, row.activities) for row in figures.unit_rows]
    return {row.unit_id: row.name for row in figures.unit_rows}


def _unit_row(
    unit: _UnitLine, sums: Mapping[str, int], statuses: Mapping[str, str], kinds: Mapping[str, str]
) -> UnitRow:
    # As ``Unit.display_name``.
    name = unit.school_name if unit.kind == Unit.Kind.SCHOOL else f"{kinds[unit.kind]} {unit.region_name}"
    return UnitRow(
        unit_id=unit.pk,
        name=name,
        office_name=unit.office_name,
        status_label=statuses[unit.status],
        activities=sums.get("verified", 0),
        participants_male=sums.get("participants_male", 0),
        participants_female=sums.get("participants_female", 0),
        calon_pmi=sums.get("calon_pmi", 0),
        consultations=sums.get("consultations", 0),
        referrals=sums.get("referrals", 0),
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


FIGURES_CACHE_SECONDS = 600


def data_generation() -> tuple[int | None, ...]:
    """The newest row of each trail the figures depend on, in one query: any change moves one of them.

    Every change of a log writes an ``ActivityEvent``, of an incident an ``IncidentEvent``, of a unit (its
    status, office, name) a ``UnitEvent``; a rebuilt rollup gets new ids, and so does a region import. Only an
    office renamed in the admin is not seen, for at most ``FIGURES_CACHE_SECONDS``.
    """
    from villages.models import RegionImport, UnitEvent

    from .models import ActivityEvent, IncidentEvent

    tables = [model._meta.db_table for model in (ActivityEvent, IncidentEvent, UnitEvent, ActivityMonth, RegionImport)]
    # Table names from the models, no input: nothing to inject.
    sql = "SELECT " + ", ".join(f'(SELECT MAX("id") FROM "{table}")' for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


def figures_key(scope: Scope, *, rows: int, bars: int) -> str:
    """The cache key of a dashboard's figures: it changes whenever the data change (``data_generation``)."""
    identity = repr((scope, rows, bars, get_language(), timezone.localdate(), data_generation()))
    return "reports:figures:" + hashlib.sha256(identity.encode()).hexdigest()


def dashboard_figures(scope: Scope, *, rows: int, bars: int, key: str | None = None) -> Figures:
    """``compute_figures`` kept in the cache until the data change (``figures_key``): the dashboards.

    Kept with the first ``rows`` + 1 unit rows and the ``bars`` + 1 largest unit bars only, which is all a
    dashboard shows (and tells whether there were more): 2,000 rows nationally were 220 KB to unpickle on every
    request. The summary PDF, a signed document, always computes its figures afresh.
    """
    key = key or figures_key(scope, rows=rows, bars=bars)
    figures = cache.get(key)
    if figures is None:
        figures = compute_figures(scope)
        largest = sorted(figures.by_unit, key=lambda bar: -bar.value)[: bars + 1]
        figures = replace(figures, unit_rows=figures.unit_rows[: rows + 1], by_unit=largest)
        cache.set(key, figures, FIGURES_CACHE_SECONDS)
    return figures


def offices_for_letterhead(office_ids: Iterable[int]) -> list[Office]:
    return list(Office.objects.filter(pk__in=list(office_ids)).select_related("kanwil").order_by("name"))
