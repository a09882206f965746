"""Summaries: the list with the form to generate one, the progress page, the download."""

import uuid

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from desabinaan.lib.http import AuthenticatedHttpRequest

from ..forms.summaries import SummaryForm
from ..permissions.summaries import can_generate_summary, can_report
from ..selectors.summaries import summaries_visible_to, summary_get_for_user
from ..services.summaries import summaries_fail_stale, summary_regenerate, summary_request
from .files import streamed_file

PAGE_SIZE = 25
REFRESH_SECONDS = 3


def summary_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_report(request.user):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = SummaryForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            if not can_generate_summary(request.user, office=data["office"], unit=data["unit"]):
                raise PermissionDenied
            summary = summary_request(
                by=request.user,
                office=data["office"],
                unit=data["unit"],
                period_kind=data["period_kind"],
                start=data["period_start"],
                end=data["period_end"],
                include_appendix=data["include_appendix"],
                language=get_language(),
                client_token=data["client_token"],
            )
            return redirect(summary)
        status = 400
    else:
        form = SummaryForm(user=request.user)
    summaries_fail_stale()
    page = Paginator(summaries_visible_to(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/summary_list.html", {"form": form, "page": page}, status=status)


def summary_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    summaries_fail_stale()
    summary = summary_get_for_user(request.user, pk)
    context = {
        "summary": summary,
        "refresh": REFRESH_SECONDS if summary.is_pending else None,
        "client_token": uuid.uuid4(),
    }
    return render(request, "reports/summary_detail.html", context)


def summary_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    summary = summary_get_for_user(request.user, pk)
    if not summary.is_done:
        raise Http404
    return streamed_file(summary.file, content_type="application/pdf")


@require_POST
def summary_regenerate_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    summary = summary_get_for_user(request.user, pk)
    if not can_generate_summary(request.user, office=summary.office, unit=summary.unit):
        raise PermissionDenied
    try:
        token = uuid.UUID(request.POST.get("client_token", ""))
    except ValueError:
        token = None
    return redirect(summary_regenerate(summary=summary, by=request.user, client_token=token))
