#!/usr/bin/env python3
"""The issue's whole table in one run: the main pages on the national dataset against a bare Django view, with wrk.

    .venv/bin/python bench/national_dataset.py --fresh      # once: the data (PostgreSQL db "national")
    .venv/bin/python bench/wrk_pages.py                      # both caches, ports 8301 (local memory), 8302 (Redis)
    .venv/bin/python bench/wrk_pages.py --connections 32 --duration 10 --port 8301

1. Starts two gunicorns (2 sync workers each, debug off, ``CONN_MAX_AGE=60``) on 127.0.0.1 with
   ``bench/edukasi_bench_settings.py`` (the portal plus ``/bench/bare/``, ``HttpResponse("ok")``): one with the
   local-memory cache on ``--port``, one with the Redis cache (``--redis``, default
   ``redis://127.0.0.1:6379/14``, flushed) on ``--port + 1``. Only one of them is under load at a time.
2. Logs in, on the local-memory server, as a staff member, an officer of an active unit, the national
   oversight user and a Kanwil oversight user (the one of the Kanwil with the most offices; added, idempotently,
   when the dataset has none) by a real login POST (login form GET, CSRF token from the form, POST).
3. Warms every page (checks each answers 200 for its user, and that each public page comes with the cache's
   ETag), then runs wrk (2 threads, ``--connections``, ``--duration`` seconds) on the bare view of each server
   and each page in turn, and prints req/s, p50, p99, non-2xx and each page's ratio to the bare view of the
   same server in the same run, with the issue's goal and pass/fail, and the load average before and after.
   "One at a time" is the median of four sequential requests by the same user just before (no queueing);
   wrk's timeout is 30 s so that slow pages are measured rather than counted as socket timeouts.
Every request carries ``X-Forwarded-Proto: https`` as nginx sends it. Only ever sends load to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from national_dataset import DEFAULT_DB, PASSWORD, PREFIX  # noqa: E402
from opskit import Client, wait_for_port  # noqa: E402

HOST = "127.0.0.1"
KANWIL_OVERSEER = f"{PREFIX}-oversight-kanwil"


def pick_users(database_url: str) -> dict:
    """The users and the public pages to measure, from the national dataset."""
    import psycopg2

    conn = psycopg2.connect(database_url)
    with conn, conn.cursor() as cur:
        cur.execute(
            "SELECT u.username FROM auth_user u JOIN villages_officemembership m ON m.user_id = u.id "
            "AND m.role = 'staff' WHERE u.username LIKE %s AND m.office_id = (SELECT office_id FROM "
            "reports_activity WHERE status = 'submitted' GROUP BY office_id ORDER BY count(*) DESC, office_id "
            "LIMIT 1) ORDER BY u.username LIMIT 1",
            [f"{PREFIX}-staff-%"],
        )
        staff = cur.fetchone()[0]
        cur.execute(
            "SELECT u.username, t.id, o.slug FROM auth_user u JOIN villages_unitmembership m ON m.user_id = u.id "
            "JOIN villages_unit t ON t.id = m.unit_id JOIN villages_office o ON o.id = t.office_id "
            "WHERE t.status = 'active' AND u.username LIKE %s ORDER BY t.id LIMIT 1",
            [f"{PREFIX}-officer-%"],
        )
        officer, unit, office = cur.fetchone()
        cur.execute(
            "SELECT a.slug, t.slug FROM edukasi_article a JOIN edukasi_topic t ON t.id = a.topic_id WHERE a.slug = %s",
            [f"{PREFIX}-id-0"],
        )
        row = cur.fetchone()
        if row is None:
            raise SystemExit("no national dataset: run bench/national_dataset.py --fresh first")
        article, topic = row
        cur.execute(
            "SELECT u.username FROM auth_user u JOIN villages_oversightmembership m ON m.user_id = u.id "
            "WHERE m.kanwil_id = (SELECT kanwil_id FROM villages_office GROUP BY kanwil_id "
            "ORDER BY count(*) DESC, kanwil_id LIMIT 1) ORDER BY u.username LIMIT 1"
        )
        kanwil = cur.fetchone()
    conn.close()
    return {
        "staff": staff,
        "officer": officer,
        "oversight": f"{PREFIX}-oversight",
        "kanwil": kanwil[0] if kanwil else None,
        "article": article,
        "topic": topic,
        "unit": unit,
        "office": office,
    }


def ensure_kanwil_overseer(env: dict) -> str:
    """A Kanwil oversight user for the Kanwil with the most offices; idempotent (the dataset normally has one)."""
    code = f"""
import django; django.setup()
from django.contrib.auth import get_user_model
from django.db.models import Count
from villages.models import Kanwil, OversightMembership
kanwil = Kanwil.objects.annotate(n=Count("offices")).order_by("-n", "pk").first()
user, created = get_user_model().objects.get_or_create(username={KANWIL_OVERSEER!r})
if created:
    user.set_password({PASSWORD!r}); user.save()
OversightMembership.objects.get_or_create(user=user, kanwil=kanwil)
"""
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    return KANWIL_OVERSEER


def wrk(url: str, *, duration: int, connections: int, cookie: str = "") -> dict:
    assert url.startswith(f"http://{HOST}:")
    headers = ["-H", "X-Forwarded-Proto: https", "-H", "Accept-Language: id"]
    if cookie:
        headers += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "--latency", *headers, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def ms(label: str) -> float:
        value, unit = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    return {
        "rps": rps,
        "p50": ms("50"),
        "p99": ms("99"),
        "non2xx": int(errors.group(1)) if errors else 0,
        "socket": sum(map(int, socket.groups())) if socket else 0,
        "n": requests,
    }


def drain(port: int, limit: float = 120) -> float:
    """Wait until the workers have finished the requests wrk left queued (sync workers finish each one).

    Without this a slow page's backlog (16 connections x seconds each) is served during the next page's run.
    """
    client, started = Client(port, timeout=limit), time.monotonic()
    quick = 0
    while quick < 3 and time.monotonic() - started < limit:
        quick = quick + 1 if client.get("/bench/bare/").elapsed < 0.05 else 0
    return time.monotonic() - started


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


@dataclass
class Target:
    label: str
    cache: str  # the server: "local memory" or "Redis"
    path: str
    role: str | None = None  # None: an anonymous visitor
    goal: float | None = None  # the goal for the ratio to the bare view
    public: bool = False  # a cached public page: must come with the cache's ETag


CACHES = {"local memory": 0, "Redis": 1}  # port offset of each server


def targets(users: dict) -> list[Target]:
    public = [
        ("public article", f"/edukasi/artikel/{users['article']}/", 0.9, 0.8),
        ("public topic", f"/edukasi/topik/{users['topic']}/", 0.9, 0.8),
        ("fees", "/edukasi/biaya/", 0.9, 0.8),
        ("unit directory", "/direktori/", 0.5, 0.5),
        ("unit public page", f"/direktori/{users['unit']}/", 0.5, 0.5),
        ("office page", f"/kantor/{users['office']}/", 0.5, 0.5),
    ]
    rows = [Target("bare view (reference)", cache, "/bench/bare/") for cache in CACHES]
    for label, path, locmem_goal, redis_goal in public:
        rows.append(Target(label, "local memory", path, goal=locmem_goal, public=True))
        rows.append(Target(label, "Redis", path, goal=redis_goal, public=True))
    rows += [
        Target("officer home", "local memory", "/laporan/", "officer", 0.1),
        Target("staff queue", "local memory", "/laporan/verifikasi/", "staff", 0.1),
        Target("unit list (national oversight)", "local memory", "/desa-binaan/", "oversight", 0.1),
        Target("unit list (staff)", "local memory", "/desa-binaan/", "staff", 0.1),
        Target("national oversight dashboard", "local memory", "/laporan/dasbor/", "oversight", 0.05),
        Target("Kanwil dashboard", "local memory", "/laporan/dasbor/", "kanwil", 0.05),
    ]
    return rows


def profile_hits(paths: list[str], n: int, top: int) -> None:
    """In this process: time ``n`` WSGI requests per path (warm cache) and cProfile them. Run by ``--profile``."""
    import cProfile
    import io
    import pstats

    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    handler, factory = WSGIHandler(), RequestFactory()

    def environ(path: str) -> dict:
        return factory._base_environ(  # the environ gunicorn would pass, without a socket
            PATH_INFO=path, REQUEST_METHOD="GET", HTTP_ACCEPT_LANGUAGE="id", HTTP_X_FORWARDED_PROTO="https",
            SERVER_NAME=HOST, HTTP_HOST=HOST, **{"wsgi.input": io.BytesIO()},
        )  # fmt: skip

    def run(path: str, count: int) -> int:
        size = 0
        for _ in range(count):
            size = len(b"".join(handler(environ(path), lambda status, headers, exc_info=None: None)))
        return size

    for path in paths:
        run(path, 50)  # render once and cache
        started = time.perf_counter()
        size = run(path, n)
        per_hit = (time.perf_counter() - started) / n * 1e6
        print(f"{path}: {per_hit:.0f} µs a request in process ({n} requests, {size:,} bytes)")
    for path in paths:
        profiler = cProfile.Profile()
        profiler.runcall(run, path, n)
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
        print(f"\n--- {path}: top {top} by own time ---")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("NATIONAL_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--port", type=int, default=8301, help="local-memory server; the Redis one on port + 1")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14", help="flushed at the start")
    parser.add_argument(
        "--paired",
        action="store_true",
        help="also run the bare view right before each page and take the ratio to that run (a busy machine)",
    )
    parser.add_argument("--rounds", type=int, default=3, help="with --paired: pairs of runs per page")
    parser.add_argument("--only", default="", help="measure only the rows whose label contains this text")
    parser.add_argument(
        "--profile", choices=("local memory", "Redis"), help="no wrk: time and cProfile warm hits in this process"
    )
    parser.add_argument("--requests", type=int, default=2000, help="with --profile: requests per page")
    args = parser.parse_args()

    users = pick_users(args.database_url)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_", "REDIS_URL"))}
    env.update(
        {
            "DATABASE_URL": args.database_url,
            "DJANGO_SETTINGS_MODULE": "edukasi_bench_settings",
            "PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-secret-key-bench-only-secret-key-0123456789",
            "DJANGO_ALLOWED_HOSTS": HOST,
            "SITE_URL": f"http://{HOST}",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "CONN_MAX_AGE": "60",
            "LOG_LEVEL": "WARNING",
            "TASK_BACKEND": "immediate",
        }
    )
    if users["kanwil"] is None:
        users["kanwil"] = ensure_kanwil_overseer(env)
    if args.profile:
        if args.profile == "Redis":
            env["REDIS_URL"] = args.redis
            subprocess.run(["redis-cli", "-u", args.redis, "FLUSHDB"], check=True, capture_output=True)
        os.environ.clear()
        os.environ.update(env)
        sys.path[:0] = [str(ROOT / "bench")]
        paths = ["/bench/bare/"] + [t.path for t in targets(users) if t.public and t.cache == args.profile]
        profile_hits(paths, args.requests, top=25)
        return
    subprocess.run(["redis-cli", "-u", args.redis, "FLUSHDB"], check=True, capture_output=True)
    servers = []
    for cache, offset in CACHES.items():
        server_env = {**env, "REDIS_URL": args.redis} if cache == "Redis" else env
        cmd = [
            sys.executable, "-m", "gunicorn", "desabinaan.wsgi:application",
            "--bind", f"{HOST}:{args.port + offset}", "--workers", "2", "--worker-class", "sync",
            "--pythonpath", str(ROOT / "bench"), "--log-level", "warning",
        ]  # fmt: skip
        servers.append(subprocess.Popen(cmd, cwd=ROOT, env=server_env, start_new_session=True))
    rows = [t for t in targets(users) if args.only in t.label or t.label.startswith("bare")]
    try:
        for offset in CACHES.values():
            wait_for_port(args.port + offset)
        sessions = {}
        for role in sorted({t.role for t in rows if t.role}):
            client = Client(args.port)
            answer = client.login(users[role], PASSWORD)
            if answer.status != 302 or "sessionid" not in client.cookies:
                raise SystemExit(f"login of {users[role]} failed: {answer.status}")
            sessions[role] = client
        single = {}
        for t in rows:
            port = args.port + CACHES[t.cache]
            client = sessions[t.role] if t.role else Client(port)
            elapsed = []
            for i in range(6):  # both workers render (and cache) each page; then one request at a time
                answer = client.get(t.path)
                if answer.status != 200:
                    raise SystemExit(f"{t.path} as {t.role or 'visitor'} ({t.cache}): {answer.status}")
                if t.public and i == 5 and "etag" not in {k.lower() for k in answer.headers}:
                    print(f"  note: {t.path} ({t.cache}) does not come from the page cache (no ETag)", flush=True)
                elapsed.append(answer.elapsed * 1000)
            single[t.label, t.cache] = statistics.median(elapsed[2:])

        def cookie(role: str | None) -> str:
            return "; ".join(f"{k}={v}" for k, v in sessions[role].cookies.items()) if role else ""

        before = loadavg()
        started = time.strftime("%Y-%m-%d %H:%M")
        results = []
        for t in rows:
            port = args.port + CACHES[t.cache]
            url = f"http://{HOST}:{port}{t.path}"
            if args.paired and not t.path.startswith("/bench/bare/"):
                # The bare view of the same server right before the page, --rounds times: the machine's load
                # drifts less within a pair; the ratio is the median of the pairs', req/s the median run's.
                pairs = []
                for _round in range(args.rounds):
                    bare_run = wrk(
                        f"http://{HOST}:{port}/bench/bare/", duration=args.duration, connections=args.connections
                    )
                    page_run = wrk(url, duration=args.duration, connections=args.connections, cookie=cookie(t.role))
                    pairs.append((page_run["rps"] / bare_run["rps"], page_run))
                    drain(port)
                pairs.sort(key=lambda pair: pair[0])
                ratio, result = pairs[len(pairs) // 2]
                result["ratio"] = ratio
                result["ratios"] = [round(r, 2) for r, _ in pairs]
            else:
                result = wrk(url, duration=args.duration, connections=args.connections, cookie=cookie(t.role))
            result["single"] = single[t.label, t.cache]
            # wrk counts only 4xx and 5xx as errors: a session lost meanwhile would be measured as fast 302s.
            after_run = (sessions[t.role] if t.role else Client(port)).get(t.path).status
            if after_run != 200:
                result["non2xx"] = f"{result['non2xx']} (answers {after_run} after the run)"
            results.append((t, result))
            drained = drain(port)
            print(
                f"  {t.label} ({t.cache}): {result['rps']:.0f} req/s, load {loadavg()}, drained in {drained:.1f} s",
                flush=True,
            )
        after = loadavg()
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
        for server in servers:
            server.wait(timeout=20)

    bare = {t.cache: r["rps"] for t, r in results if t.path == "/bench/bare/"}
    print(
        f"\n{started}, two servers (local-memory and Redis cache), each gunicorn 2 sync workers, "
        f"wrk -t2 -c{args.connections} -d{args.duration}s; load average before {before}, after {after}\n"
    )
    if args.paired:
        print(
            f"Ratios: median over {args.rounds} pairs of a bare-view run on the same server right before a run of "
            "the page (--paired; the pairs' ratios in brackets).\n"
        )
    print(
        "| page | cache | user | path | one at a time, ms | req/s | p50 ms | p99 ms | non-2xx / socket errors "
        "| ratio to bare | goal | met |"
    )
    print("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for t, r in results:
        ratio = r.get("ratio", r["rps"] / bare[t.cache])
        goal = f"≥ {t.goal}" if t.goal is not None else ""
        met = "" if t.goal is None else ("yes" if ratio >= t.goal else "**no**")
        print(
            f"| {t.label} | {t.cache} | {t.role or 'visitor'} | `{t.path}` | {r['single']:.1f} | {r['rps']:,.1f} "
            f"| {r['p50']:.1f} | {r['p99']:.1f} | {r['non2xx']} / {r['socket']} "
            f"| {ratio:.3f}{' ' + str(r['ratios']) if 'ratios' in r else ''} | {goal} | {met} |"
        )


if __name__ == "__main__":
    main()
