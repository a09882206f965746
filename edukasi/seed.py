"""Loader of the seed guidance in ``edukasi/content/`` (contract: the content schema of the edukasi app).

Idempotent: topics by slug, fees by (code, effective date), requirement lists by situation, hotlines by
(channel, dial), articles by slug. Rows an editor has changed through the portal are left alone: an
article whose latest revision has an author, a fee an editor entered, a requirement list or hotline an
editor saved.
"""

import importlib.util
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from . import caching, services
from .models import Article, Fee, Hotline, Language, Requirement, RequirementItem, Topic

CONTENT_DIR = Path(__file__).parent / "content"
SEED_NOTE = "Konten awal"


class ContentError(ValueError):
    """The content files do not follow the contract."""


@dataclass
class LoadReport:
    topics: int = 0
    fees: int = 0
    requirements: int = 0
    hotlines: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_editor_changes: list[str] = field(default_factory=list)


@dataclass
class ArticleFile:
    slug: str
    topic: str
    language: str
    title: str
    summary: str
    body: str
    sources: list[str]
    last_reviewed: date
    translation: str = ""
    path: Path | None = None


def parse_article(text: str, path: Path | None = None) -> ArticleFile:
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(f"{path}: front matter must start with ---")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration as exc:
        raise ContentError(f"{path}: front matter is not closed with ---") from exc
    meta: dict[str, str] = {}
    sources: list[str] = []
    for line in lines[1:end]:
        if not line.strip():
            continue
        if ":" not in line:
            raise ContentError(f"{path}: bad front matter line {line!r}")
        key, value = line.split(":", 1)
        key, value = key.strip(), value.strip()
        if key == "source":
            sources.append(value)
        else:
            meta[key] = value
    missing = {"slug", "topic", "language", "title", "summary", "last_reviewed"} - set(meta)
    if missing:
        raise ContentError(f"{path}: missing {sorted(missing)}")
    if meta["language"] not in Language.values:
        raise ContentError(f"{path}: language must be id or en")
    return ArticleFile(
        slug=meta["slug"],
        topic=meta["topic"],
        language=meta["language"],
        title=meta["title"],
        summary=meta["summary"],
        body="\n".join(lines[end + 1 :]).strip() + "\n",
        sources=sources,
        last_reviewed=date.fromisoformat(meta["last_reviewed"]),
        translation=meta.get("translation", ""),
        path=path,
    )


def _load_data(content_dir: Path):
    path = content_dir / "data.py"
    spec = importlib.util.spec_from_file_location(f"edukasi_content_data_{abs(hash(str(path)))}", path)
    if spec is None or spec.loader is None:
        raise ContentError(f"{path} cannot be read")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _str(entry: dict, key: str) -> str:
    value = entry.get(key)
    return "" if value is None else str(value)


def _load_topics(data, report: LoadReport) -> None:
    for entry in getattr(data, "TOPICS", []):
        Topic.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "name_en": _str(entry, "name_en"),
                "description": _str(entry, "description"),
                "description_en": _str(entry, "description_en"),
                "order": entry.get("order", 0),
            },
        )
        report.topics += 1


def _load_fees(data, report: LoadReport) -> None:
    codes = [e["code"] for e in getattr(data, "FEES", [])]
    order_of = {code: i for i, code in enumerate(dict.fromkeys(codes))}
    for entry in getattr(data, "FEES", []):
        effective = date.fromisoformat(entry["effective_date"])
        existing = Fee.objects.filter(code=entry["code"], effective_date=effective).first()
        if existing is not None and existing.created_by_id is not None:
            continue  # entered by an editor: theirs to keep
        values = {
            "service": entry["service"],
            "service_en": _str(entry, "service_en"),
            "validity_years": entry.get("validity_years"),
            "amount": int(entry["amount"]),
            "legal_basis": _str(entry, "legal_basis"),
            "note": _str(entry, "note"),
            "note_en": _str(entry, "note_en"),
            "source": _str(entry, "source"),
            "order": order_of[entry["code"]],
        }
        Fee.objects.update_or_create(code=entry["code"], effective_date=effective, defaults=values)
        report.fees += 1
    # A seed row the content no longer lists (a corrected date) goes, unless an editor entered it.
    listed = {(e["code"], date.fromisoformat(e["effective_date"])) for e in getattr(data, "FEES", [])}
    stale = [
        fee.pk
        for fee in Fee.objects.filter(code__in=order_of, created_by__isnull=True)
        if (fee.code, fee.effective_date) not in listed
    ]
    Fee.objects.filter(pk__in=stale).delete()


def _load_requirements(data, report: LoadReport) -> None:
    for index, entry in enumerate(getattr(data, "REQUIREMENTS", [])):
        if entry["situation"] not in Requirement.Situation.values:
            raise ContentError(f"unknown situation {entry['situation']!r}")
        requirement = Requirement.objects.filter(situation=entry["situation"]).first()
        if requirement is not None and requirement.updated_by_id is not None:
            continue
        requirement, _created = Requirement.objects.update_or_create(
            situation=entry["situation"],
            defaults={
                "title": entry["title"],
                "title_en": _str(entry, "title_en"),
                "legal_basis": _str(entry, "legal_basis"),
                "source": _str(entry, "source"),
                "order": index,
            },
        )
        requirement.items.all().delete()
        RequirementItem.objects.bulk_create(
            RequirementItem(
                requirement=requirement,
                order=i,
                text=item["text"],
                text_en=_str(item, "text_en"),
                note=_str(item, "note"),
                note_en=_str(item, "note_en"),
            )
            for i, item in enumerate(entry.get("items", []))
        )
        report.requirements += 1


def _load_hotlines(data, report: LoadReport) -> None:
    for entry in getattr(data, "HOTLINES", []):
        if entry.get("channel", "phone") not in Hotline.Channel.values:
            raise ContentError(f"unknown hotline channel {entry.get('channel')!r}")
        existing = Hotline.objects.filter(channel=entry.get("channel", "phone"), dial=entry["dial"]).first()
        if existing is not None and existing.updated_by_id is not None:
            continue
        Hotline.objects.update_or_create(
            channel=entry.get("channel", "phone"),
            dial=entry["dial"],
            defaults={
                "name": entry["name"],
                "name_en": _str(entry, "name_en"),
                "number": entry["number"],
                "hours": _str(entry, "hours"),
                "hours_en": _str(entry, "hours_en"),
                "note": _str(entry, "note"),
                "note_en": _str(entry, "note_en"),
                "source": _str(entry, "source"),
                "order": entry.get("order", 0),
            },
        )
        report.hotlines += 1


def _content_of(item: ArticleFile) -> services.ArticleContent:
    return services.ArticleContent(
        title=item.title,
        summary=item.summary,
        body=item.body,
        sources="\n".join(item.sources),
        last_reviewed=item.last_reviewed,
    )


def _load_article(item: ArticleFile, topics: dict[str, Topic], report: LoadReport) -> Article:
    topic = topics.get(item.topic)
    if topic is None:
        raise ContentError(f"{item.path}: unknown topic {item.topic!r}")
    article = Article.objects.filter(slug=item.slug).first()
    if article is None:
        article = services.article_create(
            by=None, topic=topic, slug=item.slug, language=item.language, content=_content_of(item), note=SEED_NOTE
        )
        # The seed is reviewed content: it goes through the workflow straight to the public.
        services.article_submit(article=article, by=None)
        services.article_publish(article=article, by=None)
        report.created.append(item.slug)
        return article
    latest = article.revisions.order_by("-number").first()
    if latest is not None and latest.author_id is not None:
        report.kept_editor_changes.append(item.slug)
        return article
    if article.status == Article.Status.ARCHIVED:
        report.unchanged.append(item.slug)
        return article
    article, changed = services.article_update(
        article=article, by=None, content=_content_of(item), topic=topic, note=SEED_NOTE
    )
    (report.updated if changed else report.unchanged).append(item.slug)
    return article


def read_articles(content_dir: Path) -> list[ArticleFile]:
    files = sorted((content_dir / "articles").glob("*/*.md"))
    items = [parse_article(path.read_text(encoding="utf-8"), path) for path in files]
    for item in items:
        if item.path is not None and item.path.parent.name != item.language:
            raise ContentError(f"{item.path}: language {item.language} but folder {item.path.parent.name}")
    return items


@transaction.atomic
def load_guidance(content_dir: Path | str | None = None) -> LoadReport:
    content_dir = Path(content_dir) if content_dir else CONTENT_DIR
    if not (content_dir / "data.py").exists():
        raise ContentError(_("Berkas %(path)s tidak ditemukan.") % {"path": content_dir / "data.py"})
    data = _load_data(content_dir)
    report = LoadReport()
    _load_topics(data, report)
    _load_fees(data, report)
    _load_requirements(data, report)
    _load_hotlines(data, report)
    items = read_articles(content_dir)
    topics = {t.slug: t for t in Topic.objects.all()}
    loaded = {item.slug: _load_article(item, topics, report) for item in items}
    for item in items:
        if not item.translation:
            continue
        article, other = loaded[item.slug], loaded.get(item.translation)
        if other is None:
            other = Article.objects.filter(slug=item.translation).first()
        if other is None or other.language == article.language:
            raise ContentError(f"{item.path}: translation {item.translation!r} not found in the other language")
        article.refresh_from_db(fields=["translation"])
        if article.translation_id != other.pk:
            services._link(article, other)
    caching.invalidate()
    transaction.on_commit(caching.invalidate)
    return report
