"""E-mails about activity logs, in Indonesian. Called on commit with ids, never with model instances."""

from django.conf import settings
from django.contrib.auth.models import User

from desabinaan.lib.mail import send_templated

from .models import Activity


def _send(*, template: str, to: list[str], context: dict) -> int:
    return send_templated(template=f"reports/email/{template}", to=to, context=context)


def _can_receive(user: User) -> bool:
    return user.is_active and bool(user.email)


def activity_returned(*, activity_id: int) -> int:
    """To the log's author: staff returned it with a comment. When the author cannot act on it any more
    (inactive, without an e-mail address, or no longer in the unit), to the unit's people instead."""
    activity = Activity.objects.select_related("unit__region", "unit__office", "author").filter(pk=activity_id).first()
    if activity is None or activity.status != Activity.Status.RETURNED:
        return 0  # deleted or already corrected before the mail went out
    author = activity.author
    if _can_receive(author) and author.unit_memberships.filter(unit_id=activity.unit_id).exists():
        recipients = [author]
    else:
        recipients = list(
            User.objects.filter(unit_memberships__unit_id=activity.unit_id, is_active=True)
            .exclude(email="")
            .distinct()
            .order_by("pk")
        )
    context = {"activity": activity, "activity_url": settings.SITE_URL + activity.get_absolute_url()}
    sent = 0
    for recipient in recipients:
        sent += _send(template="activity_returned", to=[recipient.email], context={**context, "recipient": recipient})
    return sent
