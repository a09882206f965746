"""Field mode: what an officer's browser needs to keep working on a weak or absent connection.

The service worker and the web app manifest are public (they hold no one's data; a browser fetches a manifest
without cookies); the worker's scope is the reports prefix, and it only ever handles the officer's own pages
(home, log list, log form) and the static assets listed here. The session endpoint tells a syncing browser who is
signed in and hands it a fresh CSRF token, so that an outbox item is only ever sent for its own author.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from functools import lru_cache

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from desabinaan.lib.http import AuthenticatedHttpRequest

from ..models import Activity
from ..permissions.activities import can_log_any_activity

# Static files the officer's pages need with no connection; the worker keeps these and nothing else of /static/.
OFFLINE_ASSETS = (
    "vendor/bootstrap/bootstrap.min.css",
    "css/app.css",
    "img/favicon.svg",
    "js/field.js",
    "js/signout.js",
    "manifest/icon-192.png",
)
SW_SOURCE = "js/field-sw.js"
# The response header that tells the worker whose form it may keep (the page is cached per user).
FIELD_USER_HEADER = "X-Field-User"


@lru_cache(maxsize=1)
def _sw_source() -> str:
    path = finders.find(SW_SOURCE)
    if not path:  # pragma: no cover - the file ships with the app
        raise FileNotFoundError(SW_SOURCE)
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def officer_pages() -> list[str]:
    return [reverse("reports:officer_home"), reverse("reports:activity_list"), reverse("reports:activity_create")]


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    config = {
        "assets": [static(name) for name in OFFLINE_ASSETS],
        "pages": officer_pages(),
        "form": reverse("reports:activity_create"),
        "userHeader": FIELD_USER_HEADER,
    }
    source = _sw_source()
    version = hashlib.sha256((json.dumps(config, sort_keys=True) + source).encode()).hexdigest()[:12]
    config["version"] = version
    body = f"const FIELD_CONFIG = {json.dumps(config)};\n{source}"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # Always checked again with the server, so a new version of the worker reaches the phone at the next visit.
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    home = reverse("reports:officer_home")
    data = {
        "name": _("Desa Binaan Imigrasi: kegiatan petugas"),
        "short_name": _("Kegiatan DBI"),
        "description": _("Catat kegiatan desa binaan, juga tanpa sinyal."),
        "lang": request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else "id",
        "start_url": home,
        "scope": home,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b3a6e",
        "icons": [
            {"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("manifest/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("manifest/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def field_session(request: AuthenticatedHttpRequest) -> JsonResponse:
    """Who is signed in, and a CSRF token for the outbox's POST (the CSRF cookie is not readable by scripts);
    with ``?token=``, whether this user's log with that client token is stored (then the outbox need not send
    the photos again)."""
    if not can_log_any_activity(request.user):
        response = JsonResponse({"error": _("Anda tidak dapat mencatat kegiatan.")}, status=403)
    else:
        data: dict[str, object] = {"user": request.user.pk, "csrf": get_token(request)}
        try:
            token = uuid.UUID(request.GET.get("token", ""))
        except ValueError:
            token = None
        if token is not None:
            # Did a log sent by this browser arrive? Only this author's logs are looked at.
            data["stored"] = Activity.objects.filter(author=request.user, client_token=token).exists()
        response = JsonResponse(data)
    response["Cache-Control"] = "no-store"
    return response
