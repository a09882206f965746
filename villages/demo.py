"""Demo data for the registry: Jakarta's regional office, the two offices of Jakarta Utara, accounts.

Idempotent: every row is looked up by a natural key first. Passwords are printed only in debug.
"""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from .models import Kanwil, Office, OfficeMembership, OversightMembership

FIXTURE = Path(__file__).parent / "fixtures" / "regions_jakarta_utara_kepulauan_seribu.csv"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    description: str


DEMO_ACCOUNTS: list[DemoAccount] = []


def demo_account(username: str, description: str, **fields) -> User:
    password = f"demo-{username}-2026"
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@demo.desabinaan.local", **fields}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    if username not in {a.username for a in DEMO_ACCOUNTS}:
        DEMO_ACCOUNTS.append(DemoAccount(username, password, description))
    return user


def load_regions() -> None:
    # The shipped fixture through the real importer: validated, idempotent, never deletes a region.
    from .regions import regions_import_file

    regions_import_file(path=FIXTURE, by=None)


@transaction.atomic
def load() -> dict[str, object]:
    load_regions()
    kanwil, _ = Kanwil.objects.get_or_create(
        slug="dki-jakarta",
        defaults={
            "name": "Kantor Wilayah Direktorat Jenderal Imigrasi Daerah Khusus Jakarta",
            "province_id": "31",
            "address": "Jakarta",
        },
    )
    jakut, _ = Office.objects.get_or_create(
        slug="kanim-jakarta-utara",
        defaults={
            "name": "Kantor Imigrasi Kelas I TPI Jakarta Utara",
            "kanwil": kanwil,
            "office_class": Office.OfficeClass.I_TPI,
            "address": "Jakarta Utara (alamat lengkap: lihat situs resmi kantor)",
        },
    )
    priok, _ = Office.objects.get_or_create(
        slug="kanim-tanjung-priok",
        defaults={
            "name": "Kantor Imigrasi Kelas I TPI Tanjung Priok",
            "kanwil": kanwil,
            "office_class": Office.OfficeClass.I_TPI,
            "address": "Tanjung Priok, Jakarta Utara (alamat lengkap: lihat situs resmi kantor)",
        },
    )
    jakut.service_area.add("31.72")
    priok.service_area.add("31.72", "31.01")

    for username, office, role, description in [
        ("staf.priok", priok, OfficeMembership.Role.STAFF, "Petugas Kanim Tanjung Priok"),
        ("pimpasa.priok", priok, OfficeMembership.Role.PIMPASA, "PIMPASA Kanim Tanjung Priok"),
        ("kepala.priok", priok, OfficeMembership.Role.HEAD, "Kepala Kanim Tanjung Priok"),
        ("staf.jakut", jakut, OfficeMembership.Role.STAFF, "Petugas Kanim Jakarta Utara"),
        ("kepala.jakut", jakut, OfficeMembership.Role.HEAD, "Kepala Kanim Jakarta Utara"),
        ("editor", jakut, OfficeMembership.Role.EDITOR, "Editor konten panduan"),
    ]:
        user = demo_account(username, description)
        OfficeMembership.objects.get_or_create(user=user, office=office, role=role)

    oversight = demo_account("kanwil.jakarta", "Pengawas Kanwil Jakarta (hanya baca)")
    OversightMembership.objects.get_or_create(user=oversight, kanwil=kanwil)
    national = demo_account("direktorat", "Pengawas nasional, Direktorat Intelijen Keimigrasian")
    OversightMembership.objects.get_or_create(user=national, kanwil=None)
    admin = demo_account("admin", "Administrator (Django admin)", is_staff=True, is_superuser=True)
    if not admin.is_superuser:
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
    return {"kanwil": kanwil, "offices": {"jakut": jakut, "priok": priok}}
