"""The staff overview: per unit, the last activity and this quarter's counts; quiet units stand out."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from desabinaan.lib.periods import quarter_bounds, quarter_of
from reports.selectors.activities import QUIET_AFTER_DAYS
from tests import factories as f
from tests.reports.test_activity_helpers import make_activities, make_activity
from villages.models import Unit

URL = reverse("reports:staff_overview")


def test_quiet_units_come_first_and_stand_out(world, client_for):
    today = timezone.localdate()
    officer = world.user("officer_a")
    busy = world.unit_a
    quiet = f.make_unit(office=world.office_x)
    never = f.make_unit(office=world.office_x)
    make_activity(busy, author=officer, day=today - timedelta(days=2))
    make_activity(quiet, author=officer, day=today - timedelta(days=QUIET_AFTER_DAYS + 5))
    f.make_unit(office=world.office_y)  # another office's unit is not listed

    response = client_for("staff_x").get(URL)

    rows = response.context["rows"]
    assert [r.unit for r in rows] == [never, quiet, busy]
    assert [r.quiet for r in rows] == [True, True, False]
    assert rows[1].last_date == today - timedelta(days=QUIET_AFTER_DAYS + 5)
    html = response.content.decode()
    assert html.count('class="unit-quiet"') == 2
    assert "Belum pernah" in html


def test_counts_are_this_quarters(world, client_for):
    officer = world.user("officer_a")
    start, _ = quarter_bounds(*quarter_of(timezone.localdate()))
    make_activity(
        world.unit_a,
        author=officer,
        day=start,
        participants_male=4,
        participants_female=6,
        calon_pmi_reached=2,
        passport_consultations=5,
    )
    make_activity(world.unit_a, author=officer, day=start - timedelta(days=1), participants_male=90)

    row = client_for("head_x").get(URL).context["rows"][0]

    assert (row.figures.activities, row.figures.participants, row.figures.calon_pmi) == (1, 10, 2)
    assert row.figures.consultations == 5
    assert row.last_date == start


def test_retired_units_are_not_listed_and_suspended_ones_are_not_called_quiet(world, client_for):
    Unit.objects.filter(pk=world.unit_a.pk).update(status=Unit.Status.SUSPENDED)
    f.make_unit(office=world.office_x, status=Unit.Status.RETIRED)
    rows = client_for("staff_x").get(URL).context["rows"]
    assert [(r.unit.pk, r.quiet) for r in rows] == [(world.unit_a.pk, False)]


def test_only_office_staff_see_the_overview(world, client_for):
    for role in ("officer_a", "oversight", "editor"):
        assert client_for(role).get(URL).status_code == 403
    assert client_for("staff_y").get(URL).status_code == 200


def test_overview_query_count_does_not_grow_tenfold(world, client_for, django_assert_max_num_queries):
    officer = world.user("officer_a")
    make_activities(world.unit_a, author=officer, count=3)
    client = client_for("staff_x")
    with django_assert_max_num_queries(12) as small:
        client.get(URL)

    for _ in range(9):
        make_activities(f.make_unit(office=world.office_x), author=officer, count=30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL)
    assert len(response.context["rows"]) == 10


def test_units_not_active_come_after_the_active_ones(world, client_for):
    proposed = f.make_unit(office=world.office_x, status=Unit.Status.PROPOSED)
    make_activity(world.unit_a, author=world.user("officer_a"))
    rows = client_for("staff_x").get(URL).context["rows"]
    assert [r.unit for r in rows] == [world.unit_a, proposed]
    assert [r.quiet for r in rows] == [False, False]
