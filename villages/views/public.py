"""The public side: the directory of active units, a unit's public page and its wall poster."""

import hashlib
import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from ..forms_members import DirectoryFilterForm
from ..public import (
    directory_cities,
    directory_districts,
    directory_units,
    poster_data_for,
    unit_get_public,
    with_contact_links,
)

PAGE_SIZE = 20
POSTER_TIMEOUT = 60 * 60 * 24
# A burst of scans right after a launch: one request renders, the others wait this long for its result.
POSTER_LOCK_SECONDS = 30


@login_not_required
def directory(request: HttpRequest) -> HttpResponse:
    cities = directory_cities()
    city = request.GET.get("kota", "")
    districts = directory_districts(city) if city in dict(cities) else []
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
    units = directory_units(q=filters["q"], city=filters["kota"], district=filters["kecamatan"])
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("halaman"))
    page.object_list = with_contact_links(page.object_list)
    query = request.GET.copy()
    query.pop("halaman", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filtered": any(filters.values()),
        "show_districts": bool(districts),
    }
    return render(request, "villages/directory.html", context, status=status)


@login_not_required
def unit_public(request: HttpRequest, pk: int) -> HttpResponse:
    unit = with_contact_links([unit_get_public(pk)])[0]
    return render(request, "villages/unit_public.html", {"unit": unit})


@login_not_required
def unit_poster(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_get_public(pk)
    site = hashlib.sha256(settings.SITE_URL.encode()).hexdigest()[:12]
    key = f"villages:poster:{unit.pk}:{unit.updated_at.timestamp()}:{get_language()}:{site}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = _render_once(key, unit)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="poster-desa-binaan-{unit.pk}.pdf"'
    response["Cache-Control"] = "public, max-age=600"
    return response


def _render_once(key: str, unit) -> bytes:
    from ..poster import render_poster  # WeasyPrint is heavy to import; only poster requests need it.

    lock = f"{key}:rendering"
    if not cache.add(lock, 1, POSTER_LOCK_SECONDS):
        deadline = time.monotonic() + POSTER_LOCK_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.2)
            pdf = cache.get(key)
            if pdf is not None:
                return pdf
    try:
        pdf = render_poster(poster_data_for(unit, public_url=settings.SITE_URL + unit.get_public_url()))
        cache.set(key, pdf, POSTER_TIMEOUT)
    finally:
        cache.delete(lock)
    return pdf
