"""The region picker (``/wilayah/cari/``): server-side search over the national register, no JavaScript.

Other forms send staff here with ``?next=<their URL>``; "Pilih" goes back to that URL with
``region=<code>`` added to its query string.
"""

from math import ceil
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme

from ..forms_regions import RegionSearchForm
from ..models import Region
from ..permissions import is_office_staff
from ..regions import regions_search, regions_with_trail

PAGE_SIZE = 20
# Nobody pages through thousands of villages to pick one, and a deep OFFSET costs half a second on the
# national table: past this page the user is asked to narrow the search instead.
MAX_PAGES = 50


class CappedPaginator(Paginator):
    @cached_property
    def num_pages(self) -> int:
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, self.count - self.orphans)
        return min(ceil(hits / self.per_page), MAX_PAGES)


def _allowed_next(request: HttpRequest) -> str:
    """The ``next`` parameter when it points back into this site, else an empty string."""
    candidate = request.GET.get("next", "")
    if (
        candidate
        and "\x00" not in candidate
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return ""


def _default_next() -> str:
    try:
        return reverse("my_home")
    except NoReverseMatch:
        return reverse("home")


def _with_region(url: str, code: str) -> str:
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "region"]
    query.append(("region", code))
    return urlunsplit(parts._replace(query=urlencode(query)))


def region_search(request: HttpRequest) -> HttpResponse:
    if not is_office_staff(request.user):
        raise PermissionDenied
    form = RegionSearchForm(request.GET)
    filters = form.narrowing()
    # After bad input the page shows the message and no list: a list that ignores the input would mislead.
    regions = regions_search(**filters) if form.is_valid() else Region.objects.none()
    page = CappedPaginator(regions, PAGE_SIZE).get_page(request.GET.get("page"))
    next_param = _allowed_next(request)
    next_url = next_param or _default_next()
    results = [(region, _with_region(next_url, region.code)) for region in regions_with_trail(page.object_list)]
    searched = any(filters.values()) or bool(form.errors)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "villages/region_search.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "results": results,
            "next_url": next_url,
            "next_param": next_param,
            "searched": searched,
            "capped": page.paginator.count > MAX_PAGES * PAGE_SIZE,
            "shown_max": MAX_PAGES * PAGE_SIZE,
        },
        status=400 if form.errors else 200,
    )
