"""The monthly rollup of activity logs (``ActivityMonth``): kept in step with the logs, rebuilt on demand.

``rollup_refresh`` rewrites the cells a change touched from their source rows, in the transaction of the
change: the log services call it after writing. The cells are locked first (created empty if missing, then
``SELECT … FOR UPDATE`` in one order), and only then measured, so two changes of one cell made at the same
time are measured one after the other and the second sees the first: no count is lost. A cell is measured
with ``reports.aggregation.activity_measures``, the same expressions the dashboard applies to the days that
are not whole months, so the counting rules exist once.

``rollup_rebuild`` measures every cell again from the source rows (the backfill of the migration, and
``manage.py rebuild_activity_rollup`` after a bulk load or to repair); ``rollup_differences`` lists the cells
where the rollup and a fresh measurement disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import TruncMonth

from desabinaan.lib.periods import month_bounds

from ..aggregation import MEASURES, activity_measures
from ..models import Activity, ActivityMonth

Cell = tuple[int, int, date]  # unit, office, first day of the month


def month_of(day: date) -> date:
    return date(day.year, day.month, 1)


def cells_of(activity: Activity, *days: date) -> set[Cell]:
    """The cells of ``activity`` on its date and on the other ``days`` (its date before an edit)."""
    return {(activity.unit_id, activity.office_id, month_of(day)) for day in (activity.date, *days)}


def rollup_refresh(cells: Iterable[Cell]) -> None:
    """Measure ``cells`` again from their logs; call inside the transaction that changed them."""
    wanted = sorted(set(cells))
    if not wanted:
        return
    with transaction.atomic():
        ActivityMonth.objects.bulk_create(
            [ActivityMonth(unit_id=unit, office_id=office, month=month) for unit, office, month in wanted],
            ignore_conflicts=True,
        )
        which = Q()
        for unit, office, month in wanted:
            which |= Q(unit_id=unit, office_id=office, month=month)
        locked = list(ActivityMonth.objects.select_for_update().filter(which).order_by("unit_id", "office_id", "month"))
        for row in locked:
            first, last = month_bounds(row.month.year, row.month.month)
            values = Activity.objects.filter(
                unit_id=row.unit_id, office_id=row.office_id, date__gte=first, date__lte=last
            ).aggregate(**activity_measures())
            if values["verified"] or values["pending"]:
                ActivityMonth.objects.filter(pk=row.pk).update(**values)
            else:
                row.delete()  # the last log of the cell went: no empty rows


def _fresh_rows(activities: Any) -> Iterable[dict[str, Any]]:
    return (
        activities.order_by()
        .annotate(month=TruncMonth("date"))
        .values("unit_id", "office_id", "month")
        .annotate(**activity_measures())
        .iterator(chunk_size=5000)
    )


def _of_offices(office_ids: Iterable[int] | None) -> tuple[QuerySet[ActivityMonth], QuerySet[Activity]]:
    """The rollup and the logs of ``office_ids`` (all of them for ``None``)."""
    rollup, activities = ActivityMonth.objects.all(), Activity.objects.all()
    if office_ids is None:
        return rollup, activities
    office_ids = list(office_ids)
    return rollup.filter(office_id__in=office_ids), activities.filter(office_id__in=office_ids)


def rollup_rebuild(*, office_ids: Iterable[int] | None = None, batch_size: int = 5000) -> int:
    """Replace the rollup (of ``office_ids``, or all of it) with a fresh measurement; returns the cells made.

    On PostgreSQL the table is locked against writes meanwhile: a log change waits, then measures its cell
    again after the rebuild has committed, so nothing committed in between is missed.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'LOCK TABLE "{ActivityMonth._meta.db_table}" IN SHARE ROW EXCLUSIVE MODE')
        rollup, activities = _of_offices(office_ids)
        rollup.delete()
        made, batch = 0, []
        for row in _fresh_rows(activities):
            batch.append(ActivityMonth(**{**row, "month": _day(row["month"])}))
            if len(batch) >= batch_size:
                ActivityMonth.objects.bulk_create(batch)
                made, batch = made + len(batch), []
        ActivityMonth.objects.bulk_create(batch)
        return made + len(batch)


def _day(value: date | datetime) -> date:
    # TruncMonth over a DateField gives a date on PostgreSQL and SQLite alike; guard datetimes anyway.
    return value.date() if isinstance(value, datetime) else value


def rollup_differences(*, office_ids: Iterable[int] | None = None) -> list[tuple[Cell, dict[str, int], dict[str, int]]]:
    """Cells whose kept measures differ from a fresh measurement: ``(cell, kept, fresh)`` each."""
    rollup, activities = _of_offices(office_ids)
    kept = {
        (row["unit_id"], row["office_id"], row["month"]): {name: row[name] for name in MEASURES}
        for row in rollup.values("unit_id", "office_id", "month", *MEASURES).iterator(chunk_size=5000)
    }
    fresh = {
        (row["unit_id"], row["office_id"], _day(row["month"])): {name: row[name] for name in MEASURES}
        for row in _fresh_rows(activities)
    }
    zero = dict.fromkeys(MEASURES, 0)
    return [
        (cell, kept.get(cell, zero), fresh.get(cell, zero))
        for cell in sorted(kept.keys() | fresh.keys())
        if kept.get(cell, zero) != fresh.get(cell, zero)
    ]
