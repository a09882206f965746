"""The staff home (``/tugas/``): what waits for this person today."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..permissions import can_open_staff_home, can_propose_any_unit
from ..roles import roles_of
from ..selectors import (
    invitations_pending_for,
    units_awaiting_decision,
    units_proposed_in_progress,
    units_recently_changed,
)

SECTION_SIZE = 10


def _first(qs, size: int = SECTION_SIZE) -> tuple[list, bool]:
    """The first rows of a work list and whether there are more, in one query."""
    rows = list(qs[: size + 1])
    return rows[:size], len(rows) > size


def staff_home(request: HttpRequest) -> HttpResponse:
    if not can_open_staff_home(request.user):
        raise PermissionDenied
    roles = roles_of(request.user)
    awaiting, awaiting_more = _first(units_awaiting_decision(request.user)) if roles.is_head else ([], False)
    own, own_more = _first(units_proposed_in_progress(request.user))
    invitations, invitations_more = _first(invitations_pending_for(request.user))
    recent, _more = _first(units_recently_changed(request.user))
    return render(
        request,
        "villages/staff_home.html",
        {
            "awaiting": awaiting,
            "awaiting_more": awaiting_more,
            "own": own,
            "own_more": own_more,
            "invitations": invitations,
            "invitations_more": invitations_more,
            "recent": recent,
            "is_head": roles.is_head,
            "is_staff": roles.is_office_staff,
            "can_propose": can_propose_any_unit(request.user),
        },
    )
