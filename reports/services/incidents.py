"""Writes on incident reports: report, log a view, and the staff's steps. Each step writes an event.

Refusals are ``DomainError``: ``Conflict`` (409) when the report's status (or its unit's) forbids the step.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from desabinaan.lib.errors import Conflict, DomainError
from villages.models import Unit

from ..models import Incident, IncidentEvent, IncidentView

FIELDS = ("category", "urgency", "occurred_on", "place", "description", "people_involved")

# Which step leads where, and from which statuses it may be taken.
STEPS = {
    "acknowledge": ({Incident.Status.NEW}, Incident.Status.ACKNOWLEDGED),
    "refer": ({Incident.Status.ACKNOWLEDGED}, Incident.Status.REFERRED),
    "close": ({Incident.Status.ACKNOWLEDGED, Incident.Status.REFERRED}, Incident.Status.CLOSED),
}


def incident_report(
    *, by: User, unit: Unit, data: dict[str, Any], client_token: uuid.UUID | None = None
) -> tuple[Incident, bool]:
    """File a report; a second submission of the same form returns the first report (created False)."""
    # Tokens are unique per author: another user's token in this form is no reason to refuse the report.
    mine = Incident.objects.filter(author=by, client_token=client_token)
    if client_token is not None and (existing := mine.first()):
        return existing, False
    try:
        with transaction.atomic():
            unit = Unit.objects.select_for_update().get(pk=unit.pk)
            if unit.status != Unit.Status.ACTIVE:
                raise Conflict(_("Laporan hanya dapat dibuat untuk desa binaan yang aktif."), field="unit")
            incident = Incident.objects.create(
                unit=unit,
                office_id=unit.office_id,
                author=by,
                client_token=client_token,
                status=Incident.Status.NEW,
                **{f: data[f] for f in FIELDS if f in data},
            )
            IncidentEvent.objects.create(incident=incident, from_status="", to_status=Incident.Status.NEW, actor=by)
    except IntegrityError:
        existing = mine.first() if client_token else None
        if existing is None:
            raise
        return existing, False
    return incident, True


def incident_record_view(*, incident: Incident, by: User) -> IncidentView:
    """Confidential reports keep a read log: who opened which report, and when."""
    return IncidentView.objects.create(incident=incident, user=by)


@transaction.atomic
def incident_step(
    *, incident: Incident, by: User, action: str, note: str = "", referred_to: str = "", referred_to_detail: str = ""
) -> Incident:
    if action not in STEPS:
        raise DomainError(_("Langkah tidak dikenal."), field="action")
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    allowed_from, to = STEPS[action]
    if incident.status not in allowed_from:
        raise Conflict(
            _("Laporan berstatus “%(status)s” tidak dapat dipindah ke “%(to)s”.")
            % {"status": incident.get_status_display(), "to": Incident.Status(to).label}
        )
    note = (note or "").strip()
    if action == "refer":
        if referred_to not in Incident.ReferredTo.values:
            raise DomainError(_("Pilih instansi tujuan rujukan."), field="referred_to")
        if referred_to == Incident.ReferredTo.OTHER and not referred_to_detail.strip():
            raise DomainError(_("Tulis nama instansi tujuan rujukan."), field="referred_to_detail")
        incident.referred_to = referred_to
        incident.referred_to_detail = referred_to_detail.strip()
        label = Incident.ReferredTo(referred_to).label
        detail = f" ({incident.referred_to_detail})" if incident.referred_to_detail else ""
        note = f"{_('Dirujuk ke')} {label}{detail}. {note}".strip()
    if action == "close" and not note:
        raise DomainError(_("Tulis catatan penutupan: apa hasil tindak lanjutnya."), field="note")
    before = incident.status
    incident.status = to
    incident.save(update_fields=["status", "referred_to", "referred_to_detail", "updated_at"])
    IncidentEvent.objects.create(incident=incident, from_status=before, to_status=to, actor=by, note=note)
    return incident
