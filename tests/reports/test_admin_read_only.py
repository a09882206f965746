"""The admin shows activity logs and changes none: a change there would skip the audit row and the rollup."""

import pytest
from django.urls import reverse

from reports.models import Activity, ActivityMonth
from tests.factories import make_office, make_unit
from tests.reports.factories import make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def log():
    return make_activity(make_unit(office=make_office()), participants_male=7)


def test_a_superuser_can_read_a_log_in_the_admin(admin_client, log):
    response = admin_client.get(reverse("admin:reports_activity_change", args=[log.pk]))
    assert response.status_code == 200
    assert b'name="_save"' not in response.content  # no save button: view only


def test_an_admin_post_changes_nothing_and_the_rollup_still_agrees(admin_client, log):
    url = reverse("admin:reports_activity_change", args=[log.pk])
    response = admin_client.post(url, {"participants_male": "70", "date": "2026-03-01"})
    assert response.status_code == 403
    log.refresh_from_db()
    assert log.participants_male == 7
    assert ActivityMonth.objects.filter(unit=log.unit, month="2026-02-01").exists()


def test_no_log_is_added_or_deleted_through_the_admin(admin_client, log):
    assert admin_client.get(reverse("admin:reports_activity_add")).status_code == 403
    delete = admin_client.post(reverse("admin:reports_activity_delete", args=[log.pk]), {"post": "yes"})
    assert delete.status_code == 403
    changelist = admin_client.post(
        reverse("admin:reports_activity_changelist"), {"action": "delete_selected", "_selected_action": [log.pk]}
    )
    assert changelist.status_code in (200, 302, 403)
    assert Activity.objects.filter(pk=log.pk).exists()
