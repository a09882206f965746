"""Public office pages: the list grouped by Kanwil, one office with its contact links, service area and
active units; query counts that do not grow with offices or units."""

import pytest
from django.urls import reverse

from tests import factories as f
from villages.models import Kanwil, Office, Unit

LIST_URL = reverse("edukasi:office_list")


def detail_url(office: Office) -> str:
    return reverse("office_public", args=[office.slug])


@pytest.fixture
def riau(db) -> Kanwil:
    name = "Kanwil Ditjen Imigrasi Kepulauan Riau"
    return Kanwil.objects.create(name=name, slug="kepri", province=f.make_region("21"))


def test_the_office_list_is_public_and_grouped_by_kanwil(client, world, riau):
    batam = f.make_office("Kantor Imigrasi Kelas I Khusus TPI Batam", kanwil=riau, slug="kanim-batam")
    world.office_y.service_area.add(f.make_region("31.01", "Kabupaten Administrasi Kepulauan Seribu"))

    response = client.get(LIST_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(world.kanwil.name) < html.index(world.office_x.name) < html.index(world.office_y.name)
    assert html.index(riau.name) < html.index(batam.name)
    assert "Kabupaten Administrasi Kepulauan Seribu" in html
    assert f'href="{detail_url(batam)}"' in html


def test_the_office_list_finds_an_office_by_a_city_it_serves(client, world):
    world.office_y.service_area.add(f.make_region("31.01", "Kabupaten Administrasi Kepulauan Seribu"))

    response = client.get(LIST_URL, {"q": "seribu"})

    assert [o.pk for o in response.context["offices"]] == [world.office_y.pk]
    assert [o.pk for o in client.get(LIST_URL, {"q": "'%_\x00" + "x" * 5000}).context["offices"]] == []


def test_the_office_page_shows_contact_links_and_service_area(client, world):
    office = world.office_x
    Office.objects.filter(pk=office.pk).update(
        phone="(021) 000-1111",
        whatsapp="0812-0000-2222",
        email="kanim@example.test",
        website="https://kanim.example.test/",
    )
    office.service_area.add(f.make_region("31.72", "Kota Administrasi Jakarta Utara"))

    response = client.get(detail_url(office))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="tel:0210001111"' in html
    assert 'href="https://wa.me/6281200002222"' in html
    assert 'href="mailto:kanim@example.test"' in html
    assert 'href="https://kanim.example.test/"' in html
    assert "Kota Administrasi Jakarta Utara" in html
    assert "Kelas I TPI" in html


def test_the_office_page_lists_only_active_units_with_their_public_page(client, world):
    office = world.office_x
    proposed = f.make_unit(office=office, status=Unit.Status.PROPOSED)
    suspended = f.make_unit(office=office, status=Unit.Status.SUSPENDED)

    response = client.get(detail_url(office))

    shown = [unit.pk for unit in response.context["page"].object_list]
    assert shown == [world.unit_a.pk]
    assert proposed.pk not in shown and suspended.pk not in shown
    assert f'href="{reverse("unit_public", args=[world.unit_a.pk])}"' in response.content.decode()
    assert world.unit_b.display_name not in response.content.decode(), "another office's unit"


def test_an_unknown_office_is_404(client, world):
    assert client.get(reverse("office_public", args=["tidak-ada"])).status_code == 404


def test_office_list_query_count_does_not_grow_with_offices(client, world, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            office = f.make_office(kanwil=world.kanwil)
            office.service_area.add(f.make_region("31.72"))
            f.make_unit(office=office)

    grow(2)
    with django_assert_max_num_queries(6) as small:
        client.get(LIST_URL)
    grow(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(LIST_URL)
    assert len(response.context["offices"]) == 24


def test_office_page_query_count_does_not_grow_with_units(client, world, django_assert_max_num_queries):
    office = world.office_x
    office.service_area.add(f.make_region("31.72"), f.make_region("31.01"))
    for _ in range(5):
        f.make_unit(office=office)
    # One more than the office and its units: the office's reviewed facts (edukasi.reader.office_guides).
    with django_assert_max_num_queries(7) as small:
        client.get(detail_url(office))
    for _ in range(50):
        f.make_unit(office=office)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(detail_url(office))
    assert response.context["page"].paginator.count == 56
    assert len(response.context["page"].object_list) == 50
