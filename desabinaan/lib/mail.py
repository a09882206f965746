"""One way to send a portal e-mail: subject, text and HTML from templates, always in Indonesian."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated(*, template: str, to: list[str], context: dict, language: str = "id") -> int:
    """Send ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` (e.g. ``villages/email/x``).

    The recipients of these mails are officers of a kelurahan or an office; the mail is in Indonesian
    whatever language the person who caused it was browsing in, unless ``language`` says otherwise.
    """
    if not to:
        return 0
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    message.attach_alternative(html, "text/html")
    return message.send()
