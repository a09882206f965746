#!/usr/bin/env python3
"""A deterministic load of activity logs for the benchmarks: 1,000,000 logs across 2,000 units by default.

    DATABASE_URL=postgres://root@127.0.0.1:5432/bench_activities .venv/bin/python bench/generate_activities.py

What it makes (all names start with "bench-act", and are deleted and made again on every run):
- a Kanwil, ``--offices`` offices with a staff member each, a synthetic province "99" with regencies,
  districts and ``--units`` kelurahan, one active unit per kelurahan (offices take units in turn) and an
  officer per unit;
- ``--activities`` logs spread evenly over the units and over the three years up to today (so every unit
  has logs this quarter), the newest 8 % of each unit's logs waiting, the next 2 % returned, the rest
  verified; numbers from a seeded generator, so
  two runs give the same rows. PostgreSQL gets them through COPY; SQLite through bulk_create.

Prints the time each step took. ``generate()`` is what bench/activities_pages.py calls.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desabinaan.settings")
# Development settings: with debug off the portal refuses to start without SITE_URL and a secret key.
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DATABASE_URL", "postgres://root@127.0.0.1:5432/bench_activities")

PREFIX = "bench-act"
SEED = 20261128
KINDS = ["sosialisasi", "penyuluhan", "consultation", "pmi_data", "home_visit", "coordination", "other"]
PLACES = ["Aula Kelurahan", "Balai Warga", "Masjid", "Posyandu", "Sekolah", "Lapangan RW", "Kantor Desa"]
COPY_CHUNK = 100_000
COLUMNS = (
    "unit_id, office_id, author_id, date, kind, place, participants_male, participants_female, "
    "calon_pmi_reached, passport_consultations, referrals, notes, attendance_sheet, status, review_comment, "
    "verified_by_id, verified_at, client_token, created_at, updated_at"
)


def ensure_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import dj_database_url
    import psycopg2

    cfg = dj_database_url.parse(url)
    conn = psycopg2.connect(
        dbname="postgres", user=cfg["USER"], host=cfg["HOST"], port=cfg["PORT"] or 5432, password=cfg["PASSWORD"]
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]])
        if not cur.fetchone():
            cur.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
    conn.close()


def setup() -> None:
    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


class Bench:
    """What the page benchmark needs to know about the generated world."""

    def __init__(self, offices, staff, officers, units):
        self.offices = offices
        self.staff = staff  # office pk -> user
        self.officers = officers  # unit pk -> user
        self.units = units  # unit pks, in order


def _delete_previous() -> None:
    from django.contrib.auth.models import User
    from django.db import connection

    from reports.models import Activity
    from villages.models import Kanwil, Office, Region, Unit

    offices = list(Office.objects.filter(slug__startswith=PREFIX).values_list("pk", flat=True))
    if connection.vendor == "postgresql" and offices:
        with connection.cursor() as cur:
            # Far faster than deleting a million rows one cascade at a time.
            cur.execute(
                "DELETE FROM reports_activity_topics WHERE activity_id IN "
                "(SELECT id FROM reports_activity WHERE office_id = ANY(%s))",
                [offices],
            )
            cur.execute(
                "DELETE FROM reports_activityevent WHERE unit_id IN (SELECT id FROM villages_unit "
                "WHERE office_id = ANY(%s))",
                [offices],
            )
            cur.execute("DELETE FROM reports_activity WHERE office_id = ANY(%s)", [offices])
    else:
        Activity.objects.filter(office_id__in=offices).delete()
    Unit.objects.filter(office_id__in=offices).delete()
    User.objects.filter(username__startswith=PREFIX).delete()
    Office.objects.filter(pk__in=offices).delete()
    Kanwil.objects.filter(slug=PREFIX).delete()
    Region.objects.filter(code__startswith="99.", level=4).delete()
    Region.objects.filter(code__startswith="99.", level=3).delete()
    Region.objects.filter(code__startswith="99.", level=2).delete()
    Region.objects.filter(code="99").delete()


def _make_world(n_units: int, n_offices: int) -> Bench:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User

    from villages.models import Kanwil, Office, OfficeMembership, Region, Unit, UnitMembership

    province = Region.objects.create(code="99", name="Provinsi Bench", level=1)
    regions = []
    per_district, districts_per_regency = 20, 10
    n_districts = -(-n_units // per_district)
    for d in range(n_districts):
        r_code = f"99.{d // districts_per_regency + 1:02d}"
        if d % districts_per_regency == 0:
            regions.append(Region(code=r_code, name=f"Kota Bench {r_code}", level=2, parent=province))
    Region.objects.bulk_create(regions)
    districts = [
        Region(
            code=f"99.{d // districts_per_regency + 1:02d}.{d % districts_per_regency + 1:02d}",
            name=f"Kecamatan Bench {d}",
            level=3,
            parent_id=f"99.{d // districts_per_regency + 1:02d}",
        )
        for d in range(n_districts)
    ]
    Region.objects.bulk_create(districts)
    villages = [
        Region(
            code=f"{districts[i // per_district].code}.{1001 + i % per_district:04d}",
            name=f"Kelurahan Bench {i:04d}",
            level=4,
            parent_id=districts[i // per_district].code,
        )
        for i in range(n_units)
    ]
    Region.objects.bulk_create(villages, batch_size=2000)

    kanwil = Kanwil.objects.create(slug=PREFIX, name="Kanwil Bench Kegiatan", province=province)
    offices = Office.objects.bulk_create(
        Office(
            slug=f"{PREFIX}-{i}", name=f"Kantor Imigrasi Bench {i}", kanwil=kanwil, office_class="i_tpi", address="-"
        )
        for i in range(n_offices)
    )
    unusable = make_password(None)
    staff_users = User.objects.bulk_create(
        User(username=f"{PREFIX}-staff-{i}", email=f"{PREFIX}-staff-{i}@example.test", password=unusable)
        for i in range(n_offices)
    )
    OfficeMembership.objects.bulk_create(
        OfficeMembership(user=u, office=o, role="staff") for u, o in zip(staff_users, offices, strict=True)
    )
    units = Unit.objects.bulk_create(
        (
            Unit(
                kind="kelurahan",
                region_id=v.code,
                office=offices[i % n_offices],
                status="active",
                reason="migrant_workers",
                decree_number=f"SK-BENCH-{i}",
                decree_date=date(2023, 1, 2),
                launch_date=date(2023, 1, 16),
                proposed_by=staff_users[i % n_offices],
            )
            for i, v in enumerate(villages)
        ),
        batch_size=1000,
    )
    officer_users = User.objects.bulk_create(
        (
            User(username=f"{PREFIX}-officer-{i}", email=f"{PREFIX}-officer-{i}@example.test", password=unusable)
            for i in range(n_units)
        ),
        batch_size=1000,
    )
    UnitMembership.objects.bulk_create(
        (UnitMembership(user=u, unit=unit, role="officer") for u, unit in zip(officer_users, units, strict=True)),
        batch_size=1000,
    )
    return Bench(
        offices=[o.pk for o in offices],
        staff={o.pk: u for o, u in zip(offices, staff_users, strict=True)},
        officers={unit.pk: u for unit, u in zip(units, officer_users, strict=True)},
        units=[unit.pk for unit in units],
    )


def _rows(bench: Bench, n: int, today: date):
    """The n logs, as tuples in COLUMNS order; unit i gets logs i, i+U, i+2U... spread over three years."""
    from django.utils import timezone

    rng = random.Random(SEED)
    units = bench.units
    n_units = len(units)
    office_of = {}
    for i, unit in enumerate(units):
        office_of[unit] = bench.offices[i % len(bench.offices)]
    author_of = {unit: user.pk for unit, user in bench.officers.items()}
    staff_of = {office: user.pk for office, user in bench.staff.items()}
    per_unit = max(1, -(-n // n_units))
    span = 3 * 365
    now = timezone.now().isoformat()
    day_text: dict[int, str] = {}
    r = rng.random
    for k in range(n):
        unit = units[k % n_units]
        nth = k // n_units
        # Evenly over the last three years, newest first, with a little jitter.
        back = min(span, (nth * span) // per_unit + int(r() * 3))
        day = day_text.get(back)
        if day is None:
            day = day_text[back] = (today - timedelta(days=back)).isoformat()
        male, female = 3 + int(r() * 58), 3 + int(r() * 58)
        # The newest logs of a unit are the ones still waiting: the newest 8 % submitted, the next 2 %
        # returned, the rest verified (with one log per unit, it is waiting).
        share = nth / per_unit
        status = "submitted" if share < 0.08 else ("returned" if share < 0.10 else "verified")
        office = office_of[unit]
        verified = status == "verified"
        yield (
            unit,
            office,
            author_of[unit],
            day,
            KINDS[int(r() * len(KINDS))],
            PLACES[int(r() * len(PLACES))],
            male,
            female,
            int(r() * ((male + female) // 4 + 1)),
            int(r() * 13),
            int(r() * 4),
            "",
            "",
            status,
            "Lampirkan daftar hadir." if status == "returned" else "",
            staff_of[office] if verified else None,
            now if verified else None,
            None,
            now,
            now,
        )


def _copy(rows) -> None:
    from django.db import connection

    with connection.cursor() as cur:
        # Every reference is made by this script, so the per-row foreign-key triggers (deferred to the
        # commit, where a million rows x four keys took minutes) are skipped for this transaction only.
        cur.execute("SET LOCAL session_replication_role = replica")
        # Secondary indexes are dropped and built again after the load: one sorted build each instead of
        # a million inserts into nine indexes. Constraint indexes (primary key, unique token) stay.
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'reports_activity' AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = 'reports_activity'::regclass)"
        )
        indexes = cur.fetchall()
        for name, _definition in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        raw = cur.cursor
        buffer = io.StringIO()
        for count, row in enumerate(rows, start=1):
            # Every value comes from this script: no tab, newline or backslash to escape.
            buffer.write("\t".join("\\N" if v is None else str(v) for v in row))
            buffer.write("\n")
            if count % COPY_CHUNK == 0:
                buffer.seek(0)
                raw.copy_expert(f"COPY reports_activity ({COLUMNS}) FROM STDIN", buffer)
                buffer = io.StringIO()
        buffer.seek(0)
        raw.copy_expert(f"COPY reports_activity ({COLUMNS}) FROM STDIN", buffer)
        cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cur.execute(definition)


def _bulk(rows) -> None:
    from reports.models import Activity

    names = [c.strip() for c in COLUMNS.split(",")]
    batch = []
    for row in rows:
        batch.append(Activity(**dict(zip(names, row, strict=True))))
        if len(batch) == 20_000:
            Activity.objects.bulk_create(batch)
            batch = []
    Activity.objects.bulk_create(batch)


def generate(*, activities: int, units: int = 2000, offices: int = 100, quiet: bool = False) -> Bench:
    from django.db import connection, transaction
    from django.utils import timezone

    def say(message: str) -> None:
        if not quiet:
            print(message, flush=True)

    started = time.perf_counter()
    with transaction.atomic():
        _delete_previous()
    say(f"previous bench rows deleted in {time.perf_counter() - started:.1f} s")
    step = time.perf_counter()
    with transaction.atomic():
        bench = _make_world(units, offices)
    say(f"{offices} offices, {units:,} units and their officers in {time.perf_counter() - step:.1f} s")
    step = time.perf_counter()
    rows = _rows(bench, activities, timezone.localdate())
    with transaction.atomic():
        (_copy if connection.vendor == "postgresql" else _bulk)(rows)
    say(f"{activities:,} activities in {time.perf_counter() - step:.1f} s")
    step = time.perf_counter()
    from reports.services.rollups import rollup_rebuild

    # The logs went in by COPY or bulk_create, past the services that keep the dashboards' monthly rollup.
    cells = rollup_rebuild(office_ids=bench.offices)
    say(f"{cells:,} rollup cells in {time.perf_counter() - step:.1f} s")
    if connection.vendor == "postgresql":
        step = time.perf_counter()
        with connection.cursor() as cur:
            # Fresh planner statistics, as autovacuum would have them shortly after a bulk load.
            cur.execute("VACUUM ANALYZE reports_activity")
            cur.execute("ANALYZE villages_unit; ANALYZE villages_unitmembership; ANALYZE villages_officemembership")
        say(f"VACUUM ANALYZE in {time.perf_counter() - step:.1f} s")
    say(f"total {time.perf_counter() - started:.1f} s")
    return bench


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--activities", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--offices", type=int, default=100)
    args = parser.parse_args()
    setup()
    generate(activities=args.activities, units=args.units, offices=args.offices)


if __name__ == "__main__":
    main()
