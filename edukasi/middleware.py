"""The early answer for cached public pages (see ``edukasi.caching``).

Placed right after SecurityMiddleware and WhiteNoise: a hit for an anonymous visitor costs the cookie and
Accept-Language parsing, the host check and ONE cache read (the generation and the page together), and none
of the session, locale, CSRF, authentication, messages, clickjacking, CSP and axes middleware, nor URL
resolution. On a miss the request goes down the stack as usual; the view's ``cached_public_page`` renders
the page and this middleware stores it on the way out, with the headers the middleware below added.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import get_language_from_request

from . import caching


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request.edukasi_early = True  # type: ignore[attr-defined]  # read by cached_public_page
        if request.path.startswith(caching.PUBLIC_PREFIXES) and caching.anonymous(request):
            query = caching.page_query(request.META.get("QUERY_STRING", ""))
            if query is not None:
                # As CommonMiddleware would: a request for a host not in ALLOWED_HOSTS is refused (400).
                request.get_host()
                # As LocaleMiddleware picks it (no i18n_patterns): cookie, then Accept-Language, then default.
                language = get_language_from_request(request)
                page = caching.page_key(language, request.path, caching.kantor(request), query)
                _state, entry = caching.lookup(page)
                if entry is not None and not entry["csrf"]:
                    return caching.respond(request, entry)
        return caching.store(request, self.get_response(request))
