"""Who is asking, and the login throttle built on it.

``client_address`` is the one answer to "which address is this client" for django-axes and for the
form rate limits. Behind ``PROXY_COUNT`` reverse proxies, each of which appends (or, like the shipped nginx,
sets) the address it received the request from, the client is the ``PROXY_COUNT``-th entry of
``X-Forwarded-For`` counted from the right: everything to the left of it was written by the client and can
be forged. Without a proxy the header is ignored altogether.

The login throttle (``LoginThrottleHandler``) counts failures in the database, as django-axes does, with
two limits instead of one:

- a username from one address is locked after ``AXES_FAILURE_LIMIT`` failures: a guesser cannot go on,
  while the same person signing in from another address (or another person from this address) still can;
- an address is locked after ``LOGIN_ADDRESS_FAILURE_LIMIT`` failures over any usernames (password
  spraying), a higher number because one office or school network may share an address.

A successful login clears only that username's failures from that address, so logging in to an account of
one's own does not wipe the count against someone else's. Failures during a lockout are not counted
(``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False``), so the lock ends on time.
"""

import ipaddress
from datetime import datetime

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_address(request: HttpRequest) -> str | None:
    """The client's address: behind ``PROXY_COUNT`` proxies, the hop the outermost proxy saw.

    ``None`` when there is no valid address (a malformed header never reaches the database's ``inet`` column).
    """
    candidate = request.META.get("REMOTE_ADDR", "")
    if proxies := settings.PROXY_COUNT:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        candidate = hops[-proxies] if len(hops) >= proxies else ""
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


class LoginThrottleHandler(AxesDatabaseHandler):
    """django-axes' database handler with a per-(username, address) and a per-address limit."""

    def _recent(self, request: HttpRequest) -> QuerySet[AccessAttempt]:
        return AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))

    def _pair_and_address(self, request: HttpRequest, credentials: dict | None) -> tuple[Q, Q]:
        username = get_client_username(request, credentials)
        address = request.axes_ip_address  # type: ignore[attr-defined]  # set by django-axes before the handler runs
        return Q(username=username, ip_address=address), Q(ip_address=address)

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """Failures measured against ``AXES_FAILURE_LIMIT``; an address over its own limit counts as full."""
        pair, address = self._pair_and_address(request, credentials)
        totals = self._recent(request).aggregate(
            pair=Sum("failures_since_start", filter=pair), address=Sum("failures_since_start", filter=address)
        )
        failures = totals["pair"] or 0
        if (totals["address"] or 0) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            failures = max(failures, settings.AXES_FAILURE_LIMIT)
        return failures

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        pair, _address = self._pair_and_address(request, credentials)
        count, _ = AccessAttempt.objects.filter(pair).delete()
        return count

    def locked_until(self, request: HttpRequest, credentials: dict | None = None) -> datetime | None:
        """When the lock that refused this request ends: the cool-off after the last failure counted."""
        pair, address = self._pair_and_address(request, credentials)
        last = self._recent(request).filter(pair | address).aggregate(last=Max("attempt_time"))["last"]
        cool_off = get_cool_off(request)
        return last + cool_off if last and cool_off else None


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """The lockout page, saying when signing in from here may be tried again."""
    context = {
        "locked_until": LoginThrottleHandler().locked_until(request, credentials),
        "cool_off": get_cool_off(request),
    }
    return render(request, "registration/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
