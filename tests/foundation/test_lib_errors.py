"""``DomainError``: one error for every service, carrying its message, its form field and its HTTP status."""

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy

from desabinaan.lib.errors import Conflict, DomainError, Forbidden, add_to_form


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False)


def test_each_kind_of_refusal_has_its_status():
    assert (DomainError("x").status, Conflict("x").status, Forbidden("x").status) == (400, 409, 403)
    assert DomainError("x", status=410).status == 410
    assert Conflict("x").status == 409  # an instance's status does not leak into the class
    assert isinstance(Conflict("x"), DomainError)


def test_a_lazy_message_is_translated_when_shown():
    error = DomainError(gettext_lazy("Alasan wajib diisi."), field="reason")
    with translation.override("en"):
        english = str(error)
    with translation.override("id"):
        indonesian = str(error)
    assert indonesian == "Alasan wajib diisi."
    assert english != indonesian


def test_add_to_form_puts_the_message_on_its_field_and_returns_the_status():
    form = ReasonForm({"reason": ""})
    assert form.is_valid()
    assert add_to_form(form, DomainError("Alasan wajib diisi.", field="reason")) == 400
    assert form.errors == {"reason": ["Alasan wajib diisi."]}


def test_a_field_the_form_does_not_have_goes_on_the_whole_form():
    form = ReasonForm({"reason": "x"})
    assert form.is_valid()
    assert add_to_form(form, Conflict("Sudah berubah.", field="npsn")) == 409
    assert form.non_field_errors() == ["Sudah berubah."]
