"""The dashboard: the summary's figures from the same aggregation code, scoped, with a fixed query count."""

from datetime import date, timedelta

import pytest
from django.db.models import Sum
from django.urls import reverse

from reports.aggregation import Scope, compute_figures
from reports.models import Activity, Incident
from reports.services.rollups import rollup_rebuild
from tests import factories as f
from tests.reports.factories import make_activity, make_incident

URL = reverse("reports:dashboard")
Q1 = {"start": "2026-01-01", "end": "2026-03-31"}


def grow(world, n_units: int, per_unit: int) -> None:
    """Units of office X, each with activities spread over the quarter and a few incidents."""
    for u in range(n_units):
        unit = f.make_unit(office=world.office_x, proposed_by=world.user("staff_x"))
        author = f.make_user()
        Activity.objects.bulk_create(
            Activity(
                unit=unit,
                office=world.office_x,
                author=author,
                date=date(2026, 1 + i % 3, 1 + i % 28),
                kind=Activity.Kind.values[i % len(Activity.Kind.values)],
                place="Balai",
                participants_male=i % 7,
                participants_female=i % 5,
                calon_pmi_reached=0,
                status=Activity.Status.VERIFIED if i % 4 else Activity.Status.SUBMITTED,
            )
            for i in range(per_unit)
        )
        make_incident(unit, day=date(2026, 2, 1 + u % 28))
    rollup_rebuild()  # a bulk load goes around the services: measure the rollup again, as after an import


def test_dashboard_shows_the_figures_of_the_aggregation(world, client_for):
    make_activity(world.unit_a, day=date(2026, 1, 10), participants_male=41, participants_female=37)
    make_activity(world.unit_a, day=date(2026, 2, 10), kind=Activity.Kind.CONSULTATION, passport_consultations=29)
    make_activity(world.unit_b, day=date(2026, 2, 11), participants_male=500)
    make_incident(world.unit_a, category=Incident.Category.NON_PROCEDURAL)

    response = client_for("staff_x").get(URL, Q1)

    figures = response.context["figures"]
    direct = Activity.objects.filter(office=world.office_x, status="verified").aggregate(
        m=Sum("participants_male"), w=Sum("participants_female")
    )
    assert figures.activities == 2
    assert (figures.participants_male, figures.participants_female) == (direct["m"], direct["w"])
    assert figures == compute_figures(
        Scope(office_ids=(world.office_x.pk,), start=date(2026, 1, 1), end=date(2026, 3, 31))
    )
    body = response.content.decode()
    assert f"laki-laki {direct['m']}, perempuan {direct['w']}" in body
    assert body.count("<svg") == 3
    assert 'font-family="Liberation Sans' in body
    assert "style=" not in body.split('id="main"')[1]  # the CSP forbids inline styles
    assert "500" not in body.split("Angka utama")[1].split("Rincian")[0]  # office Y is not counted


def test_oversight_sees_every_office_it_oversees_and_can_narrow_to_one(world, client_for):
    make_activity(world.unit_a, day=date(2026, 1, 10))
    make_activity(world.unit_b, day=date(2026, 1, 11))
    client = client_for("oversight")

    both = client.get(URL, Q1).context["figures"]
    only_y = client.get(URL, {**Q1, "office": world.office_y.pk}).context["figures"]

    assert both.activities == 2
    assert only_y.activities == 1
    assert [row.name for row in only_y.unit_rows] == ["Kelurahan Pulau Untung Jawa"]


def test_staff_cannot_filter_the_dashboard_to_another_office(world, client_for):
    response = client_for("staff_x").get(URL, {**Q1, "office": world.office_y.pk})

    assert response.status_code == 400
    assert "Kantor ini tidak termasuk kantor yang dapat Anda laporkan." in response.content.decode()
    assert client_for("staff_y").get(URL, {**Q1, "office": world.office_y.pk}).status_code == 200


def test_unit_officer_dashboard_is_their_unit(world, client_for):
    make_activity(world.unit_a, day=date(2026, 1, 10))
    make_activity(f.make_unit(office=world.office_x), day=date(2026, 1, 10))

    figures = client_for("officer_a").get(URL, Q1).context["figures"]

    assert figures.activities == 1
    assert [row.unit_id for row in figures.unit_rows] == [world.unit_a.pk]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-03-01", "end": "2026-01-01"}, "Tanggal akhir tidak boleh sebelum tanggal awal."),
        ({"start": "2020-01-01", "end": "2026-01-01"}, "Rentang periode paling lama 3 tahun."),
        ({"start": "kemarin"}, "Masukkan tanggal yang valid."),
    ],
)
def test_bad_dashboard_dates_get_a_clear_message(world, client_for, params, message):
    response = client_for("staff_x").get(URL, params)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_empty_period_says_so(world, client_for):
    body = client_for("staff_x").get(URL, {"start": "2019-01-01", "end": "2019-03-31"}).content.decode()

    assert "Tidak ada kegiatan terverifikasi pada periode ini." in body


def test_dashboard_query_count_does_not_grow_with_units_or_activities(world, client_for, django_assert_max_num_queries):
    client = client_for("oversight")
    grow(world, n_units=3, per_unit=10)
    with django_assert_max_num_queries(20) as small:
        assert client.get(URL, Q1).status_code == 200

    grow(world, n_units=30, per_unit=100)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL, Q1)
    assert (
        response.context["figures"].activities
        == Activity.objects.filter(status="verified", date__range=(date(2026, 1, 1), date(2026, 3, 31))).count()
    )


def test_aggregation_query_count_is_fixed_whatever_the_data(world, django_assert_num_queries):
    scope = Scope(office_ids=(world.office_x.pk,), start=date(2026, 1, 1), end=date(2026, 3, 31))
    grow(world, n_units=2, per_unit=5)
    with django_assert_num_queries(5):  # rollup by unit and by month, units, their history, incidents
        compute_figures(scope)
    with django_assert_num_queries(6):
        compute_figures(scope, with_appendix=True)
    part_months = Scope(office_ids=(world.office_x.pk,), start=date(2026, 1, 15), end=date(2026, 3, 10))
    with django_assert_num_queries(6):  # and the logs of the days outside whole months
        compute_figures(part_months)
    within_a_month = Scope(office_ids=(world.office_x.pk,), start=date(2026, 2, 3), end=date(2026, 2, 20))
    with django_assert_num_queries(4):  # the logs only, no rollup
        compute_figures(within_a_month)

    grow(world, n_units=20, per_unit=50)
    with django_assert_num_queries(5):
        figures = compute_figures(scope)
    with django_assert_num_queries(6):
        compute_figures(scope, with_appendix=True)
    with django_assert_num_queries(6):
        parts = compute_figures(part_months)
    assert (
        parts.activities
        == Activity.objects.filter(
            office=world.office_x, status="verified", date__range=(part_months.start, part_months.end)
        ).count()
    )
    assert figures.activities == Activity.objects.filter(office=world.office_x, status="verified").count()
    assert len(figures.unit_rows) == 23
    assert figures.incidents == 22


def test_the_kept_figures_follow_every_change_at_once(world, client_for):
    """The dashboard keeps its figures in the cache until a log, a unit or an incident changes."""
    from django.utils import timezone

    from reports.services.activities import activity_create, activity_verify
    from reports.services.incidents import incident_report
    from villages.services import unit_launch

    today = timezone.localdate()
    period = {"start": (today - timedelta(days=40)).isoformat(), "end": (today + timedelta(days=40)).isoformat()}
    client = client_for("staff_x")
    officer = world.user("officer_a")
    data = {"date": today - timedelta(days=1), "kind": "sosialisasi", "place": "Balai", "participants_male": 9}
    log, _ = activity_create(by=officer, unit=world.unit_a, data=data)
    first = client.get(URL, period).context["figures"]
    assert client.get(URL, period).context["figures"] == first  # unchanged data: the same figures

    activity_verify(activity=log, by=world.user("staff_x"))
    verified = client.get(URL, period).context["figures"]
    assert (first.activities, verified.activities, verified.participants_male) == (0, 1, 9)

    newcomer = f.make_unit(office=world.office_x, status="approved", proposed_by=world.user("staff_x"))
    unit_launch(unit=newcomer, by=world.user("head_x"), launch_date=today)
    launched = client.get(URL, period).context["figures"]
    assert launched.active_units == verified.active_units + 1

    incident_report(
        by=officer,
        unit=world.unit_a,
        data={
            "category": "trafficking",
            "urgency": "medium",
            "occurred_on": today,
            "place": "Dermaga",
            "description": "Perekrut tanpa izin.",
            "people_involved": "",
        },
    )
    assert client.get(URL, period).context["figures"].incidents == launched.incidents + 1


def test_the_kept_figures_hold_what_a_dashboard_shows_and_whether_there_is_more(world):
    from reports.aggregation import dashboard_figures

    grow(world, n_units=6, per_unit=8)
    scope = Scope(office_ids=(world.office_x.pk,), start=date(2026, 1, 1), end=date(2026, 3, 31))
    full = compute_figures(scope)

    kept = dashboard_figures(scope, rows=3, bars=2)

    assert kept.unit_rows == full.unit_rows[:4]  # one more than shown: the page says there are more
    assert kept.by_unit == sorted(full.by_unit, key=lambda bar: -bar.value)[:3]
    assert (kept.activities, kept.active_units, kept.by_month) == (full.activities, full.active_units, full.by_month)


def test_a_dashboard_whose_data_did_not_change_reads_its_figures_from_the_cache(
    world, client_for, django_assert_max_num_queries
):
    client = client_for("oversight")
    grow(world, n_units=3, per_unit=10)
    with django_assert_max_num_queries(15):  # the figures computed: 5 queries of compute_figures among them
        client.get(URL, Q1)
    with django_assert_max_num_queries(10) as cached:  # session, user, roles, offices, the data's generation
        response = client.get(URL, Q1)
    assert not any("SUM(" in query["sql"] for query in cached.captured_queries)  # no aggregation ran
    assert response.context["figures"].activities == Activity.objects.filter(status="verified").count()


def test_the_rendered_figures_follow_a_change_at_once(world, client_for):
    """The page keeps its rendered figures under the figures' key: a verified log shows on the next view."""
    from django.utils import timezone

    from reports.services.activities import activity_create, activity_verify

    today = timezone.localdate()
    period = {"start": (today - timedelta(days=40)).isoformat(), "end": (today + timedelta(days=40)).isoformat()}
    client = client_for("staff_x")
    data = {"date": today - timedelta(days=1), "kind": "sosialisasi", "place": "Balai", "participants_male": 9}
    log, _ = activity_create(by=world.user("officer_a"), unit=world.unit_a, data=data)

    def activities_card(response) -> str:
        html = response.content.decode()
        return html.split('<li class="figure-card"><span class="figure-value">', 1)[1].split("<", 1)[0]

    assert activities_card(client.get(URL, period)) == "0"
    assert activities_card(client.get(URL, period)) == "0"  # from the kept fragment
    activity_verify(activity=log, by=world.user("staff_x"))
    assert activities_card(client.get(URL, period)) == "1"


def test_the_rendered_figures_are_kept_without_computing_them_again(world, client_for, django_assert_max_num_queries):
    client = client_for("oversight")
    grow(world, n_units=3, per_unit=10)
    first = client.get(URL, Q1)
    with django_assert_max_num_queries(10) as kept:
        again = client.get(URL, Q1)
    assert not any("SUM(" in query["sql"] for query in kept.captured_queries)
    figures = lambda response: response.content.decode().split('<section aria-labelledby="key-figures">')[1]  # noqa: E731
    assert figures(again) == figures(first)  # the page around them differs (the CSRF token of the sign-out form)


def test_the_office_select_offers_the_users_offices_by_name_and_keeps_the_choice(world, client_for):
    body = client_for("oversight").get(URL, {**Q1, "office": world.office_y.pk}).content.decode()
    select = body.split('name="office"', 1)[1].split("</select>", 1)[0]
    assert f'<option value="{world.office_y.pk}" selected>{world.office_y.name}</option>' in select
    assert f'<option value="{world.office_x.pk}">{world.office_x.name}</option>' in select

    own = client_for("staff_x").get(URL, {**Q1, "office": world.office_y.pk}).content.decode()  # refused: 400
    own_select = own.split('name="office"', 1)[1].split("</select>", 1)[0]
    assert world.office_x.name in own_select and world.office_y.name not in own_select
