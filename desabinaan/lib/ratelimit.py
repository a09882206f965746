"""A small rate limit for public forms, counted in Django's cache.

In production the cache is Redis, so every web node shares the counters; a fixed window per key keeps the
cost to two cache calls a request. Login is not limited here: django-axes already counts failed logins in
the database.

Usage::

    @rate_limit(scope="password_reset", limit=5, window=15 * 60, account=lambda request: request.POST.get("email"))
    def password_reset(request): ...

Only the listed methods (POST by default) are counted: reading a form never uses up an attempt. The setting
``RATELIMIT_ENABLED = False`` switches every limit off (the hostile-input sweep does, to reach the forms).
"""

import functools
import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .throttle import client_address

KEY_PREFIX = "ratelimit"


def _digest(value: str) -> str:
    # Keys stay short and safe for any cache (memcached refuses spaces and long keys) whatever was typed.
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def hit(key: str, *, window: int) -> int:
    """Count one attempt under ``key`` in the current window and return the count so far."""
    bucket = f"{KEY_PREFIX}:{key}:{int(time.time() // window)}"
    # add() is atomic on Redis and local memory: the first request of a window creates the counter.
    cache.add(bucket, 0, timeout=window + 1)
    try:
        return cache.incr(bucket)
    except ValueError:
        # The counter expired between add() and incr(): this is the first attempt of a new window.
        cache.set(bucket, 1, timeout=window + 1)
        return 1


def rate_limit(
    *,
    scope: str,
    limit: int,
    window: int,
    account: Callable[..., str | None] | None = None,
    methods: tuple[str, ...] = ("POST",),
):
    """Allow ``limit`` requests per ``window`` seconds from one address (and, with ``account``, for one account).

    ``account(request, *args, **kwargs)`` names the account an attempt is aimed at (an e-mail address, an
    invitation token); attempts on one account are counted across all addresses, so rotating addresses
    does not help. Past the limit the view is not called and the client gets the 429 page.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method in methods and getattr(settings, "RATELIMIT_ENABLED", True):
                keys = [f"{scope}:ip:{_digest(client_address(request) or 'unknown')}"]
                if account is not None:
                    name = account(request, *args, **kwargs)
                    if isinstance(name, str) and name.strip():
                        keys.append(f"{scope}:account:{_digest(name.strip().casefold())}")
                # Count every key before deciding, so an address cannot probe an account's budget for free.
                counts = [hit(key, window=window) for key in keys]
                if max(counts) > limit:
                    return too_many_requests(request, retry_after=window)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def too_many_requests(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    minutes = max(1, round(retry_after / 60))
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
