"""Oversight (a Kanwil or the whole nation) reads the activity logs of the offices it oversees, read only, with
their photos and attendance sheets; never incidents (DESIGN §3). Pages and exports agree."""

from datetime import date

import pytest
from django.urls import reverse

from reports.models import Activity, ActivityEvent, ExportJob, IncidentView
from tests import factories as f
from tests.reports.test_activity_helpers import jpeg_bytes, make_activity, upload, valid_post
from tests.reports.test_exports import read_csv

Q1 = {"start": "2026-01-01", "end": "2026-03-31"}
PLACE = "Aula Kelurahan Rawa Badak Utara"


@pytest.fixture
def logged(world, client_for):
    """A submitted log of unit A (office X, Kanwil Jakarta) with a photo and an attendance sheet."""
    data = valid_post(world.unit_a, place=PLACE)
    data["photos"] = [upload("a.jpg", jpeg_bytes())]
    data["sheet"] = upload("hadir.jpg", jpeg_bytes())
    client_for("officer_a").post(reverse("reports:activity_create"), data)
    activity = Activity.objects.get()
    assert activity.attendance_sheet and activity.photos.count() == 1
    return activity


def _file_urls(activity) -> list[str]:
    photo = activity.photos.get()
    return [
        reverse("reports:activity_photo", args=[activity.pk, photo.pk]),
        reverse("reports:activity_photo_thumb", args=[activity.pk, photo.pk]),
        reverse("reports:activity_sheet", args=[activity.pk]),
    ]


def _other_kanwil_oversight(client):
    other = f.make_oversight(f.make_kanwil("Kanwil Ditjen Imigrasi Bali", slug="bali"), "oversight_bali")
    client.logout()
    client.force_login(other)
    return client


def test_oversight_reads_a_log_of_an_overseen_office_with_its_photos_and_sheet_but_no_actions(
    world, client_for, logged
):
    client = client_for("oversight")

    page = client.get(logged.get_absolute_url())

    assert page.status_code == 200
    html = page.content.decode()
    assert PLACE in html and "Sosialisasi M-Paspor" in html
    for url in _file_urls(logged):
        assert client.get(url).status_code == 200
        assert url in html
    for action in ("activity_update", "activity_delete", "activity_review"):
        assert reverse(f"reports:{action}", args=[logged.pk]) not in html
    assert f'href="{reverse("reports:officer_home")}"' not in html  # no way "back" to a page it cannot open
    national = f.make_oversight(None, "oversight_national")
    client.force_login(national)
    assert client.get(logged.get_absolute_url()).status_code == 200


def test_oversight_of_another_kanwil_gets_404_for_the_log_and_its_files(world, client_for, logged):
    client = _other_kanwil_oversight(client_for("anon"))

    assert client.get(logged.get_absolute_url()).status_code == 404
    for url in _file_urls(logged):
        assert client.get(url).status_code == 404


def test_oversight_cannot_verify_return_edit_or_delete_a_log_and_office_staff_can_verify(world, client_for, logged):
    client = client_for("oversight")
    review = reverse("reports:activity_review", args=[logged.pk])
    edit_data = valid_post(world.unit_a, place="Diubah pengawas")
    edit_data.pop("unit")

    refusals = [
        client.post(review, {"decision": "verify"}),
        client.post(review, {"decision": "return", "comment": "Tidak lengkap."}),
        client.get(reverse("reports:activity_update", args=[logged.pk])),
        client.post(reverse("reports:activity_update", args=[logged.pk]), edit_data),
        client.get(reverse("reports:activity_delete", args=[logged.pk])),
        client.post(reverse("reports:activity_delete", args=[logged.pk])),
    ]

    assert [r.status_code for r in refusals] == [403] * 6
    logged.refresh_from_db()
    assert (logged.status, logged.place, logged.review_comment) == (Activity.Status.SUBMITTED, PLACE, "")
    assert list(ActivityEvent.objects.values_list("to_status", flat=True)) == [Activity.Status.SUBMITTED]
    assert client.get(reverse("reports:staff_queue")).status_code == 403
    assert client_for("staff_x").post(review, {"decision": "verify"}).status_code == 302
    logged.refresh_from_db()
    assert logged.status == Activity.Status.VERIFIED


def test_oversight_still_never_sees_an_incident(world, client_for):
    from tests.reports.factories import make_incident

    incident = make_incident(world.unit_a, author=world.user("officer_a"), day=date(2026, 2, 1))
    client = client_for("oversight")
    export = reverse("reports:export_incidents")

    assert client.get(incident.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:incident_list")).status_code == 403
    assert client.get(export).status_code == 403
    assert client.post(export, {"office": world.office_x.pk, **Q1}).status_code == 403
    assert not IncidentView.objects.exists() and not ExportJob.objects.exists()


def test_oversight_exports_exactly_the_logs_it_may_open(world, client_for):
    in_x = make_activity(world.unit_a, author=world.user("officer_a"), day=date(2026, 2, 1))
    in_y = make_activity(world.unit_b, author=world.user("officer_b"), day=date(2026, 2, 2))
    bali = f.make_office("Kantor Imigrasi Kelas I TPI Denpasar", kanwil=f.make_kanwil("Kanwil Bali", slug="bali"))
    elsewhere = make_activity(f.make_unit(office=bali), author=f.make_user(), day=date(2026, 2, 3))
    client = client_for("oversight")

    exported = {int(row[0]) for row in read_csv(client.get(reverse("reports:export_activities_csv"), Q1))[1:]}

    assert exported == {in_x.pk, in_y.pk}
    for activity in (in_x, in_y):
        assert client.get(activity.get_absolute_url()).status_code == 200
    assert client.get(elsewhere.get_absolute_url()).status_code == 404


def test_oversight_reaches_a_log_from_its_dashboard_through_the_export_list(world, client_for):
    activity = make_activity(world.unit_a, author=world.user("officer_a"), day=date(2026, 2, 1))
    client = client_for("oversight")

    dashboard = client.get(reverse("reports:dashboard"), Q1).content.decode()
    assert reverse("reports:export_activities") in dashboard
    listing = client.get(reverse("reports:export_activities"), Q1).content.decode()

    assert f'href="{activity.get_absolute_url()}"' in listing
    page = client.get(activity.get_absolute_url())
    assert page.status_code == 200
    back = f'href="{reverse("reports:export_activities")}?office={world.office_x.pk}&amp;unit={world.unit_a.pk}"'
    assert back in page.content.decode()  # "Kembali" leads to the unit's logs, not to a page oversight cannot open
