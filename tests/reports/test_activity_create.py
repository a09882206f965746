"""An officer logs an activity: every field, photos and sheet, one row per submission, bad input refused."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from reports.models import Activity, ActivityEvent, ActivityPhoto
from tests import factories as f
from tests.reports.test_activity_helpers import (
    PDF_BYTES,
    SVG_WITH_SCRIPT,
    jpeg_bytes,
    upload,
    valid_post,
    zip_bytes,
)
from villages.models import Unit, UnitMembership

URL = reverse("reports:activity_create")


@pytest.fixture
def topics(db):
    from edukasi.models import Topic

    return [
        Topic.objects.create(slug="paspor-uji", name="Paspor", name_en="Passports", order=1),
        Topic.objects.create(slug="tppo-uji", name="Perdagangan orang", name_en="Trafficking", order=2),
    ]


def test_officer_logs_an_activity_with_photos_and_sheet(world, client_for, topics):
    client = client_for("officer_a")
    data = valid_post(world.unit_a, topics=[t.pk for t in topics])
    data["photos"] = [upload("a.jpg", jpeg_bytes(gps=True)), upload("b.jpg", jpeg_bytes())]
    data["sheet"] = upload("hadir.pdf", PDF_BYTES, "application/pdf")
    assert Activity.objects.count() == 0

    response = client.post(URL, data)

    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == activity.get_absolute_url()
    assert activity.unit == world.unit_a
    assert activity.office == world.office_x
    assert activity.author == world.user("officer_a")
    assert activity.status == Activity.Status.SUBMITTED
    assert (activity.participants_male, activity.participants_female, activity.calon_pmi_reached) == (20, 25, 6)
    assert (activity.passport_consultations, activity.referrals) == (4, 1)
    assert set(activity.topics.all()) == set(topics)
    assert activity.photos.count() == 2
    photo = activity.photos.first()
    with photo.image.open("rb") as fh:
        assert dict(Image.open(io.BytesIO(fh.read())).getexif()) == {}
    assert photo.thumbnail.name
    assert activity.attendance_sheet.name.endswith(".pdf")
    event = ActivityEvent.objects.get()
    assert (event.activity, event.from_status, event.to_status, event.actor) == (
        activity,
        "",
        Activity.Status.SUBMITTED,
        world.user("officer_a"),
    )


def test_a_double_submission_creates_one_activity(world, client_for):
    client = client_for("officer_a")
    data = valid_post(world.unit_a)

    first = client.post(URL, {**data, "photos": [upload("a.jpg", jpeg_bytes())]})
    second = client.post(URL, {**data, "photos": [upload("a.jpg", jpeg_bytes())]})

    activity = Activity.objects.get()
    assert first["Location"] == second["Location"] == activity.get_absolute_url()
    assert ActivityPhoto.objects.count() == 1
    assert ActivityEvent.objects.count() == 1


def test_a_second_form_with_a_new_token_is_a_second_activity(world, client_for):
    client = client_for("officer_a")
    client.post(URL, valid_post(world.unit_a))
    client.post(URL, valid_post(world.unit_a))
    assert Activity.objects.count() == 2


def _assert_refused(response, message: str):
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Activity.objects.count() == 0
    assert ActivityPhoto.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"date": "future"}, "tidak boleh di masa depan"),
        ({"date": "long-ago"}, "lebih dari satu tahun yang lalu"),
        ({"participants_male": "-3"}, "Tidak boleh kurang dari 0"),
        ({"calon_pmi_reached": "46"}, "Calon PMI terjangkau tidak boleh melebihi jumlah peserta"),
        ({"participants_male": "60000", "participants_female": "50000"}, "tidak boleh lebih dari 100.000"),
        ({"participants_female": "150000"}, "Tidak boleh lebih dari 100.000"),
        ({"referrals": "banyak"}, "Isi dengan angka bulat"),
        ({"kind": "pesta"}, "Masukkan pilihan yang valid"),
        ({"place": ""}, "Isi tempat kegiatan."),
    ],
    ids=[
        "future",
        "over-a-year",
        "negative",
        "pmi-above-participants",
        "total-over-100k",
        "field-over-100k",
        "not-a-number",
        "unknown-kind",
        "no-place",
    ],
)
def test_bad_values_are_refused_with_a_clear_message_and_nothing_saved(world, client_for, overrides, message):
    today = timezone.localdate()
    if overrides.get("date") == "future":
        overrides["date"] = (today + timedelta(days=1)).isoformat()
    if overrides.get("date") == "long-ago":
        overrides["date"] = (today - timedelta(days=370)).isoformat()

    response = client_for("officer_a").post(URL, valid_post(world.unit_a, **overrides))

    _assert_refused(response, message)


@pytest.mark.parametrize(
    ("field", "name", "content", "message"),
    [
        ("photos", "foto.jpg", PDF_BYTES, "bukan foto JPEG, PNG, atau WebP"),
        ("photos", "foto.zip", zip_bytes(), "bukan foto JPEG, PNG, atau WebP"),
        ("photos", "foto.svg", SVG_WITH_SCRIPT, "bukan foto JPEG, PNG, atau WebP"),
        ("photos", "foto.jpg", jpeg_bytes()[:-500], "bukan foto JPEG, PNG, atau WebP"),
        ("photos", "besar.jpg", b"\xff\xd8" + b"0" * (50 * 1024 * 1024), "lebih dari 5 MB"),
        ("sheet", "hadir.pdf", zip_bytes(), "harus berupa PDF atau gambar"),
    ],
    ids=["renamed-pdf", "zip", "svg-with-script", "truncated-jpeg", "50-mb", "sheet-zip"],
)
def test_bad_files_are_refused_and_nothing_is_saved(world, client_for, field, name, content, message):
    data = valid_post(world.unit_a)
    data[field] = upload(name, content)

    response = client_for("officer_a").post(URL, data)

    _assert_refused(response, message)


def test_more_than_five_photos_are_refused(world, client_for):
    data = valid_post(world.unit_a)
    data["photos"] = [upload(f"{i}.jpg", jpeg_bytes((40, 30))) for i in range(6)]
    _assert_refused(client_for("officer_a").post(URL, data), "Paling banyak 5 foto")


def test_a_refused_form_keeps_what_was_typed_and_asks_for_the_files_again(world, client_for):
    data = valid_post(world.unit_a, calon_pmi_reached="99", notes="Catatan yang panjang sekali")
    data["photos"] = [upload("foto.jpg", jpeg_bytes())]

    response = client_for("officer_a").post(URL, data)

    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Aula Kelurahan Rawa Badak Utara"' in html
    assert 'value="99"' in html
    assert "Catatan yang panjang sekali" in html
    assert f'value="{data["client_token"]}"' in html  # the same token: a retry after a fix is still one activity
    assert "Berkas yang tadi dipilih perlu dipilih lagi." in html


def test_posting_another_units_id_is_refused(world, client_for):
    response = client_for("officer_a").post(URL, valid_post(world.unit_b))

    _assert_refused(response, "Pilih desa binaan tempat Anda bertugas.")
    ok = client_for("officer_b").post(URL, valid_post(world.unit_b))
    assert ok.status_code == 302
    assert Activity.objects.get().unit == world.unit_b


def test_a_suspended_unit_cannot_log(world, client_for):
    Unit.objects.filter(pk=world.unit_a.pk).update(status=Unit.Status.SUSPENDED)
    _assert_refused(client_for("officer_a").post(URL, valid_post(world.unit_a)), "Pilih desa binaan")


def test_staff_and_oversight_cannot_log_activities(world, client_for):
    for role in ("staff_x", "oversight", "editor"):
        assert client_for(role).post(URL, valid_post(world.unit_a)).status_code == 403
    assert Activity.objects.count() == 0
    assert client_for("coordinator_a").post(URL, valid_post(world.unit_a)).status_code == 302


def test_an_officer_of_two_units_picks_the_unit(world, client_for):
    unit_c = f.make_unit(office=world.office_x)
    UnitMembership.objects.create(user=world.user("officer_a"), unit=unit_c, role=UnitMembership.Role.OFFICER)

    client_for("officer_a").post(URL, valid_post(unit_c))

    assert Activity.objects.get().unit == unit_c


def test_photos_are_only_served_through_the_access_checked_view(world, client_for, settings):
    data = valid_post(world.unit_a)
    data["photos"] = [upload("a.jpg", jpeg_bytes())]
    client_for("officer_a").post(URL, data)
    activity = Activity.objects.get()
    photo = activity.photos.get()

    detail = client_for("staff_x").get(activity.get_absolute_url()).content.decode()
    assert settings.MEDIA_URL not in detail
    assert photo.image.name not in detail
    photo_url = reverse("reports:activity_photo", args=[activity.pk, photo.pk])
    assert client_for("staff_y").get(photo_url).status_code == 404
    assert client_for("officer_b").get(photo_url).status_code == 404
    response = client_for("staff_x").get(photo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
