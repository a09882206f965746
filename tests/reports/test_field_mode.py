"""Field mode, the server's side: the JSON answers the outbox reads, the session check, the service worker and
the manifest, and the officer's pages that carry it (and the pages that must not)."""

import io
import json
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from reports.models import Activity, ActivityEvent
from reports.views.field import FIELD_USER_HEADER

JSON = {"HTTP_ACCEPT": "application/json"}


def _form(**overrides) -> dict:
    data = {
        "date": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "kind": "sosialisasi",
        "place": "Balai RW 01",
        "participants_male": "10",
        "participants_female": "12",
        "calon_pmi_reached": "2",
        "passport_consultations": "0",
        "referrals": "0",
        "client_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def _photo() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (1600, 1200), (30, 110, 190)).save(out, "JPEG")
    return SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")


def test_the_outbox_gets_json_and_a_token_sent_twice_makes_one_log(world, client_for):
    client = client_for("officer_a")
    url = reverse("reports:activity_create")
    data = _form(unit=world.unit_a.pk)

    first = client.post(url, {**data, "photos": _photo()}, **JSON)
    again = client.post(url, {**data, "photos": _photo()}, **JSON)  # the answer to the first was lost

    activity = Activity.objects.get()
    assert (first.status_code, first.json()) == (201, {"url": activity.get_absolute_url(), "created": True})
    assert (again.status_code, again.json()) == (200, {"url": activity.get_absolute_url(), "created": False})
    assert activity.photos.count() == 1
    assert ActivityEvent.objects.count() == 1


def test_a_refusal_comes_back_as_json_with_the_fields_messages(world, client_for):
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = client_for("officer_a").post(
        reverse("reports:activity_create"), _form(unit=world.unit_a.pk, date=future, place=""), **JSON
    )

    assert response.status_code == 400
    body = response.json()
    assert body["fields"]["date"] == {
        "label": "Tanggal kegiatan",
        "messages": ["Tanggal kegiatan tidak boleh di masa depan."],
    }
    assert body["fields"]["place"]["messages"] == ["Isi tempat kegiatan."]
    assert Activity.objects.count() == 0


def test_a_suspended_unit_answers_409_in_json(world, client_for):
    from villages.models import Unit

    client = client_for("officer_a")
    form = _form(unit=world.unit_a.pk)
    Unit.objects.filter(pk=world.unit_a.pk).update(status=Unit.Status.SUSPENDED)
    response = client.post(reverse("reports:activity_create"), form, **JSON)
    # The unit is no longer a choice (only active units are loggable): refused on the unit field.
    assert response.status_code in (400, 409)
    assert "unit" in response.json()["fields"]
    assert Activity.objects.count() == 0


def test_without_the_json_header_the_form_answers_as_always(world, client_for):
    client = client_for("officer_a")
    url = reverse("reports:activity_create")
    ok = client.post(url, _form(unit=world.unit_a.pk))
    assert ok.status_code == 302 and ok["Location"] == Activity.objects.get().get_absolute_url()
    refused = client.post(url, _form(unit=world.unit_a.pk, place=""))
    assert refused.status_code == 400
    assert refused["Content-Type"].startswith("text/html")
    assert "Isi tempat kegiatan." in refused.content.decode()


def test_the_form_names_its_user_for_the_offline_copy_and_carries_field_mode(world, client_for):
    officer = world.user("officer_a")
    response = client_for("officer_a").get(reverse("reports:activity_create"))
    assert response[FIELD_USER_HEADER] == str(officer.pk)
    html = response.content.decode()
    assert 'id="field-mode"' in html and f'data-user="{officer.pk}"' in html
    assert "data-field-form" in html
    assert reverse("reports:field_manifest") in html
    assert "js/field.js" in html
    # The words the script shows come with the page, translated.
    assert 'data-waiting-other="# kegiatan menunggu dikirim"' in html


@pytest.mark.parametrize("name", ["reports:officer_home", "reports:activity_list"])
def test_the_officers_home_and_list_carry_field_mode(world, client_for, name):
    html = client_for("officer_a").get(reverse(name)).content.decode()
    assert 'id="field-mode"' in html and "data-outbox" in html
    assert reverse("reports:field_manifest") in html


def test_public_pages_and_the_edit_form_carry_no_field_mode(world, client_for):
    from tests.reports.factories import make_activity

    client = client_for("officer_a")
    activity = make_activity(world.unit_a, author=world.user("officer_a"))
    for url in (reverse("home"), reverse("reports:activity_update", args=[activity.pk])):
        html = client.get(url).content.decode()
        assert 'id="field-mode"' not in html and 'rel="manifest"' not in html, url
    anon = client_for("anon").get(reverse("home")).content.decode()
    assert "js/signout.js" not in anon and "data-signout" not in anon


def test_the_logout_form_carries_the_sign_out_hook(world, client_for):
    officer = world.user("officer_a")
    html = client_for("officer_a").get(reverse("home")).content.decode()
    assert "js/signout.js" in html
    assert f'data-signout data-user="{officer.pk}"' in html
    assert "Masih ada # kegiatan yang belum terkirim" in html


def test_the_session_check_gives_a_csrf_token_and_whether_a_token_is_stored(
    world, client_for, django_assert_max_num_queries
):
    officer = world.user("officer_a")
    client = client_for("officer_a")
    url = reverse("reports:field_session")
    client.post(reverse("reports:activity_create"), _form(unit=world.unit_a.pk, client_token=str(uuid.UUID(int=7))))

    with django_assert_max_num_queries(8):
        response = client.get(url, {"token": str(uuid.UUID(int=7))})
    body = response.json()
    assert body["user"] == officer.pk and body["csrf"] and body["stored"] is True
    assert response["Cache-Control"] == "no-store"
    assert client.get(url, {"token": str(uuid.UUID(int=8))}).json()["stored"] is False
    assert "stored" not in client.get(url, {"token": "kacau"}).json()
    # Another officer's token is not theirs to know about.
    assert client_for("officer_b").get(url, {"token": str(uuid.UUID(int=7))}).json()["stored"] is False


def test_the_session_check_sends_a_signed_out_browser_to_sign_in(world, client_for):
    response = client_for("anon").get(reverse("reports:field_session"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert client_for("staff_x").get(reverse("reports:field_session")).status_code == 403


def test_the_service_worker_is_scoped_to_the_officers_pages(world, client_for):
    response = client_for("anon").get(reverse("reports:field_sw"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    config = json.loads(body.split("\n", 1)[0].removeprefix("const FIELD_CONFIG = ").removesuffix(";"))
    # Served under /laporan/, so its scope can never reach the public guidance.
    assert reverse("reports:field_sw").startswith(reverse("reports:officer_home"))
    assert config["pages"] == ["/laporan/", "/laporan/kegiatan/", "/laporan/kegiatan/baru/"]
    assert all(asset.startswith("/static/") for asset in config["assets"])
    assert len(config["version"]) == 12
    assert "addEventListener('fetch'" in body


def test_the_manifest_is_public_and_starts_at_the_officers_home(client_for):
    response = client_for("anon").get(reverse("reports:field_manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    data = response.json()
    assert data["start_url"] == data["scope"] == "/laporan/"
    assert {icon["sizes"] for icon in data["icons"]} == {"any", "192x192", "512x512"}
