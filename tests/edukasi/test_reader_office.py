"""The fee, checklist and M-Paspor pages answer for the reader's own office, remembered in the ``kantor`` cookie."""

from datetime import date

import pytest
from django.urls import reverse

from edukasi.demo import load_office_facts
from edukasi.models import Requirement
from tests import factories as f
from tests.edukasi.helpers import make_fee, make_requirement

pytestmark = pytest.mark.django_db

NATIONAL_FEES = [
    ("paspor-non-elektronik-5", "Paspor non-elektronik masa berlaku 5 tahun", 5, 350000),
    ("paspor-non-elektronik-10", "Paspor non-elektronik masa berlaku 10 tahun", 10, 650000),
    ("paspor-elektronik-5", "Paspor elektronik masa berlaku 5 tahun", 5, 650000),
    ("paspor-elektronik-10", "Paspor elektronik masa berlaku 10 tahun", 10, 950000),
]
CAUTION = "Sumber berbeda soal tanggal mulai: 17 atau 18 Desember 2024."
GUIDED_PAGES = ["edukasi:fees", "edukasi:checklist", "edukasi:mpaspor"]


@pytest.fixture
def fees(db):
    for code, service, years, amount in NATIONAL_FEES:
        make_fee(code=code, service=service, validity_years=years, amount=amount, note=CAUTION)
    make_fee(code="layanan-percepatan", service="Layanan percepatan", amount=1000000, note="Tambahan. " + CAUTION)


def test_fee_page_for_kanim_jakarta_utara_has_only_the_electronic_passport(world, client, fees):
    load_office_facts()
    client.cookies["kantor"] = "kanim-jakarta-utara"
    html = client.get(reverse("edukasi:fees")).content.decode()
    assert "Di Kanim Jakarta Utara hanya paspor elektronik: Rp650.000 (5 tahun) atau Rp950.000 (10 tahun)." in html
    assert "non-elektronik" not in html.split("Tarif sebelumnya")[0]
    assert "Rp350.000" not in html
    assert "1 Desember 2024" in html and "tirto.id" in html


def test_fee_page_for_an_office_without_the_fact_shows_the_national_table_and_says_offices_differ(world, client, fees):
    office = f.make_office("Kantor Imigrasi Kelas II TPI Uji", slug="kanim-uji")
    client.cookies["kantor"] = office.slug
    html = client.get(reverse("edukasi:fees")).content.decode()
    assert "Jenis paspor yang dilayani berbeda per kantor." in html
    assert "Paspor non-elektronik masa berlaku 5 tahun" in html and "Rp350.000" in html
    assert "hanya paspor elektronik" not in html


def test_fee_page_without_a_choice_answers_first_with_the_national_facts(world, client, fees):
    html = client.get(reverse("edukasi:fees")).content.decode()
    answer, table = html.index("office-answer"), html.index("fee-table")
    assert answer < table
    assert "Paspor elektronik: Rp650.000 (5 tahun) atau Rp950.000 (10 tahun)." in html
    assert "Jenis paspor yang dilayani berbeda per kantor." in html
    # The caution every seed row repeats is said once.
    assert html.count(CAUTION) == 1


def test_choosing_an_office_sets_the_cookie_and_redirects_to_the_bare_path(world, client, fees):
    for name in GUIDED_PAGES:
        url = reverse(name)
        response = client.get(url, {"kantor": "kanim-tanjung-priok"})
        assert response.status_code == 302 and response["Location"] == url
        cookie = response.cookies["kantor"]
        assert cookie.value == "kanim-tanjung-priok"
        assert cookie["samesite"] == "Lax" and cookie["max-age"] == 365 * 24 * 60 * 60
        assert not cookie["secure"]


def test_the_cookie_is_secure_on_https(world, client):
    response = client.get(reverse("edukasi:fees"), {"kantor": "kanim-tanjung-priok"}, secure=True)
    assert response.cookies["kantor"]["secure"]


def test_an_empty_choice_clears_the_cookie(world, client):
    client.cookies["kantor"] = "kanim-jakarta-utara"
    response = client.get(reverse("edukasi:fees"), {"kantor": ""})
    assert response.status_code == 302 and response["Location"] == reverse("edukasi:fees")
    assert response.cookies["kantor"].value == ""


def test_a_kelurahan_code_served_by_one_office_chooses_it(world, client):
    office = f.make_office(slug="kanim-bogor")
    office.service_area.add(f.make_region("32.01", "Kabupaten Bogor"))
    f.make_village("32.01.01.2001", "Cibinong Uji")
    response = client.get(reverse("edukasi:checklist"), {"kelurahan": "32.01.01.2001", "situation": "first_adult"})
    assert response.status_code == 302
    assert response["Location"] == reverse("edukasi:checklist") + "?situation=first_adult"
    assert response.cookies["kantor"].value == "kanim-bogor"


def test_a_district_area_wins_over_a_city_area(world, client):
    city_office = f.make_office(slug="kanim-kota")
    district_office = f.make_office(slug="kanim-kecamatan")
    city_office.service_area.add(f.make_region("33.01", "Kota Uji"))
    district_office.service_area.add(f.make_region("33.01.02", "Kecamatan Uji"))
    f.make_village("33.01.02.1001", "Kelurahan Uji")
    response = client.get(reverse("edukasi:fees"), {"kelurahan": "33.01.02.1001"})
    assert response.cookies["kantor"].value == "kanim-kecamatan"


def test_a_kelurahan_served_by_two_offices_offers_both(world, client):
    world.office_x.service_area.add(f.make_region("31.72", "Kota Administrasi Jakarta Utara"))
    world.office_y.service_area.add(f.make_region("31.72"))
    f.make_village("31.72.04.1006", "Semper Barat")
    f.make_village("31.72.04.1005", "Semper Timur")
    response = client.get(reverse("edukasi:fees"), {"kelurahan": "Semper"})
    html = response.content.decode()
    assert response.status_code == 200 and "kantor" not in response.cookies
    assert "Semper Barat" in html and "Semper Timur" in html
    assert "?kantor=kanim-jakarta-utara" in html and "?kantor=kanim-tanjung-priok" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kantor": "tidak-ada"}, "Kantor Imigrasi itu tidak ada di daftar."),
        ({"kantor": "<script>alert(1)</script>"}, "Kantor Imigrasi itu tidak ada di daftar."),
        ({"kantor": "x" * 5000}, "Kantor Imigrasi itu tidak ada di daftar."),
        ({"kantor": "a\x00b"}, "Kantor Imigrasi itu tidak ada di daftar."),
        ({"kantor": "' OR 1=1 --"}, "Kantor Imigrasi itu tidak ada di daftar."),
        ({"kelurahan": "99.99.99.9999"}, "Kode 99.99.99.9999 tidak ada di daftar wilayah Kemendagri."),
        ({"kelurahan": "Kelurahan Khayalan"}, "tidak ditemukan"),
        ({"kelurahan": "<img src=x onerror=alert(1)>"}, "tidak ditemukan"),
        ({"kelurahan": ""}, "Tulis nama atau kode kelurahan/desa Anda."),
        ({"kelurahan": "\x00\x01"}, "Tulis nama atau kode kelurahan/desa Anda."),
    ],
)
def test_hostile_or_unknown_choices_are_a_400_with_a_message(world, client, params, message):
    for name in GUIDED_PAGES:
        response = client.get(reverse(name), params)
        html = response.content.decode()
        assert response.status_code == 400, name
        assert message in html
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "kantor" not in response.cookies


@pytest.mark.parametrize("value", ["", "x" * 81, "<b>", "KANIM-JAKARTA-UTARA", "tidak-ada", "a b", "\u00e9"])
def test_a_bad_cookie_is_no_choice(world, client, value):
    client.cookies["kantor"] = value
    for name in GUIDED_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "Pilih kelurahan atau kantor Anda" in response.content.decode()


def test_checklist_and_mpaspor_give_the_office_answer(world, client, fees):
    load_office_facts()
    make_requirement(Requirement.Situation.FIRST_ADULT)
    client.cookies["kantor"] = "kanim-tanjung-priok"
    for name in GUIDED_PAGES:
        html = client.get(reverse(name)).content.decode()
        assert "Di Kanim Tanjung Priok hanya paspor elektronik: Rp650.000 (5 tahun) atau Rp950.000 (10 tahun)." in html
    mpaspor = client.get(reverse("edukasi:mpaspor")).content.decode()
    assert "kantor ini hanya menerbitkan paspor elektronik" in mpaspor
    checklist = client.get(reverse("edukasi:checklist"), {"situation": "first_adult"}).content.decode()
    assert "terakhir diperbarui" in checklist


def test_fee_page_says_when_the_fees_were_last_updated(world, client, fees):
    html = client.get(reverse("edukasi:fees")).content.decode()
    assert "Data tarif terakhir diperbarui di portal ini:" in html


@pytest.mark.parametrize("name", GUIDED_PAGES)
def test_guided_pages_keep_their_query_count(world, client, fees, name, django_assert_max_num_queries):
    load_office_facts()
    client.cookies["kantor"] = "kanim-jakarta-utara"
    with django_assert_max_num_queries(10):
        assert client.get(reverse(name)).status_code == 200
    for n in range(30):
        f.make_office(slug=f"kanim-tambahan-{n}")
        make_fee(code=f"layanan-{n}", service=f"Layanan {n}", amount=1000 + n, effective=date(2024, 12, 17))
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(10):
        assert client.get(reverse(name)).status_code == 200


def test_every_fee_table_says_when_the_fees_were_last_updated(world, client, fees):
    from tests.edukasi.helpers import make_article

    article = make_article(body="[[fee_table]]")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Data tarif terakhir diperbarui di portal ini:" in html


def test_an_office_that_issues_both_kinds_says_so_with_its_source(world, client, fees):
    from django.utils import timezone

    from edukasi import services
    from edukasi.models import PassportKinds

    fact = services.office_fact_propose(
        office=world.office_y,
        by=world.user("staff_y"),
        kind="passport_kinds",
        value=PassportKinds.ELECTRONIC_AND_NON,
        effective_date=timezone.localdate(),
        source="Pengumuman kantor uji",
    )
    services.office_fact_publish(fact=fact, by=world.user("editor"))
    client.cookies["kantor"] = world.office_y.slug
    html = client.get(reverse("edukasi:fees")).content.decode()
    assert (
        "Di Kanim Tanjung Priok tersedia paspor elektronik: Rp650.000 (5 tahun) atau Rp950.000 (10 tahun); "
        "dan paspor non-elektronik: Rp350.000 (5 tahun) atau Rp650.000 (10 tahun)."
    ) in html
    assert "Pengumuman kantor uji" in html
