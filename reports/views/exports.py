"""Exports of activities (the filters on screen apply) and the explicit export of incidents."""

import io
import uuid
from typing import cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from desabinaan.lib.downloads import file_response
from desabinaan.lib.http import AuthenticatedHttpRequest

from ..exporters import activities as activity_export
from ..exporters.activities import ActivityExporter
from ..exporters.incidents import IncidentExporter
from ..forms.exports import ActivityFilterForm
from ..forms.summaries import DashboardFilterForm
from ..permissions.summaries import can_export_incidents, can_report
from ..selectors.activities import activities_visible_to
from ..selectors.summaries import export_job_get_for_user, incident_export_offices_for
from ..services.exports import export_jobs_fail_stale, export_request, incidents_export
from .files import CSV, XLSX, streamed_file

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
        "inline_limit": activity_export.XLSX_INLINE_LIMIT,
    }
    return render(request, "reports/export_activities.html", context)


def export_activities_csv(request: AuthenticatedHttpRequest) -> HttpResponse | StreamingHttpResponse:
    form = _filters(request, request.GET)
    if not form.is_valid():
        return _invalid(request, form)
    exporter = ActivityExporter(form.activities())
    return file_response(exporter.csv(), filename=f"{_file_stem(form)}.csv", content_type=CSV)


def export_activities_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse | StreamingHttpResponse:
    form = _filters(request, request.GET)
    if not form.is_valid():
        return _invalid(request, form)
    activities = form.activities()
    count = activities.count()
    if count > activity_export.XLSX_INLINE_LIMIT:
        # Too large for a request: offer to build it in the background (a POST, so nothing runs on a GET).
        context = {"form": form, "count": count, "params": form.as_params(), "client_token": uuid.uuid4()}
        return render(request, "reports/export_large.html", context)
    workbook = io.BytesIO()
    ActivityExporter(activities).xlsx(workbook, total=count)
    return file_response(workbook.getvalue(), filename=f"{_file_stem(form)}.xlsx", content_type=XLSX)


@require_POST
def export_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = _filters(request, request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    try:
        token = uuid.UUID(request.POST.get("client_token", ""))
    except ValueError:
        token = None
    job = export_request(by=request.user, params=form.as_params(), client_token=token)
    return redirect(job)


def export_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    export_jobs_fail_stale()
    job = export_job_get_for_user(request.user, pk)
    return render(
        request, "reports/export_detail.html", {"job": job, "refresh": REFRESH_SECONDS if job.is_pending else None}
    )


def export_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    job = export_job_get_for_user(request.user, pk)
    if job.state != job.State.DONE or not job.file:
        raise Http404
    return streamed_file(job.file, content_type=XLSX)


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
    _job, incidents = incidents_export(
        by=request.user, office=office, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    filename = f"laporan-kejadian-{office.slug}-{stamp}.csv"
    # Confidential reports: kept by no cache at all, the browser's included.
    return file_response(IncidentExporter(incidents).csv(), filename=filename, content_type=CSV, no_store=True)
