"""The home, login and error pages in Chromium: no axe violations, usable at 360 px and 1280 px."""

import os
from pathlib import Path

import pytest

from tests import factories as f
from tests.conftest import login_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/dbi/shots/foundation"))

PAGES = [
    ("home", "/"),
    ("login", "/akun/masuk/"),
    ("not-found", "/tidak-ada/"),
    ("password-reset", "/akun/kata-sandi/lupa/"),
]


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(("name", "path"), PAGES)
def test_public_page_has_no_axe_violations_on_a_phone(phone_page, live_server, axe, name, path):
    phone_page.goto(live_server.url + path)
    _shot(phone_page, f"{name}-360")
    violations = axe(phone_page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]
    # Nothing is wider than the phone's screen.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize(("name", "path"), PAGES)
def test_public_page_has_no_axe_violations_on_a_desktop(page, live_server, axe, name, path):
    page.goto(live_server.url + path)
    _shot(page, f"{name}-1280")
    violations = axe(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Langsung ke isi"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_an_officer_logs_in_and_out_without_javascript(browser, live_server):
    user = f.make_user("petugas")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 780}, locale="id-ID")
    page = context.new_page()
    login_in_browser(page, live_server, user)
    assert "Keluar" in page.content()
    _shot(page, "home-signed-in-360")
    page.click("text=Menu")
    page.locator("details.site-nav-menu button:has-text('Keluar')").click()
    page.wait_for_load_state()
    assert "Masuk petugas" in page.content()
    context.close()


def test_the_language_switch_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="id-ID")
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.select_option("#language-select", "en")
    page.click("form.language-switch button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()
