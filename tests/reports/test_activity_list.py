"""The officer's list of every log of their units: newest first, paginated, by status, period and unit; the
banner for returned logs on the list and the home; each status explained where it shows."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import Activity
from tests import factories as f
from tests.reports.test_activity_helpers import make_activities, make_activity
from villages.models import UnitMembership

URL = reverse("reports:activity_list")
HOME = reverse("reports:officer_home")
SUBMITTED_HELP = "Menunggu diperiksa petugas Kantor Imigrasi; sementara itu masih dapat diubah."
RETURNED_HELP = "Petugas meminta perbaikan: baca catatannya, ubah kegiatannya, lalu kirim lagi."
VERIFIED_HELP = "Sudah diperiksa dan dihitung dalam laporan; tidak dapat diubah lagi."


def _logged_at(activity: Activity, moment: datetime) -> None:
    Activity.objects.filter(pk=activity.pk).update(created_at=moment)


def test_officer_lists_every_log_of_their_unit_newest_first_25_a_page(world, client_for):
    officer = world.user("officer_a")
    make_activities(world.unit_a, author=officer, count=30)
    make_activity(world.unit_b, author=world.user("officer_b"), place="Unit lain")

    first = client_for("officer_a").get(URL)
    second = client_for("officer_a").get(URL, {"page": 2})

    assert first.status_code == 200
    logs = list(first.context["page"].object_list) + list(second.context["page"].object_list)
    assert len(first.context["page"].object_list) == 25 and len(logs) == 30
    assert {a.unit_id for a in logs} == {world.unit_a.pk}
    assert [a.date for a in logs] == sorted((a.date for a in logs), reverse=True)
    assert "Unit lain" not in first.content.decode() + second.content.decode()
    assert "Halaman 1 dari 2" in first.content.decode()


def test_logs_of_the_same_day_come_newest_logged_first(world, client_for):
    officer = world.user("officer_a")
    day = timezone.localdate() - timedelta(days=3)
    # The log made first in the database was logged later in the day: the order comes from when each was logged.
    later = make_activity(world.unit_a, author=officer, day=day, place="Dicatat sore")
    earlier = make_activity(world.unit_a, author=officer, day=day, place="Dicatat pagi")
    _logged_at(later, timezone.make_aware(datetime.combine(day, time(17))))
    _logged_at(earlier, timezone.make_aware(datetime.combine(day, time(8))))

    logs = list(client_for("officer_a").get(URL).context["page"].object_list)

    assert [a.place for a in logs] == ["Dicatat sore", "Dicatat pagi"]


def test_the_list_filters_by_status(world, client_for):
    officer = world.user("officer_a")
    make_activity(world.unit_a, author=officer, place="Menunggu")
    make_activity(world.unit_a, author=officer, place="Sudah", status=Activity.Status.VERIFIED)
    make_activity(world.unit_a, author=officer, place="Kembali", status=Activity.Status.RETURNED, review_comment="X")

    for status, place in (("returned", "Kembali"), ("verified", "Sudah"), ("submitted", "Menunggu")):
        logs = client_for("officer_a").get(URL, {"status": status}).context["page"].object_list
        assert [a.place for a in logs] == [place]


@pytest.mark.parametrize(
    ("period", "places"),
    [("2026-08", ["Agustus"]), ("2026-T3", ["September", "Agustus", "Juli"]), ("2026-T2", ["Juni"]), ("", None)],
)
def test_the_list_filters_by_month_or_triwulan(world, client_for, period, places):
    officer = world.user("officer_a")
    for day, place in ((date(2026, 6, 30), "Juni"), (date(2026, 7, 1), "Juli"), (date(2026, 8, 15), "Agustus")):
        make_activity(world.unit_a, author=officer, day=day, place=place)
    make_activity(world.unit_a, author=officer, day=date(2026, 9, 30), place="September")

    response = client_for("officer_a").get(URL, {"period": period})

    assert response.status_code == 200
    got = [a.place for a in response.context["page"].object_list]
    assert got == (places or ["September", "Agustus", "Juli", "Juni"])


def test_periods_offered_run_from_the_oldest_log_to_this_month(world, client_for):
    make_activity(world.unit_a, author=world.user("officer_a"), day=date(2025, 12, 5))
    html = client_for("officer_a").get(URL).content.decode()
    today = timezone.localdate()
    assert f'value="{today:%Y-%m}"' in html
    assert 'value="2025-12"' in html and 'value="2025-T4"' in html
    assert 'value="2025-11"' not in html and 'value="2025-T3"' not in html


def test_a_bad_filter_says_what_to_do(world, client_for):
    response = client_for("officer_a").get(URL, {"period": "2026-13", "status": "hilang"})

    assert response.status_code == 400
    body = response.content.decode()
    assert "Pilih bulan atau triwulan dari daftar." in body
    assert not response.context["page"].object_list


def test_a_member_of_two_units_sees_both_labelled_and_can_narrow_to_one(world, client_for):
    officer = world.user("officer_a")
    unit_c = f.make_unit(office=world.office_y, region=f.make_village(name="Kalibaru Kedua"))
    UnitMembership.objects.create(user=officer, unit=unit_c, role=UnitMembership.Role.COORDINATOR)
    make_activity(world.unit_a, author=officer, place="Di Rawa Badak")
    make_activity(unit_c, author=officer, place="Di Kalibaru")

    response = client_for("officer_a").get(URL)
    body = response.content.decode()
    assert {a.place for a in response.context["page"].object_list} == {"Di Rawa Badak", "Di Kalibaru"}
    assert "Kelurahan Kalibaru Kedua" in body and "Kelurahan Rawa Badak Utara" in body
    assert 'name="unit"' in body

    only_c = client_for("officer_a").get(URL, {"unit": unit_c.pk}).context["page"].object_list
    assert [a.place for a in only_c] == ["Di Kalibaru"]
    assert client_for("officer_a").get(URL, {"unit": world.unit_b.pk}).status_code == 400  # not theirs
    home = client_for("officer_a").get(HOME).content.decode()
    assert f"{URL}?unit={unit_c.pk}" in home


def test_a_member_of_one_unit_has_no_unit_filter(world, client_for):
    make_activity(world.unit_a, author=world.user("officer_a"))
    body = client_for("officer_a").get(URL).content.decode()
    assert 'name="unit"' not in body


def test_the_list_query_count_does_not_grow_with_logs(world, client_for, django_assert_max_num_queries):
    officer = world.user("officer_a")
    make_activities(world.unit_a, author=officer, count=10, status=Activity.Status.RETURNED)
    client = client_for("officer_a")
    with django_assert_max_num_queries(16) as small:
        assert client.get(URL).status_code == 200

    make_activities(world.unit_a, author=officer, count=90, status=Activity.Status.RETURNED)
    make_activities(world.unit_a, author=officer, count=100, status=Activity.Status.VERIFIED)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL, {"period": f"{timezone.localdate():%Y-%m}", "page": 2})
    assert response.status_code == 200
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(URL, {"status": "returned"}).status_code == 200


# --- The banner for returned logs -------------------------------------------------------------------


def test_no_banner_when_nothing_is_returned(world, client_for):
    make_activity(world.unit_a, author=world.user("officer_a"))
    for url in (HOME, URL):
        assert "perlu diperbaiki" not in client_for("officer_a").get(url).content.decode()


def test_one_returned_log_the_banner_opens_it(world, client_for):
    returned = make_activity(
        world.unit_a,
        author=world.user("officer_a"),
        day=date(2026, 11, 20),
        status=Activity.Status.RETURNED,
        review_comment="Lampirkan daftar hadir.",
    )
    make_activity(world.unit_b, author=world.user("officer_b"), status=Activity.Status.RETURNED)  # not theirs

    for url in (HOME, URL):
        body = client_for("officer_a").get(url).content.decode()
        assert "1 kegiatan perlu diperbaiki" in body
        assert f'href="{returned.get_absolute_url()}">Perbaiki: Sosialisasi, 20 November 2026</a>' in body


def test_two_returned_logs_the_banner_leads_to_the_returned_list(world, client_for):
    for _ in range(2):
        make_activity(world.unit_a, author=world.user("officer_a"), status=Activity.Status.RETURNED)

    body = client_for("coordinator_a").get(HOME).content.decode()

    assert "2 kegiatan perlu diperbaiki" in body
    assert f"{URL}?status=returned" in body


def test_the_banner_is_in_english_for_an_english_reader(world, client_for):
    for _ in range(2):
        make_activity(world.unit_a, author=world.user("officer_a"), status=Activity.Status.RETURNED)
    client = client_for("officer_a")
    client.cookies["django_language"] = "en"
    assert "2 activities need fixing" in client.get(HOME).content.decode()


# --- Statuses explained -----------------------------------------------------------------------------


def test_the_home_and_the_list_explain_each_status(world, client_for):
    make_activity(world.unit_a, author=world.user("officer_a"))
    for url in (HOME, URL):
        body = client_for("officer_a").get(url).content.decode()
        assert "Arti status kegiatan" in body
        for text in (SUBMITTED_HELP, RETURNED_HELP, VERIFIED_HELP):
            assert text in body


@pytest.mark.parametrize(
    ("status", "text"),
    [("submitted", SUBMITTED_HELP), ("returned", RETURNED_HELP), ("verified", VERIFIED_HELP)],
)
def test_the_log_page_explains_its_status_next_to_the_badge(world, client_for, status, text):
    activity = make_activity(world.unit_a, author=world.user("officer_a"), status=status)
    body = client_for("officer_a").get(activity.get_absolute_url()).content.decode()
    assert f'activity-status-{status}">' in body
    assert f'<span class="activity-status-help small">{text}</span>' in body


def test_the_home_links_to_the_full_list(world, client_for):
    make_activities(world.unit_a, author=world.user("officer_a"), count=7)
    body = client_for("officer_a").get(HOME).content.decode()
    assert f'href="{URL}">Lihat semua kegiatan</a>' in body
