"""Office staff verify a log or return it with a comment; each decision is locked and leaves an event."""

import pytest
from django.urls import reverse

from desabinaan.lib.errors import Conflict
from reports.models import Activity, ActivityEvent
from reports.services.activities import activity_return, activity_verify
from tests.reports.test_activity_helpers import make_activity


@pytest.fixture
def activity(world):
    return make_activity(world.unit_a, author=world.user("officer_a"))


def _review(activity):
    return reverse("reports:activity_review", args=[activity.pk])


@pytest.mark.parametrize("role", ["staff_x", "pimpasa_x", "head_x"])
def test_office_staff_verify_a_submitted_log(world, client_for, activity, role):
    assert activity.status == Activity.Status.SUBMITTED

    response = client_for(role).post(_review(activity), {"decision": "verify"})

    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == Activity.Status.VERIFIED
    assert activity.verified_by == world.user(role)
    assert activity.verified_at is not None
    event = ActivityEvent.objects.get(activity=activity)
    assert (event.from_status, event.to_status, event.actor) == ("submitted", "verified", world.user(role))


def test_returning_needs_a_comment(world, client_for, activity):
    response = client_for("staff_x").post(_review(activity), {"decision": "return", "comment": "  "})

    assert response.status_code == 400
    assert "Tulis catatan untuk petugas" in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Activity.Status.SUBMITTED
    assert not ActivityEvent.objects.exists()

    client_for("staff_x").post(_review(activity), {"decision": "return", "comment": "Foto tidak jelas."})
    activity.refresh_from_db()
    assert activity.status == Activity.Status.RETURNED
    assert activity.review_comment == "Foto tidak jelas."
    assert ActivityEvent.objects.get().comment == "Foto tidak jelas."


def test_staff_of_another_office_cannot_decide(world, client_for, activity):
    assert client_for("staff_y").post(_review(activity), {"decision": "verify"}).status_code == 404
    assert client_for("oversight").post(_review(activity), {"decision": "verify"}).status_code == 403  # reads only
    assert client_for("officer_a").post(_review(activity), {"decision": "verify"}).status_code == 403
    activity.refresh_from_db()
    assert activity.status == Activity.Status.SUBMITTED


def test_a_verified_log_cannot_be_verified_or_returned_again(world, client_for, activity):
    activity_verify(activity=activity, by=world.user("staff_x"))

    response = client_for("head_x").post(_review(activity), {"decision": "return", "comment": "Terlambat"})

    assert response.status_code == 409
    assert "Hanya kegiatan yang menunggu verifikasi" in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Activity.Status.VERIFIED
    assert activity.verified_by == world.user("staff_x")
    assert ActivityEvent.objects.count() == 1


def test_an_unknown_decision_is_refused(world, client_for, activity):
    response = client_for("staff_x").post(_review(activity), {"decision": "hapus"})
    assert response.status_code == 400
    activity.refresh_from_db()
    assert activity.status == Activity.Status.SUBMITTED


def test_services_refuse_a_returned_log_until_it_is_resubmitted(world, activity):
    activity_return(activity=activity, by=world.user("staff_x"), comment="Perbaiki")
    with pytest.raises(Conflict):
        activity_verify(activity=activity, by=world.user("staff_x"))
    with pytest.raises(Conflict):
        activity_return(activity=activity, by=world.user("staff_x"), comment="Lagi")


def test_the_detail_shows_the_decision_forms_only_to_the_office_staff(world, client_for, activity):
    assert "Verifikasi kegiatan" in client_for("staff_x").get(activity.get_absolute_url()).content.decode()
    assert "Kembalikan ke petugas" not in client_for("officer_a").get(activity.get_absolute_url()).content.decode()
