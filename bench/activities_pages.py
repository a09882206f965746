#!/usr/bin/env python3
"""The officer home, the staff verification queue and the staff overview at 10 and at 1,000,000 activities.

    DATABASE_URL=postgres://root@127.0.0.1:5432/bench_activities .venv/bin/python bench/activities_pages.py

What it does:
1. Creates and migrates the database when needed (PostgreSQL), then builds the world of
   bench/generate_activities.py (2,000 units over 100 offices) with ``--small`` activities.
2. For each page, sends ``--repeat`` requests in-process (Django's test client; no HTTP server, so the figure
   is view + queries + template) after three warm-up requests, and records the median and the query count.
3. Builds it again with ``--large`` activities (COPY) and measures again. Prints a Markdown table for
   bench/README.md.

The user for the officer pages is the officer of the first unit; for the staff pages, the staff member of the
first office (20 units; at 1,000,000 activities it holds 10,000 logs, about 800 of them waiting).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_activities as gen


def pages(bench) -> list[tuple[str, str, object]]:
    from django.utils import timezone

    from reports.models import Activity

    office = bench.offices[0]
    unit = bench.units[0]
    today = timezone.localdate()
    staff, officer = bench.staff[office], bench.officers[unit]
    # A kind the unit has logged, so that the filtered list is not empty at either size.
    kind = Activity.objects.filter(unit_id=unit).order_by("-date").values_list("kind", flat=True).first()
    return [
        ("officer home", "/laporan/", officer),
        ("staff queue (waiting)", "/laporan/verifikasi/", staff),
        ("staff queue, all statuses, page 5", "/laporan/verifikasi/?status=all&page=5", staff),
        (
            "staff queue, unit + kind + date range",
            f"/laporan/verifikasi/?status=all&unit={unit}&kind={kind}"
            f"&date_from={today.replace(year=today.year - 1).isoformat()}&date_to={today.isoformat()}",
            staff,
        ),
        ("staff overview", "/laporan/ikhtisar-unit/", staff),
    ]


def measure(bench, repeat: int) -> dict[str, tuple[float, int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    out = {}
    for name, url, user in pages(bench):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for _ in range(3):
            assert client.get(url).status_code == 200, url
        timings, sql = [], []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
            sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        out[name] = (statistics.median(timings), len(queries.captured_queries), statistics.median(sql))
    return out


def explain(bench) -> None:
    """The plans of the heaviest queries at the large size, for the README."""
    from django.contrib.auth.models import User
    from django.db import connection

    from reports.selectors.activities import staff_overview_units, staff_queue

    if connection.vendor != "postgresql":
        return
    staff = User.objects.get(pk=bench.staff[bench.offices[0]].pk)
    for label, qs in [
        ("queue (waiting), first page", staff_queue(staff)[:25]),
        ("queue count (all statuses)", staff_queue(staff, status="")),
        ("overview units with last date", staff_overview_units(staff)[:50]),
    ]:
        sql, params = (
            qs.query.sql_with_params()
            if not label.startswith("queue count")
            else qs.order_by().values("pk").query.sql_with_params()
        )
        if label.startswith("queue count"):
            sql = f"SELECT COUNT(*) FROM ({sql}) AS c"
        with connection.cursor() as cur:
            cur.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF, SUMMARY ON) {sql}", params)
            plan = [row[0] for row in cur.fetchall()]
        print(f"\n-- {label}")
        print("\n".join(line for line in plan if "Execution Time" in line or "Scan" in line or "Index" in line))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--offices", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    gen.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False

    results = {}
    for size in (args.small, args.large):
        started = time.perf_counter()
        bench = gen.generate(activities=size, units=args.units, offices=args.offices, quiet=True)
        print(f"{size:,} activities generated in {time.perf_counter() - started:.1f} s", flush=True)
        results[size] = measure(bench, args.repeat)

    from django.db import connection

    small, large = args.small, args.large
    load = os.getloadavg()[0]
    print(
        f"\nDatabase: {connection.vendor}. Units: {args.units:,}. Offices: {args.offices}. "
        f"Repeat: {args.repeat}. Load average: {load:.1f} on {os.cpu_count()} cores.\n"
    )
    print(
        f"| page | median ms at {small:,} | median ms at {large:,} | SQL ms at {small:,} | SQL ms at {large:,} "
        f"| queries at {small:,} | queries at {large:,} |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in results[small]:
        a, b = results[small][name], results[large][name]
        print(f"| {name} | {a[0]:.1f} | {b[0]:.1f} | {a[2]:.1f} | {b[2]:.1f} | {a[1]} | {b[1]} |")
    explain(bench)


if __name__ == "__main__":
    main()
