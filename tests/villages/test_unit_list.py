"""The unit list: who sees what, the filters, pagination, and a query count that does not grow with units."""

import pytest
from django.urls import reverse

from tests import factories as f
from villages.models import Unit

S = Unit.Status
URL = "/desa-binaan/"


def names(response) -> set[str]:
    return {u.display_name for u in response.context["page"].object_list}


def grow(world, n: int) -> None:
    """``n`` more units spread over both offices, districts and states."""
    statuses = [S.PROPOSED, S.APPROVED, S.ACTIVE, S.SUSPENDED, S.RETIRED, S.REJECTED]
    start = Unit.objects.count()
    for i in range(start, start + n):
        district = ["31.72.01", "31.72.04", "31.01.01"][i % 3]
        office = world.office_x if i % 2 else world.office_y
        unit = f.make_unit(
            office=office,
            region=f.make_village(f"{district}.{1100 + i:04d}", f"Kelurahan Uji {i}"),
            status=statuses[i % len(statuses)],
            proposed_by=world.user("staff_x") if i % 2 else world.user("staff_y"),
        )
        if i % 5 == 0:
            unit.pimpasa.add(world.user("pimpasa_x"))


def test_the_url_is_the_named_pattern():
    assert reverse("villages:unit_list") == URL


def test_staff_see_their_offices_units_and_officers_only_their_own(client_for, world):
    other = f.make_unit(office=world.office_y, region=f.make_village("31.72.04.1003", "Marunda"))
    assert names(client_for("staff_x").get(URL)) == {world.unit_a.display_name}
    assert names(client_for("staff_y").get(URL)) == {world.unit_b.display_name, other.display_name}
    assert names(client_for("officer_a").get(URL)) == {world.unit_a.display_name}
    assert names(client_for("oversight").get(URL)) == {
        world.unit_a.display_name,
        world.unit_b.display_name,
        other.display_name,
    }


def test_oversight_sees_no_propose_button_and_staff_do(client_for, world):
    assert reverse("villages:unit_propose") not in client_for("oversight").get(URL).content.decode()
    assert reverse("villages:unit_propose") in client_for("staff_x").get(URL).content.decode()


def test_filters_by_status_kind_office_and_text(client_for, world):
    proposed = f.make_unit(office=world.office_y, region=f.make_village("31.72.04.1003", "Marunda"), status=S.PROPOSED)
    school = f.make_unit(
        office=world.office_x,
        region=world.unit_a.region,
        kind=Unit.Kind.SCHOOL,
        school_name="SMK Bahari",
        npsn="20100099",
    )
    client = client_for("oversight")
    assert names(client.get(URL, {"status": "proposed"})) == {proposed.display_name}
    assert names(client.get(URL, {"kind": "school"})) == {school.display_name}
    assert names(client.get(URL, {"office": world.office_y.pk})) == {world.unit_b.display_name, proposed.display_name}
    assert names(client.get(URL, {"q": "marunda"})) == {proposed.display_name}
    assert names(client.get(URL, {"q": "20100099"})) == {school.display_name}
    assert names(client.get(URL, {"q": "31.72.04"})) == {proposed.display_name}


def test_filters_by_province_city_and_district(client_for, world):
    marunda = f.make_unit(office=world.office_y, region=f.make_village("31.72.04.1003", "Marunda"))
    client = client_for("oversight")
    assert names(client.get(URL, {"province": "31"})) == {
        world.unit_a.display_name,
        world.unit_b.display_name,
        marunda.display_name,
    }
    assert names(client.get(URL, {"province": "31", "regency": "31.01"})) == {world.unit_b.display_name}
    response = client.get(URL, {"province": "31", "regency": "31.72", "district": "31.72.04"})
    assert names(response) == {marunda.display_name}
    # The district select offers only the districts of the chosen city.
    assert {code for code, _ in response.context["form"].fields["district"].choices if code} == {
        "31.72.03",
        "31.72.04",
    }


def test_a_district_of_another_city_is_ignored(client_for, world):
    response = client_for("oversight").get(URL, {"province": "31", "regency": "31.01", "district": "31.72.03"})
    assert names(response) == {world.unit_b.display_name}


@pytest.mark.parametrize(
    "params",
    [
        {"status": "hilang"},
        {"office": "abc"},
        {"office": "999999"},
        {"province": "'; drop table"},
        {"q": "x" * 5000},
        {"q": "100%_\\"},
        {"q": "\x00"},
        {"q": "😀"},
        {"page": "999"},
        {"page": "-1"},
    ],
)
def test_hostile_filters_never_crash(client_for, world, params):
    response = client_for("oversight").get(URL, params)
    assert response.status_code == 200


def test_a_staff_member_cannot_filter_their_way_into_another_office(client_for, world):
    response = client_for("staff_x").get(URL, {"office": world.office_y.pk})
    assert world.unit_b.display_name not in names(response)


def test_the_list_paginates_by_twenty(client_for, world):
    grow(world, 45)
    client = client_for("oversight")
    first = client.get(URL)
    assert len(first.context["page"].object_list) == 20
    third = client.get(URL, {"page": 3})
    assert len(third.context["page"].object_list) == 47 - 40
    assert first.context["page"].paginator.count == 47


def test_page_links_keep_the_filters(client_for, world):
    grow(world, 45)
    html = client_for("oversight").get(URL, {"kind": "kelurahan"}).content.decode()
    assert "?kind=kelurahan&amp;page=2" in html


@pytest.mark.parametrize("role", ["staff_x", "head_x", "officer_a", "oversight", "admin"])
def test_list_query_count_does_not_grow_with_units(client_for, world, django_assert_max_num_queries, role):
    grow(world, 20)
    client = client_for(role)
    with django_assert_max_num_queries(12) as small:
        client.get(URL, {"province": "31", "regency": "31.72"})
    grow(world, 180)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL, {"province": "31", "regency": "31.72"})
    assert response.status_code == 200
