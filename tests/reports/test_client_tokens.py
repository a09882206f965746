"""A form's client token belongs to the user who sent it: it stops that user's double submissions, and a token
that another user happened to (or chose to) send makes nobody lose their request."""

import threading
import uuid
from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from reports.exporters import activities as activity_export
from reports.models import Activity, ActivityEvent, ExportJob, Incident, Summary
from reports.services.activities import activity_create
from reports.services.exports import export_request
from reports.services.incidents import incident_report
from reports.services.summaries import summary_request
from tests.reports.factories import make_activity, make_summary

from .test_summaries import quarter_form

TOKEN = "0b6d1c1e-8a9e-4a55-8f59-7a7f2a0c1d11"
Q1 = {"start": "2026-01-01", "end": "2026-03-31"}


def _post(client, url, data, capture):
    with capture(execute=True):
        return client.post(url, data)


def test_a_summary_token_sent_by_another_user_makes_the_senders_own_summary(
    world, client_for, django_capture_on_commit_callbacks
):
    url = reverse("reports:summary_list")
    first = _post(
        client_for("staff_x"), url, quarter_form(world.office_x, client_token=TOKEN), django_capture_on_commit_callbacks
    )
    theirs = Summary.objects.get()
    assert first["Location"] == theirs.get_absolute_url()

    client = client_for("staff_y")
    response = _post(client, url, quarter_form(world.office_y, client_token=TOKEN), django_capture_on_commit_callbacks)
    again = _post(client, url, quarter_form(world.office_y, client_token=TOKEN), django_capture_on_commit_callbacks)

    own = Summary.objects.exclude(pk=theirs.pk).get()
    assert (own.generated_by, own.office, own.state) == (world.user("staff_y"), world.office_y, Summary.State.DONE)
    assert response["Location"] == again["Location"] == own.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200
    theirs.refresh_from_db()
    assert (theirs.generated_by, theirs.office) == (world.user("staff_x"), world.office_x)
    assert Summary.objects.count() == 2


def test_a_regenerate_token_sent_by_another_user_makes_the_senders_own_summary(
    world, client_for, django_capture_on_commit_callbacks
):
    summary = make_summary(world.office_x, by=world.user("staff_x"))
    url = reverse("reports:summary_regenerate", args=[summary.pk])
    staff = _post(client_for("staff_x"), url, {"client_token": TOKEN}, django_capture_on_commit_callbacks)

    client = client_for("head_x")
    head = _post(client, url, {"client_token": TOKEN}, django_capture_on_commit_callbacks)
    head_again = _post(client, url, {"client_token": TOKEN}, django_capture_on_commit_callbacks)

    by_staff = Summary.objects.get(generated_by=world.user("staff_x"), client_token=TOKEN)
    by_head = Summary.objects.get(generated_by=world.user("head_x"))
    assert staff["Location"] == by_staff.get_absolute_url()
    assert head["Location"] == head_again["Location"] == by_head.get_absolute_url()
    assert by_head.verification_code != by_staff.verification_code
    assert Summary.objects.count() == 3


def test_an_export_token_sent_by_another_user_starts_the_senders_own_export(
    world, client_for, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(activity_export, "XLSX_INLINE_LIMIT", 1)
    for day in (1, 2):
        make_activity(world.unit_a, day=date(2026, 1, day))
        make_activity(world.unit_b, day=date(2026, 1, day))
    make_activity(world.unit_b, day=date(2026, 1, 3))
    url = reverse("reports:export_start")
    _post(client_for("staff_x"), url, {**Q1, "client_token": TOKEN}, django_capture_on_commit_callbacks)
    theirs = ExportJob.objects.get()

    client = client_for("staff_y")
    response = _post(client, url, {**Q1, "client_token": TOKEN}, django_capture_on_commit_callbacks)
    again = _post(client, url, {**Q1, "client_token": TOKEN}, django_capture_on_commit_callbacks)

    own = ExportJob.objects.exclude(pk=theirs.pk).get()
    assert response["Location"] == again["Location"] == own.get_absolute_url()
    assert (own.requested_by, own.state, own.row_count) == (world.user("staff_y"), ExportJob.State.DONE, 3)
    assert client.get(reverse("reports:export_download", args=[own.pk])).status_code == 200
    theirs.refresh_from_db()
    assert (theirs.requested_by, theirs.row_count) == (world.user("staff_x"), 2)


def _activity_data():
    return {"date": timezone.localdate() - timedelta(days=1), "kind": "sosialisasi", "place": "Balai RW 01"}


def test_an_activity_token_sent_by_another_user_logs_the_senders_own_activity(world):
    token = uuid.uuid4()
    theirs, _ = activity_create(
        by=world.user("officer_a"), unit=world.unit_a, data=_activity_data(), client_token=token
    )

    own, created = activity_create(
        by=world.user("officer_b"), unit=world.unit_b, data=_activity_data(), client_token=token
    )
    again, created_again = activity_create(
        by=world.user("officer_b"), unit=world.unit_b, data=_activity_data(), client_token=token
    )

    assert (created, created_again, again.pk) == (True, False, own.pk)
    assert (own.author, own.unit) == (world.user("officer_b"), world.unit_b)
    assert own.pk != theirs.pk
    assert Activity.objects.count() == 2
    assert ActivityEvent.objects.filter(activity=own).count() == 1


def test_an_incident_token_sent_by_another_user_files_the_senders_own_report(world):
    token = uuid.uuid4()
    data = {"category": "trafficking", "urgency": "high", "occurred_on": date(2026, 2, 1), "place": "Dermaga"}
    theirs, _ = incident_report(
        by=world.user("officer_a"), unit=world.unit_a, data={**data, "description": "a"}, client_token=token
    )

    own, created = incident_report(
        by=world.user("officer_b"), unit=world.unit_b, data={**data, "description": "b"}, client_token=token
    )
    again, created_again = incident_report(
        by=world.user("officer_b"), unit=world.unit_b, data={**data, "description": "b"}, client_token=token
    )

    assert (created, created_again, again.pk) == (True, False, own.pk)
    assert (own.author, own.unit, own.description) == (world.user("officer_b"), world.unit_b, "b")
    assert own.pk != theirs.pk
    assert Incident.objects.count() == 2


def _at_once(*calls):
    """Run the calls in two threads released together; return their results (or raise their first error)."""
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return results


def _request_summary(user, office, token):
    return lambda: summary_request(
        by=user, office=office, unit=None, period_kind="quarter", start=date(2026, 1, 1), end=date(2026, 3, 31),
        client_token=token,
    )  # fmt: skip


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_one_user_sending_a_summary_token_twice_at_once_gets_one_summary(world):
    token = uuid.uuid4()
    staff = world.user("staff_x")

    first, second = _at_once(
        _request_summary(staff, world.office_x, token), _request_summary(staff, world.office_x, token)
    )

    assert first.pk == second.pk == Summary.objects.get().pk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_users_sending_one_summary_token_at_once_get_a_summary_each(world):
    token = uuid.uuid4()

    first, second = _at_once(
        _request_summary(world.user("staff_x"), world.office_x, token),
        _request_summary(world.user("staff_y"), world.office_y, token),
    )

    assert first.pk != second.pk
    assert {(s.generated_by.username, s.office_id) for s in Summary.objects.select_related("generated_by")} == {
        ("staff_x", world.office_x.pk),
        ("staff_y", world.office_y.pk),
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_one_user_starting_an_export_twice_at_once_gets_one_job_and_two_users_get_one_each(world):
    token = uuid.uuid4()
    staff_x, staff_y = world.user("staff_x"), world.user("staff_y")

    def start(user):
        return lambda: export_request(by=user, params=dict(Q1), client_token=token)

    first, second = _at_once(start(staff_x), start(staff_x))
    assert first.pk == second.pk == ExportJob.objects.get().pk

    theirs, own = _at_once(start(staff_x), start(staff_y))
    assert theirs.pk == first.pk
    assert own.requested_by_id == staff_y.pk
    assert ExportJob.objects.count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_officers_logging_with_one_token_at_once_get_an_activity_each(world):
    token = uuid.uuid4()

    (_a, a_created), (_b, b_created) = _at_once(
        lambda: activity_create(
            by=world.user("officer_a"), unit=world.unit_a, data=_activity_data(), client_token=token
        ),
        lambda: activity_create(
            by=world.user("officer_b"), unit=world.unit_b, data=_activity_data(), client_token=token
        ),
    )

    assert a_created and b_created
    assert {(x.author_id, x.unit_id) for x in Activity.objects.all()} == {
        (world.user("officer_a").pk, world.unit_a.pk),
        (world.user("officer_b").pk, world.unit_b.pk),
    }
