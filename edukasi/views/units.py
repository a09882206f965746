"""The public side of the registry: the directory of active units, a unit's public page and its wall poster.

A unit's page and poster are stable public addresses of the site (``unit_public``, ``unit_poster`` in
``desabinaan/urls.py``): printed posters carry the page as a QR code.
"""

import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from villages import selectors as registry
from villages.models import Unit

from .. import caching, poster, reader, selectors
from ..forms import DirectoryFilterForm

PAGE_SIZE = 20
POSTER_TIMEOUT = 60 * 60 * 24
# A burst of scans right after a launch: one request renders, the others wait this long for its result.
POSTER_LOCK_SECONDS = 30


@login_not_required
@caching.cached_public_page(uses_query=True, pages=True)
def directory(request: HttpRequest) -> HttpResponse:
    cities = registry.directory_cities()
    city = request.GET.get("kota", "")
    districts = registry.directory_districts(city) if city in dict(cities) else []
    data = request.GET.copy()
    if data.get("kecamatan", "") not in dict(districts):
        # A district left over from another city: drop it rather than refuse the whole search.
        data.pop("kecamatan", None)
    form = DirectoryFilterForm(data, cities=cities, districts=districts)
    status = 200
    if form.is_valid():
        filters = form.cleaned_data
    else:
        filters, status = {"q": "", "kota": "", "kecamatan": ""}, 400
    units = registry.directory_units(q=filters["q"], city=filters["kota"], district=filters["kecamatan"])
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filtered": any(filters.values()),
        "show_districts": bool(districts),
        "q": filters["q"],
        # A kelurahan that is not a unit: the office serving it and its nearest units, never "0 units" alone.
        "places": reader.directory_places(filters["q"]) if filters["q"] and page.number == 1 else [],
    }
    return render(request, "edukasi/directory.html", context, status=status)


@login_not_required
@caching.cached_public_page
def unit_public(request: HttpRequest, pk: int) -> HttpResponse:
    unit = registry.unit_get_public(pk)
    return render(request, "edukasi/unit_public.html", {"unit": unit, "guide": reader.office_guide(unit.office)})


@login_not_required
def unit_poster(request: HttpRequest, pk: int) -> HttpResponse:
    unit = registry.unit_get_public(pk)
    guide = reader.office_guide(unit.office)
    # The content generation is in the key (caching.key): an editor's change to a hotline makes a new poster;
    # the office's facts and contact fields are in it too, so an office's change reaches its posters at once.
    key = caching.key("poster", unit.pk, unit.updated_at.timestamp(), guide.state, get_language(), settings.SITE_URL)
    pdf = cache.get(key)
    if pdf is None:
        pdf = _render_once(key, unit, guide)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="poster-desa-binaan-{unit.pk}.pdf"'
    response["Cache-Control"] = "public, max-age=600"
    return response


def _render_once(key: str, unit: Unit, guide: reader.OfficeGuide) -> bytes:
    lock = f"{key}:rendering"
    if not cache.add(lock, 1, POSTER_LOCK_SECONDS):
        deadline = time.monotonic() + POSTER_LOCK_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.2)
            pdf = cache.get(key)
            if pdf is not None:
                return pdf
    try:
        data = poster.poster_data_for(
            unit,
            public_url=settings.SITE_URL + unit.get_public_url(),
            hotlines=selectors.hotlines_public(),
            guide=guide,
        )
        pdf = poster.render_poster(data)
        cache.set(key, pdf, POSTER_TIMEOUT)
    finally:
        cache.delete(lock)
    return pdf
