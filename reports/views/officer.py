"""The unit officer's home: per unit, this quarter's figures, the latest logs and one clear button."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from desabinaan.lib.http import AuthenticatedHttpRequest
from desabinaan.lib.periods import quarter_bounds, quarter_of

from ..forms.activities import today
from ..permissions.activities import can_log_any_activity
from ..selectors.activities import officer_home_cards, quarter_label
from ..selectors.incidents import recent_incidents_by


def officer_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_log_any_activity(request.user):
        raise PermissionDenied
    now = today()
    start, end = quarter_bounds(*quarter_of(now))
    return render(
        request,
        "reports/officer_home.html",
        {
            "cards": officer_home_cards(request.user, today=now),
            "quarter": quarter_label(now),
            "quarter_start": start,
            "quarter_end": end,
            "incidents": recent_incidents_by(request.user),
        },
    )
