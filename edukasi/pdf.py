"""The leaflet PDF of an article: data in, PDF bytes out (WeasyPrint, own print base template)."""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PRINT_BASE_URL = "file:///"


class StaticFetcher(URLFetcher):
    """Serves ``/static/`` from disk (the static files finders); WeasyPrint never goes over the network."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = unquote(urlsplit(url).path)
        if path.startswith(settings.STATIC_URL):
            found = finders.find(path.removeprefix(settings.STATIC_URL))
            if found:
                mime = mimetypes.guess_type(found)[0] or "application/octet-stream"
                return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": mime})
        raise ValueError(f"Not served to the leaflet renderer: {url}")


def render_leaflet(context: dict) -> bytes:
    html = render_to_string("edukasi/pdf/leaflet.html", context)
    return HTML(string=html, base_url=PRINT_BASE_URL, url_fetcher=StaticFetcher()).write_pdf()
