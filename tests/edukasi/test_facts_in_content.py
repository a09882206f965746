"""The corrected facts of ../shared/domain/facts.md as the public reads them, after the project's own loader.

Each test loads the seed content the way a deployment does (``load_guidance``) and reads the rendered page,
so a fact is pinned where it is shown, not only in the data files.
"""

import io
import re
from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader

from edukasi.content.data import WARNING_SIGNS
from edukasi.joboffer import QUESTIONS
from edukasi.seed import load_guidance

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def guidance(db):
    load_guidance()
    cache.clear()


def text_of(client, url: str, language: str = "id") -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def article(client, slug: str, language: str = "id") -> str:
    return text_of(client, reverse("edukasi:article_detail", args=[slug]), language)


@pytest.mark.parametrize(
    ("slug", "language", "fact"),
    [
        (
            "biaya-dan-masa-berlaku-paspor",
            "id",
            "Kantor Imigrasi Tanjung Priok hanya menerbitkan paspor elektronik sejak 1 Desember 2024",
        ),
        (
            "passport-fees-and-validity",
            "en",
            "Kantor Imigrasi Tanjung Priok issue only electronic passports since 1 December 2024",
        ),
        ("paspor-elektronik-dan-non-elektronik", "id", "hanya menerbitkan paspor elektronik sejak 1 Desember 2024"),
        ("electronic-and-non-electronic-passports", "en", "issue only electronic passports since 1 December 2024"),
        ("cara-membuat-paspor", "id", "Kanim Tanjung Priok hanya menerbitkan paspor elektronik sejak 1 Desember 2024"),
        ("how-to-get-a-passport", "en", "Kanim Tanjung Priok issue only electronic passports since 1 December 2024"),
    ],
)
def test_the_passport_articles_say_jakarta_utara_issues_only_e_passports(client, slug, language, fact):
    text = article(client, slug, language)
    assert fact in text
    assert "tirto.id" in text  # the source, with its address
    assert "We cannot tell which kinds each office issues" not in text
    assert "Kami tidak dapat memastikan jenis apa yang diterbitkan oleh setiap kantor" not in text


def test_the_fee_article_gives_the_two_e_passport_prices_for_jakarta_utara(client):
    text = article(client, "biaya-dan-masa-berlaku-paspor")
    # Inline fees carry their date: "Rp650.000 (sejak 17 Desember 2024)".
    assert re.search(
        r"Di sana paspor berbiaya Rp650\.000 \(sejak [^)]*\) \(5 tahun\) atau Rp950\.000 \(sejak [^)]*\) \(10 tahun\)",
        text,
    )
    assert "berlaku sejak 17 Desember 2024" in text
    assert "18 Desember" not in text


def test_the_old_fees_are_shown_as_pp_28_2019_until_16_december_2024_without_a_start_date(client):
    text = text_of(client, reverse("edukasi:fees"))
    assert "PP 28/2019" in text and "Berlaku s.d. 16 Desember 2024" in text
    assert "29 September 2022" not in text
    english = text_of(client, reverse("edukasi:fees"), "en")
    assert "In force until 16 December 2024 (PP 28/2019)." in english


def test_the_penalties_of_uu_21_2007(client):
    text = article(client, "perdagangan-orang")
    assert "penjara 3 sampai 15 tahun dan denda Rp120 juta sampai Rp600 juta" in text
    english = article(client, "human-trafficking", "en")
    assert "3 to 15 years in prison and a fine of Rp120 million to Rp600 million" in english


@pytest.mark.parametrize("language", ["id", "en"])
def test_one_wording_of_the_warning_signs_in_the_article_and_the_job_check(client, language):
    key = "text_en" if language == "en" else "text"
    slug = "warning-signs-of-illegal-recruitment" if language == "en" else "tanda-bahaya-perekrutan-ilegal"
    page = article(client, slug, language)
    trafficking = article(client, "human-trafficking" if language == "en" else "perdagangan-orang", language)
    answers = {"sent": "1", **{q.key: q.warning_answer for q in QUESTIONS}}
    job_check = text_of(
        client, reverse("edukasi:job_check") + "?" + "&".join(f"{k}={v}" for k, v in answers.items()), language
    )
    for sign in WARNING_SIGNS:
        assert sign[key] in page, sign["key"]
        assert sign[key] in trafficking, sign["key"]
        assert sign[key] in job_check, sign["key"]
    assert [q.key for q in QUESTIONS] == [s["key"] for s in WARNING_SIGNS]
    # The outdated claims are gone: Laos and "overland from Batam" as the sources do not say them.
    assert "bukan negara penempatan" not in page and "not placement countries" not in page


def test_the_poster_carries_the_same_warning_signs(client, world):
    response = client.get(reverse("unit_poster", args=[world.unit_a.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    flat = re.sub(r"\s+", "", reader.pages[0].extract_text())
    for sign in WARNING_SIGNS:
        assert re.sub(r"\s+", "", sign["text"]) in flat, sign["key"]


def test_kp2mi_is_named_as_the_ministry_over_bp2mi_never_as_its_replacement(client):
    for slug in ("bekerja-ke-luar-negeri-secara-resmi", "nomor-penting", "wawancara-paspor", "perdagangan-orang"):
        text = article(client, slug)
        assert "dahulu BP2MI" not in text and "Dahulu namanya BP2MI" not in text, slug
    assert "KP2MI (yang membawahi BP2MI)" in article(client, "bekerja-ke-luar-negeri-secara-resmi")
    assert "the ministry over BP2MI" in article(client, "working-abroad-legally", "en")
    assert "formerly BP2MI" not in text_of(client, reverse("edukasi:hotlines"), "en")


@pytest.mark.parametrize(("slug", "language"), [("bantuan-di-luar-negeri", "id"), ("help-abroad", "en")])
def test_the_help_abroad_article_sends_people_to_the_embassy_first(client, slug, language):
    text = article(client, slug, language)
    for fact in ("KBRI", "KJRI", "peduliwni.kemlu.go.id", "Safe Travel", "SPLP", "Surat Perjalanan Laksana Paspor"):
        assert fact in text, fact
    assert ("pekerja migran yang terdaftar" if language == "id" else "registered migrant workers") in text


def test_the_help_abroad_article_is_linked_from_its_topic_and_the_hotline_page(client):
    topic = client.get(reverse("edukasi:topic_detail", args=["bekerja-aman"])).content.decode()
    assert reverse("edukasi:article_detail", args=["bantuan-di-luar-negeri"]) in topic
    hotlines = client.get(reverse("edukasi:hotlines")).content.decode()
    assert reverse("edukasi:article_detail", args=["bantuan-di-luar-negeri"]) in hotlines
    assert "https://peduliwni.kemlu.go.id" in hotlines


def test_the_hotline_page_says_when_the_numbers_were_last_checked_and_their_sources(client):
    text = text_of(client, reverse("edukasi:hotlines"))
    assert "Nomor-nomor ini terakhir diperiksa: 29 November 2026." in text
    assert "Sumber: KP2MI; mediamasakini.id, April 2025" in text
    assert "tercatat per April 2024; belum dipastikan masih aktif" in text


def test_articles_show_their_sources_and_when_they_were_last_checked(client):
    text = article(client, "dokumen-paspor")
    assert "Terakhir ditinjau: 29 November 2026" in text
    assert "news.detik.com d-3693081" in text and "jogja.imigrasi.go.id" in text


def test_the_lost_passport_procedure_and_the_expired_only_short_list(client):
    text = article(client, "dokumen-paspor")
    assert "lapor ke polisi lebih dulu" in text
    assert "Permohonan ini tidak dipesan di M-Paspor" in text and "(BAP)" in text
    assert re.search(
        r"Rp1\.000\.000 \(sejak [^)]*\) untuk paspor hilang, Rp500\.000 \(sejak [^)]*\) untuk paspor rusak", text
    )
    assert "6 sampai 24 bulan" in text and "belum dapat dipastikan" in text
    assert "hanya untuk paspor yang habis atau hampir habis masa berlakunya" in text


def test_the_childrens_special_cases(client):
    text = text_of(client, reverse("edukasi:checklist") + "?situation=child")
    assert "Kedua orang tua datang bersama anak" in text
    assert "Surat kuasa dari orang tua yang tidak dapat datang" in text
    assert "Akta cerai dan putusan hak asuh anak" in text


def test_the_legal_path_page_lists_the_four_placement_routes_and_keeps_the_visa_after_the_passport(client):
    html = client.get(reverse("edukasi:legal_path")).content.decode()
    for route in (
        "Antarpemerintah (G-to-G) melalui KP2MI",
        "(P3MI) yang berizin",
        "pekerjanya sendiri",
        "terdaftar di Disnaker",
    ):
        assert route in html, route
    passport = html[html.index('class="requirement-list"') : html.index("before-departure")]
    assert "Visa kerja" not in passport and "Perjanjian kerja" not in passport
    assert "Visa kerja" in html[html.index("before-departure") :]


def test_the_program_article_gives_rawa_badak_utara_the_year_only(client):
    text = article(client, "program-desa-binaan-imigrasi")
    assert "Rawa Badak Utara (2025)" in text
    assert "Kebon Bawang (2 Oktober 2025)" in text
    assert "Pulau Untung Jawa (29 April 2025)" in text
