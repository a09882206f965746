"""Read queries of the guidance: what the public sees, and what editors work on."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import (
    REVIEW_AFTER_DAYS,
    Article,
    ArticleEvent,
    ArticleRevision,
    FactChange,
    Fee,
    Hotline,
    Language,
    Requirement,
    RequirementItem,
    Topic,
)

SEARCH_MAX_CHARS = 200
SEARCH_MAX_WORDS = 8


def _language(language: str | None) -> str:
    return Language.EN if (language or "").startswith("en") else Language.ID


# --- Public --------------------------------------------------------------------------------------


def articles_public(*, language: str | None, topic: Topic | None = None) -> QuerySet[Article]:
    """Published articles in the language, plus Indonesian ones that have no visible translation in it."""
    language = _language(language)
    now = timezone.now()
    visible = Article.objects.visible(now)
    if topic is not None:
        visible = visible.filter(topic=topic)
    if language == Language.ID:
        qs = visible.filter(language=Language.ID)
    else:
        translated = Article.objects.visible(now).filter(language=language, translation=OuterRef("pk"))
        qs = visible.filter(Q(language=language) | Q(language=Language.ID) & ~Exists(translated))
    return qs.select_related("topic").order_by("topic__order", "order", "title")


def article_get_public(slug: str) -> Article:
    article = Article.objects.visible().select_related("topic", "translation").filter(slug=slug).first()
    if article is None:
        raise Http404
    return article


def visible_translation(article: Article) -> Article | None:
    other = article.translation
    if other is not None and other.is_visible():
        return other
    return None


def topics_public() -> list[Topic]:
    return list(Topic.objects.all())


def current_fees(on: date | None = None) -> list[Fee]:
    """For every service, the fee with the newest effective date on or before ``on`` (today)."""
    on = on or timezone.localdate()
    rows = Fee.objects.filter(effective_date__lte=on).order_by("code", "-effective_date")
    current: dict[str, Fee] = {}
    for fee in rows:
        current.setdefault(fee.code, fee)
    return sorted(current.values(), key=lambda f: (f.order, f.code))


def fee_history() -> list[Fee]:
    return list(Fee.objects.select_related("created_by").order_by("order", "code", "-effective_date"))


def requirements_with_items() -> list[Requirement]:
    return list(Requirement.objects.prefetch_related(Prefetch("items", RequirementItem.objects.order_by("order"))))


def requirement_get(situation: str) -> Requirement | None:
    return (
        Requirement.objects.filter(situation=situation)
        .prefetch_related(Prefetch("items", RequirementItem.objects.order_by("order")))
        .first()
    )


def hotlines_public() -> list[Hotline]:
    return list(Hotline.objects.filter(is_active=True))


# --- Search --------------------------------------------------------------------------------------


@dataclass
class SearchHit:
    article: Article
    snippet: SafeString


def normalize_query(raw: str) -> str:
    text = re.sub(r"[\x00-\x1f\x7f]", " ", raw or "")
    return re.sub(r"\s+", " ", text).strip()[:SEARCH_MAX_CHARS]


MARK_OPEN, MARK_CLOSE = "\u27e6", "\u27e7"


def _marked_snippet(text: str) -> SafeString:
    """Escape a snippet, then turn our own markers into <mark> (the text itself is never trusted)."""
    out = escape(text).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")
    return mark_safe(out)


def search_articles(raw_query: str, *, language: str | None, limit: int = 20) -> list[SearchHit]:
    query = normalize_query(raw_query)
    if not query:
        return []
    language = _language(language)
    base = Article.objects.visible().filter(language=language).select_related("topic")
    if connection.vendor == "postgresql":
        return _search_postgres(base, query, language, limit)
    return _search_fallback(base, query, limit)


def _search_postgres(base, query: str, language: str, limit: int) -> list[SearchHit]:
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector

    config = "english" if language == Language.EN else "indonesian"
    title = SearchVector("title", config=config)
    summary = SearchVector("summary", config=config)
    vector = (
        SearchVector("title", weight="A", config=config)
        + SearchVector("summary", weight="B", config=config)
        + SearchVector("plain_text", weight="C", config=config)
    )
    search_query = SearchQuery(query, search_type="websearch", config=config)
    # A long body that repeats a word must not outrank the article whose title or summary answers the query:
    # title matches first (the closer title first), then summary matches, then the weighted rank.
    rows = (
        base.annotate(
            document=vector,
            title_doc=title,
            summary_doc=summary,
            rank=SearchRank(vector, search_query, normalization=1),
            title_rank=SearchRank(title, search_query),
        )
        .filter(document=search_query)
        .annotate(
            tier=Case(
                When(title_doc=search_query, then=Value(2)),
                When(summary_doc=search_query, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            headline=SearchHeadline(
                "plain_text",
                search_query,
                config=config,
                start_sel=MARK_OPEN,
                stop_sel=MARK_CLOSE,
                max_words=30,
                min_words=12,
            ),
        )
        .order_by("-tier", "-title_rank", "-rank", "title")[:limit]
    )
    return [SearchHit(article, _whole_words(article.headline, article.plain_text)) for article in rows]


def _whole_words(headline: str, text: str) -> SafeString:
    """The headline widened to whole words of ``text`` at both ends, with an ellipsis where the text goes on."""
    bare = headline.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    at = text.find(bare) if bare else -1
    if at < 0:
        return _marked_snippet(headline)
    start, end = _word_bounds(text, at, at + len(bare))
    snippet = text[start:at] + headline + text[at + len(bare) : end]
    return _marked_snippet(("… " if start else "") + snippet.strip() + (" …" if end < len(text) else ""))


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Move ``start`` back and ``end`` forward so that neither falls inside a word."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def _search_fallback(base, query: str, limit: int) -> list[SearchHit]:
    words = [w for w in re.split(r"[\s\"'()+\-|&!:*]+", query) if w][:SEARCH_MAX_WORDS]
    if not words:
        return []
    qs = base
    in_title, in_summary = Q(), Q()
    for word in words:
        qs = qs.filter(Q(title__icontains=word) | Q(summary__icontains=word) | Q(plain_text__icontains=word))
        in_title &= Q(title__icontains=word)
        in_summary &= Q(summary__icontains=word)
    tier = Case(When(in_title, then=Value(2)), When(in_summary, then=Value(1)), default=Value(0))
    hits = []
    for article in qs.annotate(tier=tier).order_by("-tier", "title")[:limit]:
        hits.append(SearchHit(article, _snippet_around(article.plain_text or article.summary, words)))
    return hits


def _snippet_around(text: str, words: list[str], width: int = 90) -> SafeString:
    lower = text.lower()
    pos = min((p for p in (lower.find(w.lower()) for w in words) if p >= 0), default=0)
    start, end = max(0, pos - width), min(len(text), pos + width * 2)
    # Whole words only: the cut moves forward to the next space at the start and back to the last one at the end.
    if start > 0 and not text[start - 1].isspace():
        space = text.find(" ", start, pos)
        start = space + 1 if space >= 0 else _word_bounds(text, start, start)[0]
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", max(pos, start), end)
        end = space if space > pos else _word_bounds(text, end, end)[1]
    snippet = text[start:end].strip()
    for word in words:
        snippet = re.sub(re.escape(word), lambda m: f"{MARK_OPEN}{m.group(0)}{MARK_CLOSE}", snippet, flags=re.I)
    return _marked_snippet(("… " if start else "") + snippet + (" …" if end < len(text) else ""))


# --- Editors -------------------------------------------------------------------------------------
# Editors see every article and fact; the views let only editors in (``permissions.can_edit_guidance``).


def article_counts_by_status() -> dict[str, int]:
    rows = Article.objects.values_list("status").annotate(n=Count("pk")).order_by()
    return dict(rows)


def articles_for_editor(*, status: str | None = None) -> QuerySet[Article]:
    qs = Article.objects.select_related("topic", "translation").order_by("-updated_at")
    if status:
        qs = qs.filter(status=status)
    return qs


def articles_due_for_review() -> QuerySet[Article]:
    """Articles not archived whose last review is older than ``REVIEW_AFTER_DAYS``, oldest first."""
    cutoff = timezone.localdate() - timedelta(days=REVIEW_AFTER_DAYS)
    return (
        Article.objects.filter(last_reviewed__lt=cutoff)
        .exclude(status=Article.Status.ARCHIVED)
        .select_related("topic")
        .order_by("last_reviewed")
    )


def article_get_for_editor(*, pk: int) -> Article:
    article = Article.objects.select_related("topic", "translation", "created_by").filter(pk=pk).first()
    if article is None:
        raise Http404
    return article


def article_events_recent(*, article: Article, limit: int = 30) -> QuerySet[ArticleEvent]:
    return article.events.select_related("actor")[:limit]


def article_revisions(*, article: Article) -> QuerySet[ArticleRevision]:
    return article.revisions.select_related("author")


def revision_get_for_editor(*, article: Article, number: int) -> ArticleRevision:
    return get_object_or_404(article_revisions(article=article), number=number)


def revision_before(*, article: Article, number: int) -> ArticleRevision | None:
    return article.revisions.filter(number__lt=number).order_by("-number").first()


def fact_changes_recent(*, kind: str, limit: int = 20) -> QuerySet[FactChange]:
    return FactChange.objects.filter(kind=kind).select_related("actor")[:limit]


def requirements_for_editor() -> list[Requirement]:
    """Every requirement list, with its number of items as ``n``."""
    return list(Requirement.objects.annotate(n=Count("items")).select_related("updated_by"))


def requirement_get_or_blank(*, situation: str) -> Requirement:
    """The situation's requirement list, or an unsaved one titled after the situation; 404 for no such situation."""
    if situation not in Requirement.Situation.values:
        raise Http404
    requirement = Requirement.objects.filter(situation=situation).first()
    if requirement is None:
        requirement = Requirement(situation=situation, title=str(Requirement.Situation(situation).label))
    return requirement


def requirement_item_values(*, requirement: Requirement) -> list[dict[str, str]]:
    """The items as form initial data (none for an unsaved list)."""
    if requirement.pk is None:
        return []
    return [
        {"text": item.text, "text_en": item.text_en, "note": item.note, "note_en": item.note_en}
        for item in requirement.items.all()
    ]


def hotlines_for_editor() -> QuerySet[Hotline]:
    return Hotline.objects.all()


def hotline_get_for_editor(*, pk: int) -> Hotline:
    return get_object_or_404(Hotline, pk=pk)
