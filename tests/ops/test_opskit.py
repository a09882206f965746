"""The HTTP kit of the ops scripts (scripts/opskit.py) fills the portal's real forms over real HTTP.

two_nodes.py and bench/load_mixed.py drive the portal with these helpers; if a form changes, this test
fails in CI instead of the scripts failing on the day they are needed.
"""

from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from reports.models import Activity, ActivityEvent, Summary
from scripts import opskit
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def http_client(live_server) -> opskit.Client:
    return opskit.Client(urlsplit(live_server.url).port, timeout=30)


def test_officer_logs_an_activity_with_a_photo_through_the_kit_and_a_resend_creates_nothing(live_server, world):
    officer = http_client(live_server)
    r = officer.login("officer_a", f.PASSWORD)
    assert r.status == 302 and "sessionid" in officer.cookies
    form = officer.get("/laporan/kegiatan/baru/")
    fields = opskit.activity_fields(form.csrf(), unit=world.unit_a.pk, day=timezone.localdate().isoformat())
    assert Activity.objects.count() == 0

    r = officer.post("/laporan/kegiatan/baru/", fields, files=[("photos", "a.jpg", "image/jpeg", opskit.jpeg_bytes())])

    assert r.status == 302, r.body[:500]
    activity = Activity.objects.get(client_token=fields["client_token"])
    assert r.location.endswith(f"/laporan/kegiatan/{activity.pk}/")
    assert activity.photos.count() == 1 and activity.author == world.user("officer_a")
    photo = officer.get(f"/laporan/kegiatan/{activity.pk}/foto/{activity.photos.get().pk}/")
    assert photo.status == 200 and photo.headers["content-type"] == "image/jpeg"
    # The load script sends the same form again after a failure: the portal returns the first log.
    again = officer.post("/laporan/kegiatan/baru/", fields)
    assert again.status == 302 and again.location == r.location
    assert Activity.objects.count() == 1


def test_staff_verify_and_queue_a_summary_through_the_kit(live_server, world):
    officer = http_client(live_server)
    officer.login("officer_a", f.PASSWORD)
    form = officer.get("/laporan/kegiatan/baru/")
    today = timezone.localdate()
    officer.post(
        "/laporan/kegiatan/baru/", opskit.activity_fields(form.csrf(), unit=world.unit_a.pk, day=today.isoformat())
    )
    activity = Activity.objects.get()
    staff = http_client(live_server)
    assert staff.login("staff_x", f.PASSWORD).status == 302

    detail = staff.get(f"/laporan/kegiatan/{activity.pk}/")
    r = staff.post(f"/laporan/kegiatan/{activity.pk}/keputusan/", opskit.verify_fields(detail.csrf()))

    assert r.status == 302 and r.location.endswith("/laporan/verifikasi/")
    activity.refresh_from_db()
    assert activity.status == Activity.Status.VERIFIED
    assert ActivityEvent.objects.filter(activity=activity, to_status="verified").count() == 1

    page = staff.get("/laporan/ringkasan/")
    r = staff.post(
        "/laporan/ringkasan/",
        opskit.summary_fields(page.csrf(), office=world.office_x.pk, year=today.year, month=today.month),
    )
    assert r.status == 302, r.body[:500]
    summary = Summary.objects.get()
    assert r.location.endswith(f"/laporan/ringkasan/{summary.pk}/")
    assert summary.office == world.office_x and summary.period_kind == "month"


def test_the_kit_logs_out_and_the_session_ends(live_server, world):
    browser = http_client(live_server)
    browser.login("staff_x", f.PASSWORD)
    page = browser.get("/laporan/verifikasi/")
    assert page.status == 200

    r = browser.post("/akun/keluar/", {"csrfmiddlewaretoken": page.csrf()})

    assert r.status == 302
    after = browser.get("/laporan/verifikasi/")
    assert after.status == 302 and "/akun/masuk/" in after.location
