"""Reads of activity logs, each scoped to the user: unit members see their unit's logs, staff their office's,
oversight the logs of the offices it oversees (DESIGN §3: read only, the same logs its exports hold; no
predicate in ``permissions.activities`` lets it change one). Superusers use the Django admin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Case, Count, F, Min, OuterRef, Q, QuerySet, Subquery, Sum, Value, When, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404

from desabinaan.lib.periods import quarter_bounds, quarter_numeral, quarter_of
from villages.models import Unit
from villages.roles import roles_of

from ..models import Activity, ActivityPhoto

AnyUser = User | AnonymousUser

# A unit without any log for this many days stands out on the staff overview.
QUIET_AFTER_DAYS = 60
RECENT_PER_UNIT = 5


def quarter_label(today: date) -> str:
    """ "III 2026": the triwulan containing ``today``."""
    year, quarter = quarter_of(today)
    return f"{quarter_numeral(quarter)} {year}"


def activities_visible_to(user: AnyUser) -> QuerySet[Activity]:
    """Logs the user may read: of their units, of the offices where they work, of the offices they oversee."""
    roles = roles_of(user)
    if roles.oversight_national:
        return Activity.objects.all()
    scope = Q(office_id__in=roles.staff_office_ids) | Q(unit_id__in=roles.unit_roles.keys())
    if roles.oversight_kanwil_ids:
        scope |= Q(office__kanwil_id__in=roles.oversight_kanwil_ids)
    return Activity.objects.filter(scope)


def activity_get_for_user(user: AnyUser, pk: int) -> Activity:
    """The log, or 404 for anyone outside its unit, its office and the oversight of its office."""
    qs = activities_visible_to(user).select_related("unit__region", "office", "author", "verified_by")
    return get_object_or_404(qs, pk=pk)


def activity_photo_get_for_user(user: AnyUser, activity_pk: int, photo_pk: int) -> ActivityPhoto:
    return get_object_or_404(
        ActivityPhoto.objects.filter(activity__in=activities_visible_to(user)), activity_id=activity_pk, pk=photo_pk
    )


def loggable_units_for(user: AnyUser) -> QuerySet[Unit]:
    """Active units the user belongs to: where they may log activities and report incidents."""
    return Unit.objects.filter(pk__in=roles_of(user).unit_roles.keys(), status=Unit.Status.ACTIVE).select_related(
        "region", "office"
    )


def staff_units_for(user: AnyUser) -> QuerySet[Unit]:
    """Live units of the offices where the user does immigration work."""
    return Unit.objects.filter(office_id__in=roles_of(user).staff_office_ids, status__in=Unit.LIVE_STATUSES)


@dataclass
class QuarterFigures:
    activities: int = 0
    participants: int = 0
    calon_pmi: int = 0
    consultations: int = 0


@dataclass
class UnitCard:
    unit: Unit
    can_log: bool
    figures: QuarterFigures
    recent: list[Activity] = field(default_factory=list)


def _quarter_figures(unit_ids: list[int], start: date, end: date) -> dict[int, QuarterFigures]:
    rows = (
        Activity.objects.filter(unit_id__in=unit_ids, date__range=(start, end))
        .values("unit_id")
        .annotate(
            n=Count("pk"),
            male=Sum("participants_male"),
            female=Sum("participants_female"),
            pmi=Sum("calon_pmi_reached"),
            consult=Sum("passport_consultations"),
        )
        .order_by()
    )
    return {
        row["unit_id"]: QuarterFigures(
            activities=row["n"],
            participants=(row["male"] or 0) + (row["female"] or 0),
            calon_pmi=row["pmi"] or 0,
            consultations=row["consult"] or 0,
        )
        for row in rows
    }


def officer_home_cards(user: AnyUser, *, today: date) -> list[UnitCard]:
    """For each of the user's units: this quarter's figures and the latest logs (three queries in all)."""
    units = list(
        Unit.objects.filter(pk__in=roles_of(user).unit_roles.keys())
        .exclude(status__in=[Unit.Status.REJECTED, Unit.Status.PROPOSED])
        .select_related("region", "office")
        .order_by("region__name", "school_name")
    )
    if not units:
        return []
    ids = [u.pk for u in units]
    start, end = quarter_bounds(*quarter_of(today))
    figures = _quarter_figures(ids, start, end)
    # One query for the latest logs of every unit, instead of one per unit.
    ranked = (
        Activity.objects.filter(unit_id__in=ids)
        .annotate(rank=Window(RowNumber(), partition_by=[F("unit_id")], order_by=[F("date").desc(), F("pk").desc()]))
        .filter(rank__lte=RECENT_PER_UNIT)
        .order_by("unit_id", "-date", "-pk")
    )
    recent: dict[int, list[Activity]] = {}
    for activity in ranked:
        recent.setdefault(activity.unit_id, []).append(activity)
    return [
        UnitCard(
            unit=u,
            can_log=u.status == Unit.Status.ACTIVE,
            figures=figures.get(u.pk, QuarterFigures()),
            recent=recent.get(u.pk, []),
        )
        for u in units
    ]


def member_units_for(user: AnyUser) -> QuerySet[Unit]:
    """The units the user logs for (officer or coordinator), whatever their state now: their logs stay theirs."""
    return (
        Unit.objects.filter(pk__in=roles_of(user).unit_roles.keys())
        .exclude(status__in=[Unit.Status.REJECTED, Unit.Status.PROPOSED])
        .select_related("region")
        .order_by("region__name", "school_name", "pk")
    )


def unit_activities_for(
    user: AnyUser,
    *,
    unit: Unit | None = None,
    status: str = "",
    start: date | None = None,
    end: date | None = None,
) -> QuerySet[Activity]:
    """Logs of the user's own units, newest first (by activity date, then by when they were logged)."""
    qs = Activity.objects.filter(unit_id__in=roles_of(user).unit_roles.keys())
    if unit is not None:
        qs = qs.filter(unit=unit)
    if status:
        qs = qs.filter(status=status)
    if start is not None:
        qs = qs.filter(date__gte=start)
    if end is not None:
        qs = qs.filter(date__lte=end)
    return qs.select_related("unit__region").order_by("-date", "-created_at", "-pk")


def first_activity_date_for(user: AnyUser) -> date | None:
    """The date of the oldest log of the user's units: where the list's choice of periods begins."""
    first = Activity.objects.filter(unit_id__in=roles_of(user).unit_roles.keys()).aggregate(first=Min("date"))
    return first["first"]


@dataclass(frozen=True)
class ReturnedLogs:
    """Logs of the user's units that staff returned for correction: how many, and the log when it is one."""

    count: int = 0
    only: Activity | None = None


def activities_to_fix_for(user: AnyUser) -> QuerySet[Activity]:
    """Logs of the user's own units that staff returned: they wait for the unit to fix and resubmit them.

    The one definition behind the officer's banner and the count on the task page, so both always agree.
    """
    return Activity.objects.filter(unit_id__in=roles_of(user).unit_roles.keys(), status=Activity.Status.RETURNED)


def returned_activities_for(user: AnyUser) -> ReturnedLogs:
    """The returned logs waiting for the user's units to fix them (one query, two when there are many)."""
    qs = activities_to_fix_for(user)
    first = list(qs.select_related("unit__region").order_by("-date", "-created_at", "-pk")[:2])
    if len(first) < 2:
        return ReturnedLogs(count=len(first), only=first[0] if first else None)
    return ReturnedLogs(count=qs.count())


def staff_queue(
    user: AnyUser,
    *,
    unit: Unit | None = None,
    kind: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    status: str = Activity.Status.SUBMITTED,
) -> QuerySet[Activity]:
    """Logs of the user's offices, newest first, filtered as on screen (every filter is on an index)."""
    qs = Activity.objects.filter(office_id__in=roles_of(user).staff_office_ids)
    if status:
        qs = qs.filter(status=status)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if kind:
        qs = qs.filter(kind=kind)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    return qs.select_related("unit__region", "author").order_by("-date", "-pk")


def staff_status_counts(user: AnyUser, statuses: tuple[str, ...]) -> dict[str, int]:
    """How many logs of the user's offices are in each of ``statuses``, in one query (the task page)."""
    counts = dict(
        Activity.objects.filter(office_id__in=roles_of(user).staff_office_ids, status__in=statuses)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return {status: counts.get(status, 0) for status in statuses}


@dataclass
class UnitOverview:
    unit: Unit
    last_date: date | None
    figures: QuarterFigures
    quiet: bool


def staff_overview_units(user: AnyUser) -> QuerySet[Unit]:
    """Live units of the user's offices: active ones first, the quietest on top (never logged, then the
    oldest last log); then units not (or no longer) active."""
    last = Activity.objects.filter(unit_id=OuterRef("pk")).order_by("-date").values("date")[:1]
    return (
        staff_units_for(user)
        .select_related("region", "office")
        .annotate(
            last_date=Subquery(last),
            inactive=Case(When(status=Unit.Status.ACTIVE, then=Value(0)), default=Value(1)),
        )
        .order_by("inactive", F("last_date").asc(nulls_first=True), "region__name", "school_name", "pk")
    )


def staff_overview_rows(units: list[Unit], *, today: date) -> list[UnitOverview]:
    start, end = quarter_bounds(*quarter_of(today))
    figures = _quarter_figures([u.pk for u in units], start, end)
    quiet_before = today - timedelta(days=QUIET_AFTER_DAYS)
    rows = []
    for u in units:
        last_date: date | None = u.last_date  # type: ignore[attr-defined]  # annotated by staff_overview_units
        quiet = u.status == Unit.Status.ACTIVE and (last_date is None or last_date < quiet_before)
        rows.append(UnitOverview(unit=u, last_date=last_date, figures=figures.get(u.pk, QuarterFigures()), quiet=quiet))
    return rows
