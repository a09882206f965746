#!/usr/bin/env python3
"""A quarterly office summary PDF with 50 units and 2,000 activities: total time against WeasyPrint's own.

    DATABASE_URL=postgres://root@127.0.0.1:5432/summaries_bench .venv/bin/python bench/summary_pdf.py

What it does, in one process:
1. Creates the database when missing (PostgreSQL) and migrates it; deletes the rows of an earlier run
   (everything named "bench-sum") and makes an office with ``--units`` active units, ``--activities``
   activities spread over Triwulan I 2026 (90 % verified) and a few incidents.
2. Generates the summary as the worker does (``summary_generate``: the aggregation queries, the template,
   WeasyPrint, the file written and moved into place) and times it: the *total*.
3. Renders the same document's HTML with WeasyPrint alone (``html_to_pdf``): *WeasyPrint's own time*.
4. Prints the ratio, the query count of step 2, the page count and the process's peak memory (ru_maxrss).
Aims (issue 6): total <= 1.2 x WeasyPrint's own time, under 10 s, peak memory under 300 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desabinaan.settings")
# Development settings: with debug off the portal refuses to start without SITE_URL and a secret key.
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DATABASE_URL", "postgres://root@127.0.0.1:5432/summaries_bench")

PREFIX = "bench-sum"
SEED = 6


def ensure_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import dj_database_url
    import psycopg2

    cfg = dj_database_url.parse(url)
    conn = psycopg2.connect(dbname="postgres", user=cfg["USER"], host=cfg["HOST"], port=cfg["PORT"] or 5432)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]])
        if not cur.fetchone():
            cur.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
    conn.close()


def make_world(n_units: int, n_activities: int):
    from django.contrib.auth.models import User

    from reports.models import Activity, Incident, Summary
    from reports.services.rollups import rollup_rebuild
    from villages.models import Kanwil, Office, Region, Unit

    Summary.objects.filter(office__slug=PREFIX).delete()
    Activity.objects.filter(office__slug=PREFIX).delete()
    Incident.objects.filter(office__slug=PREFIX).delete()
    Unit.objects.filter(office__slug=PREFIX).delete()
    Office.objects.filter(slug=PREFIX).delete()
    Kanwil.objects.filter(slug=PREFIX).delete()
    User.objects.filter(username__startswith=PREFIX).delete()
    for level in (4, 3, 2, 1):
        Region.objects.filter(code__startswith="98", level=level).delete()

    province = Region.objects.create(code="98", name="Provinsi Uji Ringkasan", level=1)
    city = Region.objects.create(code="98.01", name="Kota Uji", level=2, parent=province)
    district = Region.objects.create(code="98.01.01", name="Kecamatan Uji", level=3, parent=city)
    kanwil = Kanwil.objects.create(name="Kanwil Ditjen Imigrasi Uji Ringkasan", slug=PREFIX, province=province)
    office = Office.objects.create(
        kanwil=kanwil,
        name="Kantor Imigrasi Kelas I TPI Uji Ringkasan",
        slug=PREFIX,
        office_class=Office.OfficeClass.I_TPI,
        address="Jl. Uji Ringkasan No. 1, Kota Uji",
        head_name="Kepala Kantor Uji",
        head_nip="197001011990031001",
    )
    staff = User.objects.create_user(f"{PREFIX}-staff", first_name="Petugas", last_name="Ringkasan")
    villages = Region.objects.bulk_create(
        Region(code=f"98.01.01.{1001 + i:04d}", name=f"Uji {i + 1:02d}", level=4, parent=district)
        for i in range(n_units)
    )
    units = Unit.objects.bulk_create(
        Unit(
            kind=Unit.Kind.KELURAHAN,
            region=region,
            office=office,
            status=Unit.Status.ACTIVE,
            reason=Unit.Reason.MIGRANT_WORKERS,
            decree_number=f"W.98.IMI.{i}",
            decree_date=date(2025, 1, 1),
            launch_date=date(2025, 2, 1),
            proposed_by=staff,
        )
        for i, region in enumerate(villages)
    )
    rng = random.Random(SEED)
    kinds = Activity.Kind.values
    activities = []
    for i in range(n_activities):
        male, female = rng.randint(0, 60), rng.randint(0, 60)
        activities.append(
            Activity(
                unit=units[i % len(units)],
                office=office,
                author=staff,
                date=date(2026, 1, 1) + timedelta(days=rng.randint(0, 89)),
                kind=kinds[i % len(kinds)],
                place=f"Balai warga {i % 40}",
                participants_male=male,
                participants_female=female,
                calon_pmi_reached=rng.randint(0, min(10, male + female)),
                passport_consultations=rng.randint(0, 8),
                referrals=rng.randint(0, 2),
                status=Activity.Status.VERIFIED if rng.random() < 0.9 else Activity.Status.SUBMITTED,
            )
        )
    Activity.objects.bulk_create(activities, batch_size=1000)
    # bulk_create passes the services that keep the monthly rollup the summaries read: measure it once.
    rollup_rebuild(office_ids=[office.pk])
    Incident.objects.bulk_create(
        Incident(
            unit=units[i],
            office=office,
            author=staff,
            category=Incident.Category.values[i % 3],
            urgency=Incident.Urgency.MEDIUM,
            occurred_on=date(2026, 2, 1 + i),
            place="Dermaga",
            description="-",
        )
        for i in range(12)
    )
    return office, staff


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--activities", type=int, default=2000)
    parser.add_argument("--appendix", action="store_true", help="include the appendix listing activities")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; medians are printed")
    parser.add_argument("--keep", help="copy the PDF here to look at it")
    args = parser.parse_args()

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    import tempfile

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="summary-bench-"))
    call_command("migrate", verbosity=0)
    from pypdf import PdfReader

    from desabinaan.lib import pdf as renderer
    from reports import pdf
    from reports.models import Summary
    from reports.services.summaries import build_document, summary_generate, summary_request

    started = time.perf_counter()
    office, staff = make_world(args.units, args.activities)
    print(f"data: {args.units} units, {args.activities} activities in {time.perf_counter() - started:.1f} s")

    def one_summary() -> Summary:
        return summary_request(
            by=staff,
            office=office,
            unit=None,
            period_kind=Summary.PeriodKind.QUARTER,
            start=date(2026, 1, 1),
            end=date(2026, 3, 31),
            include_appendix=args.appendix,
        )

    # A warm-up render loads fonts and templates once, as a long-running worker has them loaded.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    warm = one_summary()
    warm.refresh_from_db()

    # WeasyPrint's own time inside each generation, measured around the very call the service makes.
    inner: list[float] = []
    real_html_to_pdf = renderer.html_to_pdf

    def timed_html_to_pdf(html: str) -> bytes:
        t = time.perf_counter()
        try:
            return real_html_to_pdf(html)
        finally:
            inner.append(time.perf_counter() - t)

    renderer.html_to_pdf = timed_html_to_pdf
    totals, weasy_times, query_counts, ratios = [], [], [], []
    for run in range(args.repeat):
        summary = Summary.objects.create(
            office=office,
            period_kind=Summary.PeriodKind.QUARTER,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 3, 31),
            include_appendix=args.appendix,
            generated_by=staff,
            verification_code=f"BENCH{int(time.time()) % 10000:04d}{run}",
        )
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            summary = summary_generate(summary_id=summary.pk)
            totals.append(time.perf_counter() - t0)
        assert summary.state == Summary.State.DONE, summary.message
        ratios.append(totals[-1] / inner[-1])
        query_counts.append(len(queries.captured_queries))

        document = build_document(Summary.objects.select_related("office", "unit", "generated_by").get(pk=summary.pk))
        html = pdf.render_html(document)
        t1 = time.perf_counter()
        own = real_html_to_pdf(html)
        weasy_times.append(time.perf_counter() - t1)
    total, weasy = statistics.median(totals), statistics.median(weasy_times)

    pages = len(PdfReader(summary.file.path).pages)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"summary_generate total: {total:.2f} s (median of {args.repeat}; {query_counts[0]} queries, {pages} pages)")
    print(f"WeasyPrint alone on the same HTML: {weasy:.2f} s ({len(own):,} bytes)")
    print(f"WeasyPrint inside the same generation: {statistics.median(inner):.2f} s")
    print(f"ratio total / WeasyPrint inside the same run: {statistics.median(ratios):.2f} (aim <= 1.2)")
    print(f"ratio total / WeasyPrint alone (separate renders, noisier): {total / weasy:.2f}")
    print(f"peak memory (ru_maxrss): {peak_mb:.0f} MB (aim < 300 MB)")
    if args.keep:
        Path(args.keep).write_bytes(Path(summary.file.path).read_bytes())
        print(f"kept {args.keep}")


if __name__ == "__main__":
    main()
