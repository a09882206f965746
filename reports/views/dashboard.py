"""The dashboard: the summary's figures and charts on screen, from the same aggregation code."""

from typing import cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from villages.roles import roles_of

from ..aggregation import dashboard_figures, figures_key
from ..charts import UNIT_CHART_LIMIT, summary_charts
from ..forms.summaries import DashboardFilterForm
from ..permissions.summaries import can_report

UNIT_ROWS = 100  # the table's rows (templates/reports/dashboard.html); one office at a time for all of them


def dashboard(request: HttpRequest) -> HttpResponse:
    if not can_report(request.user):
        raise PermissionDenied
    form = DashboardFilterForm(request.GET or None, user=request.user)
    if not form.is_bound:
        form = DashboardFilterForm({}, user=request.user)
    if not form.is_valid():
        _narrow_unit_choices(request, form)
        _plain_office_choices(form)
        return render(request, "reports/dashboard.html", {"form": form}, status=400)
    _narrow_unit_choices(request, form)
    _plain_office_choices(form)
    scope = form.scope()
    key = figures_key(scope, rows=UNIT_ROWS, bars=UNIT_CHART_LIMIT)
    # The template keeps the rendered figures under this key (the per-unit table and the charts were two thirds
    # of the page's time); the figures and charts are computed only when that fragment is not in the cache.
    figures = SimpleLazyObject(lambda: dashboard_figures(scope, rows=UNIT_ROWS, bars=UNIT_CHART_LIMIT, key=key))
    wanted = ("office", "unit", "start", "end")
    params = {key: value for key, value in request.GET.items() if key in wanted and isinstance(value, str) and value}
    params.setdefault("start", scope.start.isoformat())
    params.setdefault("end", scope.end.isoformat())
    context = {
        "form": form,
        "figures_key": key,
        "figures": figures,
        "charts": SimpleLazyObject(lambda: summary_charts(figures, screen=True)),
        "many_offices": len(scope.office_ids) > 1 and scope.unit_id is None,
        "scope": scope,
        "export_query": urlencode(params),
    }
    return render(request, "reports/dashboard.html", context)


def _plain_office_choices(form: DashboardFilterForm) -> None:
    """The office select's options as plain (id, name) rows, once the form has been validated.

    A ``ModelChoiceField`` builds an ``Office`` (and its Kanwil) for each of the 151 options on every view:
    a quarter of the national dashboard's time once its figures come from the cache. Validation has already
    used the queryset; the options need only the id and the name (``Office.__str__``).
    """
    field = cast(forms.ModelChoiceField, form.fields["office"])
    assert field.queryset is not None
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = empty + list(field.queryset.order_by("name").values_list("pk", "name"))


def _narrow_unit_choices(request: HttpRequest, form: DashboardFilterForm) -> None:
    """Offer the units of the chosen office only: not every unit the user may see.

    The national list holds 2,000 units: rendering them as options cost 1.1 s of a 1.6 s page, for a list
    nobody scrolls. A user with several offices picks one first; one office's units are then offered.
    (The whole queryset was already used to check a unit sent in the request.)
    """
    field = cast(forms.ModelChoiceField, form.fields["unit"])
    units = field.queryset
    assert units is not None  # set by the form from the user's scope
    data = getattr(form, "cleaned_data", {})
    office, unit = data.get("office"), data.get("unit")
    office_id = office.pk if office is not None else (unit.office_id if unit is not None else None)
    if office_id is not None:
        field.queryset = units.filter(office_id=office_id)
        return
    roles = roles_of(request.user)
    if roles.is_superuser or roles.oversight_national or roles.oversight_kanwil_ids or len(roles.staff_office_ids) > 1:
        field.queryset = units.none()
        # The bound field copied the help text when the form was validated: set both.
        field.help_text = form["unit"].help_text = _(
            "Pilih satu kantor lalu tekan Tampilkan untuk memilih desa binaan."
        )
