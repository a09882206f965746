"""What a user is in the portal, read once per request from their memberships."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User

from .models import OfficeMembership, OversightMembership, UnitMembership

OFFICE_WORK_ROLES = frozenset({OfficeMembership.Role.STAFF, OfficeMembership.Role.PIMPASA, OfficeMembership.Role.HEAD})


@dataclass(frozen=True)
class Roles:
    office_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    unit_roles: dict[int, str] = field(default_factory=dict)
    oversight_kanwil_ids: frozenset[int] = frozenset()
    oversight_national: bool = False
    is_superuser: bool = False

    def offices_with(self, *roles: str) -> set[int]:
        wanted = set(roles)
        return {office_id for office_id, held in self.office_roles.items() if held & wanted}

    @property
    def staff_office_ids(self) -> set[int]:
        """Offices where the user does immigration work (staff, PIMPASA or head)."""
        return self.offices_with(*OFFICE_WORK_ROLES)

    @property
    def head_office_ids(self) -> set[int]:
        return self.offices_with(OfficeMembership.Role.HEAD)

    @property
    def is_office_staff(self) -> bool:
        return bool(self.staff_office_ids)

    @property
    def is_head(self) -> bool:
        return bool(self.head_office_ids)

    @property
    def is_editor(self) -> bool:
        return self.is_superuser or bool(self.offices_with(OfficeMembership.Role.EDITOR))

    @property
    def is_unit_member(self) -> bool:
        return bool(self.unit_roles)

    @property
    def is_oversight(self) -> bool:
        return self.oversight_national or bool(self.oversight_kanwil_ids)


EMPTY = Roles()


def roles_of(user: User | AnonymousUser) -> Roles:
    """The user's roles, cached on the user object for the rest of the request."""
    if not user.is_authenticated or not user.is_active:
        return EMPTY
    cached = getattr(user, "_portal_roles", None)
    if cached is not None:
        return cached
    office_roles: dict[int, set[str]] = {}
    for office_id, role in OfficeMembership.objects.filter(user=user).values_list("office_id", "role"):
        office_roles.setdefault(office_id, set()).add(role)
    unit_roles = dict(UnitMembership.objects.filter(user=user).values_list("unit_id", "role"))
    kanwil_ids = list(OversightMembership.objects.filter(user=user).values_list("kanwil_id", flat=True))
    roles = Roles(
        office_roles={k: frozenset(v) for k, v in office_roles.items()},
        unit_roles=unit_roles,
        oversight_kanwil_ids=frozenset(k for k in kanwil_ids if k is not None),
        oversight_national=None in kanwil_ids,
        is_superuser=user.is_superuser,
    )
    user._portal_roles = roles  # type: ignore[attr-defined]  # a per-request cache the User model does not declare
    return roles
