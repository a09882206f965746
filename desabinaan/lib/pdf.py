"""The one WeasyPrint call site: HTML in, PDF bytes out, with a fetcher that reads ``/static/`` from disk.

Every print template (poster, leaflet, summary) links its stylesheet and fonts as ``/static/...``; they
resolve against ``BASE_URL`` and reach ``StaticFetcher``, which serves them from the static files finders
(or ``STATIC_ROOT``) and refuses everything else: no network, no ``file:`` URLs, no ``/media/``, no ``..``.
A render therefore needs no web server and leaks nothing, and works on a task worker.
"""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# WeasyPrint reports every layout step at INFO; a worker's log needs its warnings only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# A host that can never resolve: relative URLs in print templates become https://pdf.invalid/static/...
BASE_URL = "https://pdf.invalid/"


class StaticFetcher(URLFetcher):
    """Serves ``/static/`` under ``BASE_URL`` from disk and ``data:`` URIs; refuses every other URL."""

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
        if not url.startswith(prefix):
            raise ValueError(f"PDF resources come from /static/ only, not {url}")
        relative = unquote(urlsplit(url).path).removeprefix(settings.STATIC_URL)
        if ".." in Path(relative).parts or relative.startswith("/"):
            raise ValueError(f"no static file {relative}")
        path = Path(finders.find(relative) or (Path(settings.STATIC_ROOT) / relative))
        if not path.is_file():
            raise ValueError(f"no static file {relative}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFetcher()).write_pdf()


def qr_png_data_uri(payload: str, *, scale: int = 10, border: int = 4) -> str:
    """``payload`` as a QR code (error correction M), a PNG data URI: crisp when printed large (posters)."""
    return segno.make(payload, error="m", micro=False).png_data_uri(scale=scale, border=border)


def qr_svg_data_uri(payload: str, *, scale: int = 4, border: int = 2) -> str:
    """``payload`` as a QR code (error correction M), an SVG data URI: small and sharp at any size."""
    return segno.make(payload, error="m", micro=False).svg_data_uri(scale=scale, border=border)
