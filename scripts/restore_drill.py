#!/usr/bin/env python3
"""Restore drill: dump the portal's PostgreSQL database, restore it into a fresh one and prove they match.

    .venv/bin/python scripts/restore_drill.py                       # the database of $DATABASE_URL
    .venv/bin/python scripts/restore_drill.py --source postgres://root@127.0.0.1:5432/desabinaan
    .venv/bin/python scripts/restore_drill.py --dump /srv/desabinaan/backups/daily/desabinaan-....dump

Steps:
1. In the source, open a REPEATABLE READ transaction and export its snapshot; ``pg_dump -Fc --snapshot``
   dumps exactly what that transaction sees, and the row counts and checksums of the source are read in
   the same transaction. So the drill is exact even while the portal keeps writing.
   (With ``--dump FILE`` an existing backup is restored instead, and compared with the source as it is
   now: use that on a quiet copy, or to check that last night's dump restores at all.)
2. Create a fresh database ``restore_drill_<time>`` on the same server and ``pg_restore`` into it.
3. Compare: the row count of every table in the ``public`` schema, the value of every sequence, and a
   checksum of the key tables, ``md5(string_agg(md5(row::text), '' ORDER BY pk))``.
4. Print a report, drop the database it created (unless ``--keep``) and delete its temporary dump.

Exit status: 0 when everything matches, 1 on any difference, 2 when a step failed.
Needs ``pg_dump``/``pg_restore`` of the server's major version and a role that may create databases.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

KEY_TABLES = (
    "villages_unit",
    "villages_unitevent",
    "villages_unitmembership",
    "reports_activity",
    "reports_activityevent",
    "reports_incident",
    "reports_summary",
    "auth_user",
)


@dataclass
class Snapshot:
    counts: dict[str, int] = field(default_factory=dict)
    sequences: dict[str, int | None] = field(default_factory=dict)
    checksums: dict[str, str] = field(default_factory=dict)


class DrillError(Exception):
    pass


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def connect(url: str):
    return psycopg2.connect(url, connect_timeout=10, application_name="restore_drill")


def _pk_column(cur, table: str) -> str | None:
    cur.execute(
        """
        SELECT a.attname FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = %s::regclass AND i.indisprimary
        ORDER BY array_position(i.indkey, a.attnum)
        """,
        [f'public."{table}"'],
    )
    cols = [r[0] for r in cur.fetchall()]
    return cols[0] if len(cols) == 1 else None


def take_snapshot(cur, checksum_tables: list[str] | None) -> Snapshot:
    """Counts of every public table, every sequence's value, checksums of ``checksum_tables`` (None: all)."""
    snap = Snapshot()
    cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [r[0] for r in cur.fetchall()]
    for table in tables:
        cur.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        snap.counts[table] = cur.fetchone()[0]
    cur.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1")
    snap.sequences = dict(cur.fetchall())
    wanted = tables if checksum_tables is None else [t for t in checksum_tables if t in snap.counts]
    for table in wanted:
        pk = _pk_column(cur, table)
        order = sql.Identifier("t", pk) if pk else sql.SQL("t::text")
        # md5 of each row, then md5 of the ordered list: memory stays at 32 bytes a row on big tables.
        cur.execute(
            sql.SQL("SELECT md5(coalesce(string_agg(md5(t::text), '' ORDER BY {}), '')) FROM {} AS t").format(
                order, sql.Identifier(table)
            )
        )
        snap.checksums[table] = cur.fetchone()[0]
    return snap


def compare(source: Snapshot, restored: Snapshot) -> list[str]:
    """Every difference between two snapshots, as readable lines (empty: identical)."""
    problems = []
    for table in sorted(set(source.counts) | set(restored.counts)):
        a, b = source.counts.get(table), restored.counts.get(table)
        if a is None or b is None:
            problems.append(f"table {table}: {'missing in restore' if b is None else 'not in source'}")
        elif a != b:
            problems.append(f"table {table}: {a} rows in source, {b} in restore")
    for seq in sorted(set(source.sequences) | set(restored.sequences)):
        a, b = source.sequences.get(seq), restored.sequences.get(seq)
        if a != b:
            problems.append(f"sequence {seq}: {a} in source, {b} in restore")
    for table in sorted(source.checksums):
        a, b = source.checksums[table], restored.checksums.get(table)
        if a != b:
            problems.append(f"checksum {table}: {a} in source, {b} in restore")
    return problems


def _run(cmd: list[str]) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603 (fixed argv, no shell)
    if result.returncode != 0:
        raise DrillError(f"{cmd[0]} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")


def _human(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}" if unit != "B" else f"{int(size)} B"
        size /= 1024
    return f"{n} B"


def run_drill(
    source_url: str,
    *,
    dump_file: str | None = None,
    keep: bool = False,
    checksum_all: bool = False,
    jobs: int = 2,
    out=sys.stdout,
) -> int:
    for tool in ("pg_dump", "pg_restore"):
        if not shutil.which(tool):
            raise DrillError(f"{tool} not found on PATH")
    checksum_tables = None if checksum_all else list(KEY_TABLES)
    target_name = f"restore_drill_{datetime.now():%Y%m%d%H%M%S}_{os.getpid()}"
    target_url = with_database(source_url, target_name)
    admin_url = with_database(source_url, "postgres")
    tmpdir = tempfile.mkdtemp(prefix="restore_drill_")
    timings: dict[str, float] = {}
    created = False

    def say(line: str) -> None:
        print(line, file=out, flush=True)

    say(f"restore drill: source {database_name(source_url)} -> {target_name}")
    try:
        with closing(connect(source_url)) as src:
            src.set_session(isolation_level="REPEATABLE READ", readonly=True)
            with src.cursor() as cur:
                if dump_file is None:
                    cur.execute("SELECT pg_export_snapshot()")
                    snapshot_id = cur.fetchone()[0]
                    dump_path = os.path.join(tmpdir, "drill.dump")
                    t = time.monotonic()
                    _run(
                        [
                            "pg_dump",
                            "--format=custom",
                            "--no-owner",
                            "--no-privileges",
                            f"--snapshot={snapshot_id}",
                            f"--file={dump_path}",
                            f"--dbname={source_url}",
                        ]
                    )
                    timings["dump"] = time.monotonic() - t
                else:
                    dump_path = dump_file
                    cur.execute("SELECT 1")
                t = time.monotonic()
                source = take_snapshot(cur, checksum_tables)
                timings["read source"] = time.monotonic() - t
            src.rollback()
        say(f"  dump: {dump_path} ({_human(os.path.getsize(dump_path))})")

        with closing(connect(admin_url)) as admin:
            admin.autocommit = True
            with admin.cursor() as cur:
                cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target_name)))
        created = True
        t = time.monotonic()
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                f"--jobs={max(jobs, 1)}",
                f"--dbname={target_url}",
                dump_path,
            ]
        )
        timings["restore"] = time.monotonic() - t
        t = time.monotonic()
        with closing(connect(target_url)) as dst, dst.cursor() as cur:
            restored = take_snapshot(cur, checksum_tables)
        timings["read restore"] = time.monotonic() - t

        problems = compare(source, restored)
        say(f"  tables compared: {len(source.counts)}, rows in source: {sum(source.counts.values())}")
        width = max((len(t) for t in source.counts), default=10)
        for table, count in source.counts.items():
            if count or table in source.checksums:
                mark = "ok" if restored.counts.get(table) == count else "DIFFERENT"
                say(f"    {table:<{width}} {count:>10} -> {restored.counts.get(table, '-')!s:>10}  {mark}")
        say(f"  sequences compared: {len(source.sequences)}")
        for table, digest in source.checksums.items():
            mark = "ok" if restored.checksums.get(table) == digest else "DIFFERENT"
            say(f"  checksum {table:<{width}} {digest}  {mark}")
        say("  timings: " + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items()))
        if problems:
            say(f"RESTORE DRILL FAILED: {len(problems)} difference(s)")
            for line in problems:
                say(f"  - {line}")
            return 1
        say(
            f"RESTORE DRILL OK: {len(source.counts)} tables, {sum(source.counts.values())} rows, "
            f"{len(source.sequences)} sequences and {len(source.checksums)} checksums identical"
        )
        return 0
    finally:
        if created and not keep:
            with closing(connect(admin_url)) as admin:
                admin.autocommit = True
                with admin.cursor() as cur:
                    cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target_name)))
            say(f"  dropped {target_name}")
        elif created:
            say(f"  kept {target_name} (--keep): {target_url}")
        shutil.rmtree(tmpdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=os.environ.get("DATABASE_URL"), help="database URL (default $DATABASE_URL)")
    parser.add_argument("--dump", help="restore this existing pg_dump -Fc file instead of making a new dump")
    parser.add_argument("--keep", action="store_true", help="keep the restored database for inspection")
    parser.add_argument("--checksum-all", action="store_true", help="checksum every table, not only the key tables")
    parser.add_argument("--jobs", type=int, default=2, help="parallel pg_restore jobs (default 2)")
    args = parser.parse_args(argv)
    if not args.source or not args.source.startswith(("postgres://", "postgresql://")):
        parser.error("--source (or DATABASE_URL) must be a postgres:// URL")
    try:
        return run_drill(
            args.source, dump_file=args.dump, keep=args.keep, checksum_all=args.checksum_all, jobs=args.jobs
        )
    except (DrillError, psycopg2.Error, OSError) as exc:
        print(f"RESTORE DRILL ERROR: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
