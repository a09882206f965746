"""Every write to a desa binaan that matters: one service per transition of the unit workflow (DESIGN §2).

proposed -> approved -> active -> suspended -> active ... -> retired, and proposed -> rejected.

Each transition locks the unit row, checks the current state and the actor's role, changes the status and
writes a ``UnitEvent`` (from, to, actor, time, reason) in the same transaction. E-mails go out on commit.
Nothing else assigns ``Unit.status``.
"""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import emails
from .models import Office, Region, Unit, UnitEvent
from .permissions import can_decide_unit, can_manage_unit, can_propose_unit

Status = Unit.Status


class TransitionError(Exception):
    """A refused change, with an Indonesian message for the user.

    ``conflict`` is true when the unit's current state forbids the change (HTTP 409); otherwise the input
    was wrong (HTTP 400). ``field`` names the form field the message belongs to, if any.
    """

    def __init__(self, message: str, *, field: str | None = None, conflict: bool = False):
        super().__init__(message)
        self.message = message
        self.field = field
        self.conflict = conflict


# Fields an office may edit after proposing; identity (region, kind, office) and the workflow's own
# fields (status, decree, launch) change only through their services.
EDITABLE_FIELDS = (
    "school_name",
    "reason",
    "reason_detail",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
)


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


def _require_state(unit: Unit, *allowed: str, message: str) -> None:
    if unit.status not in allowed:
        raise TransitionError(message, conflict=True)


def _require_head(unit: Unit, by: User) -> None:
    if not can_decide_unit(by, unit):
        raise TransitionError(_("Hanya kepala kantor yang membina desa binaan ini yang dapat mengambil keputusan ini."))


def _require_not_proposer(unit: Unit, by: User) -> None:
    if unit.proposed_by_id == by.pk:
        raise TransitionError(
            _("Usulan tidak dapat diputuskan oleh pengusulnya sendiri. Keputusan diambil oleh kepala kantor lain."),
            conflict=True,
        )


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError(_("Alasan wajib diisi."), field="reason")
    return reason


def _require_past_or_today(value: date | None, *, field: str, label: str) -> date:
    if value is None:
        raise TransitionError(_("%(label)s wajib diisi.") % {"label": label}, field=field)
    if value > timezone.localdate():
        raise TransitionError(_("%(label)s tidak boleh setelah hari ini.") % {"label": label}, field=field)
    return value


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
        raise TransitionError(_("Anda bukan petugas kantor ini."), field="office")
    if not region.is_village:
        raise TransitionError(_("Pilih kelurahan atau desa (kode wilayah tingkat 4)."), field="region")
    if reason not in Unit.Reason.values:
        raise TransitionError(_("Pilih alasan yang tersedia."), field="reason")
    school_name, npsn = school_name.strip(), npsn.strip()
    if is_school:
        kind = Unit.Kind.SCHOOL
        if not school_name:
            raise TransitionError(_("Nama sekolah wajib diisi."), field="school_name")
        if not (len(npsn) == 8 and npsn.isascii() and npsn.isdigit()):
            raise TransitionError(_("NPSN terdiri atas 8 angka."), field="npsn")
        existing = live_unit_for_npsn(npsn)
        if existing:
            raise TransitionError(_duplicate_npsn_message(existing), field="npsn", conflict=True)
    else:
        kind = Unit.Kind.KELURAHAN if region.is_kelurahan else Unit.Kind.DESA
        school_name = npsn = ""
        existing = live_unit_for_region(region)
        if existing:
            raise TransitionError(_duplicate_region_message(existing), field="region", conflict=True)
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
            raise TransitionError(_("Usulan tidak dapat disimpan. Coba lagi."), conflict=True) from None
        message = _duplicate_npsn_message(existing) if is_school else _duplicate_region_message(existing)
        raise TransitionError(message, field="npsn" if is_school else "region", conflict=True) from None
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
def unit_approve(*, unit: Unit, by: User, decree_number: str, decree_date: date | None, notify: bool = True) -> Unit:
    """The office head approves a proposal and records the decree (SK) that appoints the unit."""
    unit = _locked(unit)
    _require_head(unit, by)
    _require_state(
        unit,
        Status.PROPOSED,
        message=_("Hanya usulan yang dapat disetujui. Status saat ini: %(status)s.")
        % {"status": unit.get_status_display()},
    )
    _require_not_proposer(unit, by)
    decree_number = (decree_number or "").strip()
    if not decree_number:
        raise TransitionError(_("Nomor SK wajib diisi."), field="decree_number")
    decree_date = _require_past_or_today(decree_date, field="decree_date", label=_("Tanggal SK"))
    unit.decree_number, unit.decree_date = decree_number, decree_date
    _record(
        unit,
        to=Status.APPROVED,
        by=by,
        reason=_("SK %(number)s") % {"number": decree_number},
        fields=["decree_number", "decree_date"],
    )
    if notify:
        transaction.on_commit(lambda: emails.proposal_decided(unit_id=unit.pk))
    return unit


@transaction.atomic
def unit_reject(*, unit: Unit, by: User, reason: str, notify: bool = True) -> Unit:
    unit = _locked(unit)
    _require_head(unit, by)
    _require_state(
        unit,
        Status.PROPOSED,
        message=_("Hanya usulan yang dapat ditolak. Status saat ini: %(status)s.")
        % {"status": unit.get_status_display()},
    )
    _require_not_proposer(unit, by)
    _record(unit, to=Status.REJECTED, by=by, reason=_require_reason(reason))
    if notify:
        transaction.on_commit(lambda: emails.proposal_decided(unit_id=unit.pk))
    return unit


@transaction.atomic
def unit_launch(*, unit: Unit, by: User, launch_date: date | None, reason: str = "") -> Unit:
    """The pengukuhan: from that date the unit is active."""
    unit = _locked(unit)
    _require_head(unit, by)
    _require_state(
        unit,
        Status.APPROVED,
        message=_("Hanya desa binaan yang sudah disetujui yang dapat dikukuhkan. Status saat ini: %(status)s.")
        % {"status": unit.get_status_display()},
    )
    launch_date = _require_past_or_today(launch_date, field="launch_date", label=_("Tanggal pengukuhan"))
    if unit.decree_date and launch_date < unit.decree_date:
        raise TransitionError(
            _("Tanggal pengukuhan tidak boleh sebelum tanggal SK (%(date)s).")
            % {"date": date_format(unit.decree_date, "DATE_FORMAT")},
            field="launch_date",
        )
    unit.launch_date = launch_date
    _record(unit, to=Status.ACTIVE, by=by, reason=(reason or "").strip(), fields=["launch_date"])
    return unit


@transaction.atomic
def unit_suspend(*, unit: Unit, by: User, reason: str) -> Unit:
    unit = _locked(unit)
    _require_head(unit, by)
    _require_state(
        unit,
        Status.ACTIVE,
        message=_("Hanya desa binaan aktif yang dapat dibekukan. Status saat ini: %(status)s.")
        % {"status": unit.get_status_display()},
    )
    _record(unit, to=Status.SUSPENDED, by=by, reason=_require_reason(reason))
    return unit


@transaction.atomic
def unit_reactivate(*, unit: Unit, by: User, reason: str) -> Unit:
    unit = _locked(unit)
    _require_head(unit, by)
    _require_state(
        unit,
        Status.SUSPENDED,
        message=_("Hanya desa binaan yang dibekukan yang dapat diaktifkan kembali. Status saat ini: %(status)s.")
        % {"status": unit.get_status_display()},
    )
    _record(unit, to=Status.ACTIVE, by=by, reason=_require_reason(reason))
    return unit


@transaction.atomic
def unit_retire(*, unit: Unit, by: User, reason: str) -> Unit:
    unit = _locked(unit)
    _require_head(unit, by)
    _require_state(
        unit,
        Status.APPROVED,
        Status.ACTIVE,
        Status.SUSPENDED,
        message=_("Desa binaan ini tidak dapat diakhiri. Status saat ini: %(status)s.")
        % {"status": unit.get_status_display()},
    )
    _record(unit, to=Status.RETIRED, by=by, reason=_require_reason(reason))
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, by: User, data: dict, note: str = "") -> Unit:
    """Edit a unit's descriptive data; the EDIT event lists the fields that changed (no event if none)."""
    unit = _locked(unit)
    if not can_manage_unit(by, unit):
        raise TransitionError(_("Hanya petugas kantor yang membina desa binaan ini yang dapat mengubah datanya."))
    _require_state(
        unit, *Unit.LIVE_STATUSES, message=_("Data desa binaan yang sudah ditolak atau diakhiri tidak dapat diubah.")
    )
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise TransitionError(
            _("Kolom berikut tidak dapat diubah di sini: %(fields)s.") % {"fields": ", ".join(unknown)}
        )
    if "reason" in data and data["reason"] not in Unit.Reason.values:
        raise TransitionError(_("Pilih alasan yang tersedia."), field="reason")
    if unit.kind == Unit.Kind.SCHOOL:
        if "school_name" in data and not (data["school_name"] or "").strip():
            raise TransitionError(_("Nama sekolah wajib diisi."), field="school_name")
    else:
        data = {k: v for k, v in data.items() if k != "school_name"}
    changed = []
    for name, value in data.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(unit, name) != value:
            setattr(unit, name, value)
            changed.append(name)
    if not changed:
        return unit
    unit.save(update_fields=[*changed, "updated_at"])
    labels = ", ".join(str(Unit._meta.get_field(name).verbose_name) for name in changed)
    reason = _("Diubah: %(fields)s.") % {"fields": labels}
    if note.strip():
        reason = f"{reason} {note.strip()}"
    UnitEvent.objects.create(
        unit=unit,
        kind=UnitEvent.Kind.EDIT,
        from_status=unit.status,
        to_status=unit.status,
        actor=by,
        reason=reason,
    )
    return unit
