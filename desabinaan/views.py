"""The site's own pages: home, each person's own home, health check, sign-in and the error pages (no app owns them)."""

import sys

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from desabinaan.lib.http import AuthenticatedHttpRequest
from desabinaan.lib.middleware import database_unavailable_response

from .forms import LoginForm
from .homes import landing_url, task_page_for


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def my_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where sign-in and the brand link lead: the person's own home, or the task page that gathers their work."""
    target = landing_url(request.user)
    if target is not None:
        return redirect(target)
    return render(request, "my_home.html", {"page": task_page_for(request.user)})


@login_not_required
def health(request: HttpRequest) -> HttpResponse:
    """For the reverse proxy and monitoring: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


class PortalLoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


@login_not_required
@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


@login_not_required
@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


@login_not_required
@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    unavailable = database_unavailable_response(sys.exc_info()[1])
    if unavailable is not None:
        return unavailable
    # No request context: the 500 page must render with the database down and nothing else working.
    return HttpResponse(loader.render_to_string("500.html"), status=500)
