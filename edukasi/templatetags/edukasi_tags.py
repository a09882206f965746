from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .. import caching

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """``950000`` → ``Rp950.000`` (the same in every language: it is the rupiah's own notation)."""
    try:
        amount = int(value)
    except (TypeError, ValueError):
        return ""
    return "Rp" + f"{amount:,}".replace(",", ".")


@register.simple_tag
def footer_hotlines() -> str:
    """The hotline list of the footer from the Hotline rows, cached: no query on a warm cache.

    Falls back to the built-in list while the table is empty (a fresh install before the seed is loaded).
    """
    key = caching.footer_key(get_language())
    html = cache.get(key)
    if html is None:
        from ..selectors import hotlines_public

        hotlines = hotlines_public()
        template_name = "edukasi/includes/hotlines_footer.html" if hotlines else "edukasi/includes/hotlines_static.html"
        html = render_to_string(template_name, {"hotlines": hotlines})
        cache.set(key, html, caching.PAGE_TIMEOUT)
    return mark_safe(html)
