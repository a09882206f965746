"""Read queries for the public side: the directory of active units, a unit's public page, its poster.

Nothing here depends on who asks; only active units are ever returned.
"""

import re

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import Region, Unit

# The filter choices change only when a unit is launched, suspended or retired; a few minutes stale is fine.
CHOICES_TIMEOUT = 300


def active_units() -> QuerySet[Unit]:
    return Unit.objects.filter(status=Unit.Status.ACTIVE).select_related("region__parent__parent", "office")


def directory_units(*, q: str = "", city: str = "", district: str = "") -> QuerySet[Unit]:
    """Active units, narrowed by city or district code and a text, in city → district → name order."""
    qs = active_units()
    if district:
        qs = qs.filter(region__parent_id=district)
    elif city:
        qs = qs.filter(region__parent__parent_id=city)
    if q:
        qs = qs.filter(
            Q(region__name__icontains=q)
            | Q(school_name__icontains=q)
            | Q(region__parent__name__icontains=q)
            | Q(region__parent__parent__name__icontains=q)
            | Q(office__name__icontains=q)
        )
    return qs.order_by("region__parent__parent__name", "region__parent__name", "region__name", "school_name", "pk")


def directory_cities() -> list[tuple[str, str]]:
    """(code, name) of every regency/city with at least one active unit."""

    def load():
        codes = Unit.objects.filter(status=Unit.Status.ACTIVE).values("region__parent__parent_id")
        return list(Region.objects.filter(code__in=codes).order_by("name").values_list("code", "name"))

    return cache.get_or_set("villages:directory:cities", load, CHOICES_TIMEOUT)


def directory_districts(city: str) -> list[tuple[str, str]]:
    """(code, name) of the districts of ``city`` with at least one active unit."""
    if not city:
        return []

    def load():
        codes = Unit.objects.filter(status=Unit.Status.ACTIVE, region__parent__parent_id=city).values(
            "region__parent_id"
        )
        return list(Region.objects.filter(code__in=codes).order_by("name").values_list("code", "name"))

    return cache.get_or_set(f"villages:directory:districts:{city}", load, CHOICES_TIMEOUT)


def tel_href(number: str) -> str:
    """``tel:`` link for a number as written (``(021) 430-1234`` → ``tel:0214301234``)."""
    digits = re.sub(r"[^\d+]", "", number)
    return f"tel:{digits}" if digits else ""


def whatsapp_href(number: str) -> str:
    """``wa.me`` link; a national number starting with 0 becomes +62."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return f"https://wa.me/{digits}" if digits else ""


def unit_get_public(pk: int) -> Unit:
    """An active unit, or 404: proposed, suspended and retired units have no public page."""
    return get_object_or_404(active_units(), pk=pk)


def poster_data_for(unit: Unit, *, public_url: str):
    """What the poster of ``unit`` says, in the active language."""
    from .poster import Hotline, PosterData  # WeasyPrint is heavy to import; only poster requests need it.

    region = unit.region
    district = region.parent
    city = district.parent if district else None
    place_parts = [region.name] if unit.kind == Unit.Kind.SCHOOL else []
    if district:
        place_parts.append(_("Kecamatan %(name)s") % {"name": district.name})
    if city:
        place_parts.append(city.name)
    office = unit.office
    return PosterData(
        unit_name=unit.display_name,
        kind_label=_("Sekolah Binaan Imigrasi") if unit.kind == Unit.Kind.SCHOOL else _("Desa Binaan Imigrasi"),
        place=", ".join(place_parts),
        office_name=office.name,
        office_phone=office.phone,
        office_whatsapp=office.whatsapp,
        public_url=public_url,
        messages=[
            (
                _("Buat paspor hanya melalui jalur resmi"),
                _("Daftar lewat aplikasi M-Paspor atau datang ke Kantor Imigrasi. Jangan lewat calo."),
            ),
            (
                _("Bekerja ke luar negeri harus sesuai prosedur"),
                _("Daftar lewat Dinas Tenaga Kerja. Jangan berangkat dengan visa turis, kunjungan, atau umrah."),
            ),
            (
                _("Laporkan dugaan perdagangan orang"),
                _("Tawaran kerja yang mencurigakan? Hubungi layanan di bawah atau Kantor Imigrasi."),
            ),
        ],
        hotlines=[
            Hotline(_("Polisi (darurat, gratis 24 jam)"), "110"),
            Hotline(_("KP2MI (dahulu BP2MI), gratis 24 jam"), "0800-1000"),
            Hotline(
                _("SAPA 129 (kekerasan terhadap perempuan dan anak, termasuk TPPO)"), "129", "WhatsApp 08111-129-129"
            ),
            Hotline(_("Kemnaker"), "1500630"),
        ],
    )


def with_contact_links(units) -> list[Unit]:
    """The units as a list, each given ``links``: ready ``tel:`` and ``wa.me`` hrefs for the template."""
    units = list(units)
    for unit in units:
        unit.links = {
            "contact_tel": tel_href(unit.contact_phone),
            "office_tel": tel_href(unit.office.phone),
            "office_whatsapp": whatsapp_href(unit.office.whatsapp),
        }
    return units
