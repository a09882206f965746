"""Confidential incident reports: the officer reports, the office's staff handle; every view is logged."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from desabinaan.lib.errors import DomainError, add_to_form
from desabinaan.lib.http import AuthenticatedHttpRequest

from ..forms.activities import today
from ..forms.incidents import IncidentForm, IncidentStepForm
from ..models import Incident
from ..permissions.incidents import can_handle_incident, can_list_incidents, can_report_incident
from ..selectors.activities import loggable_units_for
from ..selectors.incidents import incident_get_for_user, incident_list_for
from ..services.incidents import STEPS, incident_record_view, incident_report, incident_step


def incident_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_list_incidents(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status not in Incident.Status.values:
        status = ""
    page = Paginator(incident_list_for(request.user, status=status), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/incident_list.html",
        {
            "page": page,
            "status": status,
            "status_query": f"status={status}" if status else "",
            "statuses": Incident.Status.choices,
            "can_report": can_report_incident(request.user),
        },
    )


def incident_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_report_incident(request.user):
        raise PermissionDenied
    units = loggable_units_for(request.user)
    form = IncidentForm(request.POST or None, units=units, today=today())
    status = 400
    if request.method == "POST":
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("unit", "client_token")}
            try:
                incident, created = incident_report(
                    by=request.user,
                    unit=form.cleaned_data["unit"],
                    data=data,
                    client_token=form.cleaned_data.get("client_token"),
                )
            except DomainError as error:
                status = add_to_form(form, error)
            else:
                if created:
                    messages.success(request, _("Laporan terkirim. Petugas Kantor Imigrasi akan menindaklanjutinya."))
                return redirect(incident)
        return render(request, "reports/incident_form.html", {"form": form}, status=status)
    return render(request, "reports/incident_form.html", {"form": form})


def _detail(request: AuthenticatedHttpRequest, incident: Incident, step_form=None, status: int = 200) -> HttpResponse:
    incident_record_view(incident=incident, by=request.user)
    can_handle = can_handle_incident(request.user, incident)
    steps = [action for action, (allowed, _to) in STEPS.items() if incident.status in allowed] if can_handle else []
    return render(
        request,
        "reports/incident_detail.html",
        {
            "incident": incident,
            "events": list(incident.events.select_related("actor")),
            "views": list(incident.views.select_related("user")[:20]) if can_handle else [],
            "steps": steps,
            "step_form": step_form or IncidentStepForm(),
        },
        status=status,
    )


def incident_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, incident_get_for_user(request.user, pk))


@require_POST
def incident_step_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    incident = incident_get_for_user(request.user, pk)
    if not can_handle_incident(request.user, incident):
        raise PermissionDenied
    form = IncidentStepForm(request.POST)
    if form.is_valid():
        try:
            incident_step(incident=incident, by=request.user, **form.cleaned_data)
        except DomainError as error:
            status = add_to_form(form, error)
            incident.refresh_from_db()
            return _detail(request, incident, form, status=status)
        messages.success(request, _("Status laporan diperbarui."))
        return redirect(incident)
    return _detail(request, incident, form, status=400)
