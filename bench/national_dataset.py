#!/usr/bin/env python3
"""The national dataset: the real region register, 33 Kanwil, 151 offices, 2,000 units, a million logs.

    .venv/bin/python bench/national_dataset.py --fresh            # drops and re-creates PostgreSQL db "national"
    .venv/bin/python bench/national_dataset.py                     # no-op when the dataset is already there
    .venv/bin/python bench/national_dataset.py --database-url postgres://root@127.0.0.1:5432/other --fresh

What it makes (seeded: the same rows on every run, except timestamps relative to today):
- the national region file ``../shared/data/wilayah/wilayah.csv`` through the real importer
  (``villages.regions.regions_import_file``) and the seed guidance (``load_guidance``: topics, facts, articles);
- 33 Kanwil, one per province group (real province codes; the six Papua provinces make two groups and
  Kalimantan Utara goes with Kalimantan Timur), 151 offices spread over them in proportion to their villages,
  each with a service area (the regencies of its Kanwil, dealt out in turn), two staff members and a head;
  a national oversight user and one per Kanwil;
- 2,000 units on distinct real villages, each in the service area of its office: mostly active, and some in
  every other status; 20 of them schools with an 8-digit NPSN. Every live unit has an officer
  (UnitMembership);
- 1,000,000 activity logs over the three years up to today on the units that were ever active (COPY, with
  ``bench/generate_activities.py``'s row maker and loader), 10,000 incidents, article pairs (Indonesian and
  English, linked as translations, with topics) up to 200 published articles with the seed guidance's.

Known logins (password ``PASSWORD`` below): ``national-staff-0`` (staff of the first office),
``national-officer-<n>`` (officer of a live unit), ``national-oversight`` (national oversight).
Prints the time of each phase, the total and the peak memory (ru_maxrss) of this process.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desabinaan.settings")
# Development settings: with debug off the portal refuses to start without SITE_URL and a secret key.
os.environ.setdefault("DJANGO_DEBUG", "true")

DEFAULT_DB = "postgres://root@127.0.0.1:5432/national"
REGION_FILE = ROOT.parent / "shared" / "data" / "wilayah" / "wilayah.csv"
PREFIX = "national"
PASSWORD = "Nasional-bench-2026"  # noqa: S105 (bench users on a throw-away database)
SEED = 7_2026
N_OFFICES = 151
N_UNITS = 2000
N_SCHOOLS = 20
N_ACTIVITIES = 1_000_000
N_INCIDENTS = 10_000
N_ARTICLES = 200  # published in all, the seed guidance's included

# 38 provinces -> 33 Kanwil: a group is named after its first province.
GROUPS = [
    ["11"], ["12"], ["13"], ["14"], ["15"], ["16"], ["17"], ["18"], ["19"], ["21"],
    ["31"], ["32"], ["33"], ["34"], ["35"], ["36"], ["51"], ["52"], ["53"],
    ["61"], ["62"], ["63"], ["64", "65"], ["71"], ["72"], ["73"], ["74"], ["75"], ["76"],
    ["81"], ["82"], ["91", "93", "94", "95"], ["92", "96"],
]  # fmt: skip
# Unit statuses: mostly active, some of every other one (shares of the 2,000).
STATUS_SHARES = [
    ("active", 0.82),
    ("proposed", 0.04),
    ("approved", 0.03),
    ("suspended", 0.04),
    ("retired", 0.04),
    ("rejected", 0.03),
]
EVER_ACTIVE = {"active", "suspended", "retired"}
REASONS = ["migrant_workers", "border", "trafficking", "foreigners", "remote", "poverty", "other"]


def say(message: str) -> None:
    print(message, flush=True)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare_database(url: str, *, fresh: bool) -> None:
    import dj_database_url
    import psycopg2
    from psycopg2 import sql

    cfg = dj_database_url.parse(url)
    if not cfg["NAME"] or cfg["HOST"] not in ("127.0.0.1", "localhost"):
        raise SystemExit("only a local PostgreSQL database")
    conn = psycopg2.connect(dbname="postgres", user=cfg["USER"], host=cfg["HOST"], port=cfg["PORT"] or 5432)
    conn.autocommit = True
    with conn.cursor() as cur:
        if fresh:
            cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(cfg["NAME"])))
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]])
        if cur.fetchone() is None:
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(cfg["NAME"])))
    conn.close()


class Phases:
    def __init__(self):
        self.started = time.perf_counter()
        self.rows: list[tuple[str, float]] = []

    def run(self, label: str, fn, *args, **kwargs):
        step = time.perf_counter()
        result = fn(*args, **kwargs)
        took = time.perf_counter() - step
        self.rows.append((label, took))
        say(f"{label}: {took:.1f} s (peak RSS so far {peak_mb():.0f} MB)")
        return result


def import_regions() -> None:
    from villages.regions import regions_import_file

    summary = regions_import_file(path=REGION_FILE, by=None)
    say(f"  regions: {summary.created:,} created, {summary.unchanged:,} unchanged")


def load_guidance() -> None:
    from edukasi.seed import load_guidance as load

    report = load()
    say(f"  guidance: {report.topics} topics, {len(report.created)} seed articles created")


def make_world(rng: random.Random) -> dict:
    """Kanwil, offices with service areas and staff, units with officers, oversight users."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.db import transaction

    from villages.models import (
        Kanwil,
        Office,
        OfficeMembership,
        OversightMembership,
        Region,
        Unit,
        UnitMembership,
    )

    password = make_password(PASSWORD)  # hashed once, shared by every bench user
    provinces = dict(Region.objects.filter(level=1).values_list("code", "name"))
    regencies: dict[str, list[str]] = {}
    for code in Region.objects.filter(level=2).order_by("code").values_list("code", flat=True):
        regencies.setdefault(code[:2], []).append(code)
    villages_by_regency: dict[str, list[str]] = {}
    for code in Region.objects.filter(level=4).order_by("code").values_list("code", flat=True):
        villages_by_regency.setdefault(code[:5], []).append(code)
    village_count = {p: sum(len(villages_by_regency.get(r, [])) for r in regencies.get(p, [])) for p in provinces}

    with transaction.atomic():
        kanwils = Kanwil.objects.bulk_create(
            Kanwil(
                name=f"Kantor Wilayah {provinces[group[0]]}",
                slug=f"{PREFIX}-kanwil-{group[0]}",
                province_id=group[0],
                address=f"Jl. Kanwil {provinces[group[0]]}",
            )
            for group in GROUPS
        )
        # Offices per Kanwil: one each, the rest in proportion to the villages of the group.
        weights = [sum(village_count[p] for p in g) for g in GROUPS]
        extra = N_OFFICES - len(GROUPS)
        shares = [1 + int(extra * w / sum(weights)) for w in weights]
        for i in sorted(range(len(GROUPS)), key=lambda i: -weights[i])[: N_OFFICES - sum(shares)]:
            shares[i] += 1
        office_objs, office_regencies = [], []
        classes = ["i_tpi", "i_non_tpi", "ii_tpi", "ii_non_tpi"]
        for kanwil, group, share in zip(kanwils, GROUPS, shares, strict=True):
            group_regencies = [r for p in group for r in regencies.get(p, [])]
            for j in range(share):
                n = len(office_objs)
                office_objs.append(
                    Office(
                        kanwil=kanwil,
                        name=f"Kantor Imigrasi {provinces[group[0]]} {j + 1}",
                        slug=f"{PREFIX}-kanim-{n}",
                        office_class=classes[n % 4],
                        address=f"Jl. Imigrasi No. {n + 1}",
                        phone=f"021-555{n:04d}",
                        email=f"kanim{n}@example.test",
                        head_name=f"Kepala Kantor {n + 1}",
                    )
                )
                office_regencies.append(group_regencies[j::share])
        offices = Office.objects.bulk_create(office_objs)
        through = Office.service_area.through
        through.objects.bulk_create(
            through(office_id=o.pk, region_id=r)
            for o, regs in zip(offices, office_regencies, strict=True)
            for r in regs
        )
        # Office people: two staff and a head each.
        people = []
        for n, office in enumerate(offices):
            for role, count in (("staff", 2), ("head", 1)):
                for k in range(count):
                    people.append((office, role, f"{PREFIX}-{role}-{n if k == 0 else f'{n}b'}"))
        users = User.objects.bulk_create(
            User(username=name, email=f"{name}@example.test", password=password, first_name=role.title())
            for _, role, name in people
        )
        OfficeMembership.objects.bulk_create(
            OfficeMembership(user=u, office=o, role=role) for u, (o, role, _) in zip(users, people, strict=True)
        )
        staff_of = {}
        for u, (o, role, _) in zip(users, people, strict=True):
            if role == "staff":
                staff_of.setdefault(o.pk, u.pk)
        overseers = User.objects.bulk_create(
            [User(username=f"{PREFIX}-oversight", email="oversight@example.test", password=password)]
            + [
                User(username=f"{PREFIX}-oversight-{k.slug[-2:]}", email=f"o{k.pk}@example.test", password=password)
                for k in kanwils
            ]
        )
        OversightMembership.objects.bulk_create(
            [OversightMembership(user=overseers[0], kanwil=None)]
            + [OversightMembership(user=u, kanwil=k) for u, k in zip(overseers[1:], kanwils, strict=True)]
        )

        # Units: each office takes villages from its own regencies, each village once.
        statuses = []
        for status, share in STATUS_SHARES:
            statuses += [status] * round(N_UNITS * share)
        statuses = (statuses + ["active"] * N_UNITS)[:N_UNITS]
        rng.shuffle(statuses)
        candidates = [[v for r in regs for v in villages_by_regency.get(r, [])] for regs in office_regencies]
        for c in candidates:
            rng.shuffle(c)
        unit_objs, used = [], set()
        n = 0
        while len(unit_objs) < N_UNITS:
            i = n % len(offices)
            n += 1
            while candidates[i] and candidates[i][-1] in used:
                candidates[i].pop()
            if not candidates[i]:
                continue
            code = candidates[i].pop()
            used.add(code)
            k = len(unit_objs)
            status = statuses[k]
            school = k % (N_UNITS // N_SCHOOLS) == 7
            decided = status not in ("proposed", "rejected")
            decree = date(2023, 1, 2) + timedelta(days=rng.randrange(700)) if decided else None
            launched = status in EVER_ACTIVE
            unit_objs.append(
                Unit(
                    kind="school" if school else ("kelurahan" if code.rsplit(".", 1)[1].startswith("1") else "desa"),
                    school_name=f"SMK Negeri {k + 1} Bench" if school else "",
                    npsn=f"{10_000_000 + k * 37:08d}" if school else "",
                    region_id=code,
                    office=offices[i],
                    status=status,
                    reason="school" if school else REASONS[rng.randrange(len(REASONS))],
                    address=f"Jl. Desa No. {k + 1}",
                    contact_name=f"Narahubung {k + 1}",
                    decree_number=f"SK-NAS-{k + 1}" if decided else "",
                    decree_date=decree,
                    launch_date=decree + timedelta(days=14) if launched else None,
                    proposed_by_id=staff_of[offices[i].pk],
                )
            )
        units = Unit.objects.bulk_create(unit_objs, batch_size=1000)
        live = [u for u in units if u.status in ("proposed", "approved", "active", "suspended")]
        officers = User.objects.bulk_create(
            (
                User(username=f"{PREFIX}-officer-{k}", email=f"officer{k}@example.test", password=password)
                for k in range(len(live))
            ),
            batch_size=1000,
        )
        UnitMembership.objects.bulk_create(
            (UnitMembership(user=u, unit=unit, role="officer") for u, unit in zip(officers, live, strict=True)),
            batch_size=1000,
        )
    author_of = {unit.pk: u.pk for unit, u in zip(live, officers, strict=True)}
    # Retired units keep the logs of their former officer: the office's staff member stands in here.
    for unit in units:
        author_of.setdefault(unit.pk, staff_of[unit.office_id])
    counts = {}
    for u in units:
        counts[u.status] = counts.get(u.status, 0) + 1
    say(
        f"  {len(kanwils)} Kanwil, {len(offices)} offices ({through.objects.count()} service-area regions), "
        f"{len(units):,} units {counts} ({sum(u.kind == 'school' for u in units)} schools), "
        f"{len(officers):,} officers, {len(users)} office staff/heads, {len(overseers)} oversight users"
    )
    return {
        "offices": [o.pk for o in offices],
        "staff_of": staff_of,
        "units": units,
        "author_of": author_of,
        "live_officer": officers[0].username if officers else None,
    }


def make_activities(world: dict) -> None:
    """A million logs through bench/generate_activities.py's seeded row maker and COPY loader."""
    import generate_activities as ga
    from django.db import connection, transaction
    from django.utils import timezone

    units = [u for u in world["units"] if u.status in EVER_ACTIVE]
    office_of = {u.pk: u.office_id for u in units}
    staff_of = world["staff_of"]
    bench = ga.Bench(
        offices=world["offices"],
        staff={pk: _Pk(user) for pk, user in staff_of.items()},
        officers={u.pk: _Pk(world["author_of"][u.pk]) for u in units},
        units=[u.pk for u in units],
    )

    def rows():
        # The row maker deals units to offices in turn; here each unit keeps its own office and its staff.
        for row in ga._rows(bench, N_ACTIVITIES, timezone.localdate()):
            office = office_of[row[0]]
            verifier = staff_of[office] if row[15] is not None else None
            yield (row[0], office, *row[2:15], verifier, *row[16:])

    with transaction.atomic():
        if connection.vendor == "postgresql":
            ga._copy(rows())
        else:
            ga._bulk(rows())


class _Pk:
    def __init__(self, pk: int):
        self.pk = pk


def make_unit_history(units: list, staff_of: dict[int, int], rng: random.Random) -> None:
    """Each unit's status changes (``UnitEvent``), as the workflow writes them, consistent with its status now.

    Proposed 60 days before the decree, approved on the decree date, active from the launch date; a fifth of
    the launched units were suspended for a while and reactivated; suspended and retired units got there on a
    day after their launch. Plus one data edit per unit. The "aktif" figure of the dashboards reads this.
    """
    from datetime import datetime
    from datetime import time as clock

    from django.db import transaction
    from django.utils import timezone

    from villages.models import UnitEvent

    today = timezone.localdate()

    def at(day: date) -> datetime:
        return timezone.make_aware(datetime.combine(min(day, today), clock(9, rng.randrange(60))))

    events = []
    for unit in units:
        actor = staff_of[unit.office_id]

        def event(frm: str, to: str, day: date, kind: str = "transition", unit=unit, actor=actor) -> None:
            events.append(
                UnitEvent(unit_id=unit.pk, kind=kind, from_status=frm, to_status=to, actor_id=actor, at=at(day))
            )

        decree = unit.decree_date or today - timedelta(days=rng.randrange(30, 400))
        proposed = decree - timedelta(days=60)
        event("", "proposed", proposed)
        if unit.status == "proposed":
            event("proposed", "proposed", proposed + timedelta(days=5), kind="edit")
            continue
        if unit.status == "rejected":
            event("proposed", "rejected", decree)
            continue
        event("proposed", "approved", decree)
        if unit.status == "approved":
            continue
        launch = unit.launch_date
        event("approved", "active", launch)
        span = max((today - launch).days, 3)
        if rng.random() < 0.2:
            off = launch + timedelta(days=rng.randrange(1, span))
            back = off + timedelta(days=rng.randrange(1, 90))
            if back < today - timedelta(days=3):
                event("active", "suspended", off)
                event("suspended", "active", back)
                launch = back
                span = max((today - launch).days, 3)
        event("active", "active", launch + timedelta(days=rng.randrange(1, span)), kind="edit")
        if unit.status in ("suspended", "retired"):
            event("active", unit.status, launch + timedelta(days=rng.randrange(1, span)))
    with transaction.atomic():
        UnitEvent.objects.bulk_create(events, batch_size=2000)
    say(f"  {len(events):,} unit events")


def make_rollup() -> None:
    """The dashboards' monthly rollup measured from the logs just loaded (they went in by COPY)."""
    from reports.services.rollups import rollup_rebuild

    say(f"  {rollup_rebuild():,} rollup cells")


def make_incidents(world: dict, rng: random.Random) -> None:
    from django.utils import timezone

    from reports.models import Incident

    units = [u for u in world["units"] if u.status in EVER_ACTIVE]
    today = timezone.localdate()
    now = timezone.now()
    categories = ["trafficking", "non_procedural", "foreigner"]
    urgencies = ["low", "medium", "high", "immediate"]
    batch = []
    for k in range(N_INCIDENTS):
        unit = units[rng.randrange(len(units))]
        back = rng.randrange(3 * 365)
        status = rng.choices(["new", "acknowledged", "referred", "closed"], [1, 2, 2, 5])[0]
        batch.append(
            Incident(
                unit=unit,
                office_id=unit.office_id,
                author_id=world["author_of"][unit.pk],
                category=categories[k % 3],
                urgency=urgencies[rng.randrange(4)],
                occurred_on=today - timedelta(days=back),
                place=f"Dusun {k % 50 + 1}",
                description="Warga melaporkan tawaran kerja ke luar negeri tanpa dokumen resmi.",
                status=status,
                referred_to="polres_ppa" if status == "referred" else "",
                created_at=now - timedelta(days=back),
            )
        )
    Incident.objects.bulk_create(batch, batch_size=2000)


def make_articles(rng: random.Random) -> None:
    from django.db import transaction
    from django.utils import timezone

    from edukasi.models import Article, Topic
    from edukasi.rendering import plain_text

    topics = list(Topic.objects.order_by("pk"))
    pairs = max(0, N_ARTICLES - Article.objects.filter(status="published").count()) // 2
    now = timezone.now() - timedelta(days=1)
    body_id = (
        "## Sebelum berangkat\n\nPastikan paspor, visa kerja dan perjanjian kerja Anda resmi. "
        "Tanyakan ke kantor imigrasi terdekat bila ragu.\n\n- Periksa nama agen di situs resmi.\n"
        "- Jangan serahkan paspor kepada calo.\n\n## Bila ada masalah\n\nHubungi layanan pengaduan.\n"
    )
    body_en = (
        "## Before you leave\n\nMake sure your passport, work visa and contract are official. "
        "Ask the nearest immigration office if in doubt.\n\n- Check the agency on the official site.\n"
        "- Never hand your passport to a broker.\n\n## If something goes wrong\n\nCall the hotline.\n"
    )
    with transaction.atomic():
        made = []
        for lang, body, word in (("id", body_id, "Panduan"), ("en", body_en, "Guide")):
            made.append(
                Article.objects.bulk_create(
                    Article(
                        topic=topics[k % len(topics)],
                        slug=f"{PREFIX}-{lang}-{k}",
                        language=lang,
                        title=f"{word} {k + 1}: {topics[k % len(topics)].name}",
                        summary=f"{word} {k + 1} untuk warga desa binaan.",
                        body=body,
                        plain_text=plain_text(body),
                        status="published",
                        publish_at=now - timedelta(days=rng.randrange(300)),
                        version=1,
                        order=200 + k,
                    )
                    for k in range(pairs)
                )
            )
        ids, ens = made
        for a, b in zip(ids, ens, strict=True):
            a.translation, b.translation = b, a
        Article.objects.bulk_update(ids + ens, ["translation"], batch_size=500)
    say(f"  articles: {Article.objects.filter(status='published').count()} published in all")


def analyze() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")


def complete(phases: Phases) -> None:
    """A dataset made by an earlier version of this script gets what it lacks (unit histories, the rollup)."""
    from reports.models import ActivityMonth
    from villages.models import Unit, UnitEvent

    units = Unit.objects.filter(office__slug__startswith=f"{PREFIX}-")
    if not UnitEvent.objects.filter(unit__in=units).exists():
        from villages.models import OfficeMembership

        staff_of = dict(
            OfficeMembership.objects.filter(role="staff").order_by("-pk").values_list("office_id", "user_id")
        )
        phases.run("unit histories", make_unit_history, list(units.order_by("pk")), staff_of, random.Random(SEED + 1))
        phases.run("VACUUM ANALYZE", analyze)
    if not ActivityMonth.objects.exists():
        phases.run("monthly rollup of the logs", make_rollup)
        phases.run("VACUUM ANALYZE", analyze)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("NATIONAL_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--fresh", action="store_true", help="drop and re-create the database first")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    phases = Phases()
    phases.run("database dropped/created", prepare_database, args.database_url, fresh=args.fresh)

    import django

    django.setup()
    from django.core.management import call_command

    from villages.models import Kanwil

    phases.run("migrate", call_command, "migrate", verbosity=0)
    if Kanwil.objects.filter(slug__startswith=f"{PREFIX}-kanwil-").exists():
        complete(phases)
        say("The national dataset is already there; use --fresh to drop the database and make it again.")
        return
    rng = random.Random(SEED)
    phases.run("region import (real importer)", import_regions)
    phases.run("seed guidance (load_guidance)", load_guidance)
    world = phases.run("Kanwil, offices, units, people", make_world, rng)
    phases.run(f"{N_ACTIVITIES:,} activities (COPY)", make_activities, world)
    phases.run("unit histories", make_unit_history, world["units"], world["staff_of"], random.Random(SEED + 1))
    phases.run("monthly rollup of the logs", make_rollup)
    phases.run(f"{N_INCIDENTS:,} incidents", make_incidents, world, rng)
    phases.run("article pairs (id/en) up to 200 published", make_articles, rng)
    phases.run("VACUUM ANALYZE", analyze)
    total = time.perf_counter() - phases.started
    say("\n| phase | seconds |\n|---|---:|")
    for label, took in phases.rows:
        say(f"| {label} | {took:.1f} |")
    say(f"| **total** | **{total:.1f}** |")
    say(f"peak memory (ru_maxrss of this process): {peak_mb():.0f} MB")
    say(f"logins: {PREFIX}-staff-0, {world['live_officer']}, {PREFIX}-oversight; password {PASSWORD}")


if __name__ == "__main__":
    main()
