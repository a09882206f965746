from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from edukasi import services
from edukasi.models import Article, ArticleEvent
from tests.edukasi.helpers import make_article, make_topic

pytestmark = pytest.mark.django_db


def _form(topic, **overrides):
    data = {
        "topic": topic.pk,
        "language": "id",
        "slug": "cara-baru",
        "title": "Cara baru",
        "summary": "Ringkasan.",
        "body": "## Isi\n\nTeks.",
        "sources": "Sumber A\nSumber B",
        "last_reviewed": "2026-11-01",
        "translation": "",
    }
    data.update(overrides)
    return data


def test_editor_creates_a_draft_with_its_first_revision(world, client_for):
    topic = make_topic()
    response = client_for("editor").post(reverse("edukasi:article_create"), _form(topic))

    article = Article.objects.get(slug="cara-baru")
    assert response.status_code == 302
    assert article.status == Article.Status.DRAFT
    assert article.created_by == world.user("editor")
    assert article.revisions.get().number == 1
    assert article.source_list == ["Sumber A", "Sumber B"]


def test_double_submission_of_a_new_article_creates_one(world, client_for):
    topic = make_topic()
    client = client_for("editor")
    client.post(reverse("edukasi:article_create"), _form(topic))
    second = client.post(reverse("edukasi:article_create"), _form(topic))

    assert second.status_code == 400
    assert "Slug ini sudah dipakai" in second.content.decode()
    assert Article.objects.filter(slug="cara-baru").count() == 1


def test_invalid_article_form_keeps_what_was_typed_and_answers_400(world, client_for):
    topic = make_topic()
    response = client_for("editor").post(
        reverse("edukasi:article_create"), _form(topic, title="", body="Teks yang saya ketik panjang")
    )
    assert response.status_code == 400
    assert "Teks yang saya ketik panjang" in response.content.decode()
    assert not Article.objects.exists()


def test_staff_cannot_create_an_article_but_the_editor_can(world, client_for):
    topic = make_topic()
    refused = client_for("staff_x").post(reverse("edukasi:article_create"), _form(topic))
    assert refused.status_code == 403
    assert not Article.objects.exists()

    allowed = client_for("editor").post(reverse("edukasi:article_create"), _form(topic))
    assert allowed.status_code == 302
    assert Article.objects.count() == 1


def test_preview_renders_without_saving(world, client_for):
    topic = make_topic()
    response = client_for("editor").post(reverse("edukasi:article_create"), _form(topic, body="**tebal**", preview="1"))
    assert response.status_code == 200
    assert "<strong>tebal</strong>" in response.content.decode()
    assert not Article.objects.exists()


def test_full_workflow_draft_review_published_archived_with_events(world, client_for):
    editor = world.user("editor")
    article = make_article(status=Article.Status.DRAFT, by=editor)
    client = client_for("editor")

    client.post(reverse("edukasi:article_submit", args=[article.pk]))
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW

    client.post(reverse("edukasi:article_publish", args=[article.pk]), {"publish_at": ""})
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.is_visible()

    client.post(reverse("edukasi:article_archive", args=[article.pk]), {"reason": "Sudah tidak berlaku"})
    article.refresh_from_db()
    assert article.status == Article.Status.ARCHIVED
    events = list(ArticleEvent.objects.filter(article=article).order_by("pk").values_list("from_status", "to_status"))
    assert events[1:] == [("draft", "in_review"), ("in_review", "published"), ("published", "archived")]
    last = ArticleEvent.objects.filter(article=article).order_by("pk").last()
    assert last.actor == editor and last.note == "Sudah tidak berlaku"


def test_a_draft_cannot_be_published_before_review(world, client_for):
    article = make_article(status=Article.Status.DRAFT)
    response = client_for("editor").post(reverse("edukasi:article_publish", args=[article.pk]), {}, follow=True)

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert "Hanya artikel yang sedang ditinjau" in response.content.decode()


def test_staff_cannot_publish_but_the_editor_can(world, client_for):
    article = make_article(status=Article.Status.IN_REVIEW)
    refused = client_for("head_x").post(reverse("edukasi:article_publish", args=[article.pk]), {})
    article.refresh_from_db()
    assert refused.status_code == 403
    assert article.status == Article.Status.IN_REVIEW

    client_for("editor").post(reverse("edukasi:article_publish", args=[article.pk]), {})
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_anonymous_is_sent_to_login_from_the_editor_screens(world, client):
    response = client.get(reverse("edukasi:editor_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_archive_needs_a_reason(world, client_for):
    article = make_article()
    client_for("editor").post(reverse("edukasi:article_archive", args=[article.pk]), {"reason": ""})
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_returning_a_published_article_to_draft_hides_it(world, client_for):
    article = make_article()
    client_for("editor").post(reverse("edukasi:article_return", args=[article.pk]), {"reason": "Perlu diperbaiki"})
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert client_for("anon").get(article.get_absolute_url()).status_code == 404


def test_editing_keeps_a_published_article_public_and_adds_a_revision(world, client_for):
    article = make_article(title="Judul lama")
    data = _form(article.topic, slug=article.slug, title="Judul baru", version=article.version)
    response = client_for("editor").post(reverse("edukasi:article_edit", args=[article.pk]), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Judul baru"
    assert article.status == Article.Status.PUBLISHED
    assert article.revisions.count() == 2
    assert article.revisions.first().author == world.user("editor")


def test_an_unchanged_save_makes_no_revision(world, client_for):
    article = make_article()
    data = _form(
        article.topic,
        slug=article.slug,
        title=article.title,
        summary=article.summary,
        body=article.body,
        sources=article.sources,
        last_reviewed=article.last_reviewed.isoformat(),
        version=article.version,
    )
    client_for("editor").post(reverse("edukasi:article_edit", args=[article.pk]), data)
    assert article.revisions.count() == 1


def test_a_stale_edit_is_refused_and_keeps_the_text(world, client_for):
    article = make_article()
    data = _form(article.topic, slug=article.slug, title="Versi saya", version=article.version)
    services.article_update(
        article=article,
        by=world.user("admin"),
        content=services.ArticleContent("Versi lain", "r", "b", "s", date(2026, 11, 1)),
    )
    response = client_for("editor").post(reverse("edukasi:article_edit", args=[article.pk]), data)

    assert response.status_code == 400
    assert "Versi saya" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Versi lain"


def test_translation_link_is_set_both_ways_and_moves_cleanly(world, client_for):
    id_article = make_article(language="id")
    en_one = make_article(language="en")
    en_two = make_article(language="en")
    services.article_update(article=id_article, by=None, content=_content_of(id_article), translation=en_one)
    en_one.refresh_from_db()
    assert en_one.translation == id_article

    services.article_update(article=id_article, by=None, content=_content_of(id_article), translation=en_two)
    en_one.refresh_from_db()
    en_two.refresh_from_db()
    id_article.refresh_from_db()
    assert id_article.translation == en_two and en_two.translation == id_article
    assert en_one.translation is None


def test_a_translation_in_the_same_language_is_refused(world, client_for):
    first = make_article(language="id")
    other = make_article(language="id")
    data = _form(first.topic, slug=first.slug, translation=other.pk, version=first.version)
    response = client_for("editor").post(reverse("edukasi:article_edit", args=[first.pk]), data)
    assert response.status_code == 400
    first.refresh_from_db()
    assert first.translation is None


def test_editor_home_lists_articles_whose_review_is_older_than_180_days(world, client_for):
    old = make_article(last_reviewed=timezone.localdate() - timedelta(days=181), title="Artikel lama sekali")
    make_article(last_reviewed=timezone.localdate() - timedelta(days=10), title="Artikel baru ditinjau")
    response = client_for("editor").get(reverse("edukasi:editor_home"))
    overdue = list(response.context["overdue"])
    assert overdue == [old]


def test_editor_home_pages_keep_the_status_filter(world, client_for):
    for _ in range(26):
        make_article(status=Article.Status.DRAFT)
    make_article(status=Article.Status.PUBLISHED)
    client = client_for("editor")

    first = client.get(reverse("edukasi:editor_home"), {"status": "draft"})
    second = client.get(reverse("edukasi:editor_home"), {"status": "draft", "page": 2})

    assert 'href="?status=draft&amp;page=2"' in first.content.decode()
    assert len(second.context["page"]) == 1
    assert {a.status for a in second.context["page"]} == {Article.Status.DRAFT}


def test_editor_home_query_count_does_not_grow_with_articles(world, client_for, django_assert_max_num_queries):
    client = client_for("editor")
    for _ in range(3):
        make_article()
    with django_assert_max_num_queries(12):
        client.get(reverse("edukasi:editor_home"))
    for _ in range(30):
        make_article(status=Article.Status.DRAFT)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("edukasi:editor_home"))
    assert response.status_code == 200


def _content_of(article):
    return services.ArticleContent(article.title, article.summary, article.body, article.sources, article.last_reviewed)
