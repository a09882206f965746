"""The fixed cast of users by role, the world they live in, and the browser fixtures.

World: Kanwil Jakarta; office X (Kanim Jakarta Utara) with active unit A; office Y (Kanim Tanjung Priok)
with active unit B. Roles: see ``ROLES``; ``anon`` is the citizen.
"""

import os
import shutil
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.db import connection

from tests import factories as f
from villages.models import OfficeMembership, Unit, UnitMembership

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROLES = (
    "anon",
    "officer_a",
    "coordinator_a",
    "officer_b",
    "staff_x",
    "pimpasa_x",
    "head_x",
    "staff_y",
    "oversight",
    "editor",
    "admin",
)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SECURE_SSL_REDIRECT = False
    from django.core.cache import cache

    cache.clear()
    yield


@dataclass
class World:
    kanwil: object
    office_x: object
    office_y: object
    unit_a: Unit
    unit_b: Unit
    users: dict[str, User | None]

    def user(self, role: str) -> User | None:
        return self.users[role]


@pytest.fixture
def world(db) -> World:
    kanwil = f.make_kanwil()
    office_x = f.make_office("Kantor Imigrasi Kelas I TPI Jakarta Utara", kanwil=kanwil, slug="kanim-jakarta-utara")
    office_y = f.make_office("Kantor Imigrasi Kelas I TPI Tanjung Priok", kanwil=kanwil, slug="kanim-tanjung-priok")
    staff_x = f.make_office_member(office_x, OfficeMembership.Role.STAFF, "staff_x")
    head_x = f.make_office_member(office_x, OfficeMembership.Role.HEAD, "head_x")
    pimpasa_x = f.make_office_member(office_x, OfficeMembership.Role.PIMPASA, "pimpasa_x")
    staff_y = f.make_office_member(office_y, OfficeMembership.Role.STAFF, "staff_y")
    unit_a = f.make_unit(
        office=office_x, region=f.make_village("31.72.03.1004", "Rawa Badak Utara"), proposed_by=staff_x
    )
    unit_b = f.make_unit(
        office=office_y, region=f.make_village("31.01.02.1001", "Pulau Untung Jawa"), proposed_by=staff_y
    )
    unit_a.pimpasa.add(pimpasa_x)
    users = {
        "anon": None,
        "officer_a": f.make_unit_member(unit_a, UnitMembership.Role.OFFICER, "officer_a"),
        "coordinator_a": f.make_unit_member(unit_a, UnitMembership.Role.COORDINATOR, "coordinator_a"),
        "officer_b": f.make_unit_member(unit_b, UnitMembership.Role.OFFICER, "officer_b"),
        "staff_x": staff_x,
        "pimpasa_x": pimpasa_x,
        "head_x": head_x,
        "staff_y": staff_y,
        "oversight": f.make_oversight(kanwil, "oversight"),
        "editor": f.make_office_member(office_x, OfficeMembership.Role.EDITOR, "editor"),
        "admin": User.objects.create_superuser("admin", "admin@example.test", f.PASSWORD),
    }
    return World(kanwil, office_x, office_y, unit_a, unit_b, users)


@pytest.fixture
def client_for(client, world):
    """``client_for("staff_x")`` returns the test client logged in as that role (anonymous for "anon")."""

    def _client(role: str):
        client.logout()
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        return client

    return _client


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- Browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def axe():
    """``axe(page)`` returns the list of axe-core violations on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def run(page) -> list[dict]:
        results = checker.run(page)
        return results.response["violations"]

    return run


def login_in_browser(page, live_server, user: User, password: str = f.PASSWORD) -> None:
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]:has-text('Masuk')")
    page.wait_for_load_state()


# --- CI: nothing may skip ----------------------------------------------------------------------


def pytest_sessionfinish(session, exitstatus):
    """With ``CI`` set, a skipped test fails the run: browser and PostgreSQL tests must really run.

    The one allowed skip is a PostgreSQL-only test during the SQLite run.
    """
    if not os.environ.get("CI"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    bad = []
    for report in reporter.stats.get("skipped", []):
        reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if "needs PostgreSQL" in reason and connection.vendor != "postgresql":
            continue
        bad.append(f"{report.nodeid}: {reason}")
    if bad:
        reporter.write_line("CI forbids skipped tests; these skipped:", red=True)
        for line in bad:
            reporter.write_line(f"  {line}", red=True)
        session.exitstatus = 1
