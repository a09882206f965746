"""Public guidance pages: no login, cached for anonymous visitors, no JavaScript needed."""

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from desabinaan.lib.ratelimit import rate_limit

from .. import caching, reader, selectors
from ..forms import ChecklistForm, SearchForm
from ..joboffer import JobOfferForm
from ..models import Article, Requirement, Topic
from ..pdf import render_leaflet
from ..rendering import Facts, render_body

# Full-text search is the one public page that always reaches the database: a burst from one address is cut.
SEARCH_LIMIT_PER_MINUTE = 60

__all__ = [
    "article_detail",
    "article_leaflet",
    "checklist",
    "fees",
    "home",
    "hotlines",
    "job_check",
    "legal_path",
    "mpaspor",
    "search",
    "topic_detail",
]


def _render(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    return render(request, template, caching.render_context(request, context), status=status)


def _language() -> str:
    return get_language() or "id"


@login_not_required
@require_safe
@caching.cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    articles = list(selectors.articles_public(language=_language()))
    topics = selectors.topics_public()
    by_topic: dict[int, list[Article]] = {t.pk: [] for t in topics}
    for article in articles:
        by_topic.setdefault(article.topic_id, []).append(article)
    sections = [(t, by_topic.get(t.pk, [])) for t in topics]
    return _render(request, "edukasi/home.html", {"sections": sections, "search_form": SearchForm()})


@login_not_required
@require_safe
@caching.cached_public_page
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    articles = selectors.articles_public(language=_language(), topic=topic)
    return _render(request, "edukasi/topic_detail.html", {"topic": topic, "articles": articles})


@login_not_required
@require_safe
@caching.cached_public_page
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = selectors.article_get_public(slug)
    other = selectors.visible_translation(article)
    if other is not None and article.language != _language()[:2] and other.language == _language()[:2]:
        return redirect(other)
    facts = Facts(language=article.language)
    context = {
        "article": article,
        "body": render_body(article.body, facts),
        "translation": other,
        "related": selectors.articles_public(language=_language(), topic=article.topic).exclude(pk=article.pk)[:5],
    }
    return _render(request, "edukasi/article_detail.html", context)


@login_not_required
@require_safe
def article_leaflet(request: HttpRequest, slug: str) -> HttpResponse:
    article = selectors.article_get_public(slug)
    # Keyed by the article's version and the content generation, so an edit or a fee change makes a new one.
    key = caching.key("leaflet", article.pk, article.version, _language())
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_leaflet(
            {
                "article": article,
                "body": render_body(article.body, Facts(language=article.language)),
                "url": request.build_absolute_uri(article.get_absolute_url()),
            }
        )
        cache.set(key, pdf, 60 * 60 * 24)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{article.slug}.pdf"'
    return response


def _office_context(request: HttpRequest, fees: list | None = None) -> dict:
    """The reader's office (cookie ``kantor``), its facts, and the passport answer for it."""
    context = reader.reader_context(request)
    fees = selectors.current_fees() if fees is None else fees
    context["fees"] = reader.fees_for(context["guide"], fees)
    context["answer"] = reader.passport_answer(context["guide"], fees)
    return context


@login_not_required
@require_safe
@reader.office_choice
@caching.cached_public_page
def mpaspor(request: HttpRequest) -> HttpResponse:
    topic = Topic.objects.filter(slug="paspor").first()
    related = selectors.articles_public(language=_language(), topic=topic) if topic else []
    return _render(request, "edukasi/mpaspor.html", {"related": related, **_office_context(request)})


@login_not_required
@require_safe
@caching.cached_public_page
def legal_path(request: HttpRequest) -> HttpResponse:
    topic = Topic.objects.filter(slug="bekerja-aman").first()
    related = selectors.articles_public(language=_language(), topic=topic) if topic else []
    context = {"related": related, "requirement": selectors.requirement_get(Requirement.Situation.CALON_PMI)}
    return _render(request, "edukasi/legal_path.html", context)


@login_not_required
@require_safe
@reader.office_choice
@caching.cached_public_page(uses_query=True)
def checklist(request: HttpRequest) -> HttpResponse:
    office = _office_context(request)
    if "situation" not in request.GET:
        return _render(request, "edukasi/checklist.html", {"form": ChecklistForm(), **office})
    form = ChecklistForm(request.GET)
    if not form.is_valid():
        return _render(request, "edukasi/checklist.html", {"form": form, **office}, status=400)
    requirement = selectors.requirement_get(form.cleaned_data["situation"])
    # The office picker keeps the situation, so choosing an office does not lose the list.
    context = {"form": form, "requirement": requirement, "situation": form.cleaned_data["situation"], **office}
    return _render(request, "edukasi/checklist.html", context)


@login_not_required
@require_safe
@reader.office_choice
@caching.cached_public_page
def fees(request: HttpRequest) -> HttpResponse:
    current = selectors.current_fees()
    current_ids = {f.pk for f in current}
    history = [f for f in selectors.fee_history() if f.pk not in current_ids]
    context = _office_context(request, current)
    # A caution shared by several rows (the start date the sources differ on) is said once, under the table.
    context["shared_notes"] = reader.split_shared_notes(context["fees"])
    return _render(request, "edukasi/fees.html", {**context, "history": history})


@login_not_required
@require_safe
@caching.cached_public_page(uses_query=True)
def job_check(request: HttpRequest) -> HttpResponse:
    if not request.GET:
        return _render(request, "edukasi/job_check.html", {"form": JobOfferForm()})
    form = JobOfferForm(request.GET)
    if not form.is_valid():
        return _render(request, "edukasi/job_check.html", {"form": form}, status=400)
    context = {
        "form": form,
        "signs": form.warning_signs(),
        "unknowns": form.unknowns(),
        "checked": True,
        "hotlines": selectors.hotlines_public(),
    }
    return _render(request, "edukasi/job_check.html", context)


@login_not_required
@require_safe
@caching.cached_public_page
def hotlines(request: HttpRequest) -> HttpResponse:
    return _render(request, "edukasi/hotlines.html", {"hotlines": selectors.hotlines_public()})


@login_not_required
@require_safe
@rate_limit(scope="edukasi_search", limit=SEARCH_LIMIT_PER_MINUTE, window=60, methods=("GET", "HEAD"))
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.query()
    hits = selectors.search_articles(query, language=_language()) if query else []
    return render(request, "edukasi/search.html", {"form": form, "query": query, "hits": hits})
