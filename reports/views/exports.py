"""Exports of activities (the filters on screen apply) and the explicit export of incidents."""

import uuid
from typing import cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from desabinaan.lib.http import AuthenticatedHttpRequest

from ..forms.exports import ActivityFilterForm
from ..forms.summaries import DashboardFilterForm
from ..permissions.summaries import can_export_incidents, can_report
from ..selectors.activities import activities_visible_to
from ..selectors.summaries import export_job_get_for_user, incident_export_offices_for
from ..services import exports as service

PREVIEW_SIZE = 20
REFRESH_SECONDS = 3


def _filters(request: AuthenticatedHttpRequest, data) -> ActivityFilterForm:
    if not can_report(request.user):
        raise PermissionDenied
    return ActivityFilterForm(data, user=request.user)


def _invalid(request: AuthenticatedHttpRequest, form: ActivityFilterForm) -> HttpResponse:
    return render(request, "reports/export_activities.html", {"form": form}, status=400)


def _file_stem(form: ActivityFilterForm) -> str:
    data = form.cleaned_data
    return f"kegiatan-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}"


def export_activities(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The filter page: how many activities match, the first few, and the download buttons."""
    form = _filters(request, request.GET or {})
    if not form.is_valid():
        return _invalid(request, form)
    activities = form.activities()
    preview = list(activities.select_related("unit__region", "office").order_by("-date", "-pk")[:PREVIEW_SIZE])
    context = {
        "form": form,
        "count": activities.count(),
        "preview": preview,
        # Each row links to the log's page where the user may open it (a superuser exports without a page).
        "readable": set(
            activities_visible_to(request.user).filter(pk__in=[a.pk for a in preview]).values_list("pk", flat=True)
        ),
        "query": urlencode(form.as_params()),
        "inline_limit": service.XLSX_INLINE_LIMIT,
    }
    return render(request, "reports/export_activities.html", context)


def export_activities_csv(request: AuthenticatedHttpRequest) -> HttpResponse | StreamingHttpResponse:
    form = _filters(request, request.GET)
    if not form.is_valid():
        return _invalid(request, form)
    response = StreamingHttpResponse(
        service.csv_lines(service.activity_rows(form.activities())), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_stem(form)}.csv"'
    response["Cache-Control"] = "private"
    return response


def export_activities_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = _filters(request, request.GET)
    if not form.is_valid():
        return _invalid(request, form)
    activities = form.activities()
    count = activities.count()
    if count > service.XLSX_INLINE_LIMIT:
        # Too large for a request: offer to build it in the background (a POST, so nothing runs on a GET).
        context = {"form": form, "count": count, "params": form.as_params(), "client_token": uuid.uuid4()}
        return render(request, "reports/export_large.html", context)
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={
            "Content-Disposition": f'attachment; filename="{_file_stem(form)}.xlsx"',
            "Cache-Control": "private",
        },
    )
    service.write_xlsx(service.activity_rows(activities), response, title=_("Kegiatan"), total=count)
    return response


@require_POST
def export_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = _filters(request, request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    try:
        token = uuid.UUID(request.POST.get("client_token", ""))
    except ValueError:
        token = None
    job = service.export_request(by=request.user, params=form.as_params(), client_token=token)
    return redirect(job)


def export_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    service.export_jobs_fail_stale()
    job = export_job_get_for_user(request.user, pk)
    return render(
        request, "reports/export_detail.html", {"job": job, "refresh": REFRESH_SECONDS if job.is_pending else None}
    )


def export_download(request: AuthenticatedHttpRequest, pk: int) -> StreamingHttpResponse:
    job = export_job_get_for_user(request.user, pk)
    if job.state != job.State.DONE or not job.file:
        raise Http404
    return service.download_response(
        job.file, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def export_incidents(request: AuthenticatedHttpRequest) -> HttpResponse | StreamingHttpResponse:
    """A separate, explicit action: a page that warns, then a POST that records the export and sends it."""
    offices = incident_export_offices_for(request.user)
    if not offices.exists():
        raise PermissionDenied
    form = DashboardFilterForm(request.POST if request.method == "POST" else (request.GET or {}), user=request.user)
    office_field = cast(forms.ModelChoiceField, form.fields["office"])
    office_field.queryset = offices
    office_field.required = True
    office_field.empty_label = None
    del form.fields["unit"]
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "reports/export_incidents.html", {"form": form}, status=status)
    office = form.cleaned_data["office"]
    if not can_export_incidents(request.user, office):
        raise PermissionDenied
    _job, incidents = service.incidents_export(
        by=request.user, office=office, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
    )
    response = StreamingHttpResponse(
        service.csv_lines(service.incident_rows(incidents)), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="laporan-kejadian-{office.slug}-{stamp}.csv"'
    # Confidential reports: kept by no cache at all, the browser's included.
    response["Cache-Control"] = "private, no-store"
    return response
