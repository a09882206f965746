#!/usr/bin/env python3
"""The main pages on the national dataset against a bare Django view, with wrk, in one run.

    .venv/bin/python bench/national_dataset.py --fresh      # once: the data (PostgreSQL db "national")
    .venv/bin/python bench/wrk_pages.py                      # local-memory cache
    .venv/bin/python bench/wrk_pages.py --redis              # Redis cache (redis://127.0.0.1:6379/14, flushed)
    .venv/bin/python bench/wrk_pages.py --connections 32 --duration 10 --port 8301

1. Starts gunicorn (2 sync workers, debug off, ``CONN_MAX_AGE=60``) on 127.0.0.1 with
   ``bench/edukasi_bench_settings.py``: the portal plus ``/bench/bare/`` (``HttpResponse("ok")``).
2. Logs in as a staff member, an officer of an active unit and the national oversight user by a real login
   POST (login form GET, CSRF token from the form, POST), keeping each session cookie.
3. Warms every page, checks each answers 200 for its user, then runs wrk (2 threads, ``--connections``,
   ``--duration`` seconds) on the bare view and each page in turn, and prints req/s, p50, p99, non-2xx and the
   ratio of each page's req/s to the bare view's from the same run, with the load average before and after.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from national_dataset import DEFAULT_DB, PASSWORD, PREFIX  # noqa: E402
from opskit import Client, wait_for_port  # noqa: E402

HOST = "127.0.0.1"


def pick_users(database_url: str) -> dict:
    """The staff member of the office with the most waiting logs, an active unit's officer, an article."""
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
            "SELECT u.username FROM auth_user u JOIN villages_unitmembership m ON m.user_id = u.id "
            "JOIN villages_unit t ON t.id = m.unit_id WHERE t.status = 'active' AND u.username LIKE %s "
            "ORDER BY t.id LIMIT 1",
            [f"{PREFIX}-officer-%"],
        )
        officer = cur.fetchone()[0]
        cur.execute("SELECT slug FROM edukasi_article WHERE slug = %s", [f"{PREFIX}-id-0"])
        row = cur.fetchone()
    conn.close()
    if row is None:
        raise SystemExit("no national dataset: run bench/national_dataset.py --fresh first")
    return {"staff": staff, "officer": officer, "oversight": f"{PREFIX}-oversight", "article": row[0]}


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("NATIONAL_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--port", type=int, default=8301)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--redis", nargs="?", const="redis://127.0.0.1:6379/14", default="")
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
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "CONN_MAX_AGE": "60",
            "LOG_LEVEL": "WARNING",
            "TASK_BACKEND": "immediate",
        }
    )
    if args.redis:
        env["REDIS_URL"] = args.redis
        subprocess.run(["redis-cli", "-u", args.redis, "FLUSHDB"], check=True, capture_output=True)
    cmd = [
        sys.executable, "-m", "gunicorn", "desabinaan.wsgi:application",
        "--bind", f"{HOST}:{args.port}", "--workers", "2", "--worker-class", "sync",
        "--pythonpath", str(ROOT / "bench"), "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)
    try:
        wait_for_port(args.port)
        sessions = {}
        for role in ("staff", "officer", "oversight"):
            client = Client(args.port)
            answer = client.login(users[role], PASSWORD)
            if answer.status != 302 or "sessionid" not in client.cookies:
                raise SystemExit(f"login of {users[role]} failed: {answer.status}")
            sessions[role] = client
        targets = [
            ("bare view (reference)", "/bench/bare/", None),
            ("public article page", f"/edukasi/artikel/{users['article']}/", None),
            ("unit directory", "/direktori/", None),
            ("officer home", "/laporan/", "officer"),
            ("staff queue", "/laporan/verifikasi/", "staff"),
            ("dashboard (national oversight)", "/laporan/dasbor/", "oversight"),
            ("unit list (national oversight)", "/desa-binaan/", "oversight"),
            ("unit list (staff)", "/desa-binaan/", "staff"),
        ]
        single = {}
        for _label, path, role in targets:
            client = sessions[role] if role else Client(args.port)
            elapsed = []
            for _ in range(6):  # both workers render (and cache) each page; then one request at a time
                answer = client.get(path)
                if answer.status != 200:
                    raise SystemExit(f"{path} as {role or 'visitor'}: {answer.status}")
                elapsed.append(answer.elapsed * 1000)
            single[path, role] = statistics.median(elapsed[2:])

        def cookie(role):
            if not role:
                return ""
            return "; ".join(f"{k}={v}" for k, v in sessions[role].cookies.items())

        base = f"http://{HOST}:{args.port}"
        before = loadavg()
        started = time.strftime("%Y-%m-%d %H:%M")
        results = []
        for label, path, role in targets:
            result = wrk(base + path, duration=args.duration, connections=args.connections, cookie=cookie(role))
            result["single"] = single[path, role]
            results.append((label, role or "visitor", path, result))
            drained = drain(args.port)
            print(f"  {label}: {result['rps']:.0f} req/s, load {loadavg()}, drained in {drained:.1f} s", flush=True)
        after = loadavg()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)

    bare = results[0][3]["rps"]
    cache = "Redis" if args.redis else "local memory"
    print(
        f"\n{started}, {cache} cache, gunicorn 2 sync workers, wrk -t2 -c{args.connections} -d{args.duration}s; "
        f"load average before {before}, after {after}\n"
    )
    print(
        "| page | user | path | one at a time, ms | req/s | p50 ms | p99 ms | non-2xx / socket errors | ratio to bare |"
    )
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for label, who, path, r in results:
        print(
            f"| {label} | {who} | `{path}` | {r['single']:.1f} | {r['rps']:,.1f} | {r['p50']:.1f} | {r['p99']:.1f} "
            f"| {r['non2xx']} / {r['socket']} "
            f"| {r['rps'] / bare:.3f} |"
        )


if __name__ == "__main__":
    main()
