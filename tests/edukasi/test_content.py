"""The seed guidance in ``edukasi/content/`` follows the content contract.

These tests read the files directly, without the project's models or loader, so that a broken article or
data entry is caught even before the loader runs: front matter, links between translations, shortcodes,
no fee amount written as text, sources on everything.
"""

import ast
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from edukasi.content import data

CONTENT_DIR = Path(data.__file__).parent
ARTICLES_DIR = CONTENT_DIR / "articles"
LANGUAGES = ("id", "en")
OTHER_LANGUAGE = {"id": "en", "en": "id"}

REQUIRED_KEYS = {"slug", "topic", "language", "translation", "title", "summary", "source", "last_reviewed"}
TOPIC_SLUGS = ["paspor", "bekerja-aman", "tppo", "orang-asing", "program"]
FEE_CODES = {
    "paspor-non-elektronik-5",
    "paspor-non-elektronik-10",
    "paspor-elektronik-5",
    "paspor-elektronik-10",
    "layanan-percepatan",
    "tambahan-hilang",
    "tambahan-rusak",
}
SITUATIONS = ["first_adult", "replacement_adult", "child", "calon_pmi"]
PP45_DATE = "2024-12-17"

SHORTCODE = re.compile(r"\[\[([^\[\]]*)\]\]")
BLOCK_SHORTCODES = {"fee_table", "hotlines", "warning_signs", "placement_routes", "before_departure"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A rupiah amount written out: "Rp950.000", "Rp 1.000.000", "IDR 350000", "950.000", "rupiah".
LITERAL_MONEY = [
    re.compile(r"\bRp\.?\s*\d", re.IGNORECASE),
    re.compile(r"\bIDR\b", re.IGNORECASE),
    re.compile(r"\brupiah\b", re.IGNORECASE),
    re.compile(r"\b\d{1,3}(?:[.,]\d{3})+\b"),
]
# The fines of UU 21/2007 ("Rp120 juta", "Rp600 million") are law, not a fee: no passport fee is counted in millions.
FINE = re.compile(r"\bRp\d+ (?:juta|million)\b")
MIN_WORDS, MAX_WORDS = 300, 700
LINK = re.compile(r"\]\(([^)\s]*)\)")
ARTICLE_LINK = re.compile(r"^/edukasi/artikel/([a-z0-9-]+)/$")
# Public pages other than articles that the guidance links to.
PAGE_LINKS = {"/edukasi/cek-tawaran-kerja/", "/direktori/", "/edukasi/layanan-pengaduan/"}


@dataclass
class Article:
    path: Path
    meta: dict[str, str]
    sources: list[str]
    body: str

    @property
    def slug(self) -> str:
        return self.meta["slug"]


def parse(path: Path) -> Article:
    """Split a file into its front matter (``key: value`` lines, ``source`` repeated) and its body."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "---", f"{path.name}: front matter must open with ---"
    end = lines.index("---", 1)
    meta: dict[str, str] = {}
    sources: list[str] = []
    for line in lines[1:end]:
        key, sep, value = line.partition(":")
        assert sep, f"{path.name}: front matter line without a key: {line!r}"
        key, value = key.strip(), value.strip()
        if key == "source":
            sources.append(value)
        else:
            assert key not in meta, f"{path.name}: {key} given twice"
            meta[key] = value
    return Article(path=path, meta=meta, sources=sources, body="\n".join(lines[end + 1 :]))


def read_all() -> dict[str, dict[str, Article]]:
    return {
        language: {a.slug: a for a in map(parse, sorted((ARTICLES_DIR / language).glob("*.md")))}
        for language in LANGUAGES
    }


ARTICLES = read_all()
ALL_ARTICLES = [a for language in LANGUAGES for a in ARTICLES[language].values()]
ARTICLE_IDS = [f"{a.path.parent.name}/{a.path.stem}" for a in ALL_ARTICLES]


def linked_slugs(body: str) -> list[str]:
    return [m.group(1) for m in map(ARTICLE_LINK.match, LINK.findall(body)) if m]


def words(text: str) -> int:
    return len(SHORTCODE.sub(" ", text).split())


def test_each_language_has_at_least_ten_articles():
    for language in LANGUAGES:
        assert len(ARTICLES[language]) >= 10, language


def test_every_topic_has_an_article_in_each_language():
    for language in LANGUAGES:
        used = {a.meta["topic"] for a in ARTICLES[language].values()}
        assert used == set(TOPIC_SLUGS), language


@pytest.mark.parametrize("article", ALL_ARTICLES, ids=ARTICLE_IDS)
def test_front_matter_has_every_key_and_nothing_else(article):
    keys = set(article.meta) | ({"source"} if article.sources else set())
    assert keys == REQUIRED_KEYS
    for key, value in article.meta.items():
        assert value, f"{key} is empty"
    assert len(article.meta["title"]) <= 200
    assert len(article.meta["summary"]) <= 300


@pytest.mark.parametrize("article", ALL_ARTICLES, ids=ARTICLE_IDS)
def test_slug_language_and_topic_match_the_file_and_the_data(article):
    assert SLUG.match(article.slug)
    assert article.slug == article.path.stem
    assert article.meta["language"] == article.path.parent.name
    assert article.meta["topic"] in TOPIC_SLUGS


def test_slugs_are_unique_across_languages():
    slugs = [a.slug for a in ALL_ARTICLES]
    assert len(slugs) == len(set(slugs))


@pytest.mark.parametrize("article", ALL_ARTICLES, ids=ARTICLE_IDS)
def test_translation_points_at_an_article_of_the_other_language_that_points_back(article):
    other_language = OTHER_LANGUAGE[article.meta["language"]]
    other = ARTICLES[other_language].get(article.meta["translation"])
    assert other is not None, f"{article.meta['translation']} is not an article in {other_language}"
    assert other.meta["translation"] == article.slug
    assert other.meta["topic"] == article.meta["topic"]


@pytest.mark.parametrize("article", ALL_ARTICLES, ids=ARTICLE_IDS)
def test_article_names_at_least_one_source_and_a_review_date(article):
    assert article.sources
    assert all(source for source in article.sources)
    reviewed = date.fromisoformat(article.meta["last_reviewed"])
    assert date(2026, 1, 1) <= reviewed <= date.today()


@pytest.mark.parametrize("article", ALL_ARTICLES, ids=ARTICLE_IDS)
def test_every_shortcode_names_an_existing_fee_code_or_situation(article):
    for name in SHORTCODE.findall(article.body):
        kind, _sep, arg = name.partition(":")
        if kind == "fee":
            assert arg in FEE_CODES, name
        elif kind == "requirements":
            assert arg in SITUATIONS, name
        else:
            assert name in BLOCK_SHORTCODES, name


@pytest.mark.parametrize("article", ALL_ARTICLES, ids=ARTICLE_IDS)
def test_block_shortcodes_stand_alone_on_their_line(article):
    for line in article.body.split("\n"):
        for name in SHORTCODE.findall(line):
            if not name.startswith("fee:"):
                assert line.strip() == f"[[{name}]]", line


@pytest.mark.parametrize("article", ALL_ARTICLES, ids=ARTICLE_IDS)
def test_article_writes_no_money_amount_as_literal_text(article):
    text = "\n".join([article.meta["title"], article.meta["summary"], SHORTCODE.sub(" ", article.body)])
    text = FINE.sub(" ", text)
    for pattern in LITERAL_MONEY:
        assert not pattern.search(text), pattern.search(text).group(0)


@pytest.mark.parametrize("article", ALL_ARTICLES, ids=ARTICLE_IDS)
def test_body_is_plain_markdown_with_section_headings_and_a_readable_length(article):
    lines = article.body.split("\n")
    assert "<" not in article.body, "no raw HTML in a body"
    assert not any(line.startswith("# ") for line in lines), "the page title is the only h1"
    assert any(line.startswith("## ") for line in lines)
    assert MIN_WORDS <= words(article.body) <= MAX_WORDS


@pytest.mark.parametrize("article", ALL_ARTICLES, ids=ARTICLE_IDS)
def test_links_point_at_articles_of_the_same_language_or_known_public_pages(article):
    for target in LINK.findall(article.body):
        match = ARTICLE_LINK.match(target)
        if match:
            assert match.group(1) in ARTICLES[article.meta["language"]], target
            assert match.group(1) != article.slug, "an article does not link to itself"
        else:
            assert target in PAGE_LINKS, target


def test_translations_are_of_comparable_length():
    for article in ARTICLES["id"].values():
        other = ARTICLES["en"][article.meta["translation"]]
        ratio = words(other.body) / words(article.body)
        assert 0.8 <= ratio <= 1.4, (article.slug, ratio)
        assert SHORTCODE.findall(article.body) == SHORTCODE.findall(other.body), article.slug
        linked = [ARTICLES["id"][slug].meta["translation"] for slug in linked_slugs(article.body)]
        assert linked == linked_slugs(other.body), article.slug


def test_data_module_imports_nothing():
    tree = ast.parse((CONTENT_DIR / "data.py").read_text(encoding="utf-8"))
    assert not [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]


def test_topics_are_the_five_of_the_contract_in_display_order():
    assert [t["slug"] for t in data.TOPICS] == TOPIC_SLUGS
    assert [t["order"] for t in data.TOPICS] == sorted({t["order"] for t in data.TOPICS})
    for topic in data.TOPICS:
        for key in ("name", "name_en", "description", "description_en"):
            assert topic[key], (topic["slug"], key)


def test_every_fee_code_has_a_current_pp45_row_with_its_source():
    current = {f["code"]: f for f in data.FEES if f["effective_date"] == PP45_DATE}
    assert set(current) == FEE_CODES
    for fee in current.values():
        assert fee["legal_basis"] == "PP 45/2024"
        assert fee["source"].startswith("PP 45/2024 (")
        # facts.md: in force 17 December 2024; the date column says it once, no caution repeated on each row.
        assert "18 Desember" not in fee["note"] and "18 December" not in fee["note_en"]


def test_current_fees_are_those_of_pp_45_2024():
    newest = {}
    for fee in sorted(data.FEES, key=lambda f: f["effective_date"]):
        newest[fee["code"]] = fee["amount"]
    assert newest == {
        "paspor-non-elektronik-5": 350000,
        "paspor-non-elektronik-10": 650000,
        "paspor-elektronik-5": 650000,
        "paspor-elektronik-10": 950000,
        "layanan-percepatan": 1000000,
        "tambahan-hilang": 1000000,
        "tambahan-rusak": 500000,
    }


def test_fees_before_december_2024_are_kept_as_earlier_history():
    old = [f for f in data.FEES if f["effective_date"] < PP45_DATE]
    assert {f["code"]: f["amount"] for f in old} == {
        "paspor-non-elektronik-5": 350000,
        "paspor-non-elektronik-10": 350000,
        "paspor-elektronik-5": 650000,
        "paspor-elektronik-10": 650000,
    }
    for fee in old:
        assert fee["legal_basis"] == "PP 28/2019"
        assert "s.d. 16 Desember 2024" in fee["note"] and "until 16 December 2024" in fee["note_en"]
        # No invented start date: the row's date is the last day it applied, the day before PP 45/2024.
        assert fee["effective_date"] == "2024-12-16"
        assert fee["source"]


def test_fee_rows_are_well_formed():
    seen = set()
    for fee in data.FEES:
        assert fee["code"] in FEE_CODES
        key = (fee["code"], fee["effective_date"])
        assert key not in seen, key
        seen.add(key)
        date.fromisoformat(fee["effective_date"])
        assert isinstance(fee["amount"], int) and fee["amount"] > 0
        expected_years = int(fee["code"].rsplit("-", 1)[1]) if fee["code"].startswith("paspor-") else None
        assert fee["validity_years"] == expected_years, fee["code"]
        for key in ("service", "service_en", "legal_basis", "source"):
            assert fee[key] and len(fee[key]) <= 200, (fee["code"], key)


def test_disaster_exemption_is_stated_on_lost_and_damaged_fees():
    for fee in data.FEES:
        if fee["code"] in {"tambahan-hilang", "tambahan-rusak"}:
            assert "bencana" in fee["note"] and "kelurahan" in fee["note"]
            assert "disaster" in fee["note_en"]


def test_requirements_cover_the_four_situations_with_sources():
    assert [r["situation"] for r in data.REQUIREMENTS] == SITUATIONS
    for requirement in data.REQUIREMENTS:
        for key in ("title", "title_en", "legal_basis", "source"):
            assert requirement[key], (requirement["situation"], key)
        assert requirement["items"]
        for item in requirement["items"]:
            assert set(item) == {"text", "text_en", "note", "note_en"}
            assert item["text"] and item["text_en"]
            assert bool(item["note"]) == bool(item["note_en"]), item["text"]
            assert all(len(value) <= 300 for value in item.values())


def test_calon_pmi_passport_list_is_the_first_adult_set_plus_the_disnaker_recommendation():
    (calon_pmi,) = [r for r in data.REQUIREMENTS if r["situation"] == "calon_pmi"]
    texts = " ".join(item["text"] for item in calon_pmi["items"]).lower()
    assert "rekomendasi" in texts and "disnaker" in texts
    assert "e-ktp" in texts and "kartu keluarga" in texts and "akta kelahiran" in texts
    # facts.md: the UU 18/2017 art. 13 documents come after the passport: never under "untuk paspor".
    for document in ("visa", "perjanjian", "bpjs", "sehat", "kompetensi"):
        assert document not in texts, document
    notes = " ".join(item["note"] for item in calon_pmi["items"])
    assert "Gratis" in notes and "belum pasti" in notes and "tanyakan ke Kantor Imigrasi sebelum membayar" in notes


def test_the_before_departure_list_holds_the_article_13_documents():
    texts = " ".join(item["text"] for item in data.CALON_PMI_BEFORE_DEPARTURE["items"])
    for document in (
        "Visa kerja",
        "Perjanjian penempatan",
        "Perjanjian kerja",
        "BPJS",
        "sehat",
        "kepala desa atau lurah",
    ):
        assert document in texts, document
    assert all(item["text_en"] for item in data.CALON_PMI_BEFORE_DEPARTURE["items"])


def test_hotlines_have_a_dialable_number_for_their_channel_and_a_source():
    orders = [h["order"] for h in data.HOTLINES]
    assert len(orders) == len(set(orders))
    assert len({(h["channel"], h["dial"]) for h in data.HOTLINES}) == len(data.HOTLINES)
    for hotline in data.HOTLINES:
        assert hotline["name"] and hotline["name_en"] and hotline["number"] and hotline["source"]
        assert bool(hotline["hours"]) == bool(hotline["hours_en"])
        assert bool(hotline["note"]) == bool(hotline["note_en"])
        if hotline["channel"] == "phone":
            assert re.fullmatch(r"\+?\d{3,15}", hotline["dial"]), hotline["dial"]
        elif hotline["channel"] == "whatsapp":
            assert re.fullmatch(r"62\d{8,13}", hotline["dial"]), hotline["dial"]
        else:
            assert hotline["channel"] == "web"
            assert hotline["dial"].startswith("https://")


def test_hotlines_include_every_line_of_the_facts_table():
    dials = {h["dial"] for h in data.HOTLINES}
    assert {
        "08001000",
        "628118080141",
        "+622129244800",
        "1500630",
        "129",
        "628111129129",
        "110",
        "6281399679966",
    } <= dials
    assert {"https://lapor.go.id", "https://peduliwni.kemlu.go.id"} <= dials


def test_suspicious_foreigner_line_says_it_is_as_of_april_2024_and_unconfirmed():
    (line,) = [h for h in data.HOTLINES if h["dial"] == "6281399679966"]
    assert "April 2024" in line["note"] and "belum dipastikan" in line["note"]
    assert "April 2024" in line["note_en"] and "not confirmed" in line["note_en"]
    assert line["hours"] == "Senin–Jumat, 08.00–16.00 WIB"
