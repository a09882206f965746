"""What a user is in the portal, read once per request from their memberships."""

from dataclasses import dataclass, field
from functools import partial

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import CharField, F, Value

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


def _memberships(user: User) -> list[tuple[str, int | None, str]]:
    """Every membership of ``user`` as ``(kind, office, unit or kanwil id, role)``, in one query (UNION ALL):
    this runs on every signed-in request."""
    kind = partial(Value, output_field=CharField())
    offices = (
        OfficeMembership.objects.filter(user=user)
        .annotate(kind=kind("office"), target=F("office_id"))
        .values_list("kind", "target", "role")
    )
    units = (
        UnitMembership.objects.filter(user=user)
        .annotate(kind=kind("unit"), target=F("unit_id"))
        .values_list("kind", "target", "role")
    )
    oversight = (
        OversightMembership.objects.filter(user=user)
        .annotate(kind=kind("oversight"), target=F("kanwil_id"), role=kind(""))
        .values_list("kind", "target", "role")
    )
    return list(offices.union(units, oversight, all=True))


def roles_of(user: User | AnonymousUser) -> Roles:
    """The user's roles, cached on the user object for the rest of the request."""
    if not user.is_authenticated or not user.is_active:
        return EMPTY
    cached = getattr(user, "_portal_roles", None)
    if cached is not None:
        return cached
    office_roles: dict[int, set[str]] = {}
    unit_roles: dict[int, str] = {}
    kanwil_ids: list[int | None] = []
    for kind, target, role in _memberships(user):
        if kind == "oversight":
            kanwil_ids.append(target)  # None: national oversight
        elif target is None:
            continue  # office and unit ids are never null
        elif kind == "office":
            office_roles.setdefault(target, set()).add(role)
        else:
            unit_roles[target] = role
    roles = Roles(
        office_roles={k: frozenset(v) for k, v in office_roles.items()},
        unit_roles=unit_roles,
        oversight_kanwil_ids=frozenset(k for k in kanwil_ids if k is not None),
        oversight_national=None in kanwil_ids,
        is_superuser=user.is_superuser,
    )
    user._portal_roles = roles  # type: ignore[attr-defined]  # a per-request cache the User model does not declare
    return roles
