"""The dashboard: the summary's figures and charts on screen, from the same aggregation code."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from ..aggregation import compute_figures
from ..charts import summary_charts
from ..forms.summaries import DashboardFilterForm
from ..permissions.summaries import can_report


def dashboard(request: HttpRequest) -> HttpResponse:
    if not can_report(request.user):
        raise PermissionDenied
    form = DashboardFilterForm(request.GET or None, user=request.user)
    if not form.is_bound:
        form = DashboardFilterForm({}, user=request.user)
    if not form.is_valid():
        return render(request, "reports/dashboard.html", {"form": form}, status=400)
    scope = form.scope()
    figures = compute_figures(scope)
    wanted = ("office", "unit", "start", "end")
    params = {key: value for key, value in request.GET.items() if key in wanted and isinstance(value, str) and value}
    params.setdefault("start", scope.start.isoformat())
    params.setdefault("end", scope.end.isoformat())
    context = {
        "form": form,
        "figures": figures,
        "charts": summary_charts(figures, screen=True),
        "many_offices": len(scope.office_ids) > 1 and scope.unit_id is None,
        "scope": scope,
        "export_query": urlencode(params),
    }
    return render(request, "reports/dashboard.html", context)
