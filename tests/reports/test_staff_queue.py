"""The office's queue of logs: filters, pagination, only the office's logs, a fixed number of queries."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from reports.models import Activity
from tests import factories as f
from tests.reports.test_activity_helpers import make_activities, make_activity

URL = reverse("reports:staff_queue")


def test_the_queue_lists_the_offices_waiting_logs_newest_first(world, client_for):
    today = timezone.localdate()
    old = make_activity(world.unit_a, author=world.user("officer_a"), day=today - timedelta(days=9))
    new = make_activity(world.unit_a, author=world.user("officer_a"), day=today - timedelta(days=1))
    make_activity(world.unit_a, author=world.user("officer_a"), status=Activity.Status.VERIFIED)
    other_office = make_activity(world.unit_b, author=world.user("officer_b"))

    response = client_for("staff_x").get(URL)

    assert list(response.context["page"].object_list) == [new, old]
    assert other_office.get_absolute_url() not in response.content.decode()
    assert [a.pk for a in client_for("staff_y").get(URL).context["page"].object_list] == [other_office.pk]


def test_filters_by_unit_kind_date_range_and_status(world, client_for):
    today = timezone.localdate()
    officer = world.user("officer_a")
    unit_c = f.make_unit(office=world.office_x)
    a = make_activity(world.unit_a, author=officer, day=today - timedelta(days=3), kind=Activity.Kind.PENYULUHAN)
    b = make_activity(unit_c, author=officer, day=today - timedelta(days=5), kind=Activity.Kind.PENYULUHAN)
    c = make_activity(world.unit_a, author=officer, day=today - timedelta(days=40), kind=Activity.Kind.OTHER)
    d = make_activity(world.unit_a, author=officer, day=today - timedelta(days=2), status=Activity.Status.VERIFIED)
    client = client_for("staff_x")

    def listed(**params):
        response = client.get(URL, params)
        assert response.status_code == 200, response.context["form"].errors
        return {x.pk for x in response.context["page"].object_list}

    assert listed(unit=unit_c.pk) == {b.pk}
    assert listed(kind="penyuluhan") == {a.pk, b.pk}
    assert listed(date_from=(today - timedelta(days=10)).isoformat()) == {a.pk, b.pk}
    assert listed(date_to=(today - timedelta(days=30)).isoformat()) == {c.pk}
    assert listed(status="verified") == {d.pk}
    assert listed(status="all") == {a.pk, b.pk, c.pk, d.pk}


def test_bad_filters_get_a_message_and_400(world, client_for):
    client = client_for("staff_x")
    today = timezone.localdate()
    response = client.get(URL, {"date_from": today.isoformat(), "date_to": (today - timedelta(days=5)).isoformat()})
    assert response.status_code == 400
    assert "Tanggal akhir tidak boleh sebelum tanggal awal" in response.content.decode()
    assert client.get(URL, {"unit": world.unit_b.pk}).status_code == 400  # another office's unit
    assert client.get(URL, {"date_from": "kemarin"}).status_code == 400
    assert client.get(URL, {"status": "hapus"}).status_code == 400
    assert client.get(URL, {"page": "999"}).status_code == 200


def test_the_queue_paginates(world, client_for):
    make_activities(world.unit_a, author=world.user("officer_a"), count=60)
    client = client_for("staff_x")
    first = client.get(URL)
    assert first.context["page"].paginator.num_pages == 3
    assert len(first.context["page"].object_list) == 25
    third = client.get(URL, {"page": 3, "kind": "penyuluhan"})
    assert len(third.context["page"].object_list) == 10
    assert "kind=penyuluhan&amp;page=2" in third.content.decode()


def test_only_office_staff_open_the_queue(world, client_for):
    for role in ("officer_a", "oversight", "editor", "admin"):
        assert client_for(role).get(URL).status_code == 403
    assert client_for("pimpasa_x").get(URL).status_code == 200


def test_queue_query_count_does_not_grow_tenfold(world, client_for, django_assert_max_num_queries):
    officer = world.user("officer_a")
    make_activities(world.unit_a, author=officer, count=5)
    client = client_for("staff_x")
    with django_assert_max_num_queries(12) as small:
        client.get(URL, {"status": "all"})

    for _ in range(9):
        unit = f.make_unit(office=world.office_x)
        make_activities(unit, author=officer, count=5)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL, {"status": "all"})
    assert response.context["page"].paginator.count == 50
