"""When staff return a log, its author gets an e-mail with the comment and a link to the log, once, on commit."""

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.urls import reverse

from reports.models import Activity
from reports.services.activities import activity_return, activity_update
from tests import factories as f
from tests.reports.test_activity_helpers import make_activity
from villages.models import UnitMembership

COMMENT = "Jumlah peserta berbeda dengan daftar hadir.\nMohon lampirkan daftar hadir."


@pytest.fixture
def activity(world):
    return make_activity(world.unit_a, author=world.user("officer_a"), place="Aula RW 05")


def _review(client, activity, **data):
    return client.post(reverse("reports:activity_review", args=[activity.pk]), data)


def test_returning_a_log_mails_its_author_once_with_the_comment_and_a_link(
    world, client_for, activity, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _review(client_for("staff_x"), activity, decision="return", comment=COMMENT)

    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == Activity.Status.RETURNED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    link = f"{settings.SITE_URL}{reverse('reports:activity_detail', args=[activity.pk])}"
    assert message.to == ["officer_a@example.test"]
    assert message.subject.startswith("Kegiatan perlu diperbaiki: Sosialisasi, ")
    assert COMMENT in message.body
    assert link in message.body
    assert "Kelurahan Rawa Badak Utara" in message.body
    html, content_type = message.alternatives[0]
    assert content_type == "text/html"
    assert f'href="{link}"' in html
    assert "Jumlah peserta berbeda dengan daftar hadir.<br>Mohon lampirkan daftar hadir." in html


def test_verifying_a_log_sends_no_mail(world, client_for, activity, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _review(client_for("staff_x"), activity, decision="verify")

    activity.refresh_from_db()
    assert activity.status == Activity.Status.VERIFIED
    assert mail.outbox == []


def test_a_resubmission_sends_no_mail_and_a_second_return_sends_a_second(
    world, activity, django_capture_on_commit_callbacks
):
    staff, officer = world.user("staff_x"), world.user("officer_a")
    with django_capture_on_commit_callbacks(execute=True):
        activity_return(activity=activity, by=staff, comment="Pertama.")
    with django_capture_on_commit_callbacks(execute=True):
        activity_update(activity=activity, by=officer, data={"place": "Aula RW 06"})
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        activity_return(activity=activity, by=staff, comment="Kedua.")
    assert [("Pertama." in m.body, "Kedua." in m.body) for m in mail.outbox] == [(True, False), (False, True)]


def test_no_mail_when_the_return_is_rolled_back(world, activity, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        activity_return(activity=activity, by=world.user("staff_x"), comment=COMMENT)
        raise RuntimeError("the request failed after the decision")

    assert callbacks == []
    assert mail.outbox == []
    activity.refresh_from_db()
    assert activity.status == Activity.Status.SUBMITTED


@pytest.mark.parametrize("author_state", ["no_email", "inactive", "left_the_unit"])
def test_when_the_author_cannot_act_the_units_people_are_told(world, author_state, django_capture_on_commit_callbacks):
    author = f.make_unit_member(world.unit_a, UnitMembership.Role.OFFICER)
    if author_state == "no_email":
        author.email = ""
    elif author_state == "inactive":
        author.is_active = False
    else:
        author.unit_memberships.all().delete()
    author.save()
    activity = make_activity(world.unit_a, author=author)
    silent = f.make_unit_member(world.unit_a, UnitMembership.Role.OFFICER)
    silent.email = ""
    silent.save()

    with django_capture_on_commit_callbacks(execute=True):
        activity_return(activity=activity, by=world.user("staff_x"), comment=COMMENT)

    assert sorted(m.to[0] for m in mail.outbox) == ["coordinator_a@example.test", "officer_a@example.test"]
    assert all(COMMENT in m.body for m in mail.outbox)


def test_the_mail_is_in_indonesian_whatever_the_staff_reads(
    world, client_for, activity, django_capture_on_commit_callbacks
):
    client = client_for("staff_x")
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        _review(client, activity, decision="return", comment="Foto buram.")

    assert "Catatan petugas:" in mail.outbox[0].body
