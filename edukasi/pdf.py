"""The leaflet PDF of an article: data in, PDF bytes out (own print base template)."""

from django.template.loader import render_to_string

from desabinaan.lib.pdf import html_to_pdf


def render_leaflet(context: dict) -> bytes:
    return html_to_pdf(render_to_string("edukasi/pdf/leaflet.html", context))
