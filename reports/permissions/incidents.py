"""Who may do what with incident reports. Only the author and the office's staff see one (selectors: 404)."""

from django.contrib.auth.models import AnonymousUser, User

from villages.roles import roles_of

from ..models import Incident

AnyUser = User | AnonymousUser


def can_report_incident(user: AnyUser) -> bool:
    return roles_of(user).is_unit_member


def can_list_incidents(user: AnyUser) -> bool:
    roles = roles_of(user)
    return roles.is_unit_member or roles.is_office_staff


def can_handle_incident(user: AnyUser, incident: Incident) -> bool:
    """Acknowledge, refer and close: the staff of the incident's office."""
    return incident.office_id in roles_of(user).staff_office_ids
