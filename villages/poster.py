"""The A4 wall poster of a desa binaan: a pure renderer, data in, PDF bytes out.

The print template (``villages/pdf/poster.html``) has its own base and ``css/pdf.css``; the shared renderer
(``desabinaan.lib.pdf``) reads ``/static/`` from disk and never opens a network connection.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string

from desabinaan.lib.pdf import html_to_pdf, qr_png_data_uri

# Pixels per QR module in the embedded PNG; the image is drawn without smoothing (pdf.css).
QR_SCALE = 10


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


def render_poster(data: PosterData) -> bytes:
    html = render_to_string(
        "villages/pdf/poster.html", {"poster": data, "qr": qr_png_data_uri(data.public_url, scale=QR_SCALE)}
    )
    return html_to_pdf(html)
