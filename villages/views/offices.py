"""Public pages of the immigration offices: the list grouped by Kanwil, and one office with its units."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..models import Office, Region, Unit
from ..regions import clean_search_text

UNITS_PAGE_SIZE = 50


def _service_area() -> Prefetch:
    return Prefetch("service_area", queryset=Region.objects.select_related("parent").order_by("code"))


def offices_public(*, q: str = "") -> QuerySet[Office]:
    """Every office with its Kanwil, service area and number of active units, in Kanwil order."""
    qs = (
        Office.objects.select_related("kanwil")
        .prefetch_related(_service_area())
        .annotate(active_units=Count("units", filter=Q(units__status=Unit.Status.ACTIVE)))
        .order_by("kanwil__name", "name")
    )
    if q:
        served = Office.service_area.through.objects.filter(region__name__icontains=q).values("office_id")
        qs = qs.filter(Q(name__icontains=q) | Q(kanwil__name__icontains=q) | Q(pk__in=served))
    return qs


@login_not_required
def office_list(request: HttpRequest) -> HttpResponse:
    q = clean_search_text(request.GET.get("q", ""))
    return render(request, "villages/office_list.html", {"offices": offices_public(q=q), "q": q})


@login_not_required
def office_detail(request: HttpRequest, slug: str) -> HttpResponse:
    office = get_object_or_404(Office.objects.select_related("kanwil").prefetch_related(_service_area()), slug=slug)
    units = (
        Unit.objects.filter(office=office, status=Unit.Status.ACTIVE)
        .select_related("region__parent__parent")
        .order_by("region__parent__parent__name", "region__parent__name", "region__name", "school_name", "pk")
    )
    page = Paginator(units, UNITS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "villages/office_detail.html", {"office": office, "page": page})
