import subprocess
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from edukasi import caching, services
from edukasi.models import Article
from tests.edukasi.helpers import make_article, make_fee, make_hotline, make_requirement

pytestmark = pytest.mark.django_db


# --- Scheduled publication ------------------------------------------------------------------------


def test_a_scheduled_article_is_invisible_before_its_time_everywhere(client, world):
    later = timezone.now() + timedelta(hours=2)
    article = make_article(title="Artikel terjadwal", publish_at=later)
    assert article.status == Article.Status.PUBLISHED and article.is_scheduled

    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(reverse("edukasi:article_leaflet", args=[article.slug])).status_code == 404
    for url in (reverse("edukasi:home"), article.topic.get_absolute_url(), reverse("edukasi:sitemap")):
        assert "Artikel terjadwal" not in client.get(url).content.decode()
        assert article.slug not in client.get(url).content.decode()
    assert "Artikel terjadwal" not in client.get(reverse("edukasi:search"), {"q": "terjadwal"}).content.decode()


def test_a_scheduled_article_appears_once_its_time_has_come_even_on_a_cached_home(client, world):
    article = make_article(title="Artikel terjadwal", publish_at=timezone.now() + timedelta(hours=2))
    assert "Artikel terjadwal" not in client.get(reverse("edukasi:home")).content.decode()

    # Time passes: move the schedule into the past as the clock would, without touching the cache.
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    state = caching.cache.get(caching.STATE_KEY)
    caching.cache.set(caching.STATE_KEY, {**state, "until": timezone.now().timestamp() - 1}, None)

    assert "Artikel terjadwal" in client.get(reverse("edukasi:home")).content.decode()


def test_publishing_with_a_past_time_publishes_now(world):
    article = make_article(status=Article.Status.IN_REVIEW)
    published = services.article_publish(
        article=article, by=world.user("editor"), publish_at=timezone.now() - timedelta(days=1)
    )
    assert published.is_visible()


# --- Cache ----------------------------------------------------------------------------------------


def test_home_is_served_from_the_cache_without_queries(client, django_assert_num_queries):
    make_article(title="Artikel pertama")
    client.get(reverse("edukasi:home"))
    with django_assert_num_queries(0):
        response = client.get(reverse("edukasi:home"))
    assert "Artikel pertama" in response.content.decode()


def test_article_page_is_served_from_the_cache_without_queries(client, django_assert_num_queries):
    make_fee()
    make_hotline()
    article = make_article(body="[[fee_table]]\n\n[[hotlines]]")
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url())
    assert "Rp950.000" in response.content.decode()


def test_publishing_invalidates_the_cached_home(client, world):
    client.get(reverse("edukasi:home"))
    article = make_article(status=Article.Status.IN_REVIEW, title="Baru terbit")
    assert "Baru terbit" not in client.get(reverse("edukasi:home")).content.decode()

    services.article_publish(article=article, by=world.user("editor"))

    assert "Baru terbit" in client.get(reverse("edukasi:home")).content.decode()


def test_editing_and_archiving_invalidate_the_cached_article(client, world):
    article = make_article(title="Judul lama")
    client.get(article.get_absolute_url())
    services.article_update(
        article=article,
        by=world.user("editor"),
        content=services.ArticleContent(
            "Judul baru", article.summary, article.body, article.sources, article.last_reviewed
        ),
    )
    assert "Judul baru" in client.get(article.get_absolute_url()).content.decode()

    services.article_archive(article=article, by=world.user("editor"), reason="usang")
    assert client.get(article.get_absolute_url()).status_code == 404


def test_the_language_form_on_a_cached_page_works_for_every_visitor(world):
    from django.test import Client

    make_article()
    first = Client(enforce_csrf_checks=True)
    first.get(reverse("edukasi:home"))
    second = Client(enforce_csrf_checks=True)
    html = second.get(reverse("edukasi:home")).content.decode()
    assert caching.CSRF_SENTINEL not in html
    # The form needs no token (set_language is csrf_exempt, docs/security.md): nobody's token is shared.
    assert "csrfmiddlewaretoken" not in html
    response = second.post(reverse("set_language"), {"language": "en", "next": "/edukasi/"})
    assert response.status_code == 302 and response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_signed_in_users_get_their_own_page_not_the_shared_copy(client_for):
    make_article()
    client_for("anon").get(reverse("edukasi:home"))
    html = client_for("editor").get(reverse("edukasi:home")).content.decode()
    assert "Kelola konten" in html


def test_footer_hotlines_come_from_the_table_and_cost_no_query_when_warm(client, django_assert_num_queries):
    make_hotline("Layanan uji khusus", dial="1234567", number="123-4567")
    html = client.get(reverse("home")).content.decode()
    assert "Layanan uji khusus" in html and 'href="tel:1234567"' in html
    from django.template import Context, Template

    template = Template("{% load edukasi_tags %}{% footer_hotlines %}")
    with django_assert_num_queries(0):
        assert "Layanan uji khusus" in template.render(Context())


def test_footer_falls_back_to_the_built_in_list_when_there_are_no_hotlines(client):
    html = client.get(reverse("home")).content.decode()
    assert 'href="tel:110"' in html


# --- Pages ----------------------------------------------------------------------------------------


def test_article_page_shows_sources_last_review_translation_and_leaflet_link(client):
    english = make_article(language="en", title="Getting a passport")
    article = make_article(title="Membuat paspor", sources="Permenkumham 18/2022\nkanimpati.kemenkumham.go.id")
    services.article_update(
        article=article,
        by=None,
        content=services.ArticleContent(
            article.title, article.summary, article.body, article.sources, article.last_reviewed
        ),
        translation=english,
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Permenkumham 18/2022" in html and "kanimpati.kemenkumham.go.id" in html
    assert "1 November 2026" in html
    assert english.get_absolute_url() in html
    assert reverse("edukasi:article_leaflet", args=[article.slug]) in html
    assert '<meta property="og:title" content="Membuat paspor">' in html
    assert f'<meta name="description" content="{article.summary}">' in html


def test_english_visitor_is_sent_to_the_translation_and_falls_back_to_indonesian(client):
    english = make_article(language="en", title="Getting a passport")
    paired = make_article(title="Membuat paspor")
    services.article_update(
        article=paired,
        by=None,
        content=services.ArticleContent(
            paired.title, paired.summary, paired.body, paired.sources, paired.last_reviewed
        ),
        translation=english,
    )
    lonely = make_article(title="Hanya bahasa Indonesia")

    response = client.get(paired.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == english.get_absolute_url()
    assert client.get(lonely.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").status_code == 200

    home = client.get(reverse("edukasi:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Getting a passport" in home and "Hanya bahasa Indonesia" in home
    assert "Membuat paspor" not in home


def test_leaflet_pdf_contains_the_title_and_sources(client, tmp_path):
    make_fee()
    article = make_article(
        title="Biaya paspor", sources="PP 45/2024\nkanimpati.kemenkumham.go.id", body="[[fee_table]]"
    )
    response = client.get(reverse("edukasi:article_leaflet", args=[article.slug]))
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "leaflet.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Biaya paspor" in text
    assert "PP 45/2024" in text and "kanimpati.kemenkumham.go.id" in text
    assert "Rp950.000" in text


def test_leaflet_is_cached_per_article_version(client, world, django_assert_max_num_queries):
    article = make_article()
    first = client.get(reverse("edukasi:article_leaflet", args=[article.slug])).content
    with django_assert_max_num_queries(1):
        again = client.get(reverse("edukasi:article_leaflet", args=[article.slug])).content
    assert first == again


def test_sitemap_lists_public_pages_and_articles(client):
    article = make_article()
    xml = client.get(reverse("edukasi:sitemap")).content.decode()
    assert article.get_absolute_url() in xml
    assert reverse("edukasi:checklist") in xml


def test_hotline_page_has_tel_and_whatsapp_links(client):
    make_hotline()
    make_hotline("SAPA 129", dial="628111129129", channel="whatsapp", number="08111-129-129")
    html = client.get(reverse("edukasi:hotlines")).content.decode()
    assert 'href="tel:08001000"' in html
    assert 'href="https://wa.me/628111129129"' in html


@pytest.mark.parametrize(
    "name", ["home", "mpaspor", "legal_path", "checklist", "fees", "job_check", "hotlines", "search"]
)
def test_public_pages_work_in_both_languages(client, name):
    make_requirement("calon_pmi")
    for language in ("id", "en"):
        assert client.get(reverse(f"edukasi:{name}"), HTTP_ACCEPT_LANGUAGE=language).status_code == 200


def test_home_query_count_does_not_grow_with_articles(client, django_assert_max_num_queries):
    for _ in range(3):
        make_article()
    with django_assert_max_num_queries(4):
        client.get(reverse("edukasi:home"), HTTP_COOKIE="")
    caching.invalidate()
    for _ in range(30):
        make_article()
    caching.invalidate()
    with django_assert_max_num_queries(4):
        response = client.get(reverse("edukasi:home"))
    assert len(response.context["sections"][0][1]) == 33


def test_article_page_query_count_on_a_cold_cache_is_bounded(client, django_assert_max_num_queries):
    make_fee()
    make_hotline()
    make_requirement()
    article = make_article(
        body="[[fee_table]] \n\n[[fee:paspor-elektronik-10]]\n\n[[requirements:first_adult]]\n\n[[hotlines]]"
    )
    for _ in range(30):
        make_article()
    caching.invalidate()
    with django_assert_max_num_queries(9):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200


def test_unknown_article_and_topic_are_404(client):
    assert client.get(reverse("edukasi:article_detail", args=["tidak-ada"])).status_code == 404
    assert client.get(reverse("edukasi:topic_detail", args=["tidak-ada"])).status_code == 404


def test_tracking_parameters_do_not_defeat_the_cache(client, django_assert_num_queries):
    article = make_article()
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url(), {"fbclid": "abc", "utm_source": "wa"})
    assert response.status_code == 200


def test_checklist_answers_are_never_served_from_the_shared_copy(client):
    make_requirement("child", items=("Akta kelahiran anak",))
    make_requirement("first_adult", items=("e-KTP saja",))
    client.get(reverse("edukasi:checklist"))
    html = client.get(reverse("edukasi:checklist"), {"situation": "child"}).content.decode()
    assert "Akta kelahiran anak" in html and "e-KTP saja" not in html
