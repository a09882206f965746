"""Forms for invitations, activation and memberships. Forms only parse input."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from desabinaan.lib.forms import SaysWhatIsMissing

from .models import UnitMembership


class InvitationForm(SaysWhatIsMissing, forms.Form):
    email = forms.EmailField(
        label=_("E-mail petugas"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
        help_text=_("Tautan aktivasi dikirim ke alamat ini."),
        error_messages={"required": _("Isi alamat e-mail."), "invalid": _("Alamat e-mail tidak valid.")},
    )
    role = forms.ChoiceField(
        label=_("Peran"),
        choices=UnitMembership.Role.choices,
        initial=UnitMembership.Role.OFFICER,
        error_messages={"invalid_choice": _("Pilih peran yang tersedia.")},
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class PimpasaForm(SaysWhatIsMissing, forms.Form):
    user = forms.ModelChoiceField(
        label=_("PIMPASA"),
        queryset=User.objects.none(),
        empty_label=_("Pilih PIMPASA"),
        error_messages={
            "required": _("Pilih PIMPASA."),
            "invalid_choice": _("Hanya PIMPASA kantor imigrasi desa binaan ini yang dapat ditugaskan."),
        },
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["user"].queryset = candidates
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class MembershipRemoveForm(SaysWhatIsMissing, forms.Form):
    reason = forms.CharField(label=_("Alasan (tidak wajib)"), max_length=500, required=False)


class ActivationForm(SaysWhatIsMissing, forms.Form):
    """A new account's name and password; Django's password validators apply."""

    first_name = forms.CharField(
        label=_("Nama depan"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Isi nama depan Anda.")},
    )
    last_name = forms.CharField(
        label=_("Nama belakang"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minimal 10 karakter, tidak hanya angka, dan tidak mudah ditebak."),
        error_messages={"required": _("Isi kata sandi.")},
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Ulangi kata sandi.")},
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif p1:
            self.user.first_name = cleaned.get("first_name", "")
            self.user.last_name = cleaned.get("last_name", "")
            try:
                password_validation.validate_password(p1, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
