"""The account forms, in the portal's words: sign-in, password change and password reset."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from desabinaan.lib.forms import SaysWhatIsMissing

REPEAT_PASSWORD = _("Ulangi sandi baru.")


class LoginForm(SaysWhatIsMissing, auth_forms.AuthenticationForm):
    username = forms.CharField(
        label=_("Nama pengguna atau e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}),
    )

    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil. "
            "Setelah lima kali salah, masuk dengan nama ini dari sini dikunci selama 15 menit."
        ),
        "inactive": _("Akun ini belum aktif. Buka tautan undangan di e-mail Anda untuk mengaktifkannya."),
    }


class PasswordChangeForm(SaysWhatIsMissing, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password2"].error_messages["required"] = REPEAT_PASSWORD


class SetPasswordForm(SaysWhatIsMissing, auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password2"].error_messages["required"] = REPEAT_PASSWORD


class PasswordResetForm(SaysWhatIsMissing, auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["required"] = _("Isi alamat e-mail.")
