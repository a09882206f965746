#!/usr/bin/env python3
"""The region picker (``/wilayah/cari/``) with the national regions loaded: median latency and query count.

    .venv/bin/python bench/region_search.py                        # PostgreSQL database regions_search_bench
    .venv/bin/python bench/region_search.py --repeat 50

What it does:
1. Creates the database when missing, migrates it, and imports the national region file through
   ``villages.regions`` unless all its regions are already there (``bench/import_regions.py`` leaves them).
2. Makes one office with a staff member (kept between runs).
3. For each search (browse, narrowing by province/regency/district, name and code searches, a deep page),
   sends ``--repeat`` GET requests in-process with Django's test client after a warm-up (no HTTP server:
   the figure is view + queries + template), and records the median, the 90th percentile, the number of
   queries and of matching regions. Also times the selector's two queries alone (count and first page).
Prints a Markdown table for bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desabinaan.settings")
# Development settings: with debug off the portal refuses to start without SITE_URL and a secret key.
os.environ.setdefault("DJANGO_DEBUG", "true")
NATIONAL = ROOT.parent / "shared" / "data" / "wilayah" / "wilayah.csv"

SEARCHES = [
    ("browse every village, page 1", {}),
    ("browse, page 2,000 asked (served as page 50, the cap)", {"page": "2000"}),
    ("province Jawa Tengah", {"province": "33"}),
    ("province + regency Kota Adm. Jakarta Utara", {"province": "31", "regency": "31.72"}),
    ("province + regency + district Koja", {"province": "31", "regency": "31.72", "district": "31.72.03"}),
    ("name “rawa badak”", {"q": "rawa badak"}),
    ("name “sari” (many matches)", {"q": "sari"}),
    ("name “a” (almost everything)", {"q": "a"}),
    ("name “sari” within Jawa Timur", {"q": "sari", "province": "35"}),
    ("name with no match", {"q": "zzzqqq"}),
    ("code prefix “31.72”", {"q": "31.72"}),
    ("exact code 31.72.03.1004", {"q": "31.72.03.1004"}),
]


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
    parser.add_argument("--database-url", default="postgres://root@127.0.0.1:5432/regions_search_bench")
    parser.add_argument("--regions", default=str(NATIONAL))
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    ensure_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import User

    from villages.models import Kanwil, Office, OfficeMembership, Region
    from villages.regions import regions_import_file, regions_search
    from villages.views.regions import MAX_PAGES

    if Region.objects.count() < 91_599:
        summary = regions_import_file(path=args.regions, by=None)
        print(f"imported {summary.created:,} regions in {summary.seconds:.1f} s", file=sys.stderr)
    kanwil, _ = Kanwil.objects.get_or_create(slug="bench", defaults={"name": "Kanwil Bench", "province_id": "31"})
    office, _ = Office.objects.get_or_create(
        slug="kanim-bench",
        defaults={"name": "Kantor Imigrasi Bench", "kanwil": kanwil, "office_class": "i_tpi", "address": "-"},
    )
    staff, _ = User.objects.get_or_create(username="bench.regions.staff")
    OfficeMembership.objects.get_or_create(user=staff, office=office, role=OfficeMembership.Role.STAFF)

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(staff)
    url = reverse("villages:region_search")
    rows = []
    # The home page, for scale: what any page of the portal costs on this machine right now.
    for _ in range(3):
        client.get("/")
    home = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        client.get("/")
        home.append((time.perf_counter() - started) * 1000)
    for label, params in SEARCHES:
        for _ in range(3):
            client.get(url, params)
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(url, params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (label, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        filters = {k: v for k, v in params.items() if k != "page"}
        count = regions_search(**filters).count()
        selector = []
        page = min(int(params.get("page", 1)), MAX_PAGES)
        for _ in range(args.repeat):
            started = time.perf_counter()
            qs = regions_search(**filters)
            qs.count()
            list(qs[(page - 1) * 20 : page * 20])
            selector.append((time.perf_counter() - started) * 1000)
        timings.sort()
        rows.append(
            (
                label,
                statistics.median(timings),
                timings[int(len(timings) * 0.9) - 1],
                statistics.median(selector),
                len(queries.captured_queries),
                count,
            )
        )

    load = os.getloadavg()[0]
    print(f"{connection.vendor}, {Region.objects.count():,} regions, {args.repeat} requests each, load {load:.1f}\n")
    print("| search | median (ms) | p90 (ms) | selector alone, median (ms) | queries | matches |")
    print("|---|---:|---:|---:|---:|---:|")
    home.sort()
    home_p90 = home[int(len(home) * 0.9) - 1]
    print(f"| (home page, for scale) | {statistics.median(home):.1f} | {home_p90:.1f} | – | – | – |")
    for label, median, p90, selector_ms, queries, count in rows:
        print(f"| {label} | {median:.1f} | {p90:.1f} | {selector_ms:.1f} | {queries} | {count:,} |")


if __name__ == "__main__":
    main()
