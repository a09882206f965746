"""Public pages of the immigration offices: the list grouped by Kanwil, and one office with its units.

An office's page is a stable public address of the site (``office_public`` in ``desabinaan/urls.py``).
"""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from villages import selectors as registry
from villages.regions import clean_search_text

from .. import caching, permissions, reader

UNITS_PAGE_SIZE = 50


@login_not_required
@caching.cached_public_page(uses_query=True)
def office_list(request: HttpRequest) -> HttpResponse:
    q = clean_search_text(request.GET.get("q", ""))
    offices = list(registry.offices_public(q=q))
    # Each office with its reviewed facts (one query for all): what it issues, how to reach it.
    guides = reader.office_guides(offices)
    return render(request, "edukasi/office_list.html", {"offices": offices, "guides": guides, "q": q})


@login_not_required
@caching.cached_public_page(uses_query=True, pages=True)
def office_detail(request: HttpRequest, slug: str) -> HttpResponse:
    office = registry.office_get_public(slug)
    page = Paginator(registry.office_units_public(office), UNITS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "office": office,
        "guide": reader.office_guide(office),
        "page": page,
        # Its staff and editors get a way to correct it (no query for a visitor without an account).
        "can_edit_facts": permissions.can_propose_office_fact(request.user, office.pk),
    }
    return render(request, "edukasi/office_detail.html", context)
