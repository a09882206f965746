"""The unit officer's pages: the home (per unit, this quarter's figures, the latest logs and one clear button)
and the list of every log of their units."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from desabinaan.lib.http import AuthenticatedHttpRequest
from desabinaan.lib.periods import quarter_bounds, quarter_of

from ..forms.activities import today
from ..forms.activity_list import ActivityListFilterForm
from ..models import Activity
from ..permissions.activities import can_log_any_activity
from ..selectors.activities import (
    first_activity_date_for,
    member_units_for,
    officer_home_cards,
    quarter_label,
    returned_activities_for,
    unit_activities_for,
)
from ..selectors.incidents import recent_incidents_by

PER_PAGE = 25


def officer_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_log_any_activity(request.user):
        raise PermissionDenied
    now = today()
    start, end = quarter_bounds(*quarter_of(now))
    cards = officer_home_cards(request.user, today=now)
    return render(
        request,
        "reports/officer_home.html",
        {
            "cards": cards,
            "many_units": len(cards) > 1,
            "quarter": quarter_label(now),
            "quarter_start": start,
            "quarter_end": end,
            "incidents": recent_incidents_by(request.user),
            "returned": returned_activities_for(request.user),
            "status_legend": Activity.status_legend(),
        },
    )


def activity_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every log of the user's units, newest first, by status, period and (with several units) unit."""
    if not can_log_any_activity(request.user):
        raise PermissionDenied
    units = member_units_for(request.user)
    form = ActivityListFilterForm(
        request.GET or None,
        units=units,
        many_units=len(units) > 1,
        since=first_activity_date_for(request.user),
        today=today(),
    )
    status, filters = 200, {}
    if form.is_bound and not form.is_valid():
        qs, status = Activity.objects.none(), 400
    else:
        filters = form.filters()
        qs = unit_activities_for(request.user, **filters)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/activity_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": status == 400 or any(filters.values()),
            "many_units": len(units) > 1,
            "returned": returned_activities_for(request.user),
            "status_legend": Activity.status_legend(),
        },
        status=status,
    )
