#!/usr/bin/env python3
"""The CSV export of 1,000,000 activities, streamed through the view: time and the process's peak memory.

    DATABASE_URL=postgres://root@127.0.0.1:5432/summaries_csv .venv/bin/python bench/export_csv.py

What it does:
1. When the database holds fewer than ``--activities`` bench logs, runs bench/generate_activities.py in a
   separate process (so that generating does not count toward this process's peak memory).
2. In this process: a superuser (every office in scope) asks ``reports:export_activities_csv`` for the
   whole date range of the logs through Django's test client; the streamed body is read chunk by chunk and
   thrown away, counting bytes and lines.
3. Prints rows, megabytes, seconds, rows per second, and the peak memory (ru_maxrss). Aim: under 200 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desabinaan.settings")
# Development settings: with debug off the portal refuses to start without SITE_URL and a secret key.
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DATABASE_URL", "postgres://root@127.0.0.1:5432/summaries_csv")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--activities", type=int, default=1_000_000)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "bench"))
    from generate_activities import ensure_database

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection
    from django.db.models import Max, Min

    from reports.models import Activity

    if Activity.objects.count() < args.activities:
        connection.close()
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "generate_activities.py"), "--activities", str(args.activities)],
            check=True,
        )
        print(f"generated {args.activities:,} activities in {time.perf_counter() - started:.0f} s (separate process)")

    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    admin, _ = User.objects.get_or_create(username="bench-csv-admin", defaults={"is_superuser": True})
    bounds = Activity.objects.aggregate(start=Min("date"), end=Max("date"))
    expected = Activity.objects.count()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    started = time.perf_counter()
    response = client.get(
        reverse("reports:export_activities_csv"),
        {"start": bounds["start"].isoformat(), "end": bounds["end"].isoformat()},
    )
    assert response.status_code == 200, response.content[:500]
    assert response.streaming
    size = lines = 0
    first_chunk_at = None
    for chunk in response.streaming_content:
        if first_chunk_at is None:
            first_chunk_at = time.perf_counter() - started
        size += len(chunk)
        lines += chunk.count(b"\n")
        if lines % 100_000 == 0:
            print(f"  {lines:,} lines after {time.perf_counter() - started:.0f} s", flush=True)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rows = lines - 1  # the header
    print(f"rows: {rows:,} of {expected:,}; {size / 1e6:.0f} MB of CSV", flush=True)
    print(f"first bytes after {first_chunk_at:.2f} s; whole export {elapsed:.0f} s ({rows / elapsed:,.0f} rows/s)")
    print(f"peak memory (ru_maxrss): {peak:.0f} MB (before the export: {rss_before:.0f} MB; aim < 200 MB)")


if __name__ == "__main__":
    main()
