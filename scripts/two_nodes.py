#!/usr/bin/env python3
"""Two web nodes and two task workers on one PostgreSQL and one Redis, driven by one session over real HTTP.

    .venv/bin/python scripts/two_nodes.py                 # database queue (TASK_BACKEND=db, db_worker)
    .venv/bin/python scripts/two_nodes.py --tasks rq      # Redis queue (TASK_BACKEND=rq, rqworker)

It recreates the database ``ops_two_nodes`` (``--database``), migrates, loads the demo data and adds one unit
with an officer and one office staff member; then starts two gunicorn instances (``deploy/gunicorn.conf.py``,
debug off, same secret key, sessions in the database, Redis cache, one shared ``MEDIA_ROOT``) on
127.0.0.1:``--ports`` and two task workers, and checks, printing each step:

 1. an officer logs in on node 1 (CSRF token from the login form);
 2. node 2 accepts the same session cookie;
 3. the officer logs an activity with a photo on node 2 (multipart upload);
 4. node 1 shows that activity and serves its photo (shared media and database);
 5. office staff log in on node 1 and queue summaries there, one per worker;
 6. the workers render them (which worker took which is read from the queue) and node 2 serves the PDFs;
 7. logging out on node 2 ends the session on node 1 too.

Exit status 0 when every step passed, 1 otherwise; everything it started is stopped in every case.
Only ever talks to 127.0.0.1. Redis database 14 (``--redis-db``) is flushed at the start.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import opskit

WORKDIR = "/tmp/dbi/ops_two_nodes"  # noqa: S108 (a fixed scratch folder of this check)
ACTIVITY_URL = re.compile(r"/laporan/kegiatan/(\d+)/$")
SUMMARY_URL = re.compile(r"/laporan/ringkasan/(\d+)/$")


class Failed(Exception):
    pass


class Steps:
    def __init__(self):
        self.results: list[tuple[str, bool, str]] = []

    def check(self, name: str, ok: bool, detail: str = "") -> None:
        self.results.append((name, ok, detail))
        print(f"  [{'ok' if ok else 'FAIL'}] {name}{': ' + detail if detail else ''}", flush=True)
        if not ok:
            raise Failed(name)


def worker_of_summaries(database_url: str) -> dict[str, list]:
    """Which worker ran each summary task, from the database queue (TASK_BACKEND=db)."""
    import psycopg2

    with psycopg2.connect(database_url) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT args_kwargs, worker_ids, status FROM django_tasks_database_dbtaskresult "
            "WHERE task_path LIKE %s ORDER BY enqueued_at",
            ["%summar%"],
        )
        return {
            json.dumps(args["args"] or args["kwargs"]): (workers, status) for args, workers, status in cur.fetchall()
        }


def rq_workers_of_summaries(work: Path) -> dict[str, list[str]]:
    """Which RQ worker completed which summary task, from the workers' logs (TASK_BACKEND=rq)."""
    done: dict[str, list[str]] = {}
    for log in sorted(work.glob("worker*.log")):
        for match in re.finditer(r"Successfully completed (\S*summar\S*) job .* on worker (\S+)", log.read_text()):
            done.setdefault(match.group(2), []).append(match.group(1))
    return done


def run(args) -> int:
    work = Path(args.workdir)
    (work / "media").mkdir(parents=True, exist_ok=True)
    port1, port2 = args.ports
    database_url = opskit.recreate_database(args.server, args.database)
    env = opskit.portal_env(
        database_url,
        redis_db=args.redis_db,
        media_root=work / "media",
        static_root=work / "static",
        TASK_BACKEND=args.tasks,
    )
    opskit.flush_redis(args.redis_db)
    print(f"two_nodes: database {args.database}, Redis db {args.redis_db}, tasks on {args.tasks}")
    seed = opskit.prepare_database(env, prefix="node", officers=1, staff=1)
    password = seed["password"]
    officer, unit = seed["officers"][0]["username"], seed["officers"][0]["unit"]
    staff = seed["staff"][0]
    procs = []
    steps = Steps()
    try:
        procs.append(opskit.start_gunicorn(env, port1, workers=2, log=work / "node1.log"))
        procs.append(opskit.start_gunicorn(env, port2, workers=2, log=work / "node2.log"))
        if args.tasks == "db":
            procs += [opskit.start_worker(env, f"ops-worker-{i}", log=work / f"worker{i}.log") for i in (1, 2)]
        else:
            procs += [opskit.start_rq_worker(env, f"ops-worker-{i}", log=work / f"worker{i}.log") for i in (1, 2)]
        print(f"  started: gunicorn on {port1} and {port2}, 2 workers ({args.tasks}); pids {[p.pid for p in procs]}")

        # 1-2. One session across both nodes.
        browser = opskit.Client(port1)
        r = browser.login(officer, password)
        steps.check(
            f"officer logs in on node 1 (:{port1})",
            r.status == 302 and "sessionid" in browser.cookies,
            f"{r.status} -> {r.location}",
        )
        browser.port = port2
        r = browser.get("/laporan/")
        steps.check(
            f"node 2 (:{port2}) accepts the session of node 1",
            r.status == 200 and officer in r.body,
            f"GET /laporan/ {r.status}, page names {officer}",
        )

        # 3-4. Upload on node 2, view on node 1.
        form = browser.get("/laporan/kegiatan/baru/")
        today = datetime.now(ZoneInfo("Asia/Jakarta")).date()
        token = opskit.new_token()
        fields = opskit.activity_fields(
            form.csrf() or "",
            unit=unit,
            day=today.isoformat(),
            token=token,
            place="Aula kelurahan (uji dua node)",
            participants_male=12,
            participants_female=15,
            calon_pmi_reached=4,
            passport_consultations=3,
            notes="Dicatat di node 2, dilihat di node 1.",
        )
        jpeg = opskit.jpeg_bytes()
        r = browser.post("/laporan/kegiatan/baru/", fields, files=[("photos", "kegiatan.jpg", "image/jpeg", jpeg)])
        match = ACTIVITY_URL.search(r.location) if r.status == 302 else None
        steps.check(
            "officer logs an activity with a photo on node 2",
            bool(match),
            f"POST multipart {len(jpeg)} bytes -> {r.status} {r.location}",
        )
        activity_url = r.location
        browser.port = port1
        r = browser.get(activity_url)
        photos = re.findall(r'(/laporan/kegiatan/\d+/foto/\d+/)"', r.body)
        steps.check(
            "node 1 shows the activity logged on node 2",
            r.status == 200 and "Aula kelurahan (uji dua node)" in r.body and bool(photos),
            f"GET {activity_url} {r.status}, {len(photos)} photo link(s)",
        )
        r = browser.get(photos[0])
        steps.check(
            "node 1 serves the photo uploaded through node 2 (shared MEDIA_ROOT)",
            r.status == 200 and r.headers.get("content-type", "").startswith("image/") and len(r.body) > 1000,
            f"GET {photos[0]} {r.status} {r.headers.get('content-type')}",
        )
        browser.port = port2
        r = browser.get(photos[0])
        steps.check(
            "node 2 serves the same photo",
            r.status == 200 and r.headers.get("content-type", "").startswith("image/"),
            f"GET {photos[0]} {r.status}",
        )

        # 5-6. Summaries queued on node 1, rendered by the workers, downloaded from node 2.
        office_staff = opskit.Client(port1)
        r = office_staff.login(staff, password)
        steps.check("office staff log in on node 1", r.status == 302, f"{r.status} -> {r.location}")
        summary_urls = []
        for n in range(2):
            form = office_staff.get("/laporan/ringkasan/")
            fields = opskit.summary_fields(
                form.csrf() or "", office=seed["office"], unit=unit if n else "", year=today.year, month=today.month
            )
            r = office_staff.post("/laporan/ringkasan/", fields)
            ok = r.status == 302 and bool(SUMMARY_URL.search(r.location))
            what = "the unit's month" if n else "the office's month"
            steps.check(f"summary {n + 1} ({what}) queued on node 1", ok, f"{r.status} -> {r.location}")
            summary_urls.append(r.location)
        office_staff.port = port2
        deadline = time.monotonic() + args.summary_timeout
        pending = set(summary_urls)
        started = time.monotonic()
        while pending and time.monotonic() < deadline:
            for url in sorted(pending):
                r = office_staff.get(url)
                if f"{url}unduh/" in r.body:
                    pending.discard(url)
                elif "summary-state-failed" in r.body:
                    steps.check(f"worker renders {url}", False, "the summary failed")
            time.sleep(1.0)
        steps.check(
            "the workers rendered both summaries (progress seen on node 2)",
            not pending,
            f"{time.monotonic() - started:.1f} s" if not pending else f"still pending: {sorted(pending)}",
        )
        for url in summary_urls:
            r = office_staff.get(f"{url}unduh/")
            steps.check(
                f"node 2 serves the PDF of {url}",
                r.status == 200 and r.body.startswith("%PDF"),
                f"{r.status} {r.headers.get('content-type')} {r.headers.get('content-length', '?')} bytes",
            )
        if args.tasks == "db":
            ran = worker_of_summaries(database_url)
            workers = sorted({w for ids, _ in ran.values() for w in ids})
            print(f"  summary tasks and their workers: {list(ran.values())}")
        else:
            ran = rq_workers_of_summaries(work)
            workers = sorted(ran)
            print(f"  summary tasks and their workers: {ran}")
        steps.check("task results show which worker ran each summary", bool(workers), ", ".join(workers))

        # 7. Logout on one node ends the session everywhere.
        browser.port = port2
        form = browser.get("/laporan/")
        r = browser.post("/akun/keluar/", {"csrfmiddlewaretoken": form.csrf() or ""})
        steps.check("officer logs out on node 2", r.status == 302, f"{r.status} -> {r.location}")
        browser.port = port1
        r = browser.get("/laporan/")
        steps.check(
            "node 1 no longer accepts the ended session",
            r.status == 302 and "/akun/masuk/" in r.location,
            f"GET /laporan/ {r.status} -> {r.location}",
        )
    except Failed:
        pass
    except Exception as exc:
        steps.results.append((f"unexpected error: {exc!r}", False, ""))
        print(f"  [FAIL] unexpected error: {exc!r}")
    finally:
        opskit.stop(procs)
        print(f"  stopped {len(procs)} processes")
    failed = [name for name, ok, _ in steps.results if not ok]
    passed = len(steps.results) - len(failed)
    print(f"TWO NODES {'OK' if not failed else 'FAILED'}: {passed} of {len(steps.results)} steps passed")
    if failed:
        print(f"  logs: {work}/node1.log node2.log worker1.log worker2.log")
    return 0 if not failed else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default="postgres://root@127.0.0.1:5432/postgres", help="PostgreSQL server URL")
    parser.add_argument("--database", default="ops_two_nodes")
    parser.add_argument("--ports", type=int, nargs=2, default=[8204, 8205])
    parser.add_argument("--tasks", choices=["db", "rq"], default="db", help="task queue: db (default) or rq")
    parser.add_argument("--redis-db", type=int, default=14)
    parser.add_argument("--summary-timeout", type=float, default=180.0)
    parser.add_argument("--workdir", default=WORKDIR)
    args = parser.parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
