#!/usr/bin/env python3
"""The unit list and the staff home with the national regions, at 20 and at 2,000 units.

    DATABASE_URL=postgres://root@127.0.0.1:5432/units_bench .venv/bin/python bench/unit_list.py

What it does:
1. Creates the database when missing (PostgreSQL) and migrates it.
2. Imports the national region file (``--regions``, default ../shared/data/wilayah/wilayah.csv) through
   ``villages.regions`` unless the regions are already there.
3. Makes a Kanwil with ``--offices`` offices (a staff member and a head each), a national oversight user and
   an officer, then ``--small`` units spread over offices, states and villages across the country.
4. For each page and role, sends ``--repeat`` requests in-process (Django's test client; no HTTP server, so
   the figure is view + queries + template) after a warm-up, and records the median and the query count.
5. Grows the units to ``--large`` and measures again. Prints a Markdown table for bench/README.md.

The bench rows are deleted and made again on every run, so the figures start from the same data.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desabinaan.settings")
# Development settings: with debug off the portal refuses to start without SITE_URL and a secret key.
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DATABASE_URL", "postgres://root@127.0.0.1:5432/units_bench")

NATIONAL = ROOT.parent / "shared" / "data" / "wilayah" / "wilayah.csv"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regions", default=str(NATIONAL))
    parser.add_argument("--offices", type=int, default=10)
    parser.add_argument("--small", type=int, default=20)
    parser.add_argument("--large", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)

    from villages.models import Region

    if Region.objects.filter(level=Region.Level.VILLAGE).count() < 50_000:
        from villages.regions import regions_import_file

        started = time.perf_counter()
        summary = regions_import_file(path=args.regions, by=None)
        print(f"regions imported in {time.perf_counter() - started:.1f} s: {summary}")
    villages = Region.objects.filter(level=Region.Level.VILLAGE).count()

    world = make_world(args.offices)
    results = {}
    for size in (args.small, args.large):
        grow_to(world, size)
        results[size] = measure(world, args.repeat)

    print(f"\nNational regions: {villages:,} villages. Offices: {args.offices}. Repeat: {args.repeat}.")
    print(f"Database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}\n")
    small, large = args.small, args.large
    print(f"Load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores\n")
    print(
        f"| page | role | median ms at {small} | median ms at {large:,} | SQL ms at {small} | SQL ms at {large:,} "
        f"| queries at {small} | queries at {large:,} |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for key in results[small]:
        page, role = key
        a, b = results[small][key], results[large][key]
        print(f"| {page} | {role} | {a[0]:.1f} | {b[0]:.1f} | {a[2]:.1f} | {b[2]:.1f} | {a[1]} | {b[1]} |")


class World:
    def __init__(self, offices, users, villages):
        self.offices = offices
        self.users = users
        self.villages = villages


def make_world(n_offices: int) -> World:
    from django.contrib.auth.models import User

    from villages.models import Kanwil, Office, OfficeMembership, OversightMembership, Region, Unit

    Unit.objects.filter(office__slug__startswith="bench-").delete()
    User.objects.filter(username__startswith="bench-").delete()
    kanwil, _ = Kanwil.objects.get_or_create(slug="bench", defaults={"name": "Kanwil Bench", "province_id": "31"})
    offices = []
    for i in range(n_offices):
        office, _ = Office.objects.get_or_create(
            slug=f"bench-{i}",
            defaults={"name": f"Kantor Imigrasi Bench {i}", "kanwil": kanwil, "office_class": "i_tpi", "address": "-"},
        )
        offices.append(office)
    users = {}
    for i, office in enumerate(offices):
        for role in ("staff", "head"):
            user = User.objects.create_user(f"bench-{role}-{i}", f"bench-{role}-{i}@example.test")
            OfficeMembership.objects.create(user=user, office=office, role=role)
            if i == 0:
                users[role] = user
    users["oversight"] = User.objects.create_user("bench-oversight", "bench-oversight@example.test")
    OversightMembership.objects.create(user=users["oversight"], kanwil=kanwil)
    users["officer"] = User.objects.create_user("bench-officer", "bench-officer@example.test")
    codes = list(
        Region.objects.filter(level=Region.Level.VILLAGE).exclude(units__isnull=False).values_list("code", flat=True)
    )
    random.Random(7).shuffle(codes)
    return World(offices, users, codes)


def grow_to(world: World, size: int) -> None:
    from villages.models import Region, Unit, UnitEvent, UnitMembership

    statuses = ["proposed", "approved", "active", "active", "active", "suspended", "retired", "rejected"]
    existing = Unit.objects.filter(office__in=world.offices).count()
    units = []
    for i in range(existing, size):
        code = world.villages[i]
        status = statuses[i % len(statuses)]
        decided = status not in ("proposed", "rejected")
        units.append(
            Unit(
                kind="kelurahan" if code.rsplit(".", 1)[1].startswith("1") else "desa",
                region_id=code,
                office=world.offices[i % len(world.offices)],
                status=status,
                reason="migrant_workers",
                decree_number=f"SK-BENCH-{i}" if decided else "",
                decree_date="2025-01-06" if decided else None,
                launch_date="2025-02-03" if status in ("active", "suspended", "retired") else None,
                proposed_by=world.users["staff"] if i % 3 else world.users["head"],
            )
        )
    Unit.objects.bulk_create(units, batch_size=500)
    UnitEvent.objects.bulk_create(
        [UnitEvent(unit=u, from_status="", to_status="proposed", actor=u.proposed_by) for u in units], batch_size=500
    )
    first = Unit.objects.filter(office=world.offices[0]).order_by("pk").first()
    UnitMembership.objects.get_or_create(user=world.users["officer"], unit=first)
    assert Region.objects.exists()
    # Fresh planner statistics, as autovacuum would have them a minute after a bulk load.
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE villages_unit; ANALYZE villages_unitevent; ANALYZE villages_region")


def measure(world: World, repeat: int) -> dict:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    pages = [
        ("unit list", "/desa-binaan/"),
        ("unit list, province filter", "/desa-binaan/?province=33&regency=33.01"),
        ("unit list, text search", "/desa-binaan/?q=sari"),
        ("unit list, page 5", "/desa-binaan/?page=5"),
        ("staff home", "/tugas/"),
    ]
    roles = ["staff", "head", "oversight", "officer"]
    out = {}
    for role in roles:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(world.users[role])
        for name, url in pages:
            if name == "staff home" and role == "officer":
                continue
            for _ in range(3):
                assert client.get(url).status_code == 200, (role, url)
            times, sql_times = [], []
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            queries = len(ctx.captured_queries)
            for _ in range(repeat):
                reset_queries()
                with CaptureQueriesContext(connection) as ctx:
                    started = time.perf_counter()
                    client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
                sql_times.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
            out[(name, role)] = (statistics.median(times), queries, statistics.median(sql_times))
    return out


if __name__ == "__main__":
    main()
