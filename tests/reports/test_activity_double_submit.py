"""The hidden client token: a form sent twice, even at the same moment, makes one activity."""

import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from reports.models import Activity, ActivityEvent
from reports.services.activities import activity_create


def _data():
    return {"date": timezone.localdate() - timedelta(days=1), "kind": "sosialisasi", "place": "Balai RW 01"}


def test_a_token_used_by_the_same_author_again_returns_the_first_activity(world):
    token = uuid.uuid4()
    first, created = activity_create(by=world.user("officer_a"), unit=world.unit_a, data=_data(), client_token=token)

    again, created_again = activity_create(
        by=world.user("officer_a"), unit=world.unit_a, data=_data(), client_token=token
    )

    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert Activity.objects.count() == 1
    assert ActivityEvent.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_with_one_token_make_one_activity(world):
    token = uuid.uuid4()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            results.append(
                activity_create(by=world.user("officer_a"), unit=world.unit_a, data=_data(), client_token=token)
            )
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert Activity.objects.count() == 1
    assert sorted(created for _, created in results) == [False, True]
    assert {activity.pk for activity, _ in results} == {Activity.objects.get().pk}
    assert ActivityEvent.objects.count() == 1
