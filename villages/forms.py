import re
from typing import cast

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from desabinaan.lib.forms import SaysWhatIsMissing

from .models import VILLAGE_CODE_RE, Office, Region, Unit

# --- The unit workflow ------------------------------------------------------------------------------

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
REASON_MISSING = _("Pilih alasan desa binaan ini diusulkan.")


class RegionCodeForm(SaysWhatIsMissing, forms.Form):
    """Step one of a proposal when the region is typed rather than picked on the region search page."""

    region = forms.CharField(
        label=_("Kode wilayah kelurahan/desa"),
        max_length=13,
        help_text=_("Contoh: 31.72.03.1004 (Rawa Badak Utara)."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "placeholder": "31.72.03.1004"}),
    )

    def clean_region(self) -> Region:
        code = self.cleaned_data["region"].strip()
        if not re.fullmatch(VILLAGE_CODE_RE, code):
            raise forms.ValidationError(
                _("Kode kelurahan/desa terdiri atas 13 karakter, misalnya 31.72.03.1004."), code="format"
            )
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise forms.ValidationError(
                _("Kode wilayah %(code)s tidak ada dalam daftar wilayah."), params={"code": code}
            )
        if not region.is_village:
            raise forms.ValidationError(_("Pilih kelurahan atau desa, bukan kecamatan, kota, atau provinsi."))
        return region


class UnitProposalForm(SaysWhatIsMissing, forms.Form):
    TARGET_REGION = "region"
    TARGET_SCHOOL = "school"

    region = forms.CharField(widget=forms.HiddenInput)
    office = forms.ModelChoiceField(
        label=_("Kantor pengusul"),
        queryset=Office.objects.none(),
        empty_label=_("Pilih kantor"),
        error_messages={"invalid_choice": _("Anda hanya dapat mengusulkan atas nama kantor tempat Anda bertugas.")},
    )
    target = forms.ChoiceField(
        label=_("Yang diusulkan"),
        widget=forms.RadioSelect,
        initial=TARGET_REGION,
        error_messages={"required": _("Pilih apa yang diusulkan: wilayahnya atau sebuah sekolah di sana.")},
    )
    school_name = forms.CharField(
        label=_("Nama sekolah"), max_length=200, required=False, help_text=_("Diisi bila yang diusulkan sekolah.")
    )
    npsn = forms.CharField(
        label=_("NPSN"),
        max_length=8,
        required=False,
        help_text=_("Nomor Pokok Sekolah Nasional, 8 angka."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    reason = forms.ChoiceField(
        label=_("Alasan dipilih"),
        choices=[("", _("Pilih alasan")), *Unit.Reason.choices],
        error_messages={"required": REASON_MISSING},
    )
    reason_detail = forms.CharField(
        label=_("Keterangan alasan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya jumlah warga yang bekerja di luar negeri, kasus yang pernah terjadi."),
    )
    address = forms.CharField(
        label=_("Alamat kantor kelurahan/desa atau sekolah"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    contact_name = forms.CharField(label=_("Nama narahubung"), max_length=150, required=False)
    contact_phone = forms.CharField(
        label=_("Telepon narahubung"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    contact_email = forms.EmailField(label=_("E-mail narahubung"), required=False)

    def __init__(self, *args, offices, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region_obj = region
        self.fields["region"].initial = region.code
        office = cast(forms.ModelChoiceField, self.fields["office"])
        office.queryset = offices
        only = list(offices[:2])
        if len(only) == 1:
            office.initial = only[0].pk
            office.widget = forms.HiddenInput()
        kind_label = region.village_kind_label
        cast(forms.ChoiceField, self.fields["target"]).choices = [
            (self.TARGET_REGION, _("%(kind)s %(name)s") % {"kind": kind_label, "name": region.name}),
            (self.TARGET_SCHOOL, _("Sebuah sekolah di %(kind)s %(name)s") % {"kind": kind_label, "name": region.name}),
        ]

    def clean_region(self) -> Region:
        if self.cleaned_data["region"].strip() != self.region_obj.code:
            raise forms.ValidationError(_("Wilayah berubah. Pilih wilayah lagi."))
        return self.region_obj

    def clean_npsn(self) -> str:
        npsn = self.cleaned_data["npsn"].strip()
        if npsn and not (len(npsn) == 8 and npsn.isascii() and npsn.isdigit()):
            raise forms.ValidationError(_("NPSN terdiri atas 8 angka."))
        return npsn

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target") == self.TARGET_SCHOOL:
            if not (cleaned.get("school_name") or "").strip() and "school_name" not in self.errors:
                self.add_error("school_name", _("Nama sekolah wajib diisi bila yang diusulkan sekolah."))
            if not cleaned.get("npsn") and "npsn" not in self.errors:
                self.add_error("npsn", _("NPSN wajib diisi bila yang diusulkan sekolah."))
        return cleaned

    def identity(self) -> dict:
        """What makes this proposal the same as another: the region, or the school's NPSN."""
        is_school = self.cleaned_data["target"] == self.TARGET_SCHOOL
        return {"region": self.cleaned_data["region"], "npsn": self.cleaned_data["npsn"] if is_school else ""}

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "office": data["office"],
            "region": data["region"],
            "is_school": data["target"] == self.TARGET_SCHOOL,
            "school_name": data["school_name"],
            "npsn": data["npsn"],
            "reason": data["reason"],
            "reason_detail": data["reason_detail"],
            "address": data["address"],
            "contact_name": data["contact_name"],
            "contact_phone": data["contact_phone"],
            "contact_email": data["contact_email"],
        }


class UnitApproveForm(SaysWhatIsMissing, forms.Form):
    decree_number = forms.CharField(
        label=_("Nomor SK penetapan"),
        max_length=120,
        help_text=_("Contoh: W.11.IMI.IMI.1.1949-GR.03.05 Tahun 2024"),
    )
    decree_date = forms.DateField(
        label=_("Tanggal SK"), widget=DATE_WIDGET, help_text=_("Tidak boleh setelah hari ini.")
    )


class UnitReasonForm(SaysWhatIsMissing, forms.Form):
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Alasan wajib diisi.")},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Alasan wajib diisi."))
        return reason


class UnitLaunchForm(SaysWhatIsMissing, forms.Form):
    launch_date = forms.DateField(
        label=_("Tanggal pengukuhan"),
        widget=DATE_WIDGET,
        help_text=_("Tidak sebelum tanggal SK dan tidak setelah hari ini."),
    )
    reason = forms.CharField(
        label=_("Catatan"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class UnitEditForm(SaysWhatIsMissing, forms.Form):
    note = forms.CharField(
        label=_("Catatan perubahan"),
        required=False,
        max_length=500,
        help_text=_("Opsional: mengapa data diubah. Tercatat di riwayat."),
    )

    def __init__(self, data=None, *, unit: Unit, **kwargs):
        names = unit.editable_fields()
        initial = {name: getattr(unit, name) for name in names}
        super().__init__(data, initial=initial, **kwargs)
        model_fields = fields_for_model(
            Unit,
            fields=names,
            widgets={"reason_detail": forms.Textarea(attrs={"rows": 3}), "address": forms.Textarea(attrs={"rows": 2})},
        )
        if "reason" in model_fields:
            model_fields["reason"].error_messages["required"] = REASON_MISSING
        if "school_name" in model_fields:
            model_fields["school_name"].required = True
        note = self.fields.pop("note")
        self.fields.update(model_fields)
        self.fields["note"] = note
        self.editable_names = names

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.editable_names}
