"""The reports demo: a year of logs for every active demo unit and a few incidents; deterministic, idempotent."""

from reports import demo
from reports.models import Activity, ActivityEvent, Incident
from tests import factories as f
from villages.models import UnitMembership


def test_demo_loads_a_year_of_logs_and_a_few_incidents_once(world):
    unit_c = f.make_unit(office=world.office_x)
    f.make_unit_member(unit_c, UnitMembership.Role.OFFICER)

    first = demo.load()

    assert first["activities"] == Activity.objects.count() > 60
    assert first["incidents"] == Incident.objects.count() == 3
    dates = sorted(Activity.objects.values_list("date", flat=True))
    assert (dates[-1] - dates[0]).days > 300
    assert set(Activity.objects.values_list("status", flat=True)) == {"submitted", "verified", "returned"}
    assert (
        ActivityEvent.objects.filter(to_status="verified").count() == Activity.objects.filter(status="verified").count()
    )
    snapshot = sorted(Activity.objects.values_list("unit_id", "date", "kind", "participants_male", "place"))

    second = demo.load()

    assert second == {"activities": 0, "incidents": 0}
    assert sorted(Activity.objects.values_list("unit_id", "date", "kind", "participants_male", "place")) == snapshot
