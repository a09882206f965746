"""E-mails of the unit workflow, in Indonesian. Called on commit with ids, never with model instances."""

from django.conf import settings
from django.contrib.auth.models import User

from desabinaan.lib.mail import send_templated

from .models import OfficeMembership, Unit, UnitEvent


def _send(*, template: str, to: list[str], context: dict) -> int:
    return send_templated(template=f"villages/email/{template}", to=to, context=context)


def _unit_context(unit: Unit) -> dict:
    return {"unit": unit, "unit_url": settings.SITE_URL + unit.get_absolute_url()}


def proposal_waiting(*, unit_id: int) -> int:
    """To the head(s) of the unit's office: a proposal waits for their decision."""
    unit = Unit.objects.select_related("region", "office", "proposed_by").get(pk=unit_id)
    heads = (
        User.objects.filter(
            office_memberships__office_id=unit.office_id,
            office_memberships__role=OfficeMembership.Role.HEAD,
            is_active=True,
        )
        .exclude(pk=unit.proposed_by_id)
        .exclude(email="")
        .distinct()
    )
    sent = 0
    for head in heads:
        sent += _send(template="unit_proposed", to=[head.email], context={**_unit_context(unit), "recipient": head})
    return sent


def proposal_decided(*, unit_id: int) -> int:
    """To the proposer: their proposal was approved or rejected."""
    unit = Unit.objects.select_related("region", "office", "proposed_by").get(pk=unit_id)
    proposer = unit.proposed_by
    if not proposer.email or not proposer.is_active:
        return 0
    event = (
        UnitEvent.objects.filter(unit=unit, kind=UnitEvent.Kind.TRANSITION, to_status=unit.status)
        .select_related("actor")
        .first()
    )
    return _send(
        template="unit_decided",
        to=[proposer.email],
        context={**_unit_context(unit), "recipient": proposer, "event": event},
    )
