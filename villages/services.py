"""Every write to a desa binaan that matters (DESIGN §2): propose, each transition of the workflow, edit.

The workflow's transitions are rows of one table (``workflow.TRANSITIONS``) taken by one service,
``unit_transition``: it locks the unit row, checks the rule, the state and the input from the row, changes the
status and writes a ``UnitEvent`` (from, to, actor, time, reason) in the same transaction. E-mails go out on
commit. Nothing else assigns ``Unit.status``. Refusals are ``DomainError`` (``Conflict`` when the unit's state
forbids the change).
"""

from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Field
from django.utils.translation import gettext as _

from desabinaan.lib.errors import Conflict, DomainError
from desabinaan.lib.models import update_fields

from . import emails
from .models import UNIT_EDITABLE_FIELDS, Office, Region, Unit, UnitEvent
from .permissions import can_manage_unit, can_propose_unit
from .workflow import NOT_BY_PROPOSER, TRANSITIONS

Status = Unit.Status


def _locked(unit: Unit) -> Unit:
    # Lock the unit row only: a plain FOR UPDATE over the join would also lock the office and region rows
    # and serialise unrelated decisions of the same office.
    return Unit.objects.select_for_update(of=("self",)).select_related("region", "office").get(pk=unit.pk)


def _record(unit: Unit, *, to: str, by: User, reason: str = "", fields: Iterable[str] = ()) -> UnitEvent:
    event = UnitEvent.objects.create(
        unit=unit, kind=UnitEvent.Kind.TRANSITION, from_status=unit.status, to_status=to, actor=by, reason=reason
    )
    unit.status = to
    unit.save(update_fields=["status", "updated_at", *fields])
    return event


def live_unit_for_region(region: Region) -> Unit | None:
    return (
        Unit.objects.filter(
            region=region, kind__in=[Unit.Kind.KELURAHAN, Unit.Kind.DESA], status__in=Unit.LIVE_STATUSES
        )
        .select_related("office", "region")
        .first()
    )


def live_unit_for_npsn(npsn: str) -> Unit | None:
    return (
        Unit.objects.filter(npsn=npsn, kind=Unit.Kind.SCHOOL, status__in=Unit.LIVE_STATUSES)
        .select_related("office")
        .first()
    )


def _duplicate_region_message(existing: Unit) -> str:
    return _("%(region)s sudah memiliki desa binaan (%(status)s, %(office)s).") % {
        "region": existing.region.name,
        "status": existing.get_status_display().lower(),
        "office": existing.office.name,
    }


def _duplicate_npsn_message(existing: Unit) -> str:
    return _("Sekolah dengan NPSN %(npsn)s sudah terdaftar: %(name)s (%(status)s, %(office)s).") % {
        "npsn": existing.npsn,
        "name": existing.school_name,
        "status": existing.get_status_display().lower(),
        "office": existing.office.name,
    }


@transaction.atomic
def unit_propose(
    *,
    by: User,
    office: Office,
    region: Region,
    is_school: bool = False,
    school_name: str = "",
    npsn: str = "",
    reason: str,
    reason_detail: str = "",
    address: str = "",
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    notify: bool = True,
) -> Unit:
    """Register a candidate unit: a kelurahan/desa (kind follows the region code) or a school in it."""
    if not can_propose_unit(by, office):
        raise DomainError(_("Anda bukan petugas kantor ini."), field="office")
    if not region.is_village:
        raise DomainError(_("Pilih kelurahan atau desa (kode wilayah tingkat 4)."), field="region")
    if reason not in Unit.Reason.values:
        raise DomainError(_("Pilih alasan yang tersedia."), field="reason")
    school_name, npsn = school_name.strip(), npsn.strip()
    if is_school:
        kind = Unit.Kind.SCHOOL
        if not school_name:
            raise DomainError(_("Nama sekolah wajib diisi."), field="school_name")
        if not (len(npsn) == 8 and npsn.isascii() and npsn.isdigit()):
            raise DomainError(_("NPSN terdiri atas 8 angka."), field="npsn")
        existing = live_unit_for_npsn(npsn)
        if existing:
            raise Conflict(_duplicate_npsn_message(existing), field="npsn")
    else:
        kind = Unit.Kind.KELURAHAN if region.is_kelurahan else Unit.Kind.DESA
        school_name = npsn = ""
        existing = live_unit_for_region(region)
        if existing:
            raise Conflict(_duplicate_region_message(existing), field="region")
    unit = Unit(
        kind=kind,
        region=region,
        school_name=school_name,
        npsn=npsn,
        office=office,
        status=Status.PROPOSED,
        reason=reason,
        reason_detail=reason_detail.strip(),
        address=address.strip(),
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        contact_email=contact_email.strip(),
        proposed_by=by,
    )
    try:
        # Two proposals for one region can pass the check above at the same moment; the partial unique
        # constraints decide, and the loser gets the same message as a sequential duplicate.
        with transaction.atomic():
            unit.save()
    except IntegrityError:
        existing = live_unit_for_npsn(npsn) if is_school else live_unit_for_region(region)
        if existing is None:
            raise Conflict(_("Usulan tidak dapat disimpan. Coba lagi.")) from None
        message = _duplicate_npsn_message(existing) if is_school else _duplicate_region_message(existing)
        raise Conflict(message, field="npsn" if is_school else "region") from None
    UnitEvent.objects.create(
        unit=unit,
        kind=UnitEvent.Kind.TRANSITION,
        from_status="",
        to_status=Status.PROPOSED,
        actor=by,
        reason=unit.get_reason_display() + (f": {unit.reason_detail}" if unit.reason_detail else ""),
    )
    if notify:
        transaction.on_commit(lambda: emails.proposal_waiting(unit_id=unit.pk))
    return unit


@transaction.atomic
def unit_transition(*, unit: Unit, by: User, name: str, notify: bool = True, **data: Any) -> Unit:
    """Take the workflow's transition ``name`` (``workflow.TRANSITIONS``) with its form's cleaned ``data``.

    In this order: the rule (who may), the state, the proposer, the input; then the status, the fields the
    transition keeps and one ``UnitEvent``, and the proposer's e-mail on commit.
    """
    step = TRANSITIONS[name]
    unit = _locked(unit)
    if not step.may(by, unit):
        raise DomainError(_("Hanya kepala kantor yang membina desa binaan ini yang dapat mengambil keputusan ini."))
    if unit.status not in step.sources:
        raise Conflict(step.refused % {"status": unit.get_status_display()})
    if step.not_by_proposer and unit.proposed_by_id == by.pk:
        raise Conflict(NOT_BY_PROPOSER)
    kept = step.clean(unit, **data)
    for field in step.saves:
        setattr(unit, field, kept[field])
    _record(unit, to=step.target, by=by, reason=str(step.note % kept), fields=step.saves)
    if notify and step.tells_proposer:
        transaction.on_commit(lambda: emails.proposal_decided(unit_id=unit.pk))
    return unit


def unit_approve(*, unit: Unit, by: User, decree_number: str, decree_date: date | None, notify: bool = True) -> Unit:
    """The office head approves a proposal and records the decree (SK) that appoints the unit."""
    return unit_transition(
        unit=unit, by=by, name="unit_approve", notify=notify, decree_number=decree_number, decree_date=decree_date
    )


def unit_reject(*, unit: Unit, by: User, reason: str, notify: bool = True) -> Unit:
    return unit_transition(unit=unit, by=by, name="unit_reject", notify=notify, reason=reason)


def unit_launch(*, unit: Unit, by: User, launch_date: date | None, reason: str = "") -> Unit:
    """The pengukuhan: from that date the unit is active."""
    return unit_transition(unit=unit, by=by, name="unit_launch", launch_date=launch_date, reason=reason)


def unit_suspend(*, unit: Unit, by: User, reason: str) -> Unit:
    return unit_transition(unit=unit, by=by, name="unit_suspend", reason=reason)


def unit_reactivate(*, unit: Unit, by: User, reason: str) -> Unit:
    return unit_transition(unit=unit, by=by, name="unit_reactivate", reason=reason)


def unit_retire(*, unit: Unit, by: User, reason: str) -> Unit:
    return unit_transition(unit=unit, by=by, name="unit_retire", reason=reason)


@transaction.atomic
def unit_update(*, unit: Unit, by: User, data: dict, note: str = "") -> Unit:
    """Edit a unit's descriptive data; the EDIT event lists the fields that changed (no event if none)."""
    unit = _locked(unit)
    if not can_manage_unit(by, unit):
        raise DomainError(_("Hanya petugas kantor yang membina desa binaan ini yang dapat mengubah datanya."))
    if unit.status not in Unit.LIVE_STATUSES:
        raise Conflict(_("Data desa binaan yang sudah ditolak atau diakhiri tidak dapat diubah."))
    unknown = set(data) - set(UNIT_EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("Kolom berikut tidak dapat diubah di sini: %(fields)s.") % {"fields": ", ".join(unknown)})
    if "reason" in data and data["reason"] not in Unit.Reason.values:
        raise DomainError(_("Pilih alasan yang tersedia."), field="reason")
    if unit.kind == Unit.Kind.SCHOOL and "school_name" in data and not (data["school_name"] or "").strip():
        raise DomainError(_("Nama sekolah wajib diisi."), field="school_name")
    fields = unit.editable_fields()
    data = {name: value.strip() if isinstance(value, str) else value for name, value in data.items()}
    changed = update_fields(unit, data, fields=fields)
    if changed:
        _record_edit(unit, by=by, changed=changed, note=note)
    return unit


def _record_edit(unit: Unit, *, by: User, changed: Iterable[str], note: str) -> UnitEvent:
    labels = ", ".join(str(cast(Field, Unit._meta.get_field(name)).verbose_name) for name in changed)
    reason = _("Diubah: %(fields)s.") % {"fields": labels}
    if note.strip():
        reason = f"{reason} {note.strip()}"
    return UnitEvent.objects.create(
        unit=unit, kind=UnitEvent.Kind.EDIT, from_status=unit.status, to_status=unit.status, actor=by, reason=reason
    )
