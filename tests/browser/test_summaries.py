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


def test_oversight_dashboard_offers_units_once_an_office_is_chosen(phone_page, live_server, axe, world):
    make_activity(world.unit_a, day=date(2026, 2, 3))
    make_activity(world.unit_b, day=date(2026, 2, 4))
    login_in_browser(phone_page, live_server, world.user("oversight"))

    phone_page.goto(f"{live_server.url}/laporan/dasbor/?start=2026-01-01&end=2026-03-31")

    assert phone_page.locator("#id_unit option").count() == 1  # "Semua desa binaan" only
    assert "Pilih satu kantor lalu tekan Tampilkan" in phone_page.inner_text("#id_unit_helptext")
    assert phone_page.get_attribute("#id_unit", "aria-describedby") == "id_unit_helptext"
    violations = axe(phone_page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]
    shots = Path("/tmp/dbi/shots/summaries")
    shots.mkdir(parents=True, exist_ok=True)
    phone_page.screenshot(path=str(shots / "test-dashboard-oversight-360.png"), full_page=True)

    phone_page.select_option("#id_office", str(world.office_x.pk))
    phone_page.click("button:has-text('Tampilkan')")
    assert phone_page.locator("#id_unit option").count() == 2  # and the office's one unit
    phone_page.select_option("#id_unit", str(world.unit_a.pk))
    phone_page.click("button:has-text('Tampilkan')")
    assert phone_page.input_value("#id_unit") == str(world.unit_a.pk)
    assert phone_page.input_value("#id_office") == str(world.office_x.pk)
    phone_page.screenshot(path=str(shots / "test-dashboard-oversight-unit-360.png"), full_page=True)
