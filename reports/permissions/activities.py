"""Who may do what with activity logs (DESIGN §3). Selectors decide who sees a log at all (404).

Oversight reads the logs of the offices it oversees; none of these predicates grants it an action (403).
"""

from django.contrib.auth.models import AnonymousUser, User

from villages.roles import roles_of

from ..models import Activity

AnyUser = User | AnonymousUser


def can_log_any_activity(user: AnyUser) -> bool:
    return roles_of(user).is_unit_member


def can_edit_activity(user: AnyUser, activity: Activity) -> bool:
    """The unit's own people correct or delete a log; whether it is still open is the service's rule."""
    return activity.unit_id in roles_of(user).unit_roles


def can_review_activity(user: AnyUser, activity: Activity) -> bool:
    """Staff, PIMPASA and the head of the unit's office verify or return a log."""
    return activity.office_id in roles_of(user).staff_office_ids


def can_use_staff_queue(user: AnyUser) -> bool:
    return roles_of(user).is_office_staff
