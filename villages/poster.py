"""The A4 wall poster of a desa binaan: a pure renderer, data in, PDF bytes out.

The print template (``villages/pdf/poster.html``) has its own base and ``css/pdf.css``; WeasyPrint reads
``/static/`` from disk through ``StaticFetcher`` and never opens a network connection.
"""

import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# WeasyPrint resolves relative URLs against this base; the fetcher maps its /static/ paths to files.
PRINT_BASE_URL = "https://print.invalid/"
# Pixels per QR module in the embedded PNG; the image is drawn without smoothing (pdf.css).
QR_SCALE = 10


class StaticFetcher(URLFetcher):
    """Serves ``/static/`` from the static files finders (disk) and ``data:`` URIs; refuses the rest."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = urlsplit(url).path
        if path.startswith(settings.STATIC_URL):
            found = finders.find(path.removeprefix(settings.STATIC_URL))
            if found:
                mime = mimetypes.guess_type(found)[0] or "application/octet-stream"
                return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": mime})
        raise ValueError(f"Not served to the PDF renderer: {url}")


@dataclass(frozen=True)
class Hotline:
    name: str
    number: str
    note: str = ""


@dataclass(frozen=True)
class PosterData:
    unit_name: str
    kind_label: str
    place: str
    office_name: str
    office_phone: str
    office_whatsapp: str
    public_url: str
    messages: list[tuple[str, str]] = field(default_factory=list)
    hotlines: list[Hotline] = field(default_factory=list)


def qr_png_data_uri(url: str) -> str:
    """The QR code for ``url`` as a PNG data URI (black on white, 4-module quiet zone)."""
    return segno.make(url, error="m", micro=False).png_data_uri(scale=QR_SCALE, border=4)


def render_poster(data: PosterData) -> bytes:
    html = render_to_string("villages/pdf/poster.html", {"poster": data, "qr": qr_png_data_uri(data.public_url)})
    return HTML(string=html, base_url=PRINT_BASE_URL, url_fetcher=StaticFetcher()).write_pdf()
