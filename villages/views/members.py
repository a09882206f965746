"""A unit's members, invitations and PIMPASA; the invitee's activation page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from desabinaan.lib.errors import DomainError, add_to_form
from desabinaan.lib.http import AuthenticatedHttpRequest
from desabinaan.lib.ratelimit import rate_limit

from ..forms_members import ActivationForm, InvitationForm, MembershipRemoveForm, PimpasaForm
from ..invitations import (
    InvitationUnusable,
    can_manage_members,
    can_view_members,
    invitation_accept,
    invitation_create,
    invitation_get_by_token,
    invitation_needs_password,
    invitation_resend,
    invitation_revoke,
    membership_remove,
    office_pimpasa,
    pimpasa_assign,
    pimpasa_remove,
    unit_members_page,
)
from ..models import Invitation, Unit, UnitMembership
from ..selectors import unit_get_for_user


def _unit_for(request: AuthenticatedHttpRequest, pk: int, *, write: bool) -> Unit:
    unit = unit_get_for_user(request.user, pk)
    allowed = can_manage_members(request.user, unit) if write else can_view_members(request.user, unit)
    if not allowed:
        raise PermissionDenied
    return unit


def _render_members(request, unit, *, invite_form=None, pimpasa_form=None, status=200) -> HttpResponse:
    data = unit_members_page(unit=unit)
    can_manage = can_manage_members(request.user, unit)
    if pimpasa_form is not None:
        pimpasa_form.fields["user"].queryset = data.pimpasa_candidates
    context = {
        "unit": unit,
        "page": data,
        "can_manage": can_manage,
        "invite_form": invite_form or InvitationForm(),
        "pimpasa_form": pimpasa_form or PimpasaForm(candidates=data.pimpasa_candidates),
        "remove_form": MembershipRemoveForm(),
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    return render(request, "villages/unit_members.html", context, status=status)


def unit_members(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _render_members(request, _unit_for(request, pk, write=False))


@require_POST
def invitation_create_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = _unit_for(request, pk, write=True)
    form = InvitationForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            invitation_create(unit=unit, by=request.user, **form.cleaned_data)
        except DomainError as error:
            status = add_to_form(form, error)
        else:
            messages.success(request, _("Undangan dikirim ke %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("villages:unit_members", pk=unit.pk)
    return _render_members(request, unit, invite_form=form, status=status)


def _invitation_action(
    request: AuthenticatedHttpRequest, pk: int, invitation_pk: int, service, done: str
) -> HttpResponse:
    unit = _unit_for(request, pk, write=True)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, unit=unit)
    try:
        service(invitation=invitation, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"email": invitation.email})
    return redirect("villages:unit_members", pk=unit.pk)


@require_POST
def invitation_resend_view(request: AuthenticatedHttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    return _invitation_action(
        request, pk, invitation_pk, invitation_resend, _("Undangan untuk %(email)s dikirim ulang dengan tautan baru.")
    )


@require_POST
def invitation_revoke_view(request: AuthenticatedHttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    return _invitation_action(request, pk, invitation_pk, invitation_revoke, _("Undangan untuk %(email)s dicabut."))


@require_POST
def membership_remove_view(request: AuthenticatedHttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    unit = _unit_for(request, pk, write=True)
    membership = UnitMembership.objects.select_related("user").filter(pk=membership_pk, unit=unit).first()
    if membership is None:
        if UnitMembership.objects.filter(pk=membership_pk).exists():
            raise Http404  # another unit's member, posted through this unit
        # A second click on the same button: the member is already gone.
        messages.info(request, _("Anggota ini sudah dikeluarkan."))
        return redirect("villages:unit_members", pk=unit.pk)
    form = MembershipRemoveForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    membership_remove(membership=membership, by=request.user, reason=reason)
    name = membership.user.get_full_name() or membership.user.get_username()
    messages.success(request, _("%(name)s dikeluarkan dari desa binaan ini.") % {"name": name})
    return redirect("villages:unit_members", pk=unit.pk)


@require_POST
def pimpasa_add_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = _unit_for(request, pk, write=True)
    # Every PIMPASA of the office is a valid choice here, so that a second click gets "already assigned".
    form = PimpasaForm(request.POST, candidates=office_pimpasa(unit=unit))
    status = 400
    if form.is_valid():
        try:
            pimpasa_assign(unit=unit, user=form.cleaned_data["user"], by=request.user)
        except DomainError as error:
            status = add_to_form(form, error)
        else:
            messages.success(request, _("PIMPASA ditugaskan."))
            return redirect("villages:unit_members", pk=unit.pk)
    return _render_members(request, unit, pimpasa_form=form, status=status)


@require_POST
def pimpasa_remove_view(request: AuthenticatedHttpRequest, pk: int, user_pk: int) -> HttpResponse:
    unit = _unit_for(request, pk, write=True)
    user = get_object_or_404(User, pk=user_pk)
    try:
        pimpasa_remove(unit=unit, user=user, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("PIMPASA dilepas dari desa binaan ini."))
    return redirect("villages:unit_members", pk=unit.pk)


# --- Activation ------------------------------------------------------------------------------------


@login_not_required
# Tokens are long and random, but each POST may hash a password: limit attempts per address and per link.
@rate_limit(scope="invitation_accept", limit=10, window=15 * 60, account=lambda request, token: token)
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_get_by_token(token)
    except InvitationUnusable as error:
        seen = error.invitation
        if (
            seen is not None
            and seen.accepted_at is not None
            and request.user.is_authenticated
            and request.user.pk == seen.user_id
        ):
            # A second click on the same button, or the link opened again later: already done.
            messages.info(request, _("Undangan ini sudah Anda terima."))
            return redirect(seen.unit)
        return render(request, "villages/invitation_invalid.html", {"message": str(error)}, status=error.status)

    context: dict[str, object] = {"invitation": invitation, "unit": invitation.unit}
    if invitation_needs_password(invitation):
        form = ActivationForm(request.POST or None, user=invitation.user)
        if request.method == "POST" and form.is_valid():
            return _accept(request, invitation, invitation.user, form.cleaned_data)
        status = 400 if request.method == "POST" else 200
        return render(request, "villages/invitation_accept.html", {**context, "form": form}, status=status)

    if not request.user.is_authenticated:
        context["login_url"] = f"{reverse('login')}?next={request.path}"
        return render(request, "villages/invitation_accept.html", context)
    if request.user.pk != invitation.user_id:
        context["wrong_user"] = True
        return render(request, "villages/invitation_accept.html", context, status=403)
    if request.method == "POST":
        return _accept(request, invitation, request.user, None)
    return render(request, "villages/invitation_accept.html", context)


def _accept(request: HttpRequest, invitation: Invitation, user: User, data: dict | None) -> HttpResponse:
    kwargs = {}
    if data is not None:
        kwargs = {"first_name": data["first_name"], "last_name": data["last_name"], "password": data["password1"]}
    try:
        invitation_accept(invitation=invitation, by=user, **kwargs)
    except DomainError as error:  # unusable (404, 410), another account's or a disabled one (403)
        return render(request, "villages/invitation_invalid.html", {"message": str(error)}, status=error.status)
    if data is not None:
        user.refresh_from_db()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(
        request,
        _("Selamat datang. Anda kini anggota %(unit)s.") % {"unit": invitation.unit.display_name},
    )
    # The unit just joined; the menu leads on to the member's own work (apps above the registry own it).
    return redirect(invitation.unit)
