"""Every village leads somewhere: the office that serves it, how to reach that office, and its nearest units."""

from pathlib import Path

import pytest
from django.urls import reverse

from edukasi import reader
from edukasi.demo import load_office_facts
from tests import factories as f
from villages.models import Region
from villages.regions import regions_import

pytestmark = pytest.mark.django_db

NATIONAL = Path("/work/shared/data/wilayah/wilayah.csv")


def import_jakarta_utara() -> None:
    """The province, the city and its districts and kelurahan, from the national register."""
    lines = NATIONAL.read_text(encoding="utf-8").splitlines()
    wanted = [line for line in lines[1:] if line.split(",")[0] in ("31",) or line.startswith("31.72")]
    regions_import(data=("kode,nama\n" + "\n".join(wanted) + "\n").encode(), by=None, source="jakarta-utara.csv")


@pytest.fixture
def jakarta_utara(world):
    if not NATIONAL.exists():
        pytest.skip("the national region register is not on this machine")
    import_jakarta_utara()
    # The demo's service areas (villages/demo.py): both offices serve the whole city.
    for office in (world.office_x, world.office_y):
        office.service_area.add(Region.objects.get(code="31.72"))
    load_office_facts()
    return world


def test_every_village_of_jakarta_utara_resolves_to_its_office(jakarta_utara):
    villages = list(Region.objects.filter(code__startswith="31.72.", level=Region.Level.VILLAGE))
    assert len(villages) == 31
    serving = reader.offices_serving(v.code for v in villages)
    for village in villages:
        slugs = {office.slug for office in serving[village.code]}
        assert slugs == {"kanim-jakarta-utara", "kanim-tanjung-priok"}, village


def test_every_kelurahan_code_of_jakarta_utara_is_a_valid_choice_on_the_fee_page(jakarta_utara, client):
    for code in Region.objects.filter(code__startswith="31.72.", level=4).values_list("code", flat=True):
        response = client.get(reverse("edukasi:fees"), {"kelurahan": code})
        assert response.status_code == 200
        assert "?kantor=kanim-jakarta-utara" in response.content.decode()


def test_semper_shows_the_offices_that_serve_it_and_how_to_reach_them(jakarta_utara, client):
    response = client.get(reverse("edukasi:directory"), {"q": "Semper"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Semper Barat" in html and "Semper Timur" in html
    assert reverse("office_public", args=["kanim-tanjung-priok"]) in html
    assert "Hanya paspor elektronik sejak 1 Desember 2024." in html
    assert "https://www.google.com/maps/search/" in html
    # The nearest active unit of each office is listed (Kanim Jakarta Utara: Rawa Badak Utara, Koja).
    assert "Rawa Badak Utara" in html


def test_the_nearest_units_come_from_the_same_district_first(jakarta_utara):
    office = jakarta_utara.office_x
    far = f.make_unit(office=office, region=Region.objects.get(code="31.72.01.1001"))
    near = f.make_unit(office=office, region=Region.objects.get(code="31.72.04.1001"))
    places = reader.directory_places("Semper Barat")
    nearest = {s.guide.office.slug: s.nearest for s in places[0].offices}["kanim-jakarta-utara"]
    assert nearest.index(near) < nearest.index(far)


def test_a_village_outside_every_service_area_says_so_and_links_the_office_list(jakarta_utara, client):
    f.make_village("91.01.01.2001", "Desa Jauh")
    html = client.get(reverse("edukasi:directory"), {"q": "Desa Jauh"}).content.decode()
    assert "belum tercatat dalam wilayah kerja Kantor Imigrasi mana pun" in html
    assert reverse("edukasi:office_list") in html


def test_a_search_that_matches_nothing_links_the_office_list(world, client):
    html = client.get(reverse("edukasi:directory"), {"q": "Zzzqqq"}).content.decode()
    assert reverse("edukasi:office_list") in html


def test_every_office_page_has_a_working_way_to_reach_the_office(world, client):
    bare = f.make_office(slug="kanim-tanpa-kontak", address="Jl. Uji")
    for office in (world.office_x, world.office_y, bare):
        html = client.get(reverse("office_public", args=[office.slug])).content.decode()
        assert 'href="https://www.google.com/maps/search/?api=1&amp;query=' in html
        assert "lihat situs resmi" not in html


def test_the_directory_search_keeps_its_query_count(jakarta_utara, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        assert client.get(reverse("edukasi:directory"), {"q": "Semper"}).status_code == 200
    for n in range(20):
        f.make_unit(office=jakarta_utara.office_x)
        f.make_office(slug=f"kanim-lain-{n}")
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(16):
        assert client.get(reverse("edukasi:directory"), {"q": "Semper"}).status_code == 200


def test_a_units_public_page_uses_its_own_offices_facts_and_keeps_its_query_count(
    world, client, django_assert_max_num_queries
):
    from django.core.cache import cache

    load_office_facts()
    url = reverse("unit_public", args=[world.unit_b.pk])
    cache.clear()
    with django_assert_max_num_queries(8) as small:
        html = client.get(url).content.decode()
    assert "Kanim Tanjung Priok hanya menerbitkan paspor elektronik sejak 1 Desember 2024." in html
    assert "?kantor=kanim-tanjung-priok" in html
    for n in range(20):
        f.make_unit(office=world.office_y)
        f.make_office(slug=f"kanim-tambah-{n}")
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
