"""Caching of the public pages: the guidance, the directory of units and the offices.

Every cached page carries a *generation*. Publishing, editing, archiving an article, changing a fee,
requirement or hotline, and any change to a unit, an office or a Kanwil (``edukasi.signals``) bumps the
generation, so every page is rebuilt on its next view. A scheduled article also needs its pages rebuilt when
its time comes: the time of the next scheduled publication is kept next to the generation and the generation
moves on by itself once it has passed.

A page is stored under a key without the generation, as ``{"gen", "body", "headers", "etag", "csrf"}``, and
read together with the generation in ONE ``cache.get_many`` (one ``MGET`` on Redis): the entry is served only
when its ``gen`` is the current one. The state is never kept in the process, so a publish seen by one worker
is seen by the next request to any worker.

Two ways in, one store:

* ``edukasi.middleware.PublicPageCacheMiddleware`` sits right after SecurityMiddleware and WhiteNoise and
  answers a hit before sessions, CSRF, authentication, messages or URL resolution run.
* ``cached_public_page`` on the view serves what the early path could not (a query string it does not know,
  a page that holds a CSRF token) and, on a miss, renders the page; the middleware stores the response on
  its way out, with the headers the lower middleware added (CSP, X-Frame-Options, Content-Language).

The key is the language (as LocaleMiddleware picks it), the path, the reader's office (``kantor`` cookie)
and, for views that page through a list, ``page=N``. Tracking parameters (``fbclid``, ``utm_*``) never
defeat the cache. Only visitors without a session or pending messages get the shared copy.
"""

import hashlib
import re
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified, QueryDict
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.http import parse_etags
from django.utils.translation import get_language

STATE_KEY = "edukasi:state"
PAGE_PREFIX = "edukasi:page:"
PAGE_TIMEOUT = 60 * 10
# Rendered into cached pages in place of the CSRF token, and replaced by the visitor's own on the way out.
CSRF_SENTINEL = "edukasi-csrf-sentinel-7f1c"
# The reader's office (the fee, checklist and M-Paspor pages show its details): an Office slug.
KANTOR_COOKIE = "kantor"
# An office slug as the cookie and the ``?kantor=`` parameter may carry it (edukasi/reader.py uses it too).
OFFICE_SLUG = re.compile(r"[a-z0-9-]{1,80}")
# Added by links shared in WhatsApp, Facebook, newsletters: they never change a page.
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "gbraid", "wbraid", "dclid", "msclkid", "igshid", "twclid", "ttclid", "mc_cid", "mc_eid"}
)
TRACKING_PREFIXES = ("utm_", "_ga", "_gl")
# Choose the reader's office: the views redirect them to the bare path, so never answer them from the cache.
RESERVED_PARAMS = frozenset({"kantor", "kelurahan"})
# Numbered pages of a list (``?page=N``) cached for views that allow it; higher pages are rendered each time.
MAX_CACHED_PAGE = 20
# Where the decorated public views live: the early path looks up nothing elsewhere (the login page, the
# bare signed-in pages), so those pay no cache read. A cached view elsewhere is still served by its decorator.
PUBLIC_PREFIXES = ("/edukasi/", "/direktori/", "/kantor/")
# Browsers and proxies keep the page but ask every time (``If-None-Match``): a publish shows at once.
CACHE_CONTROL = "no-cache"
VARY = "Cookie, Accept-Language"
# Headers of the stored response that are the cache's own business, set again on every answer.
_OWN_HEADERS = frozenset({"vary", "cache-control", "etag", "content-length", "expires", "last-modified"})


def _next_scheduled_timestamp() -> float | None:
    from .models import Article

    upcoming = (
        Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    return upcoming.timestamp() if upcoming else None


def _current(state: dict | None) -> bool:
    return state is not None and (state["until"] is None or timezone.now().timestamp() < state["until"])


def generation() -> int:
    state = cache.get(STATE_KEY)
    if not _current(state):
        gen = (state["gen"] + 1) if state else int(timezone.now().timestamp() * 1000)
        state = {"gen": gen, "until": _next_scheduled_timestamp()}
        cache.set(STATE_KEY, state, None)
    return state["gen"]


def invalidate() -> None:
    """Every public page is rebuilt on its next view (call after a commit that changes content)."""
    state = cache.get(STATE_KEY)
    gen = (state["gen"] + 1) if state else int(timezone.now().timestamp() * 1000)
    cache.set(STATE_KEY, {"gen": gen, "until": _next_scheduled_timestamp()}, None)
    cache.delete_many([footer_key(code) for code, _name in settings.LANGUAGES])


def bump() -> None:
    """Move the generation on without looking for scheduled articles: no query, for many rows in a row."""
    state = cache.get(STATE_KEY)
    if state is not None:  # without a state no page is current anyway
        cache.set(STATE_KEY, {**state, "gen": state["gen"] + 1}, None)


def footer_key(language: str | None) -> str:
    # Outside the generation scheme so that the footer, shown on every page of the portal, costs no
    # query even on the first page after a restart (reading the generation may need one).
    return f"edukasi:footer-hotlines:{language}"


def key(*parts: object) -> str:
    raw = ":".join(str(p) for p in parts)
    return f"edukasi:{generation()}:{hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()}"


# --- the shared copy of a public page ------------------------------------------------------------------


def anonymous(request: HttpRequest) -> bool:
    """A GET or HEAD by a visitor without a session or pending messages: the shared copy is theirs."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def kantor(request: HttpRequest) -> str:
    """The reader's office slug from the ``kantor`` cookie, or "" when absent or malformed."""
    value = request.COOKIES.get(KANTOR_COOKIE, "")
    return value if OFFICE_SLUG.fullmatch(value) else ""


def page_query(query_string: str) -> str | None:
    """The part of the query string a cached page may depend on.

    "" when there is nothing but tracking parameters, ``page=N`` for a page number up to MAX_CACHED_PAGE
    (with or without tracking parameters), None for anything else (a search, a filter, a form's answers).
    """
    if not query_string:
        return ""
    kept = ""
    for name, values in QueryDict(query_string).lists():
        if name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES):
            continue
        if name != "page" or kept or len(values) != 1:
            return None
        value = values[0]
        if not (value.isascii() and value.isdigit() and len(value) <= 3 and 1 <= int(value) <= MAX_CACHED_PAGE):
            return None
        kept = f"page={int(value)}"
    return kept


def page_key(language: str | None, path: str, office: str, query: str) -> str:
    raw = f"{language}\n{path}\n{office}\n{query}"
    return PAGE_PREFIX + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def lookup(page: str) -> tuple[dict | None, dict | None]:
    """The generation state and the page's entry if it is current (else None): one cache round trip."""
    found = cache.get_many([STATE_KEY, page])
    state, entry = found.get(STATE_KEY), found.get(page)
    if entry is None or not _current(state) or entry["gen"] != state["gen"]:  # type: ignore[index]
        entry = None
    return state, entry


def respond(request: HttpRequest, entry: dict) -> HttpResponseBase:
    """The stored page for this visitor: 304 when their copy is current, else the page."""
    etag = entry["etag"]
    if etag and request.method in ("GET", "HEAD"):
        wanted = request.META.get("HTTP_IF_NONE_MATCH")
        if wanted and (etag in parse_etags(wanted) or wanted.strip() == "*"):
            response: HttpResponseBase = HttpResponseNotModified()
            response["ETag"] = etag
            response["Cache-Control"] = CACHE_CONTROL
            response["Vary"] = VARY
            return response
    body = entry["body"]
    if entry["csrf"]:
        body = body.replace(CSRF_SENTINEL.encode(), get_token(request).encode())
    response = HttpResponse(body)
    for name, value in entry["headers"]:
        response[name] = value
    if etag:
        response["ETag"] = etag
        response["Cache-Control"] = CACHE_CONTROL
    else:  # a page carrying this visitor's CSRF token
        response["Cache-Control"] = "private, no-cache"
    response["Vary"] = VARY
    return response


def store(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """Keep a freshly rendered page (marked by ``cached_public_page``) and answer with the stored copy.

    Called with the response as the outermost layer the cache sees it: the early middleware's, so that the
    headers of the middleware below it are kept with the page.
    """
    pending = getattr(request, "edukasi_page_pending", None)
    if pending is None:
        return response
    request.edukasi_page_pending = None  # type: ignore[attr-defined]
    cookies = set(response.cookies) - {settings.CSRF_COOKIE_NAME}
    if response.status_code != 200 or response.streaming or cookies or "Set-Cookie" in response:
        return response
    page, gen, raw = pending
    csrf = CSRF_SENTINEL.encode() in raw
    entry = {
        "gen": gen,
        "body": raw,
        "headers": [(k, v) for k, v in response.items() if k.lower() not in _OWN_HEADERS],
        "etag": "" if csrf else f'"{hashlib.md5(raw, usedforsecurity=False).hexdigest()}"',
        "csrf": csrf,
    }
    cache.set(page, entry, PAGE_TIMEOUT)
    if csrf:
        # The visitor's token is already in the response, and CsrfViewMiddleware set its cookie.
        response["Cache-Control"] = "private, no-cache"
        response["Vary"] = VARY
        return response
    return respond(request, entry)


def cached_public_page(view: Callable | None = None, *, uses_query: bool = False, pages: bool = False) -> Callable:
    """Serve a public page from the cache for anonymous visitors; the view renders on a miss.

    The key is the path (with the language and the reader's office): links shared in WhatsApp or Facebook
    arrive with tracking parameters (``?fbclid=...``) that must not defeat the cache. A view that reads its
    query string says ``uses_query=True`` and is cached only when the query string holds nothing but
    tracking parameters, or, with ``pages=True``, a page number up to MAX_CACHED_PAGE.
    """
    if view is None:
        return lambda v: cached_public_page(v, uses_query=uses_query, pages=pages)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not anonymous(request):
            return view(request, *args, **kwargs)
        raw_query = request.META.get("QUERY_STRING", "")
        if raw_query and RESERVED_PARAMS.intersection(request.GET):
            return view(request, *args, **kwargs)
        query = ""
        if uses_query:
            wanted = page_query(raw_query)
            if wanted is None or (wanted and not pages):
                return view(request, *args, **kwargs)
            query = wanted
        page = page_key(get_language(), request.path, kantor(request), query)
        state, entry = lookup(page)
        if entry is not None:
            return respond(request, entry)
        gen = state["gen"] if _current(state) else generation()  # type: ignore[index]
        request.edukasi_cacheable = True  # type: ignore[attr-defined]  # read back by render_context
        # The language form sends the visitor back here: the path without tracking parameters.
        request.edukasi_page_next = request.path + (f"?{query}" if query else "")  # type: ignore[attr-defined]
        token_used = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.streaming:
            return response
        raw = response.content
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False) and not token_used:
            return response  # a real token went into the page (not through render_context): never share it
        request.edukasi_page_pending = (page, gen, raw)  # type: ignore[attr-defined]
        if CSRF_SENTINEL.encode() in raw:
            response.content = raw.replace(CSRF_SENTINEL.encode(), get_token(request).encode())
        if getattr(request, "edukasi_early", False):
            return response  # the middleware stores it on the way out, with every header
        return store(request, response)

    return wrapper


def render_context(request: HttpRequest, context: dict) -> dict:
    """The view's context, with the CSRF sentinel when the page is going into the shared cache."""
    if getattr(request, "edukasi_cacheable", False):
        return {**context, "csrf_token": CSRF_SENTINEL}
    return context
