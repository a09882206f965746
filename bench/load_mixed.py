#!/usr/bin/env python3
"""Mixed load with proof of no loss, and a PostgreSQL restart in the middle.

    .venv/bin/python bench/load_mixed.py --no-restart          # load only (harmless to others)
    .venv/bin/python bench/load_mixed.py                        # restarts PostgreSQL once, midway

What it does:
1. Recreates the database ``ops_load`` (``--database``), migrates, loads the demo, collects static files
   and creates ``--officers`` active units with one officer each and ``--staff`` office staff.
2. Starts gunicorn with ``deploy/gunicorn.conf.py`` and production settings (debug off, Redis cache,
   persistent connections) on 127.0.0.1:``--port``; every request carries ``X-Forwarded-Proto: https``
   as nginx would send it.
3. For ``--duration`` seconds runs, each in its own thread:
   citizens reading public pages; officers logging activities (each POST with its own ``client_token``;
   a 302 to ``/laporan/kegiatan/<pk>/`` is an acknowledged write; on a 5xx, a timeout or a dropped
   connection the officer sends the same form again, as the 503 page asks); staff verifying logs from
   their queue (a 302 back to the queue is an acknowledged verification).
4. Midway (``--restart-at``, a fraction of the duration) stops PostgreSQL (fast mode), waits
   ``--down-seconds`` and starts it again, unless ``--no-restart``.
5. Afterwards checks in the database that every acknowledged activity exists exactly once under its
   token and pk, with one submission event, and that every acknowledged verification holds with exactly
   one verification event. Prints requests, errors by kind, what the outage looked like and the loss
   count. Exit status 1 when anything was lost or duplicated, or the portal did not recover.

Only ever sends traffic to 127.0.0.1. Uses Redis database 13 (flushed at the start) for the cache.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import opskit

ACTIVITY_URL = re.compile(r"/laporan/kegiatan/(\d+)/$")
QUEUE_LINK = re.compile(r'href="/laporan/kegiatan/(\d+)/"')
UNIT_LINK = re.compile(r'href="(/direktori/\d+/)"')
INDONESIAN_503 = "Layanan sedang tidak tersedia"
INDONESIAN_500 = "Maaf, terjadi kesalahan di server"
PUBLIC_PAGES = [
    "/",
    "/direktori/",
    "/edukasi/",
    "/edukasi/biaya/",
    "/edukasi/daftar-dokumen/",
    "/edukasi/layanan-pengaduan/",
    "/edukasi/bekerja-ke-luar-negeri/",
    "/edukasi/m-paspor/",
    "/edukasi/cari/?q=paspor",
]
WORKDIR = "/tmp/dbi/ops_load"  # noqa: S108 (a fixed scratch folder of this benchmark)
KINDS = ["sosialisasi", "penyuluhan", "consultation", "pmi_data", "home_visit", "coordination"]


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: collections.Counter = field(default_factory=collections.Counter)  # by role
    outcomes: collections.Counter = field(default_factory=collections.Counter)  # by kind of result
    acked: dict[str, tuple[int, str]] = field(default_factory=dict)  # token -> (pk, username)
    verified: dict[int, str] = field(default_factory=dict)  # pk -> staff
    resubmits: int = 0
    slowest: float = 0.0
    slow_over_timeout: int = 0
    timeline: list[tuple[float, str, str]] = field(default_factory=list)  # (t, role, outcome) of non-2xx/3xx
    last_failure: float = 0.0
    first_ok_after_start: float | None = None
    samples: dict[str, str] = field(default_factory=dict)
    latencies: dict[str, list[float]] = field(default_factory=lambda: collections.defaultdict(list))

    def record(self, role: str, outcome: str, elapsed: float, t: float, body: str = "") -> None:
        with self.lock:
            self.requests[role] += 1
            self.latencies[role].append(elapsed)
            self.outcomes[outcome] += 1
            self.slowest = max(self.slowest, elapsed)
            if not outcome.startswith("ok"):
                self.timeline.append((t, role, outcome))
                self.last_failure = max(self.last_failure, t)
                if outcome not in self.samples:
                    self.samples[outcome] = body[:300]


class Run:
    def __init__(self, args, seed: dict):
        self.args = args
        self.seed = seed
        self.stats = Stats()
        self.stop = threading.Event()
        self.t0 = time.monotonic()
        self.pg_started_at: float | None = None
        self.pg_start_issued_at: float | None = None
        self.pg_stopped_at: float | None = None
        self.unit_pages: list[str] = []

    def now(self) -> float:
        return time.monotonic() - self.t0

    def call(self, client: opskit.Client, role: str, method: str, path: str, fields=None):
        """One request; returns (outcome, response or None). Times recorded are when the answer came."""
        try:
            r = client.get(path) if method == "GET" else client.post(path, fields)
        except TimeoutError:
            self.stats.record(role, "timeout", self.args.timeout, self.now())
            with self.stats.lock:
                self.stats.slow_over_timeout += 1
            return "timeout", None
        except (ConnectionError, OSError) as exc:
            self.stats.record(role, f"connection error ({type(exc).__name__})", 0.0, self.now())
            return "connection", None
        if r.status == 503:
            outcome = "503 Indonesian page" if INDONESIAN_503 in r.body else "503 other page"
        elif r.status >= 500:
            page = "Indonesian error page" if INDONESIAN_500 in r.body else "other page"
            outcome = f"{r.status} {page}"
        elif r.status >= 400:
            outcome = f"{r.status}"
        else:
            outcome = f"ok {r.status}"
        t = self.now()
        self.stats.record(role, outcome, r.elapsed, t, r.body)
        if outcome.startswith("ok") and self.pg_start_issued_at is not None and t >= self.pg_start_issued_at:
            with self.stats.lock:
                if self.stats.first_ok_after_start is None and role != "citizen":
                    self.stats.first_ok_after_start = t
        return outcome, r

    def pause(self, low: float = 0.05, high: float = 0.2) -> None:
        self.stop.wait(random.uniform(low, high))

    # --- roles ---------------------------------------------------------------------------------------------

    def citizen(self, n: int) -> None:
        client = opskit.Client(self.args.port, timeout=self.args.timeout)
        rng = random.Random(n)
        while not self.stop.is_set():
            pages = PUBLIC_PAGES + self.unit_pages
            self.call(client, "citizen", "GET", rng.choice(pages))
            self.pause()

    def login(self, client: opskit.Client, role: str, username: str) -> bool:
        while not self.stop.is_set():
            _outcome, form = self.call(client, role, "GET", "/akun/masuk/")
            if form is not None and form.status == 200 and form.csrf():
                _outcome, r = self.call(
                    client,
                    role,
                    "POST",
                    "/akun/masuk/",
                    {"csrfmiddlewaretoken": form.csrf(), "username": username, "password": self.seed["password"]},
                )
                if r is not None and r.status == 302:
                    return True
            self.stop.wait(1.0)
        return False

    def officer(self, n: int) -> None:
        me = self.seed["officers"][n]
        client = opskit.Client(self.args.port, timeout=self.args.timeout)
        rng = random.Random(1000 + n)
        if not self.login(client, "officer", me["username"]):
            return
        today = datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat()
        while not self.stop.is_set():
            _outcome, form = self.call(client, "officer", "GET", "/laporan/kegiatan/baru/")
            if form is None or form.status != 200 or not form.csrf():
                if form is not None and form.status == 302 and "/akun/masuk/" in form.location:
                    self.login(client, "officer", me["username"])
                self.stop.wait(1.0)
                continue
            token = opskit.new_token()
            male, female = rng.randint(0, 40), rng.randint(0, 40)
            fields = opskit.activity_fields(
                form.csrf(),
                unit=me["unit"],
                day=today,
                token=token,
                kind=rng.choice(KINDS),
                place=f"Balai warga {n + 1}",
                participants_male=male,
                participants_female=female,
                calon_pmi_reached=rng.randint(0, male + female),
                passport_consultations=rng.randint(0, 10),
                referrals=rng.randint(0, 3),
                notes=f"Uji beban {token[:8]}",
            )
            # The same form (same token) is sent again after a failure, as a person would, until the portal
            # acknowledges it; the loop ends with the run, leaving at most one unacknowledged form per officer.
            attempt = 0
            while True:
                _outcome, r = self.call(client, "officer", "POST", "/laporan/kegiatan/baru/", fields)
                match = ACTIVITY_URL.search(r.location) if r is not None and r.status == 302 else None
                if match:
                    with self.stats.lock:
                        self.stats.acked[token] = (int(match.group(1)), me["username"])
                        if attempt:
                            self.stats.resubmits += 1
                    if rng.random() < 0.3:
                        self.call(client, "officer", "GET", r.location)
                    break
                if r is not None and 400 <= r.status < 500:
                    break  # refused: a bug in this script or the form changed; counted by status
                if self.stop.is_set() and attempt >= 3:
                    break
                attempt += 1
                time.sleep(1.0)
            self.pause()

    def staff(self, n: int) -> None:
        username = self.seed["staff"][n]
        client = opskit.Client(self.args.port, timeout=self.args.timeout)
        rng = random.Random(2000 + n)
        if not self.login(client, "staff", username):
            return
        count = len(self.seed["staff"])
        while not self.stop.is_set():
            _outcome, queue = self.call(client, "staff", "GET", "/laporan/verifikasi/")
            if queue is None or queue.status != 200:
                self.stop.wait(1.0)
                continue
            # Each staff member takes the logs whose pk falls to them, so two never verify the same log.
            ids = [int(pk) for pk in QUEUE_LINK.findall(queue.body) if int(pk) % count == n]
            if not ids:
                self.pause(0.3, 0.6)
                continue
            pk = rng.choice(ids)
            _outcome, detail = self.call(client, "staff", "GET", f"/laporan/kegiatan/{pk}/")
            if detail is None or detail.status != 200 or not detail.csrf():
                continue
            _outcome, r = self.call(
                client,
                "staff",
                "POST",
                f"/laporan/kegiatan/{pk}/keputusan/",
                opskit.verify_fields(detail.csrf()),
            )
            if r is not None and r.status == 302 and r.location.endswith("/laporan/verifikasi/"):
                with self.stats.lock:
                    self.stats.verified[pk] = username
            self.pause()

    # --- the restart ------------------------------------------------------------------------------------------

    def restart_postgres(self) -> None:
        cluster = self.args.cluster
        at = self.args.duration * self.args.restart_at
        if self.stop.wait(at):
            return
        print(f"  [{self.now():6.1f} s] stopping PostgreSQL {cluster} (fast mode)", flush=True)
        self.pg_stopped_at = self.now()
        try:
            pg_ctl(cluster, "stop", "-m", "fast")
            print(f"  [{self.now():6.1f} s] PostgreSQL stopped; waiting {self.args.down_seconds:.0f} s", flush=True)
            time.sleep(self.args.down_seconds)
        finally:
            self.ensure_postgres_running()

    def ensure_postgres_running(self) -> None:
        """Start PostgreSQL again whatever happened: other people's work depends on it."""
        if self.pg_stopped_at is None or self.pg_started_at is not None:
            return
        self.pg_start_issued_at = self.now()
        pg_ctl(self.args.cluster, "start", check=False)
        self.pg_started_at = self.now()
        print(f"  [{self.now():6.1f} s] PostgreSQL started again", flush=True)

    def warm_up(self) -> None:
        """Find the unit pages and let every gunicorn worker load its templates before the clock starts."""
        client = opskit.Client(self.args.port, timeout=60)
        r = client.get("/direktori/")
        self.unit_pages = sorted(set(UNIT_LINK.findall(r.body)))[:20]
        for _ in range(self.args.workers):
            for path in [*PUBLIC_PAGES, *self.unit_pages[:2], "/akun/masuk/"]:
                client.get(path)


def pg_ctl(cluster: str, *args: str, check: bool = True) -> None:
    version, name = cluster.split("/")
    subprocess.run(["/usr/bin/pg_ctlcluster", "--skip-systemctl-redirect", version, name, *args], check=check)


def check_database(database_url: str, stats: Stats, prefix: str) -> dict:
    """Every acknowledged write exactly once; returns the figures."""
    import psycopg2

    with psycopg2.connect(database_url) as conn, conn.cursor() as cur:
        cur.execute(
            """
            SELECT a.client_token::text, a.id, u.username, a.status,
                   (SELECT count(*) FROM reports_activityevent e
                    WHERE e.activity_id = a.id AND e.to_status = 'submitted'),
                   (SELECT count(*) FROM reports_activityevent e
                    WHERE e.activity_id = a.id AND e.to_status = 'verified')
            FROM reports_activity a JOIN auth_user u ON u.id = a.author_id
            WHERE u.username LIKE %s
            """,
            [prefix + ".%"],
        )
        rows = cur.fetchall()
        # Staff verify whatever their queue shows, the demo's logs included: check those by pk.
        cur.execute(
            """
            SELECT a.id, a.status,
                   (SELECT count(*) FROM reports_activityevent e
                    WHERE e.activity_id = a.id AND e.to_status = 'verified')
            FROM reports_activity a WHERE a.id = ANY(%s)
            """,
            [list(stats.verified)],
        )
        verified_rows = {pk: (status, n) for pk, status, n in cur.fetchall()}
    by_token = collections.defaultdict(list)
    by_pk = {}
    for token, pk, username, status, submitted_events, verified_events in rows:
        by_token[token].append((pk, username))
        by_pk[pk] = (status, submitted_events, verified_events)
    lost = [t for t in stats.acked if t not in by_token]
    duplicated = [t for t, found in by_token.items() if len(found) > 1]
    mismatched = [t for t, (pk, user) in stats.acked.items() if t in by_token and by_token[t][0] != (pk, user)]
    double_events = [pk for pk, (_, submitted, _v) in by_pk.items() if submitted != 1]
    lost_verifications = [pk for pk in stats.verified if verified_rows.get(pk, ("", 0))[0] != "verified"]
    double_verifications = [pk for pk, (_, n) in verified_rows.items() if n != 1]
    double_verifications += [pk for pk, (_, _s, n) in by_pk.items() if n > 1 and pk not in verified_rows]
    return {
        "activities_in_db": len(rows),
        "acknowledged": len(stats.acked),
        "unacknowledged_in_db": len(set(by_token) - set(stats.acked)),
        "lost": len(lost),
        "duplicated": len(duplicated),
        "mismatched": len(mismatched),
        "activities_without_exactly_one_submit_event": len(double_events),
        "verifications_acknowledged": len(stats.verified),
        "verifications_lost": len(lost_verifications),
        "activities_verified_twice": len(double_verifications),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of traffic (default 60)")
    parser.add_argument("--server", default="postgres://root@127.0.0.1:5432/postgres", help="PostgreSQL server URL")
    parser.add_argument("--database", default="ops_load", help="database to (re)create (default ops_load)")
    parser.add_argument("--port", type=int, default=8203)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--citizens", type=int, default=4)
    parser.add_argument("--officers", type=int, default=6)
    parser.add_argument("--staff", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=15.0, help="client timeout per request (default 15 s)")
    parser.add_argument("--no-restart", action="store_true", help="do not restart PostgreSQL")
    parser.add_argument("--restart-at", type=float, default=0.5, help="when to stop PostgreSQL, fraction of --duration")
    parser.add_argument("--down-seconds", type=float, default=5.0, help="how long PostgreSQL stays down")
    parser.add_argument(
        "--cluster", default="15/main", help="the server's cluster as VERSION/NAME for pg_ctlcluster (default 15/main)"
    )
    parser.add_argument("--redis-db", type=int, default=13)
    parser.add_argument("--workdir", default=WORKDIR, help="static, media and logs")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)

    prefix = "beban"
    work = Path(args.workdir)
    (work / "media").mkdir(parents=True, exist_ok=True)
    database_url = opskit.recreate_database(args.server, args.database)
    env = opskit.portal_env(
        database_url, redis_db=args.redis_db, media_root=work / "media", static_root=work / "static"
    )
    opskit.flush_redis(args.redis_db)
    print(f"load_mixed: database {args.database}, gunicorn {args.workers} workers on 127.0.0.1:{args.port}")
    seed = opskit.prepare_database(env, prefix=prefix, officers=args.officers, staff=args.staff)
    procs = [opskit.start_gunicorn(env, args.port, workers=args.workers, log=work / "gunicorn.log")]
    run = None
    try:
        run = Run(args, seed)
        run.warm_up()
        threads = [threading.Thread(target=run.citizen, args=(i,), daemon=True) for i in range(args.citizens)]
        threads += [threading.Thread(target=run.officer, args=(i,), daemon=True) for i in range(args.officers)]
        threads += [threading.Thread(target=run.staff, args=(i,), daemon=True) for i in range(args.staff)]
        restarter = None
        if not args.no_restart:
            restarter = threading.Thread(target=run.restart_postgres, daemon=True)
        plan = (
            "no" if args.no_restart else f"at {args.duration * args.restart_at:.0f} s, down {args.down_seconds:.0f} s"
        )
        print(
            f"  traffic: {args.citizens} citizens, {args.officers} officers, {args.staff} staff for "
            f"{args.duration:.0f} s; restart: {plan}",
            flush=True,
        )
        run.t0 = time.monotonic()
        for thread in threads:
            thread.start()
        if restarter:
            restarter.start()
        time.sleep(args.duration)
        run.stop.set()
        if restarter:
            restarter.join()
        for thread in threads:
            thread.join(timeout=args.timeout * 5)
        elapsed = run.now()
        # After the run: the portal answers again on its own (no restart of gunicorn).
        probe = opskit.Client(args.port, timeout=args.timeout)
        recovered = probe.login(seed["staff"][0], seed["password"]).status == 302 and (
            probe.get("/laporan/verifikasi/").status == 200
        )
    finally:
        if run is not None:
            run.ensure_postgres_running()
        opskit.stop(procs)

    stats = run.stats
    figures = check_database(database_url, stats, prefix)
    total = sum(stats.requests.values())
    print(f"\n  requests: {total} in {elapsed:.1f} s ({total / elapsed:.1f} req/s)")
    for role, n in sorted(stats.requests.items()):
        times = sorted(stats.latencies[role])
        p50, p95 = times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"    {role:<8} {n:>6}   median {p50 * 1000:.0f} ms, 95th percentile {p95 * 1000:.0f} ms")
    print("  results by kind:")
    for outcome, n in sorted(stats.outcomes.items(), key=lambda kv: -kv[1]):
        print(f"    {outcome:<34} {n}")
    print(
        f"  slowest request: {stats.slowest:.2f} s; "
        f"requests past the {args.timeout:.0f} s timeout: {stats.slow_over_timeout}"
    )
    outage = {}
    if run.pg_stopped_at is not None:
        failures = [t for t, _, _ in stats.timeline]
        until = (run.pg_started_at or run.pg_stopped_at) + 30
        window = [f"{role}: {o}" for t, role, o in stats.timeline if run.pg_stopped_at - 1 <= t <= until]
        outage = {
            "stopped_at": round(run.pg_stopped_at, 1),
            "start_issued_at": round(run.pg_start_issued_at, 1) if run.pg_start_issued_at else None,
            "started_at": round(run.pg_started_at, 1) if run.pg_started_at else None,
            "first_failure": round(min(failures), 1) if failures else None,
            "last_failure": round(stats.last_failure, 1) if failures else None,
            "first_db_success_after_start": round(stats.first_ok_after_start, 1)
            if stats.first_ok_after_start
            else None,
            "failures_in_window": dict(collections.Counter(window)),
        }
        print(
            f"  outage: stop issued at {outage['stopped_at']} s, start issued at {outage['start_issued_at']} s "
            f"(pg_ctlcluster returned at {outage['started_at']} s); failed answers from {outage['first_failure']} s "
            f"to {outage['last_failure']} s; first logged-in success after the start was issued: "
            f"{outage['first_db_success_after_start']} s"
        )
        for kind, n in sorted(outage["failures_in_window"].items()):
            print(f"    during the outage: {kind:<40} {n}")
    for outcome, sample in stats.samples.items():
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", sample)).strip()[:160]
        print(f"  sample of '{outcome}': {text}")
    print(f"  officer resubmissions after a failure that were then acknowledged: {stats.resubmits}")
    print("  database check:")
    for key, value in figures.items():
        print(f"    {key:<44} {value}")
    print(f"  portal recovered by itself (login + queue after the run): {'yes' if recovered else 'NO'}")
    bad = figures["lost"] + figures["duplicated"] + figures["mismatched"] + figures["verifications_lost"]
    bad += figures["activities_without_exactly_one_submit_event"] + figures["activities_verified_twice"]
    print(f"LOSS: {figures['lost']} of {figures['acknowledged']} acknowledged writes lost; {bad} problems in all")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "requests": total,
                    "seconds": round(elapsed, 1),
                    "by_role": dict(stats.requests),
                    "outcomes": dict(stats.outcomes),
                    "slowest": round(stats.slowest, 2),
                    "over_timeout": stats.slow_over_timeout,
                    "outage": outage,
                    "resubmits": stats.resubmits,
                    "database": figures,
                    "recovered": recovered,
                },
                indent=2,
            )
        )
    return 0 if bad == 0 and recovered else 1


if __name__ == "__main__":
    sys.exit(main())
