"""Editor screens: articles through their workflow, revisions, and the structured facts."""

import difflib
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from desabinaan.lib.errors import DomainError, add_to_form
from desabinaan.lib.http import AuthenticatedHttpRequest

from .. import permissions, reader, selectors, services
from ..forms import (
    ArticleForm,
    FeeForm,
    HotlineForm,
    OfficeFactForm,
    OfficeFactPublishForm,
    OfficeFactRejectForm,
    OptionalReasonForm,
    PublishForm,
    ReasonForm,
    RequirementForm,
    RequirementItemFormSet,
)
from ..models import Article, ArticleRevision, Hotline, Requirement
from ..rendering import Facts, render_body

__all__ = [
    "article_archive",
    "article_create",
    "article_edit",
    "article_publish",
    "article_return",
    "article_revisions",
    "article_submit",
    "editor_article",
    "editor_home",
    "fee_list",
    "hotline_create",
    "hotline_edit",
    "hotline_list",
    "office_fact_publish",
    "office_fact_reject",
    "office_facts",
    "office_facts_home",
    "requirement_edit",
    "requirement_list",
    "revision_detail",
    "revision_restore",
]


def editor_required(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not permissions.can_edit_guidance(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@editor_required
def editor_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    status = request.GET.get("status") or ""
    if status and status not in Article.Status.values:
        status = ""
    counts = selectors.article_counts_by_status()
    page = Paginator(selectors.articles_for_editor(status=status or None), 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "query": urlencode({"status": status}) if status else "",
        "statuses": [(value, label, counts.get(value, 0)) for value, label in Article.Status.choices],
        "overdue": selectors.articles_due_for_review()[:50],
    }
    return render(request, "edukasi/editor/home.html", context)


def _content(form: ArticleForm) -> services.ArticleContent:
    data = form.cleaned_data
    return services.ArticleContent(
        title=data["title"],
        summary=data["summary"],
        body=data["body"],
        sources=data["sources"],
        last_reviewed=data["last_reviewed"],
    )


def _preview(form: ArticleForm) -> dict:
    return {"title": form.cleaned_data["title"], "body": render_body(form.cleaned_data["body"], Facts())}


@editor_required
def article_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ArticleForm(request.POST or None)
    preview = None
    if request.method == "POST":
        if form.is_valid() and "preview" in request.POST:
            preview = _preview(form)
        elif form.is_valid():
            try:
                article = services.article_create(
                    by=request.user,
                    topic=form.cleaned_data["topic"],
                    slug=form.cleaned_data["slug"],
                    language=form.cleaned_data["language"],
                    content=_content(form),
                    translation=form.cleaned_data["translation"],
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Draf artikel disimpan."))
                return redirect("edukasi:editor_article", pk=article.pk)
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "edukasi/editor/article_form.html", {"form": form, "preview": preview}, status=status)


@editor_required
def article_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    article = selectors.article_get_for_editor(pk=pk)
    if not permissions.can_edit_article(request.user, article):
        messages.error(request, _("Artikel yang diarsipkan tidak dapat diubah. Kembalikan dulu ke draf."))
        return redirect("edukasi:editor_article", pk=article.pk)
    initial = {
        "topic": article.topic_id,
        "language": article.language,
        "slug": article.slug,
        "title": article.title,
        "summary": article.summary,
        "body": article.body,
        "sources": article.sources,
        "last_reviewed": article.last_reviewed,
        "translation": article.translation_id,
        "version": article.version,
    }
    form = ArticleForm(request.POST or None, initial=initial, article=article)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = _preview(form)
        else:
            try:
                _article, changed = services.article_update(
                    article=article,
                    by=request.user,
                    content=_content(form),
                    topic=form.cleaned_data["topic"],
                    translation=form.cleaned_data["translation"],
                    expected_version=form.cleaned_data.get("version"),
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                if changed:
                    messages.success(request, _("Perubahan disimpan sebagai revisi baru."))
                else:
                    messages.info(request, _("Tidak ada perubahan yang perlu disimpan."))
                return redirect("edukasi:editor_article", pk=article.pk)
    status = 400 if request.method == "POST" and form.errors else 200
    context = {"form": form, "article": article, "preview": preview}
    return render(request, "edukasi/editor/article_form.html", context, status=status)


@editor_required
def editor_article(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    article = selectors.article_get_for_editor(pk=pk)
    context = {
        "article": article,
        "body": render_body(article.body, Facts()),
        "events": selectors.article_events_recent(article=article),
        "publish_form": PublishForm(),
        "archive_form": ReasonForm(),
        "return_form": OptionalReasonForm(),
    }
    return render(request, "edukasi/editor/article_detail.html", context)


def _transition(request: AuthenticatedHttpRequest, pk: int, action) -> HttpResponse:
    article = selectors.article_get_for_editor(pk=pk)
    if not permissions.can_publish_article(request.user, article):
        raise PermissionDenied
    try:
        message = action(article)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        if message:
            messages.success(request, message)
    return redirect("edukasi:editor_article", pk=article.pk)


@require_POST
@editor_required
def article_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def action(article):
        services.article_submit(article=article, by=request.user)
        return _("Artikel diajukan untuk ditinjau.")

    return _transition(request, pk, action)


@require_POST
@editor_required
def article_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    form = PublishForm(request.POST)
    if not form.is_valid():
        article = selectors.article_get_for_editor(pk=pk)
        messages.error(request, " ".join(str(e) for e in form.errors.get("publish_at", [])))
        return redirect("edukasi:editor_article", pk=article.pk)

    def action(article):
        published = services.article_publish(
            article=article, by=request.user, publish_at=form.cleaned_data["publish_at"]
        )
        if published.is_scheduled:
            return _("Artikel dijadwalkan terbit.")
        return _("Artikel diterbitkan.")

    return _transition(request, pk, action)


@require_POST
@editor_required
def article_archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tulis alasan pengarsipan."))
        return redirect("edukasi:editor_article", pk=selectors.article_get_for_editor(pk=pk).pk)

    def action(article):
        services.article_archive(article=article, by=request.user, reason=form.cleaned_data["reason"])
        return _("Artikel diarsipkan.")

    return _transition(request, pk, action)


@require_POST
@editor_required
def article_return(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    form = OptionalReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""

    def action(article):
        services.article_return_to_draft(article=article, by=request.user, reason=reason)
        return _("Artikel dikembalikan ke draf.")

    return _transition(request, pk, action)


@editor_required
def article_revisions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    article = selectors.article_get_for_editor(pk=pk)
    page = Paginator(selectors.article_revisions(article=article), 30).get_page(request.GET.get("page"))
    return render(request, "edukasi/editor/revision_list.html", {"article": article, "page": page})


def _diff(old: ArticleRevision | None, new: ArticleRevision | Article) -> list[tuple[str, str]]:
    def lines(obj) -> list[str]:
        if obj is None:
            return []
        head = [f"# {obj.title}", "", obj.summary, ""]
        return [*head, *obj.body.splitlines(), "", *obj.sources.splitlines()]

    rows = []
    for line in difflib.unified_diff(lines(old), lines(new), lineterm="", n=2):
        if line.startswith(("---", "+++")):
            continue
        kind = {"+": "add", "-": "del", "@": "hunk"}.get(line[:1], "same")
        rows.append((kind, line))
    return rows


@editor_required
def revision_detail(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    article = selectors.article_get_for_editor(pk=pk)
    revision = selectors.revision_get_for_editor(article=article, number=number)
    previous = selectors.revision_before(article=article, number=number)
    context = {
        "article": article,
        "revision": revision,
        "previous": previous,
        "diff_previous": _diff(previous, revision),
        "diff_current": _diff(revision, article) if revision.number != article.version else [],
    }
    return render(request, "edukasi/editor/revision_detail.html", context)


@require_POST
@editor_required
def revision_restore(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    article = selectors.article_get_for_editor(pk=pk)
    revision = selectors.revision_get_for_editor(article=article, number=number)
    try:
        services.article_restore_revision(article=article, revision=revision, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("edukasi:revision_detail", pk=article.pk, number=number)
    messages.success(request, _("Revisi %(number)s dipulihkan sebagai revisi baru.") % {"number": number})
    return redirect("edukasi:editor_article", pk=article.pk)


# --- Facts ---------------------------------------------------------------------------------------


@editor_required
def fee_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = FeeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.fee_add(by=request.user, **{k: data[k] for k in FeeForm.Meta.fields})
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Tarif baru dicatat. Tarif lama tetap tersimpan sebagai riwayat."))
            return redirect("edukasi:fee_list")
    current_ids = {f.pk for f in selectors.current_fees()}
    context = {
        "form": form,
        "fees": selectors.fee_history(),
        "current_ids": current_ids,
        "today": timezone.localdate(),
        "changes": selectors.fact_changes_recent(kind="fee"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "edukasi/editor/fee_list.html", context, status=status)


@editor_required
def requirement_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    requirements = selectors.requirements_for_editor()
    situations = {r.situation for r in requirements}
    missing = [(v, label) for v, label in Requirement.Situation.choices if v not in situations]
    return render(request, "edukasi/editor/requirement_list.html", {"requirements": requirements, "missing": missing})


@editor_required
def requirement_edit(request: AuthenticatedHttpRequest, situation: str) -> HttpResponse:
    requirement = selectors.requirement_get_or_blank(situation=situation)
    initial_items = selectors.requirement_item_values(requirement=requirement)
    form = RequirementForm(request.POST or None, instance=requirement)
    formset = RequirementItemFormSet(request.POST or None, initial=initial_items, prefix="items")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        items = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        services.requirement_save(requirement=requirement, by=request.user, fields=form.cleaned_data, items=items)
        messages.success(request, _("Daftar persyaratan disimpan."))
        return redirect("edukasi:requirement_list")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "formset": formset, "requirement": requirement}
    return render(request, "edukasi/editor/requirement_form.html", context, status=status)


@editor_required
def hotline_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "edukasi/editor/hotline_list.html", {"hotlines": selectors.hotlines_for_editor()})


def _hotline_form(request: AuthenticatedHttpRequest, hotline: Hotline | None) -> HttpResponse:
    form = HotlineForm(request.POST or None, instance=hotline)
    if request.method == "POST" and form.is_valid():
        try:
            services.hotline_save(by=request.user, hotline=hotline, fields=form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Layanan pengaduan disimpan."))
            return redirect("edukasi:hotline_list")
    status = 400 if request.method == "POST" else 200
    return render(request, "edukasi/editor/hotline_form.html", {"form": form, "hotline": hotline}, status=status)


@editor_required
def hotline_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _hotline_form(request, None)


@editor_required
def hotline_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _hotline_form(request, selectors.hotline_get_for_editor(pk=pk))


# --- Office facts --------------------------------------------------------------------------------
# Staff of an office and editors propose; an editor or the office's head reviews (never their own).


def office_facts_required(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not permissions.can_work_on_office_facts(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@office_facts_required
def office_facts_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    offices = reader.offices_for_fact_work(request.user, q=q)
    page = Paginator(offices, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "q": reader.clean_search_text(q),
        "query": urlencode({"q": q}) if q else "",
        "pending": reader.office_facts_to_review(request.user)[:50],
    }
    return render(request, "edukasi/editor/office_facts_home.html", context)


@office_facts_required
def office_facts(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    office = reader.office_get_for_fact_work(request.user, slug)
    form = OfficeFactForm(request.POST or None, initial={"effective_date": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if not permissions.can_propose_office_fact(request.user, office.pk):
            raise PermissionDenied
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.office_fact_propose(office=office, by=request.user, **data)
            except DomainError as error:
                status = add_to_form(form, error)
            else:
                messages.success(
                    request, _("Usulan disimpan dan menunggu tinjauan. Warga melihatnya setelah ditinjau.")
                )
                return redirect("edukasi:office_facts", slug=office.slug)
    context = {
        "office": office,
        "guide": reader.office_guide(office),
        "form": form,
        "facts": reader.office_fact_history(office),
        "publish_form": OfficeFactPublishForm(),
        "reject_form": OfficeFactRejectForm(),
    }
    return render(request, "edukasi/editor/office_facts.html", context, status=status)


def _review(request: AuthenticatedHttpRequest, pk: int, action) -> HttpResponse:
    fact = reader.office_fact_get_for_user(request.user, pk)
    if not permissions.can_review_office_fact(request.user, fact):
        raise PermissionDenied
    try:
        message = action(fact)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, message)
    return redirect("edukasi:office_facts", slug=fact.office.slug)


@require_POST
@office_facts_required
def office_fact_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    form = OfficeFactPublishForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""

    def action(fact):
        services.office_fact_publish(fact=fact, by=request.user, note=note)
        return _("Data kantor diterbitkan dan tampil untuk warga.")

    return _review(request, pk, action)


@require_POST
@office_facts_required
def office_fact_reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    form = OfficeFactRejectForm(request.POST)
    if not form.is_valid():
        fact = reader.office_fact_get_for_user(request.user, pk)
        messages.error(request, _("Tulis alasan penolakan."))
        return redirect("edukasi:office_facts", slug=fact.office.slug)

    def action(fact):
        services.office_fact_reject(fact=fact, by=request.user, reason=form.cleaned_data["reason"])
        return _("Usulan ditolak.")

    return _review(request, pk, action)
