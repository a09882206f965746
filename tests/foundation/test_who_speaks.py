"""Who speaks on the public pages: the operator and the "official" wording come from settings.

Nothing shows that the Ditjen Imigrasi runs or endorses this portal (../shared/domain/facts.md), so by default no
public page calls the portal "resmi"/"official" or names the Ditjen as its publisher: every public page is
crawled, in both languages, as tests/security/crawl.py finds them. With PORTAL_OFFICIAL on, the configured
wording appears.
"""

import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from edukasi.models import Article
from edukasi.seed import load_guidance
from tests.test_permission_matrix import all_rows, all_url_names

pytestmark = pytest.mark.django_db

# Phrases that present the portal itself as official, in either language ("jalur resmi", "tarif resmi" and
# "pelabuhan resmi" speak of the legal route, the state's fees and official ports, not of the portal).
PORTAL_CLAIMS = re.compile(
    r"(portal|situs|laman|website|informasi|layanan) resmi|resmi dari|"
    r"official (portal|site|website|information|services?)|information from the official",
    re.IGNORECASE,
)
PUBLISHER = re.compile(r"Direktorat Jenderal Imigrasi|Directorate General of Immigration|Ditjen", re.IGNORECASE)
FOOTER = re.compile(r'<footer class="site-footer.*?</footer>', re.DOTALL)
HEAD = re.compile(r"<head>.*?</head>", re.DOTALL)
TAGS = re.compile(r"<[^>]+>")


def _public_pages(client, site_urls) -> dict[str, str]:
    """Every page an anonymous visitor gets as HTML: the URL resolver's, plus every published article."""
    urls = set(site_urls) | {a.get_absolute_url() for a in Article.objects.visible()}
    pages = {}
    for url in sorted(urls):
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages[url] = response.content.decode()
    return pages


def _visible(html: str) -> str:
    return re.sub(r"\s+", " ", TAGS.sub(" ", html))


@pytest.fixture
def site_urls(world) -> list[str]:
    # Built first: the permission matrix makes the rows its URLs need (a hotline among them), and the
    # loader then updates rather than duplicates them. As tests/security/crawl.py builds them; a URL whose
    # matrix row is not written yet is left to the permission matrix test, which fails on it.
    rows = all_rows()
    return [
        reverse(name, kwargs=rows[name].kwargs(world)) + rows[name].query for name in all_url_names() if name in rows
    ]


@pytest.fixture
def guidance(site_urls):
    load_guidance()
    cache.clear()


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_public_page_calls_the_portal_official_or_names_the_ditjen_as_publisher(
    client, site_urls, guidance, settings, language
):
    settings.PORTAL_OPERATOR = ""
    settings.PORTAL_OFFICIAL = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = _public_pages(client, site_urls)
    assert len(pages) >= 30, sorted(pages)
    assert any("/edukasi/artikel/" in url for url in pages)
    for url, html in pages.items():
        claim = PORTAL_CLAIMS.search(_visible(html))
        assert claim is None, (url, claim and claim.group(0))
        head = HEAD.search(html).group(0)
        assert not PUBLISHER.search(head), (url, "head")
        assert not PORTAL_CLAIMS.search(head), (url, "head")  # meta description and Open Graph tags
        footer = FOOTER.search(html)
        assert footer is not None, url
        assert not PUBLISHER.search(footer.group(0)), (url, "footer")
        assert "portal-about" in footer.group(0)


def test_the_sitemap_names_no_publisher(client, world, guidance):
    xml = client.get(reverse("edukasi:sitemap")).content.decode()
    assert not PUBLISHER.search(xml) and not PORTAL_CLAIMS.search(xml)


def test_a_configured_operator_is_named_without_calling_the_portal_official(client, world, guidance, settings):
    settings.PORTAL_OPERATOR = "Yayasan Contoh Migran Aman"
    settings.PORTAL_OFFICIAL = False
    cache.clear()
    html = client.get(reverse("edukasi:home")).content.decode()
    footer = FOOTER.search(html).group(0)
    assert "dikelola oleh Yayasan Contoh Migran Aman" in footer
    assert "resmi" not in _visible(footer).replace("tarif resmi", "")


def test_with_portal_official_on_the_configured_wording_appears(client, world, guidance, settings):
    settings.PORTAL_OPERATOR = "Direktorat Jenderal Imigrasi"
    settings.PORTAL_OFFICIAL = True
    cache.clear()
    html = client.get(reverse("edukasi:home")).content.decode()
    footer = FOOTER.search(html).group(0)
    assert "Portal resmi program Desa Binaan Imigrasi, diterbitkan oleh Direktorat Jenderal Imigrasi." in footer

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = FOOTER.search(client.get(reverse("edukasi:home")).content.decode()).group(0)
    with translation.override("en"):
        from django.utils.translation import gettext

        expected = gettext("Portal resmi program Desa Binaan Imigrasi, diterbitkan oleh %(operator)s.") % {
            "operator": "Direktorat Jenderal Imigrasi"
        }
    assert expected in english


def test_the_leaflet_follows_the_same_setting(client, world, guidance, settings):
    url = reverse("edukasi:article_leaflet", args=["cara-membuat-paspor"])
    settings.PORTAL_OPERATOR, settings.PORTAL_OFFICIAL = "", False
    cache.clear()
    text = " ".join(PdfReader(io.BytesIO(client.get(url).content)).pages[-1].extract_text().split())
    assert "Portal informasi tentang program Desa Binaan Imigrasi." in text
    assert not PORTAL_CLAIMS.search(text)

    settings.PORTAL_OPERATOR, settings.PORTAL_OFFICIAL = "Direktorat Jenderal Imigrasi", True
    cache.clear()
    text = " ".join(PdfReader(io.BytesIO(client.get(url).content)).pages[-1].extract_text().split())
    assert "Portal resmi program Desa Binaan Imigrasi, diterbitkan oleh Direktorat Jenderal Imigrasi." in text


def test_the_poster_does_not_call_the_portal_official(client, world, guidance):
    response = client.get(reverse("unit_poster", args=[world.unit_a.pk]))
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert not PORTAL_CLAIMS.search(text)
    assert "Layanan pengaduan resmi" not in text
