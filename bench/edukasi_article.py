#!/usr/bin/env python3
"""The public article page (warm cache) against a bare Django view, in one wrk run each, under gunicorn.

    DATABASE_URL=postgres://root@127.0.0.1:5432/edukasi .venv/bin/python bench/edukasi_article.py

What it does:
1. Creates the database when missing (PostgreSQL), migrates it and loads the seed guidance.
2. Starts gunicorn (2 sync workers, debug off, persistent connections) on 127.0.0.1 with
   ``bench/edukasi_bench_settings.py``: the portal plus ``/bench/bare/`` (``HttpResponse("ok")``).
3. Warms the cache of every worker, then runs wrk (64 connections, 2 threads, ``--duration`` seconds)
   against the bare view, the article for a first-time visitor (no cookie: a new CSRF secret each time) and
   the article for a returning visitor (CSRF cookie sent), once with the local-memory cache and once with Redis
   (``REDIS_URL``, default redis://127.0.0.1:6379/15) unless ``--no-redis``.
4. Measures the article's page weight: HTML + CSS (+ fonts, none on screen) gzip-compressed.
Prints a Markdown table for bench/README.md. Only ever sends load to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://root@127.0.0.1:5432/edukasi"
SLUG = "cara-membuat-paspor"


def fetch(url: str) -> bytes:
    assert url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local http only, asserted above)
        return response.read()


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
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
    conn.close()


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wait_up(url: str, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def wrk(url: str, duration: int, cookie: str = "") -> dict:
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    out = subprocess.run(
        ["wrk", "-t2", "-c64", f"-d{duration}s", "--latency", *headers, url], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def ms(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": ms("50"), "p99": ms("99"), "non2xx": int(errors.group(1)) if errors else 0}


def page_weight(base: str, path: str) -> dict:
    html = fetch(base + path)
    css_paths = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html)
    css = b"".join(fetch(base + p.decode()) for p in css_paths)
    scripts = len(re.findall(rb"<script", html))
    return {
        "html": len(gzip.compress(html)),
        "css": len(gzip.compress(css)),
        "scripts": scripts,
    }


def in_process(rounds: int = 15, per_round: int = 200) -> dict:
    """The same three requests through Django's full middleware stack, no HTTP server, interleaved.

    Runs in the bench's own process (settings from the environment); robust to a loaded machine because
    the three are measured in turns and the median of the rounds is kept.
    """
    import statistics

    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver"]
    article = f"/edukasi/artikel/{SLUG}/"
    first_visit, returning = Client(), Client()
    returning.cookies["csrftoken"] = "a1" * 16
    targets = {
        "bare": (first_visit, "/bench/bare/"),
        "article": (first_visit, article),
        "returning": (returning, article),
    }
    for client, url in targets.values():
        assert client.get(url).status_code == 200
    times: dict[str, list[float]] = {name: [] for name in targets}
    for _ in range(rounds):
        for name, (client, url) in targets.items():
            start = time.perf_counter()
            for _ in range(per_round):
                client.get(url)
            times[name].append((time.perf_counter() - start) / per_round * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def run_server(env: dict, port: int) -> subprocess.Popen:
    cmd = [
        sys.executable, "-m", "gunicorn", "desabinaan.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", "2", "--worker-class", "sync",
        "--pythonpath", str(ROOT / "bench"), "--log-level", "warning",
    ]  # fmt: skip
    return subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8124)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--no-redis", action="store_true")
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL", DEFAULT_DB)
    ensure_database(database_url)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "edukasi_bench_settings",
        "PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-bench-only-secret-key-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    manage(env, "migrate", "--noinput")
    manage(env, "load_guidance")

    base = f"http://127.0.0.1:{args.port}"
    article = f"/edukasi/artikel/{SLUG}/"
    caches = [("local memory", None)]
    if not args.no_redis:
        caches.append(("Redis", os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")))
    rows = []
    weight = None
    for label, redis_url in caches:
        run_env = dict(env)
        if redis_url:
            run_env["REDIS_URL"] = redis_url
            subprocess.run(["redis-cli", "-u", redis_url, "FLUSHDB"], check=False, capture_output=True)
        server = run_server(run_env, args.port)
        try:
            wait_up(base + "/bench/bare/")
            for _ in range(20):  # every worker renders and caches the page once
                fetch(base + article)
            weight = weight or page_weight(base, article)
            bare = wrk(base + "/bench/bare/", args.duration)
            page = wrk(base + article, args.duration)
            # A returning visitor already holds the CSRF cookie: the page only masks its token.
            returning = wrk(base + article, args.duration, cookie="csrftoken=" + "a1" * 16)
            rows.append((label, bare, page, returning))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)

    print("\n| cache | view | req/s | p50 ms | p99 ms | non-2xx | ratio to bare |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for label, bare, page, returning in rows:
        print(
            f"| {label} | bare view | {bare['rps']:,.0f} | {bare['p50']:.1f} | {bare['p99']:.1f} "
            f"| {bare['non2xx']} | 1.00 |"
        )
        print(
            f"| {label} | article (warm cache) | {page['rps']:,.0f} | {page['p50']:.1f} | {page['p99']:.1f} "
            f"| {page['non2xx']} | {page['rps'] / bare['rps']:.2f} |"
        )
        print(
            f"| {label} | article, returning visitor | {returning['rps']:,.0f} | {returning['p50']:.1f} "
            f"| {returning['p99']:.1f} | {returning['non2xx']} | {returning['rps'] / bare['rps']:.2f} |"
        )
    os.environ.update({k: v for k, v in env.items() if k != "REDIS_URL"})
    ms = in_process()
    print("\nIn process (Django test client, full middleware, local-memory cache, median of 15 interleaved rounds):")
    print(
        f"bare view {ms['bare']:.2f} ms, article first visit {ms['article']:.2f} ms "
        f"(ratio {ms['bare'] / ms['article']:.2f}), returning visitor {ms['returning']:.2f} ms "
        f"(ratio {ms['bare'] / ms['returning']:.2f})"
    )
    total = weight["html"] + weight["css"]
    print(
        f"\nPage weight of {article} (gzip): HTML {weight['html'] / 1024:.1f} KB + CSS {weight['css'] / 1024:.1f} KB "
        f"= {total / 1024:.1f} KB; no web fonts; {weight['scripts']} script tags."
    )


if __name__ == "__main__":
    main()
