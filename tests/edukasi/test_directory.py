"""The public directory of active units and a unit's public page."""

import pytest
from django.urls import reverse

from tests import factories as f
from villages.models import Unit

pytestmark = pytest.mark.django_db

DIRECTORY = "/direktori/"


def names(response) -> str:
    return response.content.decode()


@pytest.fixture
def spread(world):
    """Active units in two cities and three districts, plus units that must never show."""
    office = world.office_x
    f.make_region("31.72", "Kota Administrasi Jakarta Utara")
    f.make_region("31.72.03", "Koja")
    f.make_region("31.72.01", "Penjaringan")
    f.make_region("31.01", "Kabupaten Administrasi Kepulauan Seribu")
    f.make_region("31.01.02", "Kepulauan Seribu Selatan")
    units = {
        "koja": f.make_unit(office=office, region=f.make_village("31.72.03.1001", "Koja")),
        "pluit": f.make_unit(office=office, region=f.make_village("31.72.01.1005", "Pluit")),
        "school": f.make_unit(
            office=office,
            region=f.make_village("31.72.03.1002", "Lagoa"),
            kind=Unit.Kind.SCHOOL,
            school_name="SMK Negeri 12 Jakarta",
            npsn="20100123",
        ),
        "proposed": f.make_unit(
            office=office, region=f.make_village("31.72.03.1003", "Tugu Utara"), status=Unit.Status.PROPOSED
        ),
        "suspended": f.make_unit(
            office=office, region=f.make_village("31.72.01.1001", "Penjaringan"), status=Unit.Status.SUSPENDED
        ),
    }
    return units


def test_directory_lists_only_active_units_grouped_by_city_and_district(client, world, spread):
    html = names(client.get(DIRECTORY))

    for shown in (
        "Rawa Badak Utara",
        "Pulau Untung Jawa",
        "Kelurahan Koja",
        "Kelurahan Pluit",
        "SMK Negeri 12 Jakarta",
    ):
        assert shown in html
    assert "Tugu Utara" not in html and "Kelurahan Penjaringan" not in html
    assert "Kota Administrasi Jakarta Utara" in html and "Kecamatan Koja" in html
    assert html.index("Kabupaten Administrasi Kepulauan Seribu") < html.index("Kota Administrasi Jakarta Utara")
    assert world.office_x.name in html and world.office_y.name in html
    assert reverse("unit_public", args=[spread["koja"].pk]) in html


def test_directory_filters_by_city_district_and_text(client, world, spread):
    by_city = names(client.get(DIRECTORY, {"kota": "31.01"}))
    assert "Pulau Untung Jawa" in by_city and "Rawa Badak Utara" not in by_city

    by_district = client.get(DIRECTORY, {"kota": "31.72", "kecamatan": "31.72.01"})
    assert by_district.status_code == 200
    assert "Kelurahan Pluit" in names(by_district) and "Rawa Badak Utara" not in names(by_district)
    # The district choices belong to the chosen city.
    assert 'value="31.72.03"' in names(by_district) and 'value="31.01.02"' not in names(by_district)

    by_text = names(client.get(DIRECTORY, {"q": "smk negeri"}))
    assert "SMK Negeri 12 Jakarta" in by_text and "Kelurahan Pluit" not in by_text
    assert "1 desa binaan" in by_text

    nothing = names(client.get(DIRECTORY, {"q": "tidak ada yang seperti ini"}))
    assert "Tidak ada desa binaan yang cocok" in nothing


def test_a_district_left_from_another_city_is_ignored(client, world, spread):
    response = client.get(DIRECTORY, {"kota": "31.01", "kecamatan": "31.72.01"})

    assert response.status_code == 200
    assert "Pulau Untung Jawa" in names(response) and "Kelurahan Pluit" not in names(response)


@pytest.mark.parametrize(
    "params",
    [
        {"kota": "99.99"},
        {"kota": "'; select 1; --"},
        {"q": "x" * 5000},
        {"q": "nul\x00byte"},
        {"page": "999999"},
        {"page": "-1"},
        {"q": "%_%", "page": "abc"},
    ],
)
def test_hostile_filters_get_a_clear_answer_never_a_500(client, world, spread, params):
    response = client.get(DIRECTORY, params)

    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "Periksa kembali isian berikut" in names(response)
    # The list still shows (unfiltered) so the citizen is never left with an empty page.
    assert "Rawa Badak Utara" in names(response) or params.get("q")


def test_directory_paginates(client, world):
    for n in range(25):
        f.make_unit(office=world.office_x, region=f.make_village(f"31.72.04.{1100 + n}", f"Desa Uji {n:02d}"))

    first = names(client.get(DIRECTORY))
    second = names(client.get(DIRECTORY, {"page": 2}))

    assert "Halaman 1 dari 2" in first and "Halaman 2 dari 2" in second
    assert first.count('class="directory-item"') == 20
    assert second.count('class="directory-item"') == 7
    assert "page=2" in first


def _grow(world, start, count):
    for n in range(start, start + count):
        district = f"31.72.0{n % 6 + 1}"
        office = world.office_x if n % 2 else world.office_y
        f.make_unit(office=office, region=f.make_village(f"{district}.{2000 + n}", f"Desa Uji {n}"))


def test_directory_query_count_does_not_grow_with_units(client, world, django_assert_max_num_queries):
    _grow(world, 0, 20)
    with django_assert_max_num_queries(10) as small:
        client.get(DIRECTORY, {"kota": "31.72", "q": "uji"})
    assert len(small.captured_queries) >= 2  # the count and the page were measured
    _grow(world, 20, 180)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(DIRECTORY, {"kota": "31.72", "q": "uji"})
    assert "200 desa binaan" in names(response)
    assert response.context["page"].paginator.count == 200


def test_unit_public_page_shows_the_unit_and_its_office(client, world):
    unit = world.unit_a
    unit.address = "Jl. Contoh Raya No. 1"
    unit.contact_name = "Sekretaris Kelurahan"
    unit.contact_phone = "0812-3456-7890"
    unit.save()
    office = world.office_x
    office.phone, office.whatsapp = "(021) 111-2222", "0813-1111-2222"
    office.save()

    html = names(client.get(reverse("unit_public", args=[unit.pk])))

    assert "Kelurahan Rawa Badak Utara" in html
    assert "Jl. Contoh Raya No. 1" in html and 'href="tel:081234567890"' in html
    assert 'href="tel:0211112222"' in html and 'href="https://wa.me/6281311112222"' in html
    assert "29 April 2025" in html
    assert reverse("unit_poster", args=[unit.pk]) in html


@pytest.mark.parametrize("status", [Unit.Status.PROPOSED, Unit.Status.SUSPENDED, Unit.Status.RETIRED])
def test_units_that_are_not_active_have_no_public_page(client, world, status):
    Unit.objects.filter(pk=world.unit_a.pk).update(status=status)

    assert client.get(reverse("unit_public", args=[world.unit_a.pk])).status_code == 404
    assert client.get(reverse("unit_poster", args=[world.unit_a.pk])).status_code == 404
    assert client.get(reverse("unit_public", args=[world.unit_b.pk])).status_code == 200
