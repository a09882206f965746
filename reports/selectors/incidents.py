"""Reads of incident reports: the author's own, and the reports of the offices where the user is staff.

Nobody else sees an incident, not oversight, not the unit's other officers, not superusers in the portal.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from villages.roles import roles_of

from ..models import Incident

AnyUser = User | AnonymousUser


def incidents_visible_to(user: AnyUser) -> QuerySet[Incident]:
    if not user.is_authenticated:
        return Incident.objects.none()
    return Incident.objects.filter(Q(author=user) | Q(office_id__in=roles_of(user).staff_office_ids))


def incident_get_for_user(user: AnyUser, pk: int) -> Incident:
    return get_object_or_404(incidents_visible_to(user).select_related("unit__region", "office", "author"), pk=pk)


def incident_list_for(user: AnyUser, *, status: str = "") -> QuerySet[Incident]:
    qs = incidents_visible_to(user).select_related("unit__region", "author")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def recent_incidents_by(user: User, limit: int = 5) -> list[Incident]:
    return list(Incident.objects.filter(author=user).select_related("unit__region").order_by("-created_at")[:limit])
