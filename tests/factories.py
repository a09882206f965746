"""Plain helpers that make model rows for tests; each takes only what a test cares about."""

import itertools
from datetime import date

from django.contrib.auth.models import User

from villages.models import (
    Kanwil,
    Office,
    OfficeMembership,
    OversightMembership,
    Region,
    Unit,
    UnitMembership,
)

_seq = itertools.count(1)

PASSWORD = "sandi-uji-rahasia-123"


def make_user(username: str | None = None, *, password: str = PASSWORD, **fields) -> User:
    username = username or f"user{next(_seq)}"
    fields.setdefault("email", f"{username}@example.test")
    return User.objects.create_user(username=username, password=password, **fields)


def make_region(code: str, name: str | None = None) -> Region:
    """The region with this code, creating it and any missing parents."""
    parent_code = Region.parent_code_of(code)
    parent = make_region(parent_code) if parent_code else None
    region, _ = Region.objects.get_or_create(
        code=code,
        defaults={"name": name or f"Wilayah {code}", "level": Region.level_of(code), "parent": parent},
    )
    if name and region.name != name:
        region.name = name
        region.save(update_fields=["name"])
    return region


def make_village(code: str | None = None, name: str | None = None) -> Region:
    if code is None:
        # Always a kelurahan (1xxx), however many rows the session has made: past 900 the district moves on.
        # Numbers from 1100 up: the real kelurahan of Jakarta Utara, which tests name by their codes (Rawa
        # Badak Utara 31.72.03.1004 in the world fixture, Marunda, Kebon Bawang...), are all below 1100.
        n = next(_seq)
        code = f"31.72.{1 + n // 900:02d}.{1100 + n % 900:04d}"
    return make_region(code, name)


def make_kanwil(name: str = "Kanwil Ditjen Imigrasi Daerah Khusus Jakarta", slug: str = "dki-jakarta") -> Kanwil:
    kanwil, _ = Kanwil.objects.get_or_create(
        slug=slug, defaults={"name": name, "province": make_region("31", "Daerah Khusus Jakarta")}
    )
    return kanwil


def make_office(name: str | None = None, *, kanwil: Kanwil | None = None, **fields) -> Office:
    n = next(_seq)
    name = name or f"Kantor Imigrasi Uji {n}"
    fields.setdefault("slug", f"kanim-uji-{n}")
    fields.setdefault("office_class", Office.OfficeClass.I_TPI)
    fields.setdefault("address", "Jl. Uji No. 1, Jakarta")
    return Office.objects.create(name=name, kanwil=kanwil or make_kanwil(), **fields)


def make_unit(
    *,
    office: Office,
    region: Region | None = None,
    status: str = Unit.Status.ACTIVE,
    kind: str | None = None,
    proposed_by: User | None = None,
    **fields,
) -> Unit:
    """A unit in the given status, written directly (tests of the workflow go through services)."""
    region = region or make_village()
    kind = kind or (Unit.Kind.KELURAHAN if region.is_kelurahan else Unit.Kind.DESA)
    if status in (Unit.Status.APPROVED, Unit.Status.ACTIVE, Unit.Status.SUSPENDED, Unit.Status.RETIRED):
        fields.setdefault("decree_number", f"W.10.IMI.IMI.1.{next(_seq)}-GR.03.05 Tahun 2025")
        fields.setdefault("decree_date", date(2025, 4, 1))
    if status in (Unit.Status.ACTIVE, Unit.Status.SUSPENDED, Unit.Status.RETIRED):
        fields.setdefault("launch_date", date(2025, 4, 29))
    fields.setdefault("reason", Unit.Reason.MIGRANT_WORKERS)
    return Unit.objects.create(
        office=office,
        region=region,
        kind=kind,
        status=status,
        proposed_by=proposed_by or make_user(),
        **fields,
    )


def make_office_member(office: Office, role: str, username: str | None = None, **fields) -> User:
    user = make_user(username, **fields)
    OfficeMembership.objects.create(user=user, office=office, role=role)
    return user


def make_unit_member(unit: Unit, role: str = UnitMembership.Role.OFFICER, username: str | None = None) -> User:
    user = make_user(username)
    UnitMembership.objects.create(user=user, unit=unit, role=role)
    return user


def make_oversight(kanwil: Kanwil | None, username: str | None = None) -> User:
    user = make_user(username)
    OversightMembership.objects.create(user=user, kanwil=kanwil)
    return user
