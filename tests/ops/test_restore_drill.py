"""The restore drill (scripts/restore_drill.py) dumps a database, restores it into a fresh one and compares."""

import importlib.util
import io
import re
import sys
from datetime import date
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.db import connection

from reports.models import Activity
from reports.services.activities import activity_create, activity_verify
from villages.models import Unit

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "restore_drill.py"


def load_drill():
    spec = importlib.util.spec_from_file_location("restore_drill", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file executes
    spec.loader.exec_module(module)
    return module


def database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"], safe="")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def fill(world, n: int = 12) -> None:
    for i in range(n):
        activity, _ = activity_create(
            by=world.user("officer_a"),
            unit=world.unit_a,
            data={"date": date(2026, 11, 1 + i % 20), "kind": Activity.Kind.SOSIALISASI, "place": f"Aula {i}"},
        )
        if i % 3 == 0:
            activity_verify(activity=activity, by=world.user("staff_x"))


def drill_databases(drill) -> list[str]:
    with psycopg2.connect(drill.with_database(database_url(), "postgres")) as conn, conn.cursor() as cur:
        cur.execute("SELECT datname FROM pg_database WHERE datname LIKE 'restore_drill_%%'")
        return [r[0] for r in cur.fetchall()]


def test_restore_drill_restores_an_identical_copy_and_drops_it(world):
    fill(world)
    drill = load_drill()
    before = set(drill_databases(drill))
    out = io.StringIO()

    status = drill.run_drill(database_url(), out=out)

    report = out.getvalue()
    assert status == 0, report
    assert "RESTORE DRILL OK" in report
    assert "reports_activity" in report
    assert "checksum villages_unit" in report
    # 12 activities, each with its submission event plus 4 verifications.
    assert re.search(r"reports_activity\s+12 ->\s+12  ok", report)
    assert re.search(r"reports_activityevent\s+16 ->\s+16  ok", report)
    assert set(drill_databases(drill)) == before


def test_restore_drill_reports_a_changed_row_as_a_difference(world):
    fill(world, n=3)
    drill = load_drill()
    with psycopg2.connect(database_url()) as conn, conn.cursor() as cur:
        first = drill.take_snapshot(cur, list(drill.KEY_TABLES))
    assert drill.compare(first, first) == []

    Unit.objects.filter(pk=world.unit_a.pk).update(address="Alamat diubah setelah dump")
    Activity.objects.filter(pk=Activity.objects.order_by("pk").first().pk).delete()
    with psycopg2.connect(database_url()) as conn, conn.cursor() as cur:
        second = drill.take_snapshot(cur, list(drill.KEY_TABLES))

    problems = drill.compare(first, second)
    assert "checksum villages_unit" in " ".join(problems)
    assert "table reports_activity: 3 rows in source, 2 in restore" in problems


def test_restore_drill_command_exits_non_zero_when_the_database_is_unreachable(capsys):
    drill = load_drill()

    status = drill.main(["--source", "postgres://root@127.0.0.1:1/nothing"])

    assert status == 2
    assert "RESTORE DRILL ERROR" in capsys.readouterr().err
