"""The whole officer loop on a 360 px phone, with 30 older logs in the unit: the officer logs an activity, staff
return it with a comment, the officer finds it from the banner on their home, fixes and resubmits it, staff
verify it. The database is checked at every step."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from reports.models import Activity, ActivityEvent
from tests.conftest import login_in_browser
from tests.reports.test_activity_helpers import make_activities

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/dbi/shots/activities"))
PLACE = "Aula RW 07 Rawa Badak Utara"
COMMENT = "Jumlah peserta perempuan tidak sama dengan daftar hadir (20 orang). Mohon diperbaiki."


@pytest.fixture
def phone(browser):
    """A second 360 px phone: the staff member's, beside the officer's ``phone_page``."""
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_the_officer_loop_on_a_phone(world, live_server, settings, phone_page, phone, axe):
    SHOTS.mkdir(parents=True, exist_ok=True)
    settings.SITE_URL = live_server.url
    officer, staff = world.user("officer_a"), world.user("staff_x")
    today = timezone.localdate()
    # 30 older logs, verified, dated over the last two months: the new log (dated 20 days ago) is not among
    # the home's five newest, so only the banner leads back to it once it is returned.
    make_activities(world.unit_a, author=officer, count=30, start=today - timedelta(days=1), status="verified")

    # 1. The officer logs an activity.
    login_in_browser(phone_page, live_server, officer)
    phone_page.goto(f"{live_server.url}/laporan/")
    phone_page.get_by_role("link", name="Catat kegiatan").click()
    phone_page.fill("input[name=date]", (today - timedelta(days=20)).isoformat())
    phone_page.select_option("select[name=kind]", "penyuluhan")
    phone_page.fill("input[name=place]", PLACE)
    phone_page.fill("input[name=participants_male]", "14")
    phone_page.fill("input[name=participants_female]", "26")
    phone_page.fill("input[name=calon_pmi_reached]", "6")
    phone_page.get_by_role("button", name="Kirim catatan kegiatan").click()
    phone_page.wait_for_load_state()
    activity = Activity.objects.get(place=PLACE)
    assert (activity.status, activity.author, activity.participants_female) == ("submitted", officer, 26)
    assert "Menunggu diperiksa petugas Kantor Imigrasi" in phone_page.content()

    # 2. Staff return it with a comment; its author gets an e-mail with the comment and the link.
    login_in_browser(phone, live_server, staff)
    phone.goto(f"{live_server.url}/laporan/verifikasi/")
    phone.locator("table.queue-table a").first.click()
    phone.wait_for_load_state()
    assert PLACE in phone.content()
    phone.fill("textarea[name=comment]", COMMENT)
    phone.get_by_role("button", name="Kembalikan ke petugas").click()
    phone.wait_for_load_state()
    activity.refresh_from_db()
    assert (activity.status, activity.review_comment) == ("returned", COMMENT)
    assert ActivityEvent.objects.filter(activity=activity, to_status="returned", actor=staff, comment=COMMENT).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [officer.email]
    assert COMMENT in mail.outbox[0].body
    assert f"{live_server.url}{activity.get_absolute_url()}" in mail.outbox[0].body

    # 3. The officer sees the banner on their home and opens the log from it.
    phone_page.goto(f"{live_server.url}/laporan/")
    banner = phone_page.locator(".returned-banner")
    assert "1 kegiatan perlu diperbaiki" in banner.inner_text()
    recent = phone_page.locator(".unit-card .activity-list li")
    assert recent.count() == 5
    assert PLACE not in phone_page.locator(".unit-card .activity-list").inner_text()
    _fits(phone_page)
    assert axe(phone_page) == []
    phone_page.screenshot(path=str(SHOTS / "loop-home-banner-360.png"), full_page=True)
    banner.get_by_role("link").click()
    phone_page.wait_for_load_state()
    assert phone_page.url.endswith(activity.get_absolute_url())
    assert COMMENT in phone_page.locator(".review-comment").inner_text()
    assert "Petugas meminta perbaikan" in phone_page.content()
    _fits(phone_page)
    phone_page.screenshot(path=str(SHOTS / "loop-returned-log-360.png"), full_page=True)

    # 4. They fix it and send it again.
    phone_page.get_by_role("link", name="Perbaiki dan ajukan kembali").click()
    phone_page.wait_for_load_state()
    phone_page.fill("input[name=participants_female]", "20")
    _fits(phone_page)
    phone_page.get_by_role("button", name="Simpan dan ajukan kembali").click()
    phone_page.wait_for_load_state()
    activity.refresh_from_db()
    assert (activity.status, activity.participants_female) == ("submitted", 20)
    assert ActivityEvent.objects.filter(activity=activity, from_status="returned", to_status="submitted").exists()
    phone_page.goto(f"{live_server.url}/laporan/")
    assert phone_page.locator(".returned-banner").count() == 0

    # 5. Staff verify it.
    phone.goto(f"{live_server.url}/laporan/verifikasi/")
    phone.locator("table.queue-table a").first.click()
    phone.wait_for_load_state()
    phone.get_by_role("button", name="Verifikasi kegiatan").click()
    phone.wait_for_load_state()
    activity.refresh_from_db()
    assert (activity.status, activity.verified_by) == ("verified", staff)
    assert len(mail.outbox) == 1  # verifying sends nothing

    # The officer's list shows it verified, explained, among the 31 logs.
    phone_page.goto(f"{live_server.url}/laporan/kegiatan/?status=verified")
    assert "31 kegiatan, terbaru di atas" in phone_page.content()
    assert "Sudah diperiksa dan dihitung dalam laporan" in phone_page.content()
    _fits(phone_page)
    assert axe(phone_page) == []
    phone_page.screenshot(path=str(SHOTS / "loop-list-360.png"), full_page=True)
