from datetime import date

import pytest
from django.urls import reverse

from desabinaan.lib.errors import DomainError
from edukasi import services
from edukasi.models import Article
from tests.edukasi.helpers import make_article

pytestmark = pytest.mark.django_db


def _update(article, by, **fields):
    values = {
        "title": article.title,
        "summary": article.summary,
        "body": article.body,
        "sources": article.sources,
        "last_reviewed": article.last_reviewed,
    }
    values.update(fields)
    article, _changed = services.article_update(article=article, by=by, content=services.ArticleContent(**values))
    return article


def test_every_save_keeps_a_numbered_revision(world):
    editor = world.user("editor")
    article = make_article(body="Satu")
    article = _update(article, editor, body="Dua")
    article = _update(article, editor, body="Tiga")

    assert list(article.revisions.values_list("number", "body")) == [(3, "Tiga"), (2, "Dua"), (1, "Satu")]
    assert article.version == 3


def test_revision_page_shows_the_difference_with_the_previous_one(world, client_for):
    article = make_article(body="Baris lama\nBaris sama")
    _update(article, world.user("editor"), body="Baris baru\nBaris sama")

    response = client_for("editor").get(reverse("edukasi:revision_detail", args=[article.pk, 2]))

    rows = response.context["diff_previous"]
    assert ("del", "-Baris lama") in rows
    assert ("add", "+Baris baru") in rows
    assert 'class="diff-add"' in response.content.decode()


def test_restoring_an_old_revision_makes_a_new_revision_with_its_content(world, client_for):
    editor = world.user("editor")
    article = make_article(title="Judul pertama", body="Isi pertama")
    _update(article, editor, title="Judul kedua", body="Isi kedua")

    response = client_for("editor").post(reverse("edukasi:revision_restore", args=[article.pk, 1]))

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body, article.version) == ("Judul pertama", "Isi pertama", 3)
    newest = article.revisions.first()
    assert newest.author == editor
    assert "revisi 1" in newest.note
    assert article.revisions.count() == 3


def test_restoring_the_current_content_changes_nothing(world, client_for):
    article = make_article()
    client_for("editor").post(reverse("edukasi:revision_restore", args=[article.pk, 1]))
    assert article.revisions.count() == 1


def test_officer_cannot_restore_but_the_editor_can(world, client_for):
    article = make_article(title="A")
    _update(article, world.user("editor"), title="B")

    refused = client_for("officer_a").post(reverse("edukasi:revision_restore", args=[article.pk, 1]))
    article.refresh_from_db()
    assert refused.status_code == 403 and article.title == "B"

    client_for("editor").post(reverse("edukasi:revision_restore", args=[article.pk, 1]))
    article.refresh_from_db()
    assert article.title == "A"


def test_an_archived_article_cannot_be_edited(world):
    article = make_article(status=Article.Status.ARCHIVED)
    with pytest.raises(DomainError):
        _update(article, world.user("editor"), title="X")


def test_unknown_revision_is_404(world, client_for):
    article = make_article()
    assert client_for("editor").get(reverse("edukasi:revision_detail", args=[article.pk, 99])).status_code == 404


def test_revision_list_shows_every_revision(world, client_for):
    article = make_article()
    _update(article, world.user("editor"), last_reviewed=date(2026, 11, 20))
    response = client_for("editor").get(reverse("edukasi:article_revisions", args=[article.pk]))
    assert [r.number for r in response.context["page"]] == [2, 1]


def test_revision_list_links_to_the_older_revisions_past_the_first_thirty(world, client_for):
    article = make_article(body="Isi 0")
    for n in range(1, 31):
        article = _update(article, world.user("editor"), body=f"Isi {n}")
    url = reverse("edukasi:article_revisions", args=[article.pk])

    first = client_for("editor").get(url)
    second = client_for("editor").get(url, {"page": 2})

    assert len(first.context["page"]) == 30
    assert 'href="?page=2"' in first.content.decode()
    assert [r.number for r in second.context["page"]] == [1]
