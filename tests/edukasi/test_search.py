import pytest
from django.db import connection
from django.urls import reverse

from edukasi import selectors
from edukasi.models import Article
from tests.edukasi.helpers import make_article

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    "'",
    "\"paspor' OR 1=1 --",
    "paspor & | ! ( ) :* <->",
    "!!!",
    "-",
    "a" * 5000,
    "paspor " * 800,
    "🛂 paspor 🇮🇩",
    "paspor\x00elektronik",
    "%_\\",
    "<script>alert(1)</script>",
    "   ",
    "' ; DROP TABLE edukasi_article; --",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_search_accepts_any_input_without_error(client, query):
    make_article(title="Pembuatan paspor", body="Cara pembuatan paspor elektronik.")
    response = client.get(reverse("edukasi:search"), {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert Article.objects.count() == 1


def test_search_finds_a_published_article_by_a_word_of_its_title(client):
    make_article(title="Paspor elektronik", body="Isi.")
    make_article(title="Perdagangan orang", body="Isi lain.")
    response = client.get(reverse("edukasi:search"), {"q": "elektronik"})
    assert [h.article.title for h in response.context["hits"]] == ["Paspor elektronik"]


def test_search_does_not_show_drafts_or_scheduled_articles(client):
    from datetime import timedelta

    from django.utils import timezone

    make_article(title="Paspor draf", status=Article.Status.DRAFT)
    make_article(title="Paspor terjadwal", publish_at=timezone.now() + timedelta(days=1))
    make_article(title="Paspor terbit")
    hits = selectors.search_articles("paspor", language="id")
    assert [h.article.title for h in hits] == ["Paspor terbit"]


def test_search_snippet_highlights_and_escapes(client):
    make_article(title="Judul", body="Tulisan <b>tebal</b> tentang paspor dan & lainnya.")
    hits = selectors.search_articles("paspor", language="id")
    assert "<mark>paspor</mark>" in hits[0].snippet
    assert "<b>" not in hits[0].snippet


def test_search_looks_only_in_the_active_language(client):
    make_article(title="Paspor", language="id")
    make_article(title="Passport", language="en", body="Passport steps.")
    response = client.get(reverse("edukasi:search"), {"q": "passport"}, HTTP_ACCEPT_LANGUAGE="en")
    assert [h.article.language for h in response.context["hits"]] == ["en"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_membuat_paspor_finds_the_article_titled_pembuatan_paspor_on_postgresql():
    make_article(title="Pembuatan paspor lewat M-Paspor", body="Langkah demi langkah.")
    make_article(title="Tanda bahaya perekrutan", body="Tawaran kerja palsu.")
    hits = selectors.search_articles("membuat paspor", language="id")
    assert [h.article.title for h in hits] == ["Pembuatan paspor lewat M-Paspor"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_postgresql_ranks_a_title_match_above_a_body_match():
    make_article(title="Layanan lain", body="Di sini juga disebut visa kerja sekali.")
    make_article(title="Visa kerja", body="Tentang visa kerja.")
    hits = selectors.search_articles("visa kerja", language="id")
    assert hits[0].article.title == "Visa kerja"
    assert "<mark>" in hits[0].snippet


def test_search_query_count_is_flat(client, django_assert_max_num_queries):
    for i in range(3):
        make_article(title=f"Paspor {i}")
    with django_assert_max_num_queries(3):
        client.get(reverse("edukasi:search"), {"q": "paspor"})
    for i in range(30):
        make_article(title=f"Paspor lagi {i}")
    with django_assert_max_num_queries(3):
        response = client.get(reverse("edukasi:search"), {"q": "paspor"})
    assert len(response.context["hits"]) == 20


def test_a_burst_of_searches_from_one_address_is_cut_with_429(client):
    from edukasi.views.public import SEARCH_LIMIT_PER_MINUTE

    for _ in range(SEARCH_LIMIT_PER_MINUTE):
        assert client.get(reverse("edukasi:search"), {"q": "paspor"}).status_code == 200
    response = client.get(reverse("edukasi:search"), {"q": "paspor"})
    assert response.status_code == 429
    other = client.get(reverse("edukasi:search"), {"q": "paspor"}, REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200


def _load_content():
    from edukasi.seed import load_guidance

    load_guidance()


def test_membuat_paspor_returns_the_how_to_article_first(client):
    """On PostgreSQL (full text, title and summary above the body) and on the SQLite fallback alike."""
    _load_content()
    response = client.get(reverse("edukasi:search"), {"q": "membuat paspor"})
    hits = response.context["hits"]
    assert len(hits) >= 2
    assert hits[0].article.slug == "cara-membuat-paspor"


def test_a_title_match_comes_before_a_longer_body_that_repeats_the_words(client):
    make_article(title="Biaya layanan", body="Paspor elektronik. " * 40, summary="Tentang biaya.")
    make_article(title="Paspor elektronik", body="Satu kali disebut.", summary="Ringkas.")
    hits = selectors.search_articles("paspor elektronik", language="id")
    assert [h.article.title for h in hits] == ["Paspor elektronik", "Biaya layanan"]


def _bare(snippet: str) -> str:
    text = str(snippet).replace("<mark>", "").replace("</mark>", "")
    from html import unescape

    return unescape(text).removeprefix("… ").removesuffix(" …")


@pytest.mark.parametrize("query", ["membuat paspor", "visa kerja", "paspor hilang", "KBRI", "perekrut", "elektronik"])
def test_snippets_start_and_end_at_word_boundaries(client, query):
    _load_content()
    hits = selectors.search_articles(query, language="id")
    assert hits, query
    for hit in hits:
        bare = _bare(hit.snippet)
        text = hit.article.plain_text
        at = text.find(bare)
        assert at >= 0, (hit.article.slug, bare)
        end = at + len(bare)
        assert at == 0 or text[at - 1].isspace(), (hit.article.slug, text[max(0, at - 10) : at + 10])
        assert end == len(text) or text[end].isspace(), (hit.article.slug, text[end - 10 : end + 10])
        assert str(hit.snippet).startswith("… ") == (at > 0)
        assert str(hit.snippet).endswith(" …") == (end < len(text))


def test_english_search_finds_the_help_abroad_article(client):
    _load_content()
    hits = selectors.search_articles("embassy", language="en")
    assert "help-abroad" in [h.article.slug for h in hits]
