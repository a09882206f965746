"""One domain error for every service: what to tell the user, where on the form, and which HTTP status.

A service refuses a write by raising ``DomainError`` (or a subclass) with an Indonesian message through
``gettext``/``gettext_lazy``; it never returns an error code and never knows about requests. A view catches
``DomainError`` around the one service it calls and hands it to ``add_to_form`` (a form page: the message goes
on its field and the view answers ``error.status``) or shows ``str(error)`` as a flash message (a button that
redirects). No view maps error classes to statuses by hand.

    # a service
    if unit.status != Unit.Status.PROPOSED:
        raise Conflict(_("Hanya usulan yang dapat disetujui."))
    if not decree_number:
        raise DomainError(_("Nomor SK wajib diisi."), field="decree_number")

    # a view
    try:
        services.unit_approve(unit=unit, by=request.user, **form.cleaned_data)
    except DomainError as error:
        status = add_to_form(form, error)

Subclass only where a caller must tell cases apart (``Conflict`` lets the proposal page find a double
submission; an app may subclass to carry an object, as ``villages.invitations.InvitationUnusable`` does).
Import and loader errors (a bad CSV row, a broken content file) are not domain errors.
"""

from typing import TYPE_CHECKING

from django import forms

if TYPE_CHECKING:
    # The stubs' name for what gettext_lazy returns; at run time it is a Promise.
    from django.utils.functional import _StrPromise as Promise
else:
    from django.utils.functional import Promise

Message = str | Promise  # text for the user: a str, or a lazy translation


class DomainError(Exception):
    """A write refused by a rule of the program.

    ``message`` is for the user (Indonesian msgid, translated when shown); ``field`` names the form field it
    belongs to, or None for the form as a whole; ``status`` is the HTTP answer: 400 (the input is wrong) unless
    the class or the caller says otherwise.
    """

    status: int = 400

    def __init__(self, message: Message, *, field: str | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if status is not None:
            self.status = status

    def __str__(self) -> str:
        return str(self.message)


class Conflict(DomainError):
    """The object's state forbids the change (it changed meanwhile, or another row holds the value): 409."""

    status = 409


class Forbidden(DomainError):
    """A rule forbids this user the change, though they may see the object: 403."""

    status = 403


def add_to_form(form: forms.BaseForm, error: DomainError) -> int:
    """Show ``error`` on its field (on the whole form when this form has no such field); return its status."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
    return error.status
