"""Who may generate summaries, see dashboards and export (DESIGN §3).

Office staff, PIMPASA and the head work on their own office; oversight on the offices of the Kanwil they
oversee (or all offices); a unit's officers and coordinator on their own unit. Exporting incidents is for
the office's staff only.
"""

from django.contrib.auth.models import AnonymousUser, User

from villages.models import Office, Unit
from villages.roles import roles_of

AnyUser = User | AnonymousUser


def can_report(user: AnyUser) -> bool:
    """Any reporting scope at all: the summary list, the dashboard and the exports open for them."""
    roles = roles_of(user)
    return roles.is_superuser or roles.is_office_staff or roles.is_oversight or roles.is_unit_member


def can_report_on_office(user: AnyUser, office: Office) -> bool:
    roles = roles_of(user)
    return (
        roles.is_superuser
        or roles.oversight_national
        or office.pk in roles.staff_office_ids
        or office.kanwil_id in roles.oversight_kanwil_ids
    )


def can_report_on_unit(user: AnyUser, unit: Unit) -> bool:
    return unit.pk in roles_of(user).unit_roles or can_report_on_office(user, unit.office)


def can_generate_summary(user: AnyUser, *, office: Office, unit: Unit | None) -> bool:
    if unit is not None:
        return unit.office_id == office.pk and can_report_on_unit(user, unit)
    return can_report_on_office(user, office)


def can_export_incidents(user: AnyUser, office: Office) -> bool:
    """Incidents are confidential: only the office's own staff, never oversight or a unit."""
    return office.pk in roles_of(user).staff_office_ids
