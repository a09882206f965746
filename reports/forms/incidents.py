"""Forms of incident reports: the officer's report and the staff's next step."""

from __future__ import annotations

import uuid
from datetime import date
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from desabinaan.lib.forms import SaysWhatIsMissing

from ..models import Incident
from .activities import UnitChoiceField


class IncidentForm(SaysWhatIsMissing, forms.ModelForm):
    unit = UnitChoiceField(
        queryset=None,
        label=_("Desa binaan"),
        empty_label=None,
        error_messages={"invalid_choice": _("Pilih desa binaan tempat Anda bertugas.")},
    )
    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Incident
        fields = ["unit", "category", "urgency", "occurred_on", "place", "description", "people_involved"]
        widgets = {
            "occurred_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
            "people_involved": forms.Textarea(attrs={"rows": 3}),
            "category": forms.RadioSelect,
            "urgency": forms.RadioSelect,
        }
        help_texts = {
            "description": _("Ceritakan apa yang dilihat atau didengar, kapan, dan bagaimana Anda mengetahuinya."),
            "people_involved": _(
                "Nama, perkiraan umur, asal, atau ciri orang yang terlibat, sejauh diketahui. "
                "Laporan ini rahasia: hanya Anda dan petugas Kantor Imigrasi yang dapat membacanya."
            ),
            "urgency": _("Bila ada orang dalam bahaya sekarang, hubungi juga polisi di 110."),
        }
        error_messages = {
            "category": {"required": _("Pilih kategori kejadian.")},
            "description": {"required": _("Ceritakan apa yang terjadi.")},
        }

    def __init__(self, *args, units, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        self.fields["client_token"].initial = uuid.uuid4()
        self.fields["occurred_on"].widget.attrs["max"] = today.isoformat()
        cast(forms.ChoiceField, self.fields["category"]).choices = Incident.Category.choices
        cast(forms.ChoiceField, self.fields["urgency"]).choices = Incident.Urgency.choices

    def clean_occurred_on(self) -> date:
        value = self.cleaned_data["occurred_on"]
        if value > self.today:
            raise ValidationError(_("Tanggal kejadian tidak boleh di masa depan."))
        if value.year < self.today.year - 10:
            raise ValidationError(_("Tanggal kejadian terlalu jauh ke belakang. Periksa tahunnya."))
        return value


class IncidentStepForm(SaysWhatIsMissing, forms.Form):
    """The staff's next step; which steps are allowed from the current status is the service's rule."""

    action = forms.ChoiceField(
        choices=[
            ("acknowledge", _("Terima laporan")),
            ("refer", _("Rujuk")),
            ("close", _("Tutup")),
        ],
        widget=forms.HiddenInput,
        error_messages={"required": _("Pilih langkah berikutnya."), "invalid_choice": _("Langkah tidak dikenal.")},
    )
    referred_to = forms.ChoiceField(
        choices=[("", "—"), *Incident.ReferredTo.choices], required=False, label=_("Dirujuk ke")
    )
    referred_to_detail = forms.CharField(
        required=False,
        max_length=200,
        label=_("Keterangan rujukan"),
        help_text=_("Nama instansi, petugas, atau nomor surat."),
    )
    note = forms.CharField(
        required=False, max_length=4000, label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == "refer":
            if not data.get("referred_to"):
                self.add_error("referred_to", _("Pilih instansi tujuan rujukan."))
            elif data["referred_to"] == Incident.ReferredTo.OTHER and not data.get("referred_to_detail", "").strip():
                self.add_error("referred_to_detail", _("Tulis nama instansi tujuan rujukan."))
        if action == "close" and not data.get("note", "").strip():
            self.add_error("note", _("Tulis catatan penutupan: apa hasil tindak lanjutnya."))
        return data
