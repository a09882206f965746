"""Caching of the public guidance pages.

Every cached page carries a *generation* in its key. Publishing, editing, archiving an article or
changing a fee, requirement or hotline bumps the generation, so every page is rebuilt on its next view.
A scheduled article also needs its pages rebuilt when its time comes: the time of the next scheduled
publication is kept next to the generation and the generation moves on by itself once it has passed.
Reading the generation costs one cache read and no query.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

STATE_KEY = "edukasi:state"
PAGE_TIMEOUT = 60 * 10
# Rendered into cached pages in place of the CSRF token, and replaced by the visitor's own on the way out.
CSRF_SENTINEL = "edukasi-csrf-sentinel-7f1c"


def _next_scheduled_timestamp() -> float | None:
    from .models import Article

    upcoming = (
        Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    return upcoming.timestamp() if upcoming else None


def generation() -> int:
    state = cache.get(STATE_KEY)
    now = timezone.now().timestamp()
    if state is None or (state["until"] is not None and now >= state["until"]):
        gen = (state["gen"] + 1) if state else int(now * 1000)
        state = {"gen": gen, "until": _next_scheduled_timestamp()}
        cache.set(STATE_KEY, state, None)
    return state["gen"]


def invalidate() -> None:
    """Every public guidance page is rebuilt on its next view (call after a commit that changes content)."""
    state = cache.get(STATE_KEY)
    gen = (state["gen"] + 1) if state else int(timezone.now().timestamp() * 1000)
    cache.set(STATE_KEY, {"gen": gen, "until": _next_scheduled_timestamp()}, None)
    cache.delete_many([footer_key(code) for code, _name in settings.LANGUAGES])


def footer_key(language: str | None) -> str:
    # Outside the generation scheme so that the footer, shown on every page of the portal, costs no
    # query even on the first page after a restart (reading the generation may need one).
    return f"edukasi:footer-hotlines:{language}"


def key(*parts: object) -> str:
    raw = ":".join(str(p) for p in parts)
    return f"edukasi:{generation()}:{hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()}"


def _cacheable(request: HttpRequest, *, uses_query: bool) -> bool:
    # Only visitors without a session or pending messages get the shared copy: a signed-in user's page
    # differs (menu, messages), and looking at the cookies costs no session query.
    return (
        request.method in ("GET", "HEAD")
        and not (uses_query and request.GET)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cached_public_page(view: Callable | None = None, *, uses_query: bool = False) -> Callable:
    """Serve a public page from the cache for anonymous visitors; the view renders on a miss.

    The key is the path alone: links shared in WhatsApp or Facebook arrive with tracking parameters
    (``?fbclid=...``) that must not defeat the cache. A view that reads its query string says
    ``uses_query=True`` and is cached only when the query string is empty.
    """
    if view is None:
        return lambda v: cached_public_page(v, uses_query=uses_query)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable(request, uses_query=uses_query):
            return view(request, *args, **kwargs)
        page_key = key("page", get_language(), request.path)
        hit = cache.get(page_key)
        if hit is None:
            request.edukasi_cacheable = True  # type: ignore[attr-defined]  # read back by render_context
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            hit = (response.content, response["Content-Type"])
            cache.set(page_key, hit, PAGE_TIMEOUT)
        content, content_type = hit
        response = HttpResponse(content.replace(CSRF_SENTINEL.encode(), get_token(request).encode()), content_type)
        response["Vary"] = "Cookie, Accept-Language"
        return response

    return wrapper


def render_context(request: HttpRequest, context: dict) -> dict:
    """The view's context, with the CSRF sentinel when the page is going into the shared cache."""
    if getattr(request, "edukasi_cacheable", False):
        return {**context, "csrf_token": CSRF_SENTINEL}
    return context
