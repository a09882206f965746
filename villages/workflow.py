"""The unit workflow in one table (DESIGN §2).

proposed -> approved -> active -> suspended -> active ... -> retired, and proposed -> rejected.

A row per transition: the states it leaves and the one it reaches, who may take it, the form it asks for and
how its input is checked, the words of its page and button, and the note its ``UnitEvent`` keeps. The service
(``services.unit_transition``) checks the rule, the state and the input from the row; the unit page offers
``transitions_for(user, unit)``; the transition page renders a row; the URL names are the rows' names.
A proposal (no state yet -> proposed) is ``services.unit_propose``: it makes the unit rather than moving it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from desabinaan.lib.errors import DomainError, Message

from .forms import UnitApproveForm, UnitLaunchForm, UnitReasonForm
from .models import Unit
from .permissions import AnyUser, can_decide_unit

S = Unit.Status

NOT_BY_PROPOSER = _(
    "Usulan tidak dapat diputuskan oleh pengusulnya sendiri. Keputusan diambil oleh kepala kantor lain."
)


# --- Input checks: each takes the unit and its form's cleaned data, returns the values the transition keeps --


def _past_or_today(value: date | None, *, field: str, label: Message) -> date:
    if value is None:
        raise DomainError(_("%(label)s wajib diisi.") % {"label": label}, field=field)
    if value > timezone.localdate():
        raise DomainError(_("%(label)s tidak boleh setelah hari ini.") % {"label": label}, field=field)
    return value


def _reason(unit: Unit, *, reason: str) -> dict[str, Any]:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Alasan wajib diisi."), field="reason")
    return {"reason": reason}


def _decree(unit: Unit, *, decree_number: str, decree_date: date | None) -> dict[str, Any]:
    decree_number = (decree_number or "").strip()
    if not decree_number:
        raise DomainError(_("Nomor SK wajib diisi."), field="decree_number")
    decree_date = _past_or_today(decree_date, field="decree_date", label=_("Tanggal SK"))
    return {"decree_number": decree_number, "decree_date": decree_date}


def _launch(unit: Unit, *, launch_date: date | None, reason: str = "") -> dict[str, Any]:
    launch_date = _past_or_today(launch_date, field="launch_date", label=_("Tanggal pengukuhan"))
    if unit.decree_date and launch_date < unit.decree_date:
        raise DomainError(
            _("Tanggal pengukuhan tidak boleh sebelum tanggal SK (%(date)s).")
            % {"date": date_format(unit.decree_date, "DATE_FORMAT")},
            field="launch_date",
        )
    return {"launch_date": launch_date, "reason": (reason or "").strip()}


# --- The table ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    name: str  # the URL name of its page, and ``services.unit_transition(name=...)``
    sources: frozenset[str]
    target: str
    may: Callable[[AnyUser, Unit], bool]  # who may take it (permissions.py); others get 403
    form_class: type[forms.Form]
    clean: Callable[..., dict[str, Any]]  # the input check: DomainError, or the values kept
    title: Message
    intro: Message  # what taking it means, shown above the form
    button: Message
    done: Message
    refused: Message  # the unit is in none of ``sources`` (409); takes %(status)s
    note: Message = "%(reason)s"  # the UnitEvent's reason, from the values kept
    saves: tuple[str, ...] = ()  # unit fields set from the values kept, with the status
    danger: bool = False
    not_by_proposer: bool = False  # approve and reject: never by the head who proposed the unit (409)
    tells_proposer: bool = False  # the proposer gets an e-mail on commit


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            name="unit_approve",
            sources=frozenset({S.PROPOSED}),
            target=S.APPROVED,
            may=can_decide_unit,
            form_class=UnitApproveForm,
            clean=_decree,
            title=_("Setujui usulan"),
            intro=_("Persetujuan mencatat nomor dan tanggal SK penetapan desa binaan oleh kepala kantor."),
            button=_("Setujui dan catat SK"),
            done=_("Usulan disetujui. SK tercatat."),
            refused=_("Hanya usulan yang dapat disetujui. Status saat ini: %(status)s."),
            note=_("SK %(decree_number)s"),
            saves=("decree_number", "decree_date"),
            not_by_proposer=True,
            tells_proposer=True,
        ),
        Transition(
            name="unit_reject",
            sources=frozenset({S.PROPOSED}),
            target=S.REJECTED,
            may=can_decide_unit,
            form_class=UnitReasonForm,
            clean=_reason,
            title=_("Tolak usulan"),
            intro=_("Alasan penolakan dikirim kepada pengusul."),
            button=_("Tolak usulan"),
            done=_("Usulan ditolak."),
            refused=_("Hanya usulan yang dapat ditolak. Status saat ini: %(status)s."),
            danger=True,
            not_by_proposer=True,
            tells_proposer=True,
        ),
        Transition(
            name="unit_launch",
            sources=frozenset({S.APPROVED}),
            target=S.ACTIVE,
            may=can_decide_unit,
            form_class=UnitLaunchForm,
            clean=_launch,
            title=_("Catat pengukuhan"),
            intro=_("Sejak tanggal pengukuhan, desa binaan aktif dan tampil di direktori publik."),
            button=_("Catat pengukuhan"),
            done=_("Pengukuhan tercatat. Desa binaan kini aktif."),
            refused=_("Hanya desa binaan yang sudah disetujui yang dapat dikukuhkan. Status saat ini: %(status)s."),
            saves=("launch_date",),
        ),
        Transition(
            name="unit_suspend",
            sources=frozenset({S.ACTIVE}),
            target=S.SUSPENDED,
            may=can_decide_unit,
            form_class=UnitReasonForm,
            clean=_reason,
            title=_("Bekukan desa binaan"),
            intro=_(
                "Selama dibekukan, desa binaan tidak tampil di direktori dan petugasnya tidak dapat mencatat kegiatan."
            ),
            button=_("Bekukan"),
            done=_("Desa binaan dibekukan."),
            refused=_("Hanya desa binaan aktif yang dapat dibekukan. Status saat ini: %(status)s."),
            danger=True,
        ),
        Transition(
            name="unit_reactivate",
            sources=frozenset({S.SUSPENDED}),
            target=S.ACTIVE,
            may=can_decide_unit,
            form_class=UnitReasonForm,
            clean=_reason,
            title=_("Aktifkan kembali"),
            intro=_("Desa binaan kembali tampil di direktori dan petugasnya dapat mencatat kegiatan."),
            button=_("Aktifkan kembali"),
            done=_("Desa binaan aktif kembali."),
            refused=_("Hanya desa binaan yang dibekukan yang dapat diaktifkan kembali. Status saat ini: %(status)s."),
        ),
        Transition(
            name="unit_retire",
            sources=frozenset({S.APPROVED, S.ACTIVE, S.SUSPENDED}),
            target=S.RETIRED,
            may=can_decide_unit,
            form_class=UnitReasonForm,
            clean=_reason,
            title=_("Akhiri desa binaan"),
            intro=_("Mengakhiri tidak dapat dibatalkan. Riwayat dan laporan tetap tersimpan."),
            button=_("Akhiri"),
            done=_("Desa binaan diakhiri."),
            refused=_("Desa binaan ini tidak dapat diakhiri. Status saat ini: %(status)s."),
            danger=True,
        ),
    ]
}


def transitions_for(user: AnyUser, unit: Unit) -> list[Transition]:
    """The transitions ``user`` may take on ``unit`` in its current state, in the table's order."""
    return [t for t in TRANSITIONS.values() if unit.status in t.sources and t.may(user, unit)]
