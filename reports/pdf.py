"""The summary PDF: data in, PDF bytes out. No database access, no request, no storage.

Laid out by the shared renderer (``desabinaan.lib.pdf``), which reads ``/static/`` from disk and refuses
everything else, so a render never makes an HTTP request and works on a worker without a web server.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from desabinaan.lib import pdf as renderer
from desabinaan.lib.pdf import qr_svg_data_uri

from .aggregation import Figures
from .charts import summary_charts

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


def render_summary_pdf(document: SummaryDocument) -> bytes:
    """The PDF bytes; ``document.timings`` receives the seconds spent on the template and in WeasyPrint."""
    started = time.perf_counter()
    html = render_html(document)
    middle = time.perf_counter()
    pdf = renderer.html_to_pdf(html)
    document.timings.update(template=middle - started, weasyprint=time.perf_counter() - middle)
    return pdf
