"""Summaries in Chromium: the public verification page and the dashboard, at 360 px and 1280 px, checked by axe."""

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import login_in_browser
from tests.reports.factories import make_activity, make_summary

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.7\n%issued\n"


def test_verification_page_checks_an_upload_on_a_phone_without_axe_violations(
    phone_page, live_server, axe, world, tmp_path
):
    summary = make_summary(world.office_x, by=world.user("staff_x"), content=PDF)
    issued, changed = tmp_path / "asli.pdf", tmp_path / "diubah.pdf"
    issued.write_bytes(PDF)
    changed.write_bytes(PDF.replace(b"issued", b"issueD"))
    phone_page.goto(f"{live_server.url}/laporan/keaslian/{summary.verification_code}/")

    assert axe(phone_page) == []
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_page.set_input_files("input[name=file]", str(changed))
    phone_page.click("button:has-text('Periksa')")
    assert "Tidak cocok." in phone_page.inner_text(".verify-result")
    phone_page.set_input_files("input[name=file]", str(issued))
    phone_page.click("button:has-text('Periksa')")
    assert phone_page.inner_text(".verify-result").startswith("Cocok.")


@pytest.mark.parametrize("fixture", ["page", "phone_page"])
def test_dashboard_has_no_axe_violations_and_fits_the_screen(request, fixture, live_server, axe, world):
    browser_page = request.getfixturevalue(fixture)
    make_activity(world.unit_a, day=date(2026, 2, 3))
    login_in_browser(browser_page, live_server, world.user("staff_x"))

    browser_page.goto(f"{live_server.url}/laporan/dasbor/?start=2026-01-01&end=2026-03-31")

    assert browser_page.locator("svg.chart").count() == 3
    violations = axe(browser_page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]
    width = browser_page.viewport_size["width"]
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= width
    shots = Path("/tmp/dbi/shots/summaries")
    shots.mkdir(parents=True, exist_ok=True)
    browser_page.screenshot(path=str(shots / f"test-dashboard-{width}.png"), full_page=True)
