"""In Chromium: staff invite an officer who activates the account from the e-mail; public pages pass axe."""

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail

from tests.conftest import login_in_browser
from villages.models import UnitMembership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/dbi/shots/members"))


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"browser-{name}.png"), full_page=True)


def test_staff_invite_and_the_invitee_activates_from_the_email_link(browser, live_server, world, settings):
    settings.SITE_URL = live_server.url
    staff_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    staff = staff_context.new_page()
    login_in_browser(staff, live_server, world.user("staff_x"))
    staff.goto(f"{live_server.url}/desa-binaan/{world.unit_a.pk}/anggota/")
    staff.fill("input[name=email]", "petugas.baru@example.test")
    staff.select_option("select[name=role]", "officer")
    staff.click("button:has-text('Kirim undangan')")
    staff.wait_for_load_state()
    assert "Undangan dikirim ke petugas.baru@example.test" in staff.content()
    staff_context.close()

    assert [m.to for m in mail.outbox] == [["petugas.baru@example.test"]]
    link = re.search(r"https?://\S+/akun/aktivasi/[\w-]+/", mail.outbox[0].body).group(0)

    # The invitee, on a phone, with no session of their own.
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="id-ID", is_mobile=True)
    page = context.new_page()
    page.goto(link)
    assert "Aktifkan akun Anda" in page.content()
    page.fill("input[name=first_name]", "Petugas")
    page.fill("input[name=last_name]", "Baru")
    page.fill("input[name=password1]", "Rawa-Badak-2026!")
    page.fill("input[name=password2]", "Rawa-Badak-2026!")
    _shot(page, "activation-filled-360")
    page.click("button:has-text('Aktifkan akun dan masuk')")
    page.wait_for_load_state()
    _shot(page, "activation-landed-360")

    assert "Selamat datang" in page.content()
    assert page.locator("button:has-text('Keluar')").count() >= 1
    user = User.objects.get(email="petugas.baru@example.test")
    assert user.is_active and user.get_full_name() == "Petugas Baru"
    assert UnitMembership.objects.filter(user=user, unit=world.unit_a).count() == 1
    context.close()


@pytest.mark.parametrize("which", ["directory", "unit_public"])
def test_directory_and_unit_public_page_have_no_axe_violations(page, phone_page, live_server, world, axe, which):
    path = "/direktori/" if which == "directory" else f"/direktori/{world.unit_a.pk}/"
    for name, tab in (("1280", page), ("360", phone_page)):
        tab.goto(live_server.url + path)
        _shot(tab, f"{which}-{name}")
        violations = axe(tab)
        assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations]
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
