"""The officer's home: per unit, this quarter's figures, the latest logs and the one button to log."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from desabinaan.lib.periods import quarter_bounds, quarter_of
from reports.models import Activity
from tests import factories as f
from tests.reports.test_activity_helpers import make_activities, make_activity
from villages.models import Unit, UnitMembership

URL = reverse("reports:officer_home")


def test_officer_sees_this_quarters_figures_and_recent_logs(world, client_for):
    officer = world.user("officer_a")
    start, _end = quarter_bounds(*quarter_of(timezone.localdate()))
    make_activity(
        world.unit_a,
        author=officer,
        day=start,
        participants_male=7,
        participants_female=8,
        calon_pmi_reached=4,
        passport_consultations=3,
        place="Aula triwulan ini",
    )
    make_activity(
        world.unit_a,
        author=officer,
        day=start - timedelta(days=1),
        participants_male=50,
        place="Balai triwulan lalu",
        status=Activity.Status.VERIFIED,
    )
    make_activity(world.unit_b, author=world.user("officer_b"), place="Unit lain")

    response = client_for("officer_a").get(URL)

    assert response.status_code == 200
    card = response.context["cards"][0]
    assert card.unit == world.unit_a
    assert (card.figures.activities, card.figures.participants) == (1, 15)
    assert (card.figures.calon_pmi, card.figures.consultations) == (4, 3)
    html = response.content.decode()
    assert "Aula triwulan ini" in html and "Balai triwulan lalu" in html
    assert "Unit lain" not in html
    assert html.count("Catat kegiatan") >= 1
    assert f"{reverse('reports:activity_create')}?unit={world.unit_a.pk}" in html


def test_a_suspended_unit_shows_no_log_button(world, client_for):
    Unit.objects.filter(pk=world.unit_a.pk).update(status=Unit.Status.SUSPENDED)
    html = client_for("officer_a").get(URL).content.decode()
    assert "kegiatan baru tidak dapat dicatat" in html
    assert f"?unit={world.unit_a.pk}" not in html


def test_only_the_five_latest_logs_per_unit_are_listed(world, client_for):
    make_activities(world.unit_a, author=world.user("officer_a"), count=12)
    card = client_for("officer_a").get(URL).context["cards"][0]
    assert len(card.recent) == 5
    assert [a.date for a in card.recent] == sorted((a.date for a in card.recent), reverse=True)


def test_people_without_a_unit_get_403_and_an_officer_gets_the_page(world, client_for):
    for role in ("staff_x", "oversight", "editor", "admin"):
        assert client_for(role).get(URL).status_code == 403
    assert client_for("officer_b").get(URL).status_code == 200


def test_officer_home_query_count_does_not_grow_with_logs_or_units(world, client_for, django_assert_max_num_queries):
    officer = world.user("officer_a")
    unit_c = f.make_unit(office=world.office_x)
    UnitMembership.objects.create(user=officer, unit=unit_c, role=UnitMembership.Role.OFFICER)
    make_activities(world.unit_a, author=officer, count=3)
    make_activities(unit_c, author=officer, count=3)
    client = client_for("officer_a")
    with django_assert_max_num_queries(12) as small:
        client.get(URL)

    make_activities(world.unit_a, author=officer, count=30)
    make_activities(unit_c, author=officer, count=30)
    for _ in range(2):
        extra = f.make_unit(office=world.office_x)
        UnitMembership.objects.create(user=officer, unit=extra, role=UnitMembership.Role.OFFICER)
        make_activities(extra, author=officer, count=30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL)
    assert len(response.context["cards"]) == 4
