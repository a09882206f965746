"""Who speaks on a page: the portal's operator and whether it may call itself official (settings).

A tag rather than a context processor so that the PDFs (leaflet, poster), rendered without a request, say the
same as the screen pages.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings

register = template.Library()


@dataclass(frozen=True)
class Portal:
    operator: str
    official: bool


def portal() -> Portal:
    return Portal(
        operator=getattr(settings, "PORTAL_OPERATOR", ""), official=getattr(settings, "PORTAL_OFFICIAL", False)
    )


@register.simple_tag
def portal_info() -> Portal:
    return portal()


@register.inclusion_tag("includes/portal_about.html")
def portal_about(css_class: str = "") -> dict:
    return {"portal": portal(), "css_class": css_class}
