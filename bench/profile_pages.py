#!/usr/bin/env python3
"""Where a signed-in page spends its time, on the national dataset: in-process, per page.

    .venv/bin/python bench/profile_pages.py                      # PostgreSQL db "national" (bench/national_dataset.py)
    .venv/bin/python bench/profile_pages.py --repeat 30 --page dashboard
    .venv/bin/python bench/profile_pages.py --cprofile "national dashboard"   # and the top of a cProfile

Runs the portal with debug off (as in production: no query log kept), signs each user in with
``force_login`` and sends ``--repeat`` GET requests per page after two warm-up ones, through Django's test
client (view, middleware, queries, template; no HTTP server). Per page it prints the median of:
- ``total ms``: the whole request;
- ``queries`` and ``SQL ms``: every statement sent to the database (an ``execute_wrapper``);
- ``template ms``: the outermost template renders (``render()``/``TemplateResponse``), SQL run inside them
  included (lazy querysets evaluated by the template);
- ``forms ms``: the outermost form and field rendering (crispy's tags and filters, ``BoundField.as_widget``),
  a part of the template time.
Then the sign-in: a password check alone for each hasher, and the whole login POST (form and session) with a
hash of each kind (the PBKDF2 hash is put back before each request, since a login upgrades it).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]
DEFAULT_DB = "postgres://root@127.0.0.1:5432/national"
PREFIX = "national"
PASSWORD = "Nasional-bench-2026"  # noqa: S105 (the national dataset's bench users)


@dataclass
class Meter:
    """Time and count spent in the database, in templates and in form rendering during one request."""

    queries: int = 0
    sql: float = 0.0
    template: float = 0.0
    forms: float = 0.0
    depth: dict[str, int] = field(default_factory=lambda: {"template": 0, "forms": 0})

    def reset(self) -> None:
        self.queries, self.sql, self.template, self.forms = 0, 0.0, 0.0, 0.0


METER = Meter()


def _timed(kind: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap ``function`` so the time of its outermost calls adds up in ``METER.<kind>``."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        METER.depth[kind] += 1
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            METER.depth[kind] -= 1
            if METER.depth[kind] == 0:
                setattr(METER, kind, getattr(METER, kind) + time.perf_counter() - started)

    wrapper.__wrapped__ = function  # type: ignore[attr-defined]
    return wrapper


def instrument() -> None:
    from crispy_forms.templatetags import crispy_forms_field, crispy_forms_filters, crispy_forms_tags
    from django.forms.boundfield import BoundField
    from django.template.backends.django import Template

    Template.render = _timed("template", Template.render)  # type: ignore[method-assign]
    BoundField.as_widget = _timed("forms", BoundField.as_widget)  # type: ignore[method-assign]
    for library in (crispy_forms_filters.register, crispy_forms_field.register, crispy_forms_tags.register):
        for name, function in list(library.filters.items()):
            library.filters[name] = _timed("forms", function)
    for node in (crispy_forms_tags.BasicNode, crispy_forms_field.CrispyFieldNode):
        node.render = _timed("forms", node.render)  # type: ignore[method-assign]


def count_sql(execute, sql, params, many, context):  # Django's execute_wrapper signature
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        METER.queries += 1
        METER.sql += time.perf_counter() - started


@dataclass
class Page:
    label: str
    user: str
    path: str
    cold: bool = False  # the cache emptied before each request (the first view after a change of the data)


def pick_users() -> dict[str, str]:
    """The national dataset's users for each page (the same choices as bench/wrk_pages.py)."""
    from django.db.models import Count, Q

    from reports.models import Activity
    from villages.models import Kanwil, OfficeMembership, OversightMembership, Unit, UnitMembership

    busiest = (
        Activity.objects.filter(status="submitted")
        .values("office_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "office_id")
        .first()
    )
    if busiest is None:
        raise SystemExit("no national dataset: run bench/national_dataset.py --fresh first")
    staff = (
        OfficeMembership.objects.filter(office_id=busiest["office_id"], role="staff")
        .order_by("user__username")
        .values_list("user__username", flat=True)
        .first()
    )
    officer = (
        UnitMembership.objects.filter(unit__status=Unit.Status.ACTIVE, user__username__startswith=f"{PREFIX}-officer-")
        .order_by("unit_id")
        .values_list("user__username", flat=True)
        .first()
    )
    kanwil = Kanwil.objects.annotate(n=Count("offices")).order_by("-n", "pk").first()
    overseer = (
        OversightMembership.objects.filter(Q(kanwil=kanwil))
        .order_by("user__username")
        .values_list("user__username", flat=True)
        .first()
    )
    return {"staff": staff, "officer": officer, "oversight": f"{PREFIX}-oversight", "kanwil": overseer}


def pages(users: dict[str, str]) -> list[Page]:
    return [
        Page("officer home", users["officer"], "/laporan/"),
        Page("log list (officer)", users["officer"], "/laporan/kegiatan/"),
        Page("log form (officer)", users["officer"], "/laporan/kegiatan/baru/"),
        Page("staff home (my_home)", users["staff"], "/tugas/"),
        Page("staff queue", users["staff"], "/laporan/verifikasi/"),
        Page("staff overview", users["staff"], "/laporan/ikhtisar-unit/"),
        Page("unit list (staff)", users["staff"], "/desa-binaan/"),
        Page("unit list (national oversight)", users["oversight"], "/desa-binaan/"),
        Page("national dashboard", users["oversight"], "/laporan/dasbor/"),
        Page("national dashboard, figures not cached", users["oversight"], "/laporan/dasbor/", cold=True),
        Page("Kanwil dashboard", users["kanwil"], "/laporan/dasbor/"),
        Page("Kanwil dashboard, figures not cached", users["kanwil"], "/laporan/dasbor/", cold=True),
    ]


def measure(page: Page, repeat: int) -> dict[str, float]:
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username=page.user))
    rows = []
    with connection.execute_wrapper(count_sql):
        for i in range(repeat + 2):
            if page.cold:
                cache.clear()
            METER.reset()
            started = time.perf_counter()
            response = client.get(page.path, secure=True)
            took = time.perf_counter() - started
            if response.status_code != 200:
                raise SystemExit(f"{page.label}: {page.path} answered {response.status_code}")
            if i >= 2:
                rows.append((took, METER.queries, METER.sql, METER.template, METER.forms))
    return {
        "total": statistics.median(r[0] for r in rows) * 1000,
        "queries": statistics.median(r[1] for r in rows),
        "sql": statistics.median(r[2] for r in rows) * 1000,
        "template": statistics.median(r[3] for r in rows) * 1000,
        "forms": statistics.median(r[4] for r in rows) * 1000,
    }


def print_queries(page: Page) -> None:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(User.objects.get(username=page.user))
    with CaptureQueriesContext(connection) as captured:
        client.get(page.path, secure=True)
    for query in captured.captured_queries:
        print(f"    {float(query['time']) * 1000:6.1f} ms  {query['sql'][:160]}")


@contextmanager
def hashers(first: str):
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers

    before = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = [first, *[h for h in before if h != first]]
    get_hashers.cache_clear()
    try:
        yield
    finally:
        settings.PASSWORD_HASHERS = before
        get_hashers.cache_clear()


def sign_in(repeat: int) -> list[tuple[str, float, float]]:
    """Per hasher: the median password check alone and the median whole login POST, in ms."""
    from django.contrib.auth.hashers import check_password, make_password
    from django.contrib.auth.models import User
    from django.test import Client

    user, _ = User.objects.get_or_create(username=f"{PREFIX}-signin-bench")
    results = []
    for name, path in (
        ("PBKDF2 (Django 5.2 default, 1,000,000 iterations)", "django.contrib.auth.hashers.PBKDF2PasswordHasher"),
        ("Argon2 (Django's defaults)", "django.contrib.auth.hashers.Argon2PasswordHasher"),
    ):
        with hashers(path):
            encoded = make_password(PASSWORD)
            checks, logins = [], []
            for _ in range(repeat + 1):
                started = time.perf_counter()
                check_password(PASSWORD, encoded)
                checks.append(time.perf_counter() - started)
                User.objects.filter(pk=user.pk).update(password=encoded)
                client = Client()
                client.get("/akun/masuk/", secure=True)
                started = time.perf_counter()
                response = client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD}, secure=True)
                logins.append(time.perf_counter() - started)
                if response.status_code != 302:
                    raise SystemExit(f"login with {name} failed: {response.status_code}")
        results.append((name, statistics.median(checks[1:]) * 1000, statistics.median(logins[1:]) * 1000))
    user.delete()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("NATIONAL_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--page", action="append", default=[], help="only pages whose label contains this")
    parser.add_argument("--cprofile", help="print the top of a cProfile of one request of this page")
    parser.add_argument("--no-sign-in", action="store_true")
    parser.add_argument("--queries", action="store_true", help="print the SQL of one request per page")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-profile-pages-not-secret")
    os.environ.setdefault("SITE_URL", "https://desabinaan.example.test")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desabinaan.settings")
    import django

    django.setup()
    from django.conf import settings

    # Static files from the finders, without collectstatic (as bench/edukasi_bench_settings.py does).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    instrument()
    users = pick_users()
    print(f"users: {users}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    print("\n| page | user | total ms | queries | SQL ms | template ms | forms ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for page in pages(users):
        if args.page and not any(want in page.label for want in args.page):
            continue
        m = measure(page, args.repeat)
        if args.queries:
            print_queries(page)
        print(
            f"| {page.label} | {page.user} | {m['total']:.1f} | {m['queries']:.0f} | {m['sql']:.1f} | "
            f"{m['template']:.1f} | {m['forms']:.1f} |",
            flush=True,
        )
    if args.cprofile:
        from django.contrib.auth.models import User
        from django.test import Client

        page = next(p for p in pages(users) if args.cprofile in p.label)
        client = Client()
        client.force_login(User.objects.get(username=page.user))
        client.get(page.path, secure=True)
        profile = cProfile.Profile()
        profile.enable()
        client.get(page.path, secure=True)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    if not args.no_sign_in:
        print("\n| sign-in hasher | password check ms | login POST ms |\n|---|---:|---:|")
        for name, check, login in sign_in(max(3, args.repeat // 3)):
            print(f"| {name} | {check:.1f} | {login:.1f} |", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
