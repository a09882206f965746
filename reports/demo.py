"""Demo data for reports: a year of activity logs for every active demo unit, and a few incidents.

Deterministic (a seeded random generator per unit) and idempotent: every row carries a client token
derived from its unit and its number, so a second load finds it and writes nothing. Everything goes
through the services, as a real officer and a real staff member would.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from edukasi.models import Topic
from villages.models import OfficeMembership, Unit, UnitMembership

from .models import Activity, Incident
from .services.activities import activity_create, activity_return, activity_verify
from .services.incidents import incident_report, incident_step

NAMESPACE = uuid.UUID("6f1c2d7e-5a0b-4c8e-9d3f-1b2a3c4d5e6f")

PLACES = [
    "Aula Kantor Kelurahan",
    "Balai Warga RW 05",
    "Masjid Al-Ikhlas",
    "Posyandu Melati",
    "Ruang Rapat Kelurahan",
    "Lapangan RW 03",
    "Sekretariat Karang Taruna",
]
NOTES = [
    "Penjelasan pembuatan paspor lewat aplikasi M-Paspor dan biaya resmi.",
    "Warga bertanya tentang ciri tawaran kerja ke luar negeri yang tidak resmi.",
    "Bersama Bhabinkamtibmas dan Babinsa; dibagikan brosur nomor pengaduan.",
    "Pendataan warga yang berencana bekerja ke luar negeri.",
    "",
]
# The officers paste links into the notes: a map link is one unbroken 200-odd-character word, the kind of
# text a phone screen must wrap (the latest log of every unit carries one).
MAP_LINK = (
    "https://www.google.com/maps/place/Aula+Kantor+Kelurahan/@-6.1208374,106.8946581,17z/data=!3m1!4b1!4m6!3m5"
    "!1s0x2e6a1f6b5e4b2d1f:0x8c3e0f5b7a1d2c3e!8m2!3d-6.1208427!4d106.8972330!16s%2Fg%2F11c5qv0h2x?entry=ttu"
)
KIND_WEIGHTS = [
    (Activity.Kind.SOSIALISASI, 5),
    (Activity.Kind.PENYULUHAN, 3),
    (Activity.Kind.CONSULTATION, 3),
    (Activity.Kind.PMI_DATA, 2),
    (Activity.Kind.HOME_VISIT, 2),
    (Activity.Kind.COORDINATION, 1),
]

# Each: the fields of the report, and its "steps" (action, extra arguments) for the office's reviewer.
INCIDENTS: list[dict[str, Any]] = [
    {
        "category": Incident.Category.TRAFFICKING,
        "urgency": Incident.Urgency.HIGH,
        "place": "Rumah kontrakan dekat pasar",
        "description": "Seorang perekrut menawarkan kerja di luar negeri tanpa biaya dan meminta paspor warga "
        "dititipkan kepadanya. Dua warga perempuan sudah menyerahkan dokumen.",
        "people_involved": "Perekrut laki-laki, sekitar 40 tahun, bukan warga setempat; dua warga perempuan "
        "berumur sekitar 20 tahun.",
        "steps": [("acknowledge", {}), ("refer", {"referred_to": Incident.ReferredTo.POLRES_PPA})],
    },
    {
        "category": Incident.Category.NON_PROCEDURAL,
        "urgency": Incident.Urgency.MEDIUM,
        "place": "Pelabuhan penyeberangan",
        "description": "Keluarga melapor anaknya berangkat bekerja ke luar negeri dengan visa kunjungan, "
        "tanpa kontrak kerja dan tanpa terdaftar sebagai PMI.",
        "people_involved": "Warga laki-laki, 23 tahun; agen tidak diketahui namanya.",
        "steps": [("acknowledge", {})],
    },
    {
        "category": Incident.Category.FOREIGNER,
        "urgency": Incident.Urgency.LOW,
        "place": "Rumah kos di RT 02",
        "description": "Beberapa orang asing tinggal di rumah kos selama dua bulan dan bekerja di gudang; "
        "pemilik kos tidak melapor ke kelurahan.",
        "people_involved": "Tiga orang asing, laki-laki; pemilik kos.",
        "steps": [],
    },
]


def _token(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts))


def _officer_of(unit: Unit) -> User | None:
    membership = (
        UnitMembership.objects.filter(unit=unit).select_related("user").order_by("-role", "user__username").first()
    )
    return membership.user if membership else None


def _reviewer_for(unit: Unit) -> User | None:
    pimpasa = unit.pimpasa.order_by("username").first()
    if pimpasa is not None:
        return pimpasa
    membership = (
        OfficeMembership.objects.filter(
            office_id=unit.office_id,
            role__in=[OfficeMembership.Role.STAFF, OfficeMembership.Role.PIMPASA, OfficeMembership.Role.HEAD],
        )
        .select_related("user")
        .order_by("role", "user__username")
        .first()
    )
    return membership.user if membership else None


def _activity_dates(rng: random.Random, today: date, *, quiet: bool, since: date | None) -> list[date]:
    """Two to four activities a month over the last year (never before the launch); the latest a few days
    ago, or long ago if the unit is quiet."""
    dates = []
    day = max(today - timedelta(days=360), since or date.min)
    while day <= today - timedelta(days=80 if quiet else 2):
        dates.append(day)
        day += timedelta(days=rng.randint(7, 16))
    return dates


def _notes(text: str, *, latest: bool) -> str:
    return f"{text} Lokasi: {MAP_LINK}".strip() if latest else text


def load_unit(unit: Unit, *, today: date, topics: list[Topic], quiet: bool = False) -> int:
    author = _officer_of(unit)
    reviewer = _reviewer_for(unit)
    if author is None:
        return 0
    rng = random.Random(unit.region_id + unit.school_name)  # noqa: S311 (demo data, not secrets)
    created_count = 0
    dates = _activity_dates(rng, today, quiet=quiet, since=unit.launch_date)
    for n, day in enumerate(dates):
        token = _token("activity", unit.region_id, unit.npsn, n)
        if Activity.objects.filter(client_token=token).exists():
            continue
        kind = rng.choices([k for k, _ in KIND_WEIGHTS], weights=[w for _, w in KIND_WEIGHTS])[0]
        male, female = rng.randint(5, 60), rng.randint(5, 70)
        activity, created = activity_create(
            by=author,
            unit=unit,
            data={
                "date": day,
                "kind": kind,
                "place": rng.choice(PLACES),
                "participants_male": male,
                "participants_female": female,
                "calon_pmi_reached": rng.randint(0, (male + female) // 4),
                "passport_consultations": rng.randint(0, 15),
                "referrals": rng.randint(0, 3),
                "notes": _notes(rng.choice(NOTES), latest=n == len(dates) - 1),
            },
            topics=rng.sample(topics, k=min(len(topics), rng.randint(1, 2))) if topics else [],
            client_token=token,
        )
        created_count += int(created)
        if not created or reviewer is None:
            continue
        recent = n >= len(dates) - 3
        if n == len(dates) - 4:
            activity_return(
                activity=activity,
                by=reviewer,
                comment="Jumlah peserta berbeda dengan daftar hadir. Mohon periksa dan lampirkan daftar hadir.",
                notify=False,
            )
        elif not recent:
            activity_verify(activity=activity, by=reviewer)
    return created_count


def load_incidents(units: list[Unit], *, today: date) -> int:
    created_count = 0
    for n, (unit, spec) in enumerate(zip(units, INCIDENTS, strict=False)):
        author = _officer_of(unit)
        reviewer = _reviewer_for(unit)
        if author is None:
            continue
        data = {k: v for k, v in spec.items() if k != "steps"}
        data["occurred_on"] = today - timedelta(days=3 + 9 * n)
        incident, created = incident_report(by=author, unit=unit, data=data, client_token=_token("incident", n))
        created_count += int(created)
        if created and reviewer is not None:
            for action, extra in spec["steps"]:
                incident_step(incident=incident, by=reviewer, action=action, note="Ditindaklanjuti petugas.", **extra)
    return created_count


@transaction.atomic
def load() -> dict[str, int]:
    today = timezone.localdate()
    topics = list(Topic.objects.order_by("order", "pk"))
    units = list(
        Unit.objects.filter(status=Unit.Status.ACTIVE, memberships__isnull=False)
        .distinct()
        .order_by("region_id", "npsn")
    )
    # Every third unit has gone quiet, so the staff overview has something to show.
    activities = sum(load_unit(unit, today=today, topics=topics, quiet=n % 3 == 2) for n, unit in enumerate(units))
    return {"activities": activities, "incidents": load_incidents(units, today=today)}
