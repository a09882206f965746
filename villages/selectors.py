"""Read queries, each scoped to what the user may see; the public side shows active units and every office."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext

from .invitations import can_view_members
from .models import Invitation, Office, Region, Unit, UnitEvent
from .roles import roles_of

AnyUser = User | AnonymousUser


def units_visible_to(user: AnyUser) -> QuerySet[Unit]:
    """Units whose internal pages the user may open."""
    roles = roles_of(user)
    qs = Unit.objects.select_related("region", "office")
    if roles.is_superuser or roles.oversight_national:
        return qs
    return qs.filter(
        Q(office_id__in=roles.staff_office_ids)
        | Q(pk__in=roles.unit_roles.keys())
        | Q(office__kanwil_id__in=roles.oversight_kanwil_ids)
    )


def unit_get_for_user(user: AnyUser, pk: int) -> Unit:
    """The unit, or 404 for anyone who may not see it."""
    return get_object_or_404(units_visible_to(user), pk=pk)


# --- Work lists of the unit workflow -------------------------------------------------------------


@dataclass(frozen=True)
class UnitFilters:
    """The unit list's filters, already validated (empty string: no filter)."""

    office: int | None = None
    status: str = ""
    kind: str = ""
    region: str = ""  # a province, city or district code: units whose village lies under it
    q: str = ""


def unit_list_for(user: AnyUser, filters: UnitFilters) -> QuerySet[Unit]:
    """The unit list: what the user may see, filtered, with everything a row shows in one query."""
    qs = units_visible_to(user).select_related("region__parent__parent")
    if filters.office:
        qs = qs.filter(office_id=filters.office)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.region:
        qs = qs.filter(region__code__startswith=filters.region + ".")
    if filters.q:
        q = filters.q
        qs = qs.filter(
            Q(region__name__icontains=q)
            | Q(school_name__icontains=q)
            | Q(npsn=q)
            | Q(region__code__startswith=q)
            | Q(decree_number__icontains=q)
        )
    # By region code: units group by province, city and district, and PostgreSQL pages on the unit table
    # alone before joining the regions (ordering by region name joined every visible unit first: 2,000
    # index lookups into the national region table for 20 rows shown).
    return qs.order_by("region_id", "school_name", "pk")


# An address inside a history text: invitations name the invitee by e-mail address, a removal names a member
# without a name by theirs, and an account made by an invitation has its address as user name.
EMAIL_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def hide_email_addresses(text: str) -> str:
    return EMAIL_ADDRESS.sub(gettext("[e-mail disembunyikan]"), text)


def unit_events_for(user: AnyUser, unit: Unit) -> list[UnitEvent]:
    """The unit's history, newest first, as ``user`` may read it: e-mail addresses only for those who may read
    the members page (the office's staff, oversight, the unit's coordinator); the others read a neutral mark
    in their place. The rows keep the addresses: this is a view of them, not a change."""
    show_emails = can_view_members(user, unit)
    events = list(unit.events.select_related("actor").order_by("-at", "-pk"))
    for event in events:
        actor = event.actor.get_full_name() or event.actor.get_username()
        # Read by the history template only; the model has no such fields.
        event.shown_actor = actor if show_emails else hide_email_addresses(actor)  # type: ignore[attr-defined]
        event.shown_reason = event.reason if show_emails else hide_email_addresses(event.reason)  # type: ignore[attr-defined]
    return events


def offices_for_proposal(user: AnyUser) -> QuerySet[Office]:
    """Offices on whose behalf the user may propose a unit."""
    return Office.objects.filter(pk__in=roles_of(user).staff_office_ids).order_by("name")


def offices_for_unit_filter(user: AnyUser) -> QuerySet[Office]:
    """Offices offered in the unit list's office filter: those whose units the user may see."""
    roles = roles_of(user)
    if roles.is_superuser or roles.oversight_national:
        return Office.objects.order_by("name")
    return (
        Office.objects.filter(
            Q(pk__in=roles.staff_office_ids)
            | Q(units__pk__in=roles.unit_roles.keys())
            | Q(kanwil_id__in=roles.oversight_kanwil_ids)
        )
        .distinct()
        .order_by("name")
    )


def units_awaiting_decision(user: AnyUser) -> QuerySet[Unit]:
    """Proposals in the offices this user heads that they did not make themselves."""
    return (
        Unit.objects.filter(status=Unit.Status.PROPOSED, office_id__in=roles_of(user).head_office_ids)
        .exclude(proposed_by_id=user.pk)
        .select_related("region", "office", "proposed_by")
        .order_by("created_at", "pk")
    )


def units_proposed_in_progress(user: AnyUser) -> QuerySet[Unit]:
    """The user's own proposals that are not yet active (waiting for a decision or for the launch)."""
    return (
        Unit.objects.filter(proposed_by_id=user.pk, status__in=[Unit.Status.PROPOSED, Unit.Status.APPROVED])
        .select_related("region", "office")
        .order_by("-updated_at", "-pk")
    )


def invitations_pending_for(user: AnyUser) -> QuerySet[Invitation]:
    """Open invitations to the units of the offices where the user works."""
    return (
        Invitation.objects.pending()
        .filter(unit__office_id__in=roles_of(user).staff_office_ids)
        .select_related("unit__region", "invited_by")
        .order_by("expires_at", "pk")
    )


def units_recently_changed(user: AnyUser) -> QuerySet[Unit]:
    return units_visible_to(user).order_by("-updated_at", "-pk")


def unit_just_proposed_by(user: AnyUser, *, region: Region, npsn: str = "", minutes: int = 10) -> Unit | None:
    """The live proposal for this region (or NPSN) that this user made in the last minutes, if any."""
    qs = Unit.objects.filter(
        proposed_by_id=user.pk,
        status=Unit.Status.PROPOSED,
        created_at__gte=timezone.now() - timedelta(minutes=minutes),
    )
    if npsn:
        qs = qs.filter(kind=Unit.Kind.SCHOOL, npsn=npsn)
    else:
        qs = qs.filter(region=region, kind__in=[Unit.Kind.KELURAHAN, Unit.Kind.DESA])
    return qs.first()


# --- The public side: anyone may see active units and every office --------------------------------

# The directory's filter choices change only when a unit is launched, suspended or retired; a few minutes
# stale is fine.
DIRECTORY_CHOICES_TIMEOUT = 300


def public_units() -> QuerySet[Unit]:
    """Active units with their place and office: proposed, suspended and retired units are never public."""
    return Unit.objects.filter(status=Unit.Status.ACTIVE).select_related("region__parent__parent", "office")


def unit_get_public(pk: int) -> Unit:
    """An active unit, or 404."""
    return get_object_or_404(public_units(), pk=pk)


def directory_units(*, q: str = "", city: str = "", district: str = "") -> QuerySet[Unit]:
    """Active units, narrowed by city or district code and a text, in city → district → name order."""
    qs = public_units()
    if district:
        qs = qs.filter(region__parent_id=district)
    elif city:
        qs = qs.filter(region__parent__parent_id=city)
    if q:
        qs = qs.filter(
            Q(region__name__icontains=q)
            | Q(school_name__icontains=q)
            | Q(region__parent__name__icontains=q)
            | Q(region__parent__parent__name__icontains=q)
            | Q(office__name__icontains=q)
        )
    return qs.order_by("region__parent__parent__name", "region__parent__name", "region__name", "school_name", "pk")


def directory_cities() -> list[tuple[str, str]]:
    """(code, name) of every regency/city with at least one active unit."""

    def load() -> list[tuple[str, str]]:
        codes = Unit.objects.filter(status=Unit.Status.ACTIVE).values("region__parent__parent_id")
        return list(Region.objects.filter(code__in=codes).order_by("name").values_list("code", "name"))

    return cache.get_or_set("villages:directory:cities", load, DIRECTORY_CHOICES_TIMEOUT) or []


def directory_districts(city: str) -> list[tuple[str, str]]:
    """(code, name) of the districts of ``city`` with at least one active unit."""
    if not city:
        return []

    def load() -> list[tuple[str, str]]:
        codes = Unit.objects.filter(status=Unit.Status.ACTIVE, region__parent__parent_id=city).values(
            "region__parent_id"
        )
        return list(Region.objects.filter(code__in=codes).order_by("name").values_list("code", "name"))

    return cache.get_or_set(f"villages:directory:districts:{city}", load, DIRECTORY_CHOICES_TIMEOUT) or []


def _service_area() -> Prefetch:
    return Prefetch("service_area", queryset=Region.objects.select_related("parent").order_by("code"))


def offices_public(*, q: str = "") -> QuerySet[Office]:
    """Every office with its Kanwil, service area and number of active units, in Kanwil order."""
    qs = (
        Office.objects.select_related("kanwil")
        .prefetch_related(_service_area())
        .annotate(active_units=Count("units", filter=Q(units__status=Unit.Status.ACTIVE)))
        .order_by("kanwil__name", "name")
    )
    if q:
        served = Office.service_area.through.objects.filter(region__name__icontains=q).values("office_id")
        qs = qs.filter(Q(name__icontains=q) | Q(kanwil__name__icontains=q) | Q(pk__in=served))
    return qs


def office_get_public(slug: str) -> Office:
    """An office with its Kanwil and service area, or 404."""
    return get_object_or_404(Office.objects.select_related("kanwil").prefetch_related(_service_area()), slug=slug)


def office_units_public(office: Office) -> QuerySet[Unit]:
    """The office's active units, in city → district → name order."""
    return (
        Unit.objects.filter(office=office, status=Unit.Status.ACTIVE)
        .select_related("region__parent__parent")
        .order_by("region__parent__parent__name", "region__parent__name", "region__name", "school_name", "pk")
    )


# --- When a unit was active ----------------------------------------------------------------------

# The states a unit reaches only after its launch (pengukuhan).
LAUNCHED_STATUSES = (Unit.Status.ACTIVE, Unit.Status.SUSPENDED, Unit.Status.RETIRED)


class UnitState(Protocol):
    """What the active days of a unit are computed from: a ``Unit``, or a row read without the model."""

    @property
    def pk(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def launch_date(self) -> date | None: ...


def active_spans(unit: UnitState, changes: list[tuple[str, str, date]]) -> list[tuple[date, date]]:
    """The closed date ranges in which ``unit`` was active, from its status changes ``(from, to, day)`` in order.

    Active from the launch date (the pengukuhan, which may be recorded days after it took place) or a
    reactivation, up to and including the day of a suspension or the end. A unit active before its first
    recorded change (or with none) counts from its launch date, or from the beginning when it has none.
    """
    spans: list[tuple[date, date]] = []
    first_state = changes[0][0] if changes else unit.status
    launched = first_state in LAUNCHED_STATUSES
    since: date | None = (unit.launch_date or date.min) if first_state == Unit.Status.ACTIVE else None
    for _from, to, day in changes:
        if to == Unit.Status.ACTIVE and since is None:
            # The first activation is the pengukuhan: in force from the launch date, recorded that day or later.
            since = day if launched or unit.launch_date is None else min(unit.launch_date, day)
            launched = True
        elif to != Unit.Status.ACTIVE and since is not None:
            spans.append((since, day))
            since = None
    if since is not None:
        spans.append((since, date.max))
    return spans


def units_active_during(units: Iterable[UnitState], start: date, end: date) -> set[int]:
    """Of ``units``, the ids of those active on at least one day of ``start``–``end`` (one query).

    Read from the units' history (``UnitEvent``), so a unit suspended or retired since still counts for the
    periods in which it was active, and a unit launched in the middle of a period counts for that period.
    """
    launched = [unit for unit in units if unit.status in LAUNCHED_STATUSES]
    changes: dict[int, list[tuple[str, str, date]]] = {}
    # The local day is taken in the database (TruncDate in the current time zone): converting every
    # timestamp in Python cost most of the 45 ms this took for the 1,800 launched units of the national dataset.
    events = (
        UnitEvent.objects.filter(unit_id__in=[unit.pk for unit in launched], kind=UnitEvent.Kind.TRANSITION)
        .order_by("at", "pk")
        .values_list("unit_id", "from_status", "to_status", TruncDate("at"))
    )
    for unit_id, from_status, to_status, day in events:
        changes.setdefault(unit_id, []).append((from_status, to_status, day))
    return {
        unit.pk
        for unit in launched
        if any(first <= end and last >= start for first, last in active_spans(unit, changes.get(unit.pk, [])))
    }
