"""An officer logs an activity with a photo on a 360 px phone; a staff member verifies it on a desktop."""

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from reports.models import Activity, ActivityEvent
from tests.conftest import login_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/dbi/shots/activities"))


def _photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (6.0, 7.0, 30.0), 3: "E", 4: (106.0, 53.0, 10.0)}
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (30, 110, 190)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_officer_logs_on_a_phone_and_staff_verifies(world, live_server, phone_page, page, axe):
    SHOTS.mkdir(parents=True, exist_ok=True)
    officer, staff = world.user("officer_a"), world.user("staff_x")

    login_in_browser(phone_page, live_server, officer)
    phone_page.goto(f"{live_server.url}/laporan/")
    assert axe(phone_page) == []
    phone_page.get_by_role("link", name="Catat kegiatan").click()
    assert axe(phone_page) == []
    phone_page.fill("input[name=date]", (timezone.localdate() - timedelta(days=1)).isoformat())
    phone_page.select_option("select[name=kind]", "sosialisasi")
    phone_page.fill("input[name=place]", "Aula Kelurahan Rawa Badak Utara")
    phone_page.fill("input[name=participants_male]", "18")
    phone_page.fill("input[name=participants_female]", "22")
    phone_page.fill("input[name=calon_pmi_reached]", "5")
    phone_page.set_input_files(
        "input[name=photos]", files=[{"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": _photo_with_gps()}]
    )
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_page.get_by_role("button", name="Kirim catatan kegiatan").click()
    phone_page.wait_for_load_state()
    phone_page.screenshot(path=str(SHOTS / "flow-logged-360.png"), full_page=True)

    activity = Activity.objects.get()
    assert activity.status == Activity.Status.SUBMITTED
    assert activity.participants_total == 40
    assert activity.photos.count() == 1
    assert phone_page.locator("img.activity-thumb").count() == 1
    assert phone_page.evaluate("document.querySelector('img.activity-thumb').naturalWidth") > 0
    assert axe(phone_page) == []

    login_in_browser(page, live_server, staff)
    page.goto(f"{live_server.url}/laporan/verifikasi/")
    assert axe(page) == []
    page.locator("table.queue-table a").first.click()
    page.wait_for_load_state()
    assert axe(page) == []
    page.get_by_role("button", name="Verifikasi kegiatan").click()
    page.wait_for_load_state()
    page.screenshot(path=str(SHOTS / "flow-verified-1280.png"), full_page=True)

    activity.refresh_from_db()
    assert activity.status == Activity.Status.VERIFIED
    assert activity.verified_by == staff
    assert ActivityEvent.objects.filter(activity=activity, to_status="verified", actor=staff).exists()
    assert "Kegiatan diverifikasi." in page.content()
