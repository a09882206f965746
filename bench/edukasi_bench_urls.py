"""The portal's URLs plus ``/bench/bare/``: a Django view returning a short response, the yardstick."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import include, path


@login_not_required
def bare(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("desabinaan.urls")),
]
