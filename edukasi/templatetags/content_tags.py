"""The content lists of ``edukasi/content/data.py`` (warning signs, placement routes, the calon PMI's
before-departure documents) on any page, in the page's language: the same words as the articles and the poster."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ..rendering import CONTENT_BLOCKS, content_list

register = template.Library()


@register.simple_tag
def content_block(name: str) -> SafeString:
    if name not in CONTENT_BLOCKS:
        return mark_safe("")
    block = content_list(name, get_language() or "id")
    return mark_safe(render_to_string("edukasi/includes/content_list.html", {"name": name, "block": block}))


@register.simple_tag
def hotlines_checked():
    """The day the hotlines were last checked: the content's check date, or a later edit by an editor."""
    from datetime import date

    from django.db.models import Max
    from django.utils import timezone

    from ..content.data import HOTLINES_CHECKED
    from ..models import Hotline

    checked = date.fromisoformat(HOTLINES_CHECKED)
    edited = Hotline.objects.filter(updated_by__isnull=False).aggregate(at=Max("updated_at"))["at"]
    if edited is not None:
        checked = max(checked, timezone.localdate(edited))
    return checked
