import re

import pytest
from django.urls import reverse

from edukasi.rendering import render_body
from tests.edukasi.helpers import make_article, make_fee
from tests.edukasi.xss_payloads import PAYLOADS, TITLE_PAYLOADS

pytestmark = pytest.mark.django_db

DANGEROUS = re.compile(
    r"<\s*(script|iframe|object|embed|svg|math|style|link|meta|base|form|input|video|audio|body|marquee)\b"
    r"|\son[a-z]+\s*="
    r"|(href|src|action|data)\s*=\s*\"?\s*(javascript|vbscript|data):",
    re.IGNORECASE,
)


def test_there_are_at_least_thirty_payloads():
    assert len(PAYLOADS) >= 30


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_markdown_payload_is_sanitized(payload):
    html = str(render_body(f"Teks biasa.\n\n{payload}\n\nAkhir."))
    assert not DANGEROUS.search(html), html
    assert "Teks biasa." in html and "Akhir." in html


def test_links_keep_safe_urls_and_get_rel_noopener():
    html = str(render_body("[KP2MI](https://kp2mi.go.id) dan [telepon](tel:08001000)"))
    assert 'href="https://kp2mi.go.id"' in html
    assert 'href="tel:08001000"' in html
    assert 'rel="noopener noreferrer"' in html


def test_shortcode_placeholders_cannot_be_forged():
    make_fee()
    html = str(render_body("EDUKASIBLOCK0000000000000000N0\n\nEDUKASIFEE0000000000000000N0E"))
    assert "<table" not in html and "Rp" not in html


def test_unknown_shortcodes_are_dropped():
    html = str(render_body("Awal [[fee:tidak-ada]] dan [[apa:ini]] akhir\n\n[[requirements:tidak_ada]]"))
    assert "[[" not in html
    assert "Awal" in html and "akhir" in html


@pytest.mark.parametrize("title", TITLE_PAYLOADS)
def test_titles_are_escaped_on_every_public_page(client, title):
    article = make_article(title=title, summary=title)
    for url in (article.get_absolute_url(), reverse("edukasi:home"), article.topic.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "<script>window.__xss" not in html
        assert "<img src=x" not in html
        assert "&lt;" in html


def test_whole_article_page_with_every_payload_has_no_script_of_its_own(client):
    article = make_article(body="\n\n".join(PAYLOADS))
    html = client.get(article.get_absolute_url()).content.decode()
    body = html.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
    assert not DANGEROUS.search(body)
    assert "<script" not in html.lower()
