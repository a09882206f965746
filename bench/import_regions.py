#!/usr/bin/env python3
"""Importing the national region file: into an empty PostgreSQL database, unchanged again, and a new version.

    .venv/bin/python bench/import_regions.py                       # PostgreSQL database regions_bench
    .venv/bin/python bench/import_regions.py --database-url postgres://root@127.0.0.1:5432/other_bench

What it does:
1. Drops and re-creates the bench database (its name must end in ``_bench``) and migrates it.
2. Runs ``manage.py import_regions`` under ``/usr/bin/time -v`` three times: into the empty database, the
   same file again (nothing may change), and a "new version" with 1,000 names changed and 500 villages added.
3. Also times ``manage.py check`` to show what Django's start-up alone costs in time and memory.
Prints a Markdown table for bench/README.md: wall-clock time and peak memory (maximum resident set size) of
the whole command, and the importer's own time as the command prints it.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT.parent / "shared" / "data" / "wilayah" / "wilayah.csv"
PYTHON = sys.executable


def recreate_database(url: str) -> None:
    import dj_database_url
    import psycopg2

    cfg = dj_database_url.parse(url)
    name = cfg["NAME"]
    if not name.endswith("_bench"):
        sys.exit(f"Refusing to drop {name!r}: the bench database's name must end in _bench.")
    conn = psycopg2.connect(
        dbname="postgres", user=cfg["USER"], host=cfg["HOST"], port=cfg["PORT"] or 5432, password=cfg["PASSWORD"]
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def timed(args: list[str], env: dict[str, str]) -> dict[str, object]:
    result = subprocess.run(
        ["/usr/bin/time", "-v", PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", result.stderr).group(1)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    inner = re.search(r"Waktu: ([\d.]+) detik", result.stdout)
    counts = {
        key: int(match.group(1).replace(".", ""))
        for key, label in (("created", "Dibuat"), ("updated", "Diperbarui"), ("unchanged", "Tidak berubah"))
        if (match := re.search(rf"^  {label}: ([\d.]+)$", result.stdout, re.M))
    }
    return {
        "wall_s": _seconds(wall),
        "rss_mb": rss_kb / 1024,
        "importer_s": float(inner.group(1)) if inner else None,
        **counts,
    }


def _seconds(wall: str) -> float:
    parts = [float(p) for p in wall.split(":")]
    return sum(value * 60**power for power, value in enumerate(reversed(parts)))


def new_version(source: Path, target: Path, renamed: int = 1000, added: int = 500) -> None:
    """The national file with ``renamed`` village names changed and ``added`` villages in existing districts."""
    with source.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    villages = [i for i, (code, _name) in enumerate(body) if code.count(".") == 3]
    for i in villages[:: max(1, len(villages) // renamed)][:renamed]:
        body[i][1] = body[i][1] + " Baru"
    districts = [code for code, _name in body if code.count(".") == 2]
    for n in range(added):
        body.append([f"{districts[n % len(districts)]}.{9000 + n // len(districts):04d}", f"Desa Pemekaran {n}"])
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://root@127.0.0.1:5432/regions_bench")
    parser.add_argument("--file", default=str(NATIONAL))
    args = parser.parse_args()
    env = {**os.environ, "DATABASE_URL": args.database_url, "DJANGO_SETTINGS_MODULE": "desabinaan.settings"}

    recreate_database(args.database_url)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)

    results = [("Django start-up only (`manage.py check`)", timed(["check"], env))]
    results.append(("National file into an empty database", timed(["import_regions", args.file], env)))
    results.append(("Same file again (unchanged)", timed(["import_regions", args.file], env)))
    with tempfile.TemporaryDirectory() as tmp:
        changed = Path(tmp) / "wilayah-new.csv"
        new_version(Path(args.file), changed)
        results.append(("New version: 1,000 renamed, 500 added", timed(["import_regions", str(changed)], env)))

    print("| run | wall clock (s) | importer (s) | peak RSS (MB) | created | updated | unchanged |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, r in results:
        importer = f"{r['importer_s']:.1f}" if r["importer_s"] is not None else "–"
        counts = [f"{r[k]:,}" if k in r else "–" for k in ("created", "updated", "unchanged")]
        print(f"| {label} | {r['wall_s']:.1f} | {importer} | {r['rss_mb']:.0f} | {' | '.join(counts)} |")


if __name__ == "__main__":
    main()
