from pathlib import Path

import pytest
from django.core.management import call_command

from edukasi import services
from edukasi.models import Article, ArticleRevision, Fee, Hotline, Requirement, Topic
from edukasi.seed import ContentError, load_guidance, parse_article

FIXTURE = Path(__file__).parent / "fixtures" / "content"

pytestmark = pytest.mark.django_db


def test_loader_creates_topics_facts_and_published_linked_articles():
    report = load_guidance(FIXTURE)

    assert sorted(report.created) == ["getting-a-passport", "pembuatan-paspor"]
    assert Topic.objects.count() == 2
    assert Fee.objects.filter(code="paspor-elektronik-10").count() == 2
    assert Requirement.objects.get(situation="first_adult").items.count() == 2
    assert Hotline.objects.get(channel="whatsapp").href == "https://wa.me/628111129129"
    article = Article.objects.get(slug="pembuatan-paspor")
    assert article.is_visible()
    assert article.translation.slug == "getting-a-passport"
    assert article.translation.translation_id == article.pk
    assert article.source_list == ["Permenkumham 18/2022", "kanimpati.kemenkumham.go.id ?p=58125"]
    assert article.revisions.get().author is None
    assert list(article.events.values_list("to_status", flat=True)) == ["published", "in_review", "draft"]


def test_loading_twice_changes_nothing():
    load_guidance(FIXTURE)
    counts = (Article.objects.count(), ArticleRevision.objects.count(), Fee.objects.count(), Hotline.objects.count())

    report = load_guidance(FIXTURE)

    assert report.created == [] and report.updated == []
    assert sorted(report.unchanged) == ["getting-a-passport", "pembuatan-paspor"]
    assert counts == (
        Article.objects.count(),
        ArticleRevision.objects.count(),
        Fee.objects.count(),
        Hotline.objects.count(),
    )


def test_loader_does_not_overwrite_an_article_an_editor_changed(world, tmp_path):
    load_guidance(FIXTURE)
    article = Article.objects.get(slug="pembuatan-paspor")
    content = services.ArticleContent(
        title="Judul dari editor",
        summary=article.summary,
        body=article.body,
        sources=article.sources,
        last_reviewed=article.last_reviewed,
    )
    services.article_update(article=article, by=world.user("editor"), content=content)

    report = load_guidance(FIXTURE)

    article.refresh_from_db()
    assert article.title == "Judul dari editor"
    assert report.kept_editor_changes == ["pembuatan-paspor"]


def test_loader_updates_an_article_only_the_loader_wrote(tmp_path):
    import shutil

    content_dir = tmp_path / "content"
    shutil.copytree(FIXTURE, content_dir)
    load_guidance(content_dir)
    path = content_dir / "articles" / "id" / "pembuatan-paspor.md"
    path.write_text(path.read_text().replace("Pembuatan paspor lewat M-Paspor", "Pembuatan paspor (baru)"))

    report = load_guidance(content_dir)

    article = Article.objects.get(slug="pembuatan-paspor")
    assert article.title == "Pembuatan paspor (baru)"
    assert report.updated == ["pembuatan-paspor"]
    assert article.revisions.count() == 2


def test_loader_keeps_a_fee_an_editor_entered(world):
    load_guidance(FIXTURE)
    fee = Fee.objects.get(code="layanan-percepatan")
    Fee.objects.filter(pk=fee.pk).update(amount=1, created_by=world.user("editor"))

    load_guidance(FIXTURE)

    fee.refresh_from_db()
    assert fee.amount == 1


def test_front_matter_without_closing_line_is_refused():
    with pytest.raises(ContentError):
        parse_article("---\nslug: x\n")


def test_missing_content_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ContentError):
        load_guidance(tmp_path)


def test_command_loads_the_fixture(capsys):
    call_command("load_guidance", path=str(FIXTURE))
    assert "Artikel: 2 baru" in capsys.readouterr().out


def test_the_real_seed_content_loads_and_every_article_renders(client):
    report = load_guidance()
    assert len(report.created) >= 20
    for article in Article.objects.all():
        response = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=article.language)
        assert response.status_code == 200, article.slug
        assert "[[" not in response.content.decode(), article.slug
