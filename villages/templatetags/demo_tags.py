"""Marks for demo rows and for unit dates known only to the year, shared by every public page and the poster."""

from datetime import date

from django import template
from django.template.defaultfilters import date as date_filter

register = template.Library()


@register.inclusion_tag("includes/demo_mark.html")
def demo_mark(obj, block: bool = False) -> dict:
    """ "CONTOH" ("EXAMPLE") beside a unit or office the demo loader made; nothing for a real row."""
    return {"show": bool(getattr(obj, "is_demo", False)), "block": block}


@register.filter
def unit_date(value: date | None, unit) -> str:
    """A unit's decree or launch date: the year alone when only the year is known, never an invented day."""
    if value is None:
        return ""
    if getattr(unit, "dates_year_only", False):
        return str(value.year)
    return date_filter(value, "j F Y")
