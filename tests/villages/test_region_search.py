"""The region picker: narrowing by province → regency → district, search by name or code, pagination,
the "Pilih" link back to the calling form, hostile input, and a query count that ignores the data size."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.urls import reverse

from villages.models import Region
from villages.regions import region_children, regions_import, regions_search

URL = reverse("villages:region_search")

REGIONS = """kode,nama
31,Daerah Khusus Ibukota Jakarta
31.72,Kota Administrasi Jakarta Utara
31.72.03,Koja
31.72.03.1001,Koja
31.72.03.1004,Rawa Badak Utara
31.72.03.1006,Rawa Badak Selatan
31.72.02,Tanjung Priok
31.72.02.1005,Kebon Bawang
31.01,Kabupaten Administrasi Kepulauan Seribu
31.01.02,Kepulauan Seribu Selatan
31.01.02.1001,Pulau Untung Jawa
32,Jawa Barat
32.04,Kabupaten Bandung
32.04.05,Cileunyi
32.04.05.2001,Cileunyi Kulon
32.04.05.2002,Cibiru Wetan
32.04.05.2003,Desa 100% Rawa_Badak
"""


@pytest.fixture
def regions(db):
    regions_import(data=REGIONS.encode(), by=None)


@pytest.fixture
def staff(client_for, regions):
    return client_for("staff_x")


def names(response) -> list[str]:
    return [region.name for region, _link in response.context["results"]]


def test_office_staff_see_every_village_by_name_and_others_are_refused(client_for, regions):
    response = client_for("staff_x").get(URL)

    assert response.status_code == 200
    assert names(response)[:3] == ["Cibiru Wetan", "Cileunyi Kulon", "Desa 100% Rawa_Badak"]
    assert response.context["page"].paginator.count == 8
    assert client_for("officer_a").get(URL).status_code == 403
    assert client_for("editor").get(URL).status_code == 403
    assert client_for("anon").get(URL)["Location"].startswith(reverse("login"))


def test_choosing_a_province_lists_its_regencies_and_narrows_the_results(staff):
    response = staff.get(URL, {"province": "31"})

    form = response.context["form"]
    assert [code for code, _ in form.fields["regency"].choices] == ["", "31.01", "31.72"]
    assert [code for code, _ in form.fields["district"].choices] == [""]
    expected = {"Koja", "Rawa Badak Utara", "Rawa Badak Selatan", "Kebon Bawang", "Pulau Untung Jawa"}
    assert set(names(response)) == expected


def test_choosing_a_regency_and_a_district_narrows_further(staff):
    by_regency = staff.get(URL, {"province": "31", "regency": "31.72"})
    assert [c for c, _ in by_regency.context["form"].fields["district"].choices] == ["", "31.72.03", "31.72.02"]
    assert set(names(by_regency)) == {"Koja", "Rawa Badak Utara", "Rawa Badak Selatan", "Kebon Bawang"}

    by_district = staff.get(URL, {"province": "31", "regency": "31.72", "district": "31.72.02"})
    assert names(by_district) == ["Kebon Bawang"]


def test_a_regency_left_over_from_another_province_is_dropped_not_an_error(staff):
    response = staff.get(URL, {"province": "32", "regency": "31.72", "district": "31.72.03"})

    assert response.status_code == 200
    assert response.context["form"].cleaned_data["regency"] == ""
    assert set(names(response)) == {"Cileunyi Kulon", "Cibiru Wetan", "Desa 100% Rawa_Badak"}


def test_search_by_name_puts_leading_matches_first(staff):
    response = staff.get(URL, {"q": "  RAWA "})

    assert names(response) == ["Rawa Badak Selatan", "Rawa Badak Utara", "Desa 100% Rawa_Badak"]
    assert names(staff.get(URL, {"q": "rawa   badak  utara"})) == ["Rawa Badak Utara"]
    assert staff.get(URL, {"q": "koja"}).context["results"][0][0].code == "31.72.03.1001"


def test_search_by_code_prefix(staff):
    assert names(staff.get(URL, {"q": "31.72.03"})) == ["Koja", "Rawa Badak Utara", "Rawa Badak Selatan"]
    assert names(staff.get(URL, {"q": "32.04.05.2001"})) == ["Cileunyi Kulon"]


def test_results_show_kind_district_city_and_province(staff):
    response = staff.get(URL, {"q": "Cileunyi Kulon"})
    html = response.content.decode()

    assert "Desa" in html and "Cileunyi" in html and "Kabupaten Bandung" in html and "Jawa Barat" in html
    koja = staff.get(URL, {"q": "31.72.03.1004"}).content.decode()
    assert "Kelurahan" in koja and "Kota Administrasi Jakarta Utara" in koja


def test_pilih_returns_to_the_calling_form_with_the_region_added(staff):
    next_url = "/desa-binaan/usulkan/?kind=kelurahan&region=31.01.02.1001"
    response = staff.get(URL, {"q": "Kebon Bawang", "next": next_url})

    ((_region, link),) = response.context["results"]
    parts = urlsplit(link)
    assert parts.path == "/desa-binaan/usulkan/"
    assert parse_qs(parts.query) == {"kind": ["kelurahan"], "region": ["31.72.02.1005"]}
    assert f'href="{link.replace("&", "&amp;")}"' in response.content.decode()
    assert f'name="next" value="{next_url.replace("&", "&amp;")}"' in response.content.decode()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "/ok\x00", "\\\\evil.example"]
)
def test_a_next_url_off_this_site_is_replaced_by_the_users_own_home(staff, next_url):
    response = staff.get(URL, {"q": "Kebon Bawang", "next": next_url})

    ((_region, link),) = response.context["results"]
    assert urlsplit(link).path == reverse("my_home")
    html = response.content.decode()
    assert 'href="https://evil' not in html and 'href="//evil' not in html
    assert response.context["next_param"] == ""


def test_results_are_paginated_twenty_to_a_page(staff):
    Region.objects.bulk_create(
        Region(code=f"32.04.05.{2100 + n}", name=f"Desa Uji {n:02d}", level=4, parent_id="32.04.05") for n in range(45)
    )

    first = staff.get(URL, {"q": "Desa Uji"})
    third = staff.get(URL, {"q": "Desa Uji", "page": "3"})

    assert len(first.context["results"]) == 20
    assert first.context["page"].paginator.num_pages == 3
    assert names(third) == [f"Desa Uji {n:02d}" for n in range(40, 45)]
    assert 'href="?q=Desa+Uji&amp;page=2"' in third.content.decode()
    assert staff.get(URL, {"q": "Desa Uji", "page": "999"}).context["page"].number == 3
    assert staff.get(URL, {"q": "Desa Uji", "page": "abc"}).context["page"].number == 1


def test_paging_stops_at_a_cap_and_asks_to_narrow_the_search(staff, monkeypatch):
    monkeypatch.setattr("villages.views.regions.MAX_PAGES", 2)
    Region.objects.bulk_create(
        Region(code=f"32.04.05.{2100 + n}", name=f"Desa Uji {n:02d}", level=4, parent_id="32.04.05") for n in range(45)
    )

    response = staff.get(URL, {"q": "Desa Uji", "page": "3"})

    assert response.context["page"].number == 2
    assert response.context["page"].paginator.count == 45
    assert "Hanya 40 hasil pertama yang ditampilkan" in response.content.decode()
    assert not response.context["page"].has_next()
    assert "Berikutnya" not in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "'; DROP TABLE villages_region; --"},
        {"q": '"Rawa" <script>alert(1)</script>'},
        {"q": "%"},
        {"q": "_"},
        {"q": "🇮🇩 desa 😀"},
        {"q": "31.72.%"},
        {"province": "'", "regency": "%", "district": "_"},
        {"province": "99"},
        {"province": "31", "regency": "31.72.03.1004.99"},
        {"page": "-1"},
        {"page": "1" * 500},
        {"next": "x" * 5000},
    ],
    ids=repr,
)
def test_hostile_input_gets_a_page_never_a_server_error(staff, params):
    response = staff.get(URL, params)

    assert response.status_code in (200, 400)
    assert "<script>alert" not in response.content.decode()


def test_percent_and_underscore_match_only_themselves(staff):
    assert names(staff.get(URL, {"q": "100%"})) == ["Desa 100% Rawa_Badak"]
    assert names(staff.get(URL, {"q": "a_b"})) == ["Desa 100% Rawa_Badak"]
    assert names(staff.get(URL, {"q": "%"})) == []


def test_one_or_two_letters_match_the_start_of_a_name_only(staff):
    assert names(staff.get(URL, {"q": "ko"})) == ["Koja"]
    assert names(staff.get(URL, {"q": "oja"})) == ["Koja"]
    assert names(staff.get(URL, {"q": "c"})) == ["Cibiru Wetan", "Cileunyi Kulon"]


def test_a_query_of_five_thousand_characters_is_refused_with_a_message(staff):
    response = staff.get(URL, {"q": "a" * 5000})

    assert response.status_code == 400
    assert "100 karakter" in response.content.decode()
    assert response.context["results"] == []


def test_a_nul_character_is_refused_with_a_message(staff):
    response = staff.get(URL, {"q": "Rawa\x00Badak"})

    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_an_unknown_province_is_refused_with_a_message(staff):
    response = staff.get(URL, {"province": "99"})

    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert response.context["results"] == [], "no list that ignores what was asked"
    assert staff.get(URL, {"province": "32"}).status_code == 200


def _grow_villages(count: int) -> None:
    start = Region.objects.filter(parent_id="31.72.03").count()
    Region.objects.bulk_create(
        [
            Region(code=f"31.72.03.{1100 + n}", name=f"Kelurahan Uji {n}", level=4, parent_id="31.72.03")
            for n in range(start, start + count)
        ]
    )


def test_query_count_does_not_depend_on_the_number_of_regions(staff, django_assert_max_num_queries):
    params = {"province": "31", "regency": "31.72", "district": "31.72.03", "q": "uji", "page": "2"}
    _grow_villages(30)
    staff.get(URL, params)  # warm the session and caches
    with django_assert_max_num_queries(12) as small:
        assert staff.get(URL, params).status_code == 200

    _grow_villages(300)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = staff.get(URL, params)
    assert len(response.context["results"]) == 20


def test_the_selector_narrows_and_matches_without_a_request(regions):
    assert list(regions_search(district="31.72.03").values_list("name", flat=True)) == [
        "Koja",
        "Rawa Badak Selatan",
        "Rawa Badak Utara",
    ]
    # A district outside the regency is ignored; the broader narrowing holds.
    assert regions_search(province="31", regency="31.72", district="32.04.05").count() == 4
    assert list(regions_search(q="jawa", level=Region.Level.PROVINCE).values_list("code", flat=True)) == ["32"]
    assert regions_search(q="\x00\x01").count() == 8


def test_region_children_walks_the_cascade(regions):
    assert list(region_children().values_list("code", flat=True)) == ["31", "32"]
    assert list(region_children("31").values_list("name", flat=True)) == [
        "Kabupaten Administrasi Kepulauan Seribu",
        "Kota Administrasi Jakarta Utara",
    ]
    assert list(region_children("31.72.02").values_list("code", flat=True)) == ["31.72.02.1005"]
    assert list(region_children("bad'code")) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db
def test_names_have_a_trigram_index_on_postgresql_for_searches_anywhere_in_a_name():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'villages_region_name_trgm'")
        (indexdef,) = cursor.fetchone()

    assert "gin" in indexdef and "upper((name)::text) gin_trgm_ops" in indexdef
    assert "UPPER(" in str(Region.objects.filter(name__icontains="rawa").query), "the index matches the lookup's SQL"
