"""Plain helpers that make guidance rows for the edukasi tests."""

import itertools
from datetime import date

from django.utils import timezone

from edukasi import services
from edukasi.models import Article, Fee, Hotline, Requirement, RequirementItem, Topic

_seq = itertools.count(1)


def make_topic(slug: str = "paspor", name: str = "Paspor", **fields) -> Topic:
    fields.setdefault("name_en", "Passports")
    topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name, **fields})
    return topic


def content(**fields) -> services.ArticleContent:
    n = next(_seq)
    values = {
        "title": f"Artikel uji {n}",
        "summary": "Ringkasan singkat artikel uji.",
        "body": "## Langkah\n\nIsi artikel uji.\n",
        "sources": "Permenkumham 18/2022",
        "last_reviewed": date(2026, 11, 1),
    }
    values.update(fields)
    return services.ArticleContent(**values)


def make_article(
    *,
    status: str = Article.Status.PUBLISHED,
    language: str = "id",
    slug: str | None = None,
    topic: Topic | None = None,
    by=None,
    publish_at=None,
    **fields,
) -> Article:
    """An article brought to ``status`` through the services (so revisions and events exist)."""
    article = services.article_create(
        by=by,
        topic=topic or make_topic(),
        slug=slug or f"artikel-uji-{next(_seq)}",
        language=language,
        content=content(**fields),
    )
    if status in (Article.Status.IN_REVIEW, Article.Status.PUBLISHED, Article.Status.ARCHIVED):
        article = services.article_submit(article=article, by=by)
    if status in (Article.Status.PUBLISHED, Article.Status.ARCHIVED):
        article = services.article_publish(article=article, by=by, publish_at=publish_at)
    if status == Article.Status.ARCHIVED:
        article = services.article_archive(article=article, by=by, reason="uji")
    return article


def make_fee(
    code: str = "paspor-elektronik-10", amount: int = 950000, effective: date = date(2024, 12, 17), **f
) -> Fee:
    f.setdefault("service", "Paspor elektronik masa berlaku 10 tahun")
    f.setdefault("service_en", "Electronic passport, 10-year validity")
    f.setdefault("legal_basis", "PP 45/2024")
    return Fee.objects.create(code=code, amount=amount, effective_date=effective, **f)


def make_requirement(situation: str = "first_adult", items=("e-KTP", "Kartu Keluarga")) -> Requirement:
    requirement = Requirement.objects.create(
        situation=situation,
        title=f"Dokumen {situation}",
        title_en=f"Documents {situation}",
        legal_basis="Permenkumham 18/2022",
    )
    for i, text in enumerate(items):
        RequirementItem.objects.create(requirement=requirement, text=text, text_en=f"{text} (en)", order=i)
    return requirement


def make_hotline(name: str = "KP2MI (dahulu BP2MI)", dial: str = "08001000", channel: str = "phone", **f) -> Hotline:
    f.setdefault("number", "0800-1000")
    return Hotline.objects.create(name=name, dial=dial, channel=channel, **f)


def now():
    return timezone.now()
