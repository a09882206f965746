"""The A4 wall poster of a desa binaan: what it says (``poster_data_for``) and a pure renderer (data in, PDF out).

The hotlines are the guidance's own ``Hotline`` rows, so an editor's change reaches the next poster (the view's
cache key carries the content generation). The print template (``edukasi/pdf/poster.html``) has its own base
and ``css/pdf.css``; the shared renderer (``desabinaan.lib.pdf``) reads ``/static/`` from disk and never opens
a network connection.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from desabinaan.lib.pdf import html_to_pdf, qr_png_data_uri
from villages.models import Unit

from .joboffer import warning_signs
from .models import Hotline, OfficeFact

if TYPE_CHECKING:
    from .reader import OfficeGuide

# Pixels per QR module in the embedded PNG; the image is drawn without smoothing (pdf.css).
QR_SCALE = 10
# The poster stays one A4 page: the first hotlines in the editors' order, as many as the seed's eight (the
# hotline page behind the QR code lists them all).
POSTER_HOTLINES = 8


@dataclass(frozen=True)
class PosterHotline:
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
    office_address: str = ""
    office_website: str = ""
    office_passports: str = ""
    messages: list[tuple[str, str]] = field(default_factory=list)
    hotlines: list[PosterHotline] = field(default_factory=list)
    # The warning signs in the one wording of the guidance (edukasi/content/data.py WARNING_SIGNS).
    warning_signs: list[str] = field(default_factory=list)
    # A demo unit's poster says "CONTOH" so that a printed copy is never taken for a real one.
    is_demo: bool = False


def render_poster(data: PosterData) -> bytes:
    html = render_to_string(
        "edukasi/pdf/poster.html", {"poster": data, "qr": qr_png_data_uri(data.public_url, scale=QR_SCALE)}
    )
    return html_to_pdf(html)


def poster_data_for(
    unit: Unit, *, public_url: str, hotlines: Iterable[Hotline], guide: "OfficeGuide | None" = None
) -> PosterData:
    """What the poster of ``unit`` says, in the active language; ``hotlines`` are the active Hotline rows in order;
    ``guide`` is the unit's office with its reviewed facts (they win over the registry's contact fields)."""
    region = unit.region
    district = region.parent
    city = district.parent if district else None
    place_parts = [region.name] if unit.kind == Unit.Kind.SCHOOL else []
    if district:
        place_parts.append(_("Kecamatan %(name)s") % {"name": district.name})
    if city:
        place_parts.append(city.name)
    office = unit.office
    facts = guide.facts if guide is not None else {}

    def fact(kind: str, fallback: str) -> str:
        row = facts.get(kind)
        return row.localized_value if row is not None else fallback

    passports = ""
    kinds = facts.get(OfficeFact.Kind.PASSPORT_KINDS)
    if kinds is not None:
        passports = _("%(kinds)s sejak %(date)s") % {
            "kinds": kinds.localized_value,
            "date": date_format(kinds.effective_date, "j F Y"),
        }
    return PosterData(
        unit_name=unit.display_name,
        kind_label=_("Sekolah Binaan Imigrasi") if unit.kind == Unit.Kind.SCHOOL else _("Desa Binaan Imigrasi"),
        place=", ".join(place_parts),
        office_name=office.name,
        office_phone=fact(OfficeFact.Kind.PHONE, office.phone),
        office_whatsapp=fact(OfficeFact.Kind.WHATSAPP, office.whatsapp),
        office_address=fact(OfficeFact.Kind.ADDRESS, ""),
        office_website=fact(OfficeFact.Kind.WEBSITE, office.website),
        office_passports=passports,
        public_url=public_url,
        messages=[
            (
                _("Buat paspor hanya melalui jalur resmi"),
                _(
                    "Daftar lewat aplikasi M-Paspor. Lansia, penyandang disabilitas, anak balita, ibu hamil dan "
                    "orang sakit dapat dilayani tanpa pendaftaran dalam kuota harian tiap kantor. Jangan lewat calo."
                ),
            ),
            (
                _("Bekerja ke luar negeri harus sesuai prosedur"),
                _("Daftar lewat Dinas Tenaga Kerja. Waspadai tanda bahaya perekrutan ilegal di bawah."),
            ),
            (
                _("Laporkan dugaan perdagangan orang"),
                _("Tawaran kerja yang mencurigakan? Hubungi layanan di bawah atau Kantor Imigrasi."),
            ),
        ],
        hotlines=[_poster_line(hotline) for hotline in list(hotlines)[:POSTER_HOTLINES]] or _builtin_hotlines(),
        warning_signs=warning_signs(),
        is_demo=unit.is_demo,
    )


def _poster_line(hotline: Hotline) -> PosterHotline:
    # A printed number cannot be tapped: say which channel it is, and keep the short opening hours only
    # (the longer notes are on the hotline page the QR code leads to).
    number = f"WhatsApp {hotline.number}" if hotline.channel == Hotline.Channel.WHATSAPP else hotline.number
    return PosterHotline(hotline.localized_name, number, hotline.localized_hours)


def _builtin_hotlines() -> list[PosterHotline]:
    """The national hotlines, while the Hotline table is empty (a fresh install before the seed is loaded).

    The same list as the footer's fallback (``edukasi/includes/hotlines_static.html``).
    """
    return [
        PosterHotline(_("Polisi (darurat, gratis 24 jam)"), "110"),
        PosterHotline(_("KP2MI (yang membawahi BP2MI), gratis 24 jam"), "0800-1000"),
        PosterHotline(
            _("SAPA 129 (kekerasan terhadap perempuan dan anak, termasuk TPPO)"), "129", "WhatsApp 08111-129-129"
        ),
        PosterHotline(_("Kemnaker"), "1500630"),
    ]
