"""Demo data for the registry: Jakarta's regional office, the two offices of Jakarta Utara, accounts.

Idempotent: every row is looked up by a natural key first. Passwords are printed only in debug.
"""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from .models import Kanwil, Office, OfficeMembership, OversightMembership, Region

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
    jakut, jakut_created = Office.objects.get_or_create(
        slug="kanim-jakarta-utara",
        defaults={
            "name": "Kantor Imigrasi Kelas I TPI Jakarta Utara",
            "kanwil": kanwil,
            "office_class": Office.OfficeClass.I_TPI,
            "address": "Jakarta Utara (alamat lengkap belum dicatat di portal)",
        },
    )
    priok, priok_created = Office.objects.get_or_create(
        slug="kanim-tanjung-priok",
        defaults={
            "name": "Kantor Imigrasi Kelas I TPI Tanjung Priok",
            "kanwil": kanwil,
            "office_class": Office.OfficeClass.I_TPI,
            "address": "Tanjung Priok, Jakarta Utara (alamat lengkap belum dicatat di portal)",
        },
    )
    # Offices the demo made (not ones an administrator entered) are demo rows, shown as "CONTOH".
    made = [office.pk for office, created in ((jakut, jakut_created), (priok, priok_created)) if created]
    Office.objects.filter(pk__in=made).update(is_demo=True)
    areas = Region.objects.in_bulk(["31.72", "31.01"])
    jakut.service_area.add(areas["31.72"])
    priok.service_area.add(areas["31.72"], areas["31.01"])

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
    load_units(jakut=jakut, priok=priok)
    return {"kanwil": kanwil, "offices": {"jakut": jakut, "priok": priok}}


# --- Demo units -------------------------------------------------------------------------------------

# (office, region code, final status, decree date, launch date, school name, NPSN, reason)
# The three active units of Kanim Tanjung Priok are real (../shared/domain/facts.md): Pulau Untung Jawa,
# launched 29 April 2025; Kebon Bawang, 2 October 2025; Rawa Badak Utara, 2025 (its day is unknown: it was
# already a unit on 19 September 2025, the date stored as a bound, and pages show the year only). Their decree
# numbers are not public: the demo marks its own as DEMO. The other units are demo rows so that every state of
# the workflow can be seen. Every row is flagged ``is_demo`` and shown as "CONTOH" on public pages.
_YEAR_ONLY = {"31.72.03.1004"}
_DEMO_UNITS = [
    ("priok", "31.01.02.1001", "active", "2025-04-29", "2025-04-29", "", "", "border"),
    ("priok", "31.72.03.1004", "active", "2025-09-19", "2025-09-19", "", "", "migrant_workers"),
    ("priok", "31.72.02.1005", "active", "2025-10-02", "2025-10-02", "", "", "migrant_workers"),
    ("priok", "31.01.02.1003", "proposed", None, None, "", "", "remote"),
    ("priok", "31.72.04.1003", "approved", "2026-11-02", None, "", "", "trafficking"),
    ("priok", "31.72.04.1004", "suspended", "2025-06-02", "2025-06-16", "", "", "migrant_workers"),
    ("priok", "31.01.02.1002", "rejected", None, None, "", "", "remote"),
    ("priok", "31.72.03.1004", "proposed", None, None, "Sekolah demo: SMK di Rawa Badak Utara", "99999901", "school"),
    ("jakut", "31.72.01.1001", "proposed", None, None, "", "", "foreigners"),
    ("jakut", "31.72.01.1002", "active", "2025-08-04", "2025-08-18", "", "", "migrant_workers"),
    ("jakut", "31.72.01.1005", "retired", "2025-02-03", "2025-02-17", "", "", "foreigners"),
]


def _demo_date(value: str | None):
    from datetime import date

    return date.fromisoformat(value) if value else None


def load_units(*, jakut: Office, priok: Office) -> None:
    """Units in every status, made through the workflow services so that each has its history."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from . import services
    from .models import Unit, UnitEvent, UnitMembership

    offices = {"jakut": jakut, "priok": priok}
    people = {
        "priok": (User.objects.get(username="staf.priok"), User.objects.get(username="kepala.priok")),
        "jakut": (User.objects.get(username="staf.jakut"), User.objects.get(username="kepala.jakut")),
    }
    pimpasa_jakut = demo_account("pimpasa.jakut", "PIMPASA Kanim Jakarta Utara")
    OfficeMembership.objects.get_or_create(user=pimpasa_jakut, office=jakut, role=OfficeMembership.Role.PIMPASA)
    pimpasa = {"priok": User.objects.get(username="pimpasa.priok"), "jakut": pimpasa_jakut}

    def at(day, hour=9):
        return timezone.make_aware(datetime.combine(day, time(hour)))

    for n, (key, code, final, decree, launch, school, npsn, reason) in enumerate(_DEMO_UNITS, start=1):
        office, region = offices[key], Region.objects.get(code=code)
        staff, head = people[key]
        kind_filter = {"npsn": npsn} if npsn else {"npsn": ""}
        existing = Unit.objects.filter(office=office, region=region, **kind_filter)
        if existing.exists():
            existing.update(is_demo=True, dates_year_only=code in _YEAR_ONLY and not npsn)
            continue
        decree_date, launch_date = _demo_date(decree), _demo_date(launch)
        unit = services.unit_propose(
            by=staff,
            office=office,
            region=region,
            is_school=bool(npsn),
            school_name=school,
            npsn=npsn,
            reason=reason,
            address=f"Kantor {'sekolah' if npsn else 'kelurahan'} {region.name} (alamat demo)",
            contact_name="Sekretaris kelurahan (demo)" if not npsn else "Kepala sekolah (demo)",
            notify=False,
        )
        Unit.objects.filter(pk=unit.pk).update(is_demo=True, dates_year_only=code in _YEAR_ONLY and not npsn)
        proposed_on = (decree_date or timezone.localdate()) - timedelta(days=14)
        UnitEvent.objects.filter(unit=unit).update(at=at(proposed_on))
        if final == "rejected":
            services.unit_reject(
                unit=unit, by=head, reason="Data warga yang bekerja ke luar negeri belum cukup.", notify=False
            )
        if decree_date:
            services.unit_approve(
                unit=unit,
                by=head,
                decree_number=f"SK-DEMO/{key.upper()}/{n:03d} Tahun {decree_date.year}",
                decree_date=decree_date,
                notify=False,
            )
            UnitEvent.objects.filter(unit=unit, to_status="approved").update(at=at(decree_date, 10))
        if launch_date:
            services.unit_launch(unit=unit, by=head, launch_date=launch_date, reason="Pengukuhan di kantor kelurahan.")
            UnitEvent.objects.filter(unit=unit, to_status="active").update(at=at(launch_date, 11))
            unit.pimpasa.add(pimpasa[key])
        # Dated in the past, as a real history would be: the dashboard counts a unit as active in the
        # periods in which it was (reports.aggregation), so the day it stopped matters.
        if final == "suspended":
            services.unit_suspend(unit=unit, by=head, reason="Petugas kelurahan berganti; menunggu penunjukan baru.")
            stopped = max(launch_date, timezone.localdate() - timedelta(days=180))
            UnitEvent.objects.filter(unit=unit, to_status="suspended").update(at=at(stopped, 14))
        if final == "retired":
            services.unit_retire(unit=unit, by=head, reason="Kelurahan meminta program dialihkan ke sekolah.")
            stopped = max(launch_date, timezone.localdate() - timedelta(days=300))
            UnitEvent.objects.filter(unit=unit, to_status="retired").update(at=at(stopped, 14))

    for username, code, role, description in [
        ("petugas.untungjawa", "31.01.02.1001", UnitMembership.Role.OFFICER, "Petugas Kel. Pulau Untung Jawa"),
        (
            "koordinator.untungjawa",
            "31.01.02.1001",
            UnitMembership.Role.COORDINATOR,
            "Koordinator Kel. Pulau Untung Jawa",
        ),
        ("petugas.rawabadak", "31.72.03.1004", UnitMembership.Role.OFFICER, "Petugas Kel. Rawa Badak Utara"),
        ("petugas.kebonbawang", "31.72.02.1005", UnitMembership.Role.OFFICER, "Petugas Kel. Kebon Bawang"),
        ("petugas.kamalmuara", "31.72.01.1002", UnitMembership.Role.OFFICER, "Petugas Kel. Kamal Muara"),
    ]:
        active = Unit.objects.filter(region_id=code, npsn="", status="active").first()
        if active is not None:
            user = demo_account(username, description)
            UnitMembership.objects.get_or_create(user=user, unit=active, defaults={"role": role})
