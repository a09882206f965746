"""Officers correct or delete a log until it is verified; a returned log is corrected and resubmitted."""

import pytest
from django.urls import reverse

from desabinaan.lib.errors import Conflict
from reports.models import Activity, ActivityEvent, ActivityPhoto
from reports.services.activities import activity_return, activity_update, activity_verify
from tests.reports.test_activity_helpers import jpeg_bytes, upload, valid_post

CREATE = reverse("reports:activity_create")


def _edit_url(activity):
    return reverse("reports:activity_update", args=[activity.pk])


def _delete_url(activity):
    return reverse("reports:activity_delete", args=[activity.pk])


def _post_edit(world, **overrides):
    data = valid_post(world.unit_a, **overrides)
    data.pop("unit")
    data.pop("client_token")
    return data


@pytest.fixture
def logged(world, client_for):
    """An activity logged through the form by officer A, with one photo."""
    data = valid_post(world.unit_a)
    data["photos"] = [upload("a.jpg", jpeg_bytes())]
    client_for("officer_a").post(CREATE, data)
    return Activity.objects.get()


def test_officer_corrects_a_submitted_log(world, client_for, logged):
    assert logged.place == "Aula Kelurahan Rawa Badak Utara"

    response = client_for("officer_a").post(_edit_url(logged), _post_edit(world, place="Balai RW 07"))

    assert response.status_code == 302
    logged.refresh_from_db()
    assert logged.place == "Balai RW 07"
    assert logged.status == Activity.Status.SUBMITTED
    event = logged.events.first()
    assert (event.from_status, event.to_status, event.actor) == ("submitted", "submitted", world.user("officer_a"))


def test_officer_removes_a_photo_and_adds_another(world, client_for, logged, django_capture_on_commit_callbacks):
    old = logged.photos.get()
    data = _post_edit(world, remove_photos=[old.pk])
    data["photos"] = [upload("b.jpg", jpeg_bytes()), upload("c.jpg", jpeg_bytes())]

    with django_capture_on_commit_callbacks(execute=True):
        client_for("officer_a").post(_edit_url(logged), data)

    assert not ActivityPhoto.objects.filter(pk=old.pk).exists()
    assert logged.photos.count() == 2
    assert not old.image.storage.exists(old.image.name)


def test_editing_cannot_go_past_five_photos(world, client_for, logged):
    data = _post_edit(world)
    data["photos"] = [upload(f"{i}.jpg", jpeg_bytes((40, 30))) for i in range(5)]

    response = client_for("officer_a").post(_edit_url(logged), data)

    assert response.status_code == 400
    assert "Paling banyak 5 foto" in response.content.decode()
    assert logged.photos.count() == 1


def test_an_invalid_edit_changes_nothing(world, client_for, logged):
    response = client_for("officer_a").post(_edit_url(logged), _post_edit(world, calon_pmi_reached="500"))

    assert response.status_code == 400
    logged.refresh_from_db()
    assert logged.calon_pmi_reached == 6
    assert 'value="500"' in response.content.decode()


def test_a_verified_log_cannot_be_edited_or_deleted(world, client_for, logged):
    activity_verify(activity=logged, by=world.user("staff_x"))
    client = client_for("officer_a")

    assert client.get(_edit_url(logged)).status_code == 409
    response = client.post(_edit_url(logged), _post_edit(world, place="Diubah diam-diam"))
    assert response.status_code == 409
    assert "sudah diverifikasi tidak dapat diubah" in response.content.decode()
    assert client.post(_delete_url(logged)).status_code == 409

    logged.refresh_from_db()
    assert logged.place == "Aula Kelurahan Rawa Badak Utara"
    assert logged.status == Activity.Status.VERIFIED


def test_the_service_refuses_to_edit_a_verified_log(world, logged):
    activity_verify(activity=logged, by=world.user("staff_x"))
    with pytest.raises(Conflict):
        activity_update(activity=logged, by=world.user("officer_a"), data={"place": "X"})


def test_a_returned_log_shows_the_comment_and_is_resubmitted_after_correction(world, client_for, logged):
    activity_return(activity=logged, by=world.user("staff_x"), comment="Lampirkan daftar hadir.")
    client = client_for("officer_a")

    assert "Lampirkan daftar hadir." in client.get(logged.get_absolute_url()).content.decode()
    form_page = client.get(_edit_url(logged)).content.decode()
    assert "Lampirkan daftar hadir." in form_page
    assert "Simpan dan ajukan kembali" in form_page

    data = _post_edit(world)
    data["sheet"] = upload("hadir.jpg", jpeg_bytes())
    client.post(_edit_url(logged), data)

    logged.refresh_from_db()
    assert logged.status == Activity.Status.SUBMITTED
    assert logged.attendance_sheet.name.endswith(".jpg")
    event = logged.events.first()
    assert (event.from_status, event.to_status) == ("returned", "submitted")
    assert event.comment == "Diperbaiki dan diajukan kembali."


def test_officer_deletes_an_unverified_log_and_the_audit_row_stays(
    world, client_for, logged, django_capture_on_commit_callbacks
):
    photo = logged.photos.get()
    client = client_for("officer_a")
    assert client.get(_delete_url(logged)).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_delete_url(logged))

    assert response.status_code == 302
    assert not Activity.objects.filter(pk=logged.pk).exists()
    assert not photo.image.storage.exists(photo.image.name)
    event = ActivityEvent.objects.get(to_status=ActivityEvent.DELETED)
    assert (event.activity, event.unit, event.actor) == (None, world.unit_a, world.user("officer_a"))


def test_another_units_officer_cannot_open_edit_or_delete_a_log(world, client_for, logged):
    client = client_for("officer_b")
    assert client.get(logged.get_absolute_url()).status_code == 404
    assert client.post(_edit_url(logged), _post_edit(world, place="Bukan milik saya")).status_code == 404
    assert client.post(_delete_url(logged)).status_code == 404
    logged.refresh_from_db()
    assert logged.place == "Aula Kelurahan Rawa Badak Utara"
    # The unit's coordinator may.
    assert client_for("coordinator_a").post(_edit_url(logged), _post_edit(world, place="Balai")).status_code == 302


def test_office_staff_see_a_log_but_do_not_edit_it(world, client_for, logged):
    client = client_for("staff_x")
    assert client.get(logged.get_absolute_url()).status_code == 200
    assert client.post(_edit_url(logged), _post_edit(world, place="Staf")).status_code == 403
    assert client.post(_delete_url(logged)).status_code == 403
    assert Activity.objects.filter(pk=logged.pk, place="Aula Kelurahan Rawa Badak Utara").exists()
