"""Read queries, each scoped to what the user may see."""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Office, Unit
from .roles import roles_of

AnyUser = User | AnonymousUser


def offices_visible_to(user: AnyUser) -> QuerySet[Office]:
    """Offices whose internal pages the user may open: their own, or those they oversee."""
    roles = roles_of(user)
    if roles.is_superuser or roles.oversight_national:
        return Office.objects.all()
    return Office.objects.filter(
        Q(pk__in=roles.office_roles.keys()) | Q(kanwil_id__in=roles.oversight_kanwil_ids)
    ).distinct()


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


def public_units() -> QuerySet[Unit]:
    return Unit.objects.filter(status=Unit.Status.ACTIVE).select_related("region", "office")
