"""Who may do what: plain predicates over a user's memberships (DESIGN §3).

Views fetch through a selector first (outsiders get 404) and then ask one of these (members without
the right role get 403).
"""

from django.contrib.auth.models import AnonymousUser, User

from .models import Office, Unit
from .roles import roles_of

AnyUser = User | AnonymousUser


def can_propose_unit(user: AnyUser, office: Office) -> bool:
    return office.pk in roles_of(user).staff_office_ids


def can_manage_unit(user: AnyUser, unit: Unit) -> bool:
    """Edit a unit's data, invite its officers, assign PIMPASA: the office's staff and head."""
    return unit.office_id in roles_of(user).staff_office_ids


def can_decide_unit(user: AnyUser, unit: Unit) -> bool:
    """Approve, reject, launch, suspend, reactivate or retire: the head of the unit's office.

    Whether the head proposed the unit themselves is a rule of the transition (workflow.py), so that
    the head sees the decision form and a clear message instead of a bare 403.
    """
    return unit.office_id in roles_of(user).head_office_ids


def is_office_staff(user: AnyUser) -> bool:
    return roles_of(user).is_office_staff


def is_editor(user: AnyUser) -> bool:
    return roles_of(user).is_editor


def can_view_unit_list(user: AnyUser) -> bool:
    """The internal unit list: office staff, unit members (their own units), oversight, administrators."""
    roles = roles_of(user)
    return roles.is_superuser or roles.is_office_staff or roles.is_unit_member or roles.is_oversight


def can_propose_any_unit(user: AnyUser) -> bool:
    """Whether the proposal page opens at all; the office picked is checked by ``can_propose_unit``."""
    return roles_of(user).is_office_staff
