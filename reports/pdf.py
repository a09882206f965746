"""The summary PDF: data in, PDF bytes out. No database access, no request, no storage.

WeasyPrint gets a URL fetcher that reads ``/static/`` from disk and refuses everything else, so a render
never makes an HTTP request (not even to this portal) and works on a worker without a web server.
"""

from __future__ import annotations

import logging
import mimetypes
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .aggregation import Figures
from .charts import summary_charts

# WeasyPrint reports every layout step at INFO; a worker's log needs its warnings only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

PDF_BASE_URL = "https://pdf.invalid/"
STYLESHEET = "css/summary_pdf.css"


@dataclass(frozen=True)
class Letterhead:
    kanwil: str
    office: str
    address: str
    phone: str = ""
    email: str = ""
    website: str = ""


@dataclass(frozen=True)
class Signatory:
    name: str
    nip: str


@dataclass(frozen=True)
class SummaryDocument:
    """Everything printed on a summary, already decided: the renderer only lays it out."""

    language: str
    letterhead: Letterhead
    scope_name: str
    period_label: str
    figures: Figures
    signatory: Signatory
    generated_at: datetime
    generated_by: str
    verification_code: str
    verification_url: str
    include_appendix: bool = False
    unit_scope: bool = False
    timings: dict[str, float] = field(default_factory=dict, compare=False)


class StaticFileFetcher(URLFetcher):
    """Serves ``/static/`` from the finders (or STATIC_ROOT) and ``data:`` URLs; refuses the rest."""

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        prefix = PDF_BASE_URL.rstrip("/") + settings.STATIC_URL
        if not url.startswith(prefix):
            raise ValueError(f"PDF resources come from /static/ only, not {url}")
        relative = url[len(prefix) :].split("?", 1)[0]
        if ".." in Path(relative).parts:
            raise ValueError(f"no static file {relative}")
        path = Path(finders.find(relative) or (Path(settings.STATIC_ROOT) / relative))
        if not path.is_file():
            raise ValueError(f"no static file {relative}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def qr_svg_data_uri(payload: str) -> str:
    """The verification URL as a QR code (segno), embedded as an SVG data URI."""
    return segno.make(payload, error="m", micro=False).svg_data_uri(scale=4, border=2)


def render_html(document: SummaryDocument) -> str:
    with translation.override(document.language):
        context = {
            "doc": document,
            "f": document.figures,
            "charts": summary_charts(document.figures),
            "qr": qr_svg_data_uri(document.verification_url),
            "stylesheet": settings.STATIC_URL + STYLESHEET,
        }
        return render_to_string("reports/pdf/summary.html", context)


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticFileFetcher()).write_pdf()


def render_summary_pdf(document: SummaryDocument) -> bytes:
    """The PDF bytes; ``document.timings`` receives the seconds spent on the template and in WeasyPrint."""
    started = time.perf_counter()
    html = render_html(document)
    middle = time.perf_counter()
    pdf = html_to_pdf(html)
    document.timings.update(template=middle - started, weasyprint=time.perf_counter() - middle)
    return pdf
