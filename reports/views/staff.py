"""Office staff: the verification queue, the decision on one log, and the overview of the office's units."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from desabinaan.lib.errors import DomainError, add_to_form
from desabinaan.lib.http import AuthenticatedHttpRequest
from desabinaan.lib.periods import quarter_bounds, quarter_of
from villages.roles import roles_of

from ..forms.activities import QueueFilterForm, ReviewForm, today
from ..models import Activity
from ..permissions.activities import can_review_activity, can_use_staff_queue
from ..selectors.activities import (
    QUIET_AFTER_DAYS,
    activity_get_for_user,
    quarter_label,
    staff_overview_rows,
    staff_overview_units,
    staff_queue,
    staff_units_for,
)
from ..services.activities import activity_return, activity_verify

PER_PAGE = 25


def staff_queue_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_use_staff_queue(request.user):
        raise PermissionDenied
    units = staff_units_for(request.user).select_related("region").order_by("region__name", "school_name")
    form = QueueFilterForm(request.GET or None, units=units)
    status = 200
    if form.is_bound and not form.is_valid():
        qs, status = Activity.objects.none(), 400
    else:
        qs = staff_queue(request.user, **(form.filters() if form.is_bound else {}))
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/staff_queue.html",
        {"form": form, "page": page, "query": query.urlencode()},
        status=status,
    )


@require_POST
def activity_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = activity_get_for_user(request.user, pk)
    if not can_review_activity(request.user, activity):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "verify":
                activity_verify(activity=activity, by=request.user)
                messages.success(request, _("Kegiatan diverifikasi."))
            else:
                activity_return(activity=activity, by=request.user, comment=form.cleaned_data["comment"])
                messages.success(request, _("Kegiatan dikembalikan ke petugas dengan catatan Anda."))
            return redirect("reports:staff_queue")
        except DomainError as error:
            status = add_to_form(form, error)
            activity.refresh_from_db()
    return render(
        request,
        "reports/activity_detail.html",
        {
            "activity": activity,
            "photos": list(activity.photos.all()),
            "topics": list(activity.topics.all()),
            "events": list(activity.events.select_related("actor")[:20]),
            "can_edit": False,
            "can_review": activity.status == Activity.Status.SUBMITTED,
            "review_form": form,
        },
        status=status,
    )


def staff_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_use_staff_queue(request.user):
        raise PermissionDenied
    now = today()
    page = Paginator(staff_overview_units(request.user), 50).get_page(request.GET.get("page"))
    start, end = quarter_bounds(*quarter_of(now))
    return render(
        request,
        "reports/staff_overview.html",
        {
            "page": page,
            "rows": staff_overview_rows(list(page.object_list), today=now),
            "quarter": quarter_label(now),
            "quarter_start": start,
            "quarter_end": end,
            "quiet_days": QUIET_AFTER_DAYS,
            "many_offices": len(roles_of(request.user).staff_office_ids) > 1,
        },
    )
