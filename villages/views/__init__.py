from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from ..forms import LoginForm


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


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
    # No request context: the 500 page must render with the database down and nothing else working.
    return HttpResponse(loader.render_to_string("500.html"), status=500)
