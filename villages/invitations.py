"""Invitations, account activation and unit memberships (issue 2 §3, issue 3 §4).

Every change here is one service: keyword-only arguments, the acting user, a row lock, and a
``UnitEvent(kind=MEMBERSHIP)`` naming who did what. The invitation's token is known only while the
e-mail is written; the database keeps its SHA-256.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from desabinaan.lib.errors import DomainError, Forbidden, Message
from desabinaan.lib.mail import send_templated

from .models import Invitation, OfficeMembership, Unit, UnitEvent, UnitMembership
from .permissions import can_manage_unit
from .roles import roles_of

AnyUser = User | AnonymousUser


class InvitationUnusable(DomainError):
    """The link cannot be used: unknown (404) or expired, revoked, used (410); ``invitation`` when known."""

    def __init__(self, message: Message, *, status: int, invitation: Invitation | None = None):
        super().__init__(message, status=status)
        self.invitation = invitation


# --- Who may ---------------------------------------------------------------------------------------


def can_manage_members(user: AnyUser, unit: Unit) -> bool:
    """Invite, resend, revoke, remove members and assign PIMPASA: the office's staff (and head)."""
    return can_manage_unit(user, unit)


def can_view_members(user: AnyUser, unit: Unit) -> bool:
    """Read the member list: the office's staff and head, oversight of the unit, the unit's coordinator."""
    roles = roles_of(user)
    return (
        roles.is_superuser
        or can_manage_unit(user, unit)
        or roles.oversight_national
        or unit.office.kanwil_id in roles.oversight_kanwil_ids
        or roles.unit_roles.get(unit.pk) == UnitMembership.Role.COORDINATOR
    )


# --- Reads -----------------------------------------------------------------------------------------


@dataclass
class MembersPage:
    memberships: list[UnitMembership]
    invitations: list[Invitation]
    pimpasa: list[User]
    pimpasa_candidates: QuerySet[User]


def unit_members_page(*, unit: Unit) -> MembersPage:
    """Everything the members page shows, in a fixed number of queries."""
    memberships = list(unit.memberships.select_related("user").order_by("role", "user__first_name", "user__username"))
    invitations = list(
        unit.invitations.select_related("user", "invited_by").order_by("accepted_at", "revoked_at", "-sent_at")[:50]
    )
    pimpasa = list(unit.pimpasa.order_by("first_name", "username"))
    return MembersPage(memberships, invitations, pimpasa, pimpasa_candidates_for(unit=unit))


def office_pimpasa(*, unit: Unit) -> QuerySet[User]:
    """The active PIMPASA of the unit's office: the only people who may be assigned to it."""
    return (
        User.objects.filter(
            is_active=True,
            office_memberships__office_id=unit.office_id,
            office_memberships__role=OfficeMembership.Role.PIMPASA,
        )
        .distinct()
        .order_by("first_name", "username")
    )


def pimpasa_candidates_for(*, unit: Unit) -> QuerySet[User]:
    """The office's PIMPASA who are not yet assigned to this unit."""
    return office_pimpasa(unit=unit).exclude(pimpasa_units=unit)


def invitation_get_by_token(token: str) -> Invitation:
    """The invitation behind a link, or ``InvitationUnusable`` saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("unit__region", "unit__office", "user")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    if invitation is None:
        raise InvitationUnusable(
            _("Tautan undangan ini tidak dikenal. Mungkin undangan sudah dikirim ulang dengan tautan baru."),
            status=404,
        )
    _check_usable(invitation)
    return invitation


def _check_usable(invitation: Invitation) -> None:
    if invitation.accepted_at:
        raise InvitationUnusable(
            _("Undangan ini sudah dipakai. Silakan masuk dengan akun Anda."), status=410, invitation=invitation
        )
    if invitation.revoked_at:
        raise InvitationUnusable(
            _("Undangan ini sudah dicabut oleh Kantor Imigrasi."), status=410, invitation=invitation
        )
    if invitation.is_expired:
        raise InvitationUnusable(
            _("Undangan ini sudah kedaluwarsa. Mintalah Kantor Imigrasi mengirim ulang undangan."),
            status=410,
            invitation=invitation,
        )


def invitation_needs_password(invitation: Invitation) -> bool:
    """A new account (made by the invitation) sets its name and password; an existing one logs in."""
    return not invitation.user.has_usable_password()


# --- Writes ----------------------------------------------------------------------------------------


def _event(unit: Unit, by: User, reason: str) -> UnitEvent:
    return UnitEvent.objects.create(unit=unit, kind=UnitEvent.Kind.MEMBERSHIP, actor=by, reason=reason)


def _lock_unit(unit: Unit) -> Unit:
    return Unit.objects.select_for_update().select_related("region", "office").get(pk=unit.pk)


def _username_for(email: str) -> str:
    base = email[:140]
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@transaction.atomic
def invitation_create(*, unit: Unit, by: User, email: str, role: str) -> Invitation:
    """Invite ``email`` to ``unit``; a new address gets an inactive account with an unusable password."""
    unit = _lock_unit(unit)
    email = email.strip().lower()
    if unit.status in (Unit.Status.REJECTED, Unit.Status.RETIRED):
        raise DomainError(_("Desa binaan yang ditolak atau diakhiri tidak dapat menerima anggota baru."))
    if role not in UnitMembership.Role.values:
        raise DomainError(_("Peran tidak dikenal."))
    users = list(User.objects.filter(email__iexact=email)[:2])
    if len(users) > 1:
        raise DomainError(_("Lebih dari satu akun memakai e-mail ini. Mintalah administrator merapikan akun tersebut."))
    user = users[0] if users else None
    if user is not None and UnitMembership.objects.filter(unit=unit, user=user).exists():
        raise DomainError(_("Pemilik e-mail ini sudah menjadi anggota desa binaan ini."))
    if Invitation.objects.filter(unit=unit, email=email, accepted_at__isnull=True, revoked_at__isnull=True).exists():
        raise DomainError(
            _("Sudah ada undangan terbuka untuk e-mail ini. Kirim ulang atau cabut undangan itu dari daftar.")
        )
    if user is None:
        user = User(username=_username_for(email), email=email, is_active=False)
        user.set_unusable_password()
        user.save()
    token, token_hash = Invitation.new_token()
    now = timezone.now()
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                email=email,
                unit=unit,
                role=role,
                user=user,
                invited_by=by,
                token_hash=token_hash,
                created_at=now,
                sent_at=now,
                expires_at=Invitation.default_expiry(),
            )
    except IntegrityError as exc:
        raise DomainError(_("Sudah ada undangan terbuka untuk e-mail ini.")) from exc
    _event(
        unit,
        by,
        _("Undangan dikirim ke %(email)s sebagai %(role)s.")
        % {"email": email, "role": UnitMembership.Role(role).label},
    )
    _send_on_commit(invitation, token)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by: User) -> Invitation:
    """A new token and expiry; the old link stops working at once."""
    invitation = (
        Invitation.objects.select_for_update().select_related("unit__region", "unit__office").get(pk=invitation.pk)
    )
    if invitation.accepted_at or invitation.revoked_at:
        raise DomainError(_("Undangan yang sudah diterima atau dicabut tidak dapat dikirim ulang."))
    token, invitation.token_hash = Invitation.new_token()
    invitation.sent_at = timezone.now()
    invitation.expires_at = Invitation.default_expiry()
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    _event(invitation.unit, by, _("Undangan untuk %(email)s dikirim ulang.") % {"email": invitation.email})
    _send_on_commit(invitation, token)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise DomainError(_("Undangan ini sudah diterima atau sudah dicabut."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    _event(invitation.unit, by, _("Undangan untuk %(email)s dicabut.") % {"email": invitation.email})
    return invitation


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, by: User, first_name: str = "", last_name: str = "", password: str | None = None
) -> UnitMembership:
    """Accept the invitation as ``by`` (its invitee). A new account gets its name and password and is
    activated. The lock makes a second submission find the invitation used instead of adding a row."""
    invitation = Invitation.objects.select_for_update().select_related("unit", "user").get(pk=invitation.pk)
    _check_usable(invitation)
    if invitation.user_id != by.pk:
        raise Forbidden(_("Undangan ini ditujukan untuk akun lain. Keluar dulu, lalu buka tautannya lagi."))
    user = User.objects.select_for_update().get(pk=by.pk)
    if password is not None:
        user.first_name, user.last_name = first_name.strip(), last_name.strip()
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["first_name", "last_name", "password", "is_active"])
    elif not user.is_active:
        raise Forbidden(_("Akun ini dinonaktifkan. Hubungi Kantor Imigrasi."))
    membership, _created = UnitMembership.objects.get_or_create(
        user=user, unit=invitation.unit, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    _event(
        invitation.unit,
        user,
        _("%(name)s menerima undangan sebagai %(role)s.")
        % {"name": user.get_full_name() or invitation.email, "role": membership.get_role_display()},
    )
    by.__dict__.pop("_portal_roles", None)
    return membership


@transaction.atomic
def membership_remove(*, membership: UnitMembership, by: User, reason: str = "") -> None:
    """Access goes with the row: roles are read afresh on the member's next request."""
    membership = UnitMembership.objects.select_for_update().select_related("user", "unit").get(pk=membership.pk)
    label = membership.user.get_full_name() or membership.user.email or membership.user.get_username()
    text = _("%(name)s (%(role)s) dikeluarkan dari desa binaan.") % {
        "name": label,
        "role": membership.get_role_display(),
    }
    if reason.strip():
        text = f"{text} {_('Alasan')}: {reason.strip()}"
    _event(membership.unit, by, text)
    membership.delete()


@transaction.atomic
def pimpasa_assign(*, unit: Unit, user: User, by: User) -> None:
    unit = _lock_unit(unit)
    is_pimpasa = OfficeMembership.objects.filter(
        user=user, office_id=unit.office_id, role=OfficeMembership.Role.PIMPASA, user__is_active=True
    ).exists()
    if not is_pimpasa:
        raise DomainError(_("Hanya PIMPASA kantor imigrasi desa binaan ini yang dapat ditugaskan."))
    if unit.pimpasa.filter(pk=user.pk).exists():
        raise DomainError(_("PIMPASA ini sudah ditugaskan di desa binaan ini."))
    unit.pimpasa.add(user)
    _event(unit, by, _("%(name)s ditugaskan sebagai PIMPASA.") % {"name": user.get_full_name() or user.username})


@transaction.atomic
def pimpasa_remove(*, unit: Unit, user: User, by: User) -> None:
    unit = _lock_unit(unit)
    if not unit.pimpasa.filter(pk=user.pk).exists():
        raise DomainError(_("PIMPASA ini tidak ditugaskan di desa binaan ini."))
    unit.pimpasa.remove(user)
    _event(unit, by, _("%(name)s tidak lagi menjadi PIMPASA.") % {"name": user.get_full_name() or user.username})


# --- E-mail ----------------------------------------------------------------------------------------


def activation_url(token: str) -> str:
    return settings.SITE_URL + reverse("villages:invitation_accept", args=[token])


def _send_on_commit(invitation: Invitation, token: str) -> None:
    invitation_id = invitation.pk
    language = translation.get_language() or settings.LANGUAGE_CODE
    transaction.on_commit(lambda: send_invitation_email(invitation_id=invitation_id, token=token, language=language))


def send_invitation_email(*, invitation_id: int, token: str, language: str) -> None:
    invitation = (
        Invitation.objects.select_related("unit__region", "unit__office", "invited_by", "user")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return
    with translation.override(language):
        context = {
            "invitation": invitation,
            "unit": invitation.unit,
            "office": invitation.unit.office,
            "url": activation_url(token),
            "new_account": invitation_needs_password(invitation),
            "role": invitation.get_role_display(),
            "valid_days": settings.INVITATION_VALID_DAYS,
        }
    send_templated(template="villages/email/invitation", to=[invitation.email], context=context, language=language)
