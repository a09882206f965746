"""Forms of the activity log: the officer's form, the staff's decision and the queue's filters."""

from __future__ import annotations

import uuid
from datetime import date
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from desabinaan.lib.forms import SaysWhatIsMissing, in_sentence
from edukasi.models import Topic
from villages.formfields import IdListField
from villages.models import Unit

from ..images import MAX_PHOTOS, PHOTO_MAX_BYTES, SHEET_MAX_BYTES, CleanImage, CleanSheet, clean_photo, clean_sheet
from ..models import Activity, ActivityPhoto


def _format(message, **values) -> str:
    return str(message) % values


# Help texts with numbers, translated when the form is shown rather than when the module is imported.
_lazy_format = lazy(_format, str)

MAX_PARTICIPANTS = 100_000


def one_year_before(today: date) -> date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class PhotoChoiceField(IdListField):
    """A log's photos to remove, each shown by its thumbnail ("Foto 1", "Foto 2"...): the stored file's path
    means nothing to the officer, and the original file name is not kept."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, activity: Activity, **kwargs):
        photos = activity.photos.all()
        super().__init__(queryset=photos, **kwargs)
        self.activity_pk = activity.pk
        self.numbers = {pk: n for n, pk in enumerate(photos.values_list("pk", flat=True), start=1)}

    def label_from_instance(self, obj: ActivityPhoto) -> SafeString:
        return format_html(
            '<img src="{}" alt="{}" class="activity-thumb" loading="lazy">',
            reverse("reports:activity_photo_thumb", args=[self.activity_pk, obj.pk]),
            _("Foto %(n)s") % {"n": self.numbers.get(obj.pk, "")},
        )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.display_name


class ActivityForm(SaysWhatIsMissing, forms.ModelForm):
    """All fields of a log. Photos and the sheet are decoded here; the view hands clean bytes to the service."""

    unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label=_("Desa binaan"),
        empty_label=None,
        error_messages={"invalid_choice": _("Pilih desa binaan tempat Anda bertugas.")},
    )
    topics = IdListField(
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Topik yang dibahas"),
    )
    photos = MultipleFileField(
        required=False,
        label=_("Foto kegiatan"),
        help_text=_lazy_format(
            _("Paling banyak %(n)d foto JPEG, PNG, atau WebP, masing-masing paling besar %(mb)d MB."),
            n=MAX_PHOTOS,
            mb=PHOTO_MAX_BYTES // 2**20,
        ),
    )
    sheet = forms.FileField(
        required=False,
        label=_("Daftar hadir"),
        help_text=_lazy_format(
            _("Satu berkas PDF atau foto (JPEG, PNG, WebP), paling besar %(mb)d MB."), mb=SHEET_MAX_BYTES // 2**20
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
    )
    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Activity
        fields = [
            "unit",
            "date",
            "kind",
            "topics",
            "place",
            "participants_male",
            "participants_female",
            "calon_pmi_reached",
            "passport_consultations",
            "referrals",
            "notes",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "calon_pmi_reached": _("Peserta yang berencana bekerja ke luar negeri; tidak lebih dari jumlah peserta."),
            "passport_consultations": _("Berapa warga yang berkonsultasi tentang paspor."),
            "referrals": _("Berapa warga yang dirujuk ke Kantor Imigrasi atau instansi lain."),
            "place": _("Misalnya: Aula Kelurahan Rawa Badak Utara."),
        }
        error_messages = {"place": {"required": _("Isi tempat kegiatan.")}}

    def __init__(self, data=None, files=None, *, units, today: date, activity: Activity | None = None, **kwargs):
        super().__init__(data, files, instance=activity, **kwargs)
        self.today = today
        self.editing = activity is not None
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        if activity is not None:
            # A log stays with its unit; only its contents can be corrected.
            del self.fields["unit"]
            photos = PhotoChoiceField(
                activity=activity,
                required=False,
                label=_("Hapus foto"),
                help_text=_("Centang foto yang akan dihapus."),
            )
            if photos.numbers:
                self.fields["remove_photos"] = photos
            if activity.attendance_sheet:
                self.fields["remove_sheet"] = forms.BooleanField(required=False, label=_("Hapus daftar hadir"))
            # What is there to remove next to where more is added.
            order = [name for name in self.fields if name not in ("remove_photos", "remove_sheet")]
            for name, after in (("remove_photos", "photos"), ("remove_sheet", "sheet")):
                if name in self.fields:
                    order.insert(order.index(after) + 1, name)
            self.order_fields(order)
        else:
            self.fields["client_token"].initial = uuid.uuid4()
        for name in (
            "participants_male",
            "participants_female",
            "calon_pmi_reached",
            "passport_consultations",
            "referrals",
        ):
            field = self.fields[name]
            field.widget.attrs.update({"min": 0, "max": MAX_PARTICIPANTS, "inputmode": "numeric"})
            field.error_messages["invalid"] = _("Isi dengan angka bulat, misalnya 25.")
            field.error_messages["required"] = _("Isi jumlah %(label)s; tulis 0 bila tidak ada.") % {
                "label": in_sentence(field.label)
            }
            field.validators = [
                MinValueValidator(0, message=_("Tidak boleh kurang dari 0.")),
                MaxValueValidator(MAX_PARTICIPANTS, message=_("Tidak boleh lebih dari 100.000.")),
            ]
        self.fields["date"].widget.attrs.update({"max": today.isoformat(), "min": one_year_before(today).isoformat()})
        self.clean_photos_list: list[CleanImage] = []
        self.clean_sheet_file: CleanSheet | None = None

    def clean_date(self) -> date:
        value = self.cleaned_data["date"]
        if value > self.today:
            raise ValidationError(_("Tanggal kegiatan tidak boleh di masa depan."))
        if value < one_year_before(self.today):
            raise ValidationError(_("Tanggal kegiatan tidak boleh lebih dari satu tahun yang lalu."))
        return value

    def clean_photos(self) -> list:
        files = self.cleaned_data.get("photos") or []
        kept = 0
        if self.editing:
            removed = cast(QueryDict, self.data).getlist(self.add_prefix("remove_photos"))
            kept = self.instance.photos.count() - len(removed)
        if len(files) + max(kept, 0) > MAX_PHOTOS:
            raise ValidationError(_("Paling banyak %(n)d foto per kegiatan.") % {"n": MAX_PHOTOS})
        errors, cleaned = [], []
        for upload in files:
            try:
                cleaned.append(clean_photo(upload))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        self.clean_photos_list = cleaned
        return files

    def clean_sheet(self):
        upload = self.cleaned_data.get("sheet")
        if upload:
            self.clean_sheet_file = clean_sheet(upload)
        return upload

    def clean(self):
        data = super().clean()
        male, female = data.get("participants_male"), data.get("participants_female")
        if male is not None and female is not None:
            total = male + female
            if total > MAX_PARTICIPANTS:
                self.add_error(
                    "participants_female", _("Jumlah peserta tidak boleh lebih dari 100.000 dalam satu kegiatan.")
                )
            pmi = data.get("calon_pmi_reached")
            if pmi is not None and pmi > total:
                self.add_error("calon_pmi_reached", _("Calon PMI terjangkau tidak boleh melebihi jumlah peserta."))
        return data

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name not in ("unit", "topics")}


class ReviewForm(SaysWhatIsMissing, forms.Form):
    decision = forms.ChoiceField(
        choices=[("verify", _("Verifikasi")), ("return", _("Kembalikan"))],
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Pilih verifikasi atau kembalikan."),
            "invalid_choice": _("Keputusan tidak dikenal."),
        },
    )
    comment = forms.CharField(
        label=_("Catatan untuk petugas"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib diisi bila kegiatan dikembalikan: tulis apa yang perlu diperbaiki."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Tulis catatan untuk petugas: apa yang perlu diperbaiki."))
        return data


class QueueFilterForm(forms.Form):
    ALL = "all"

    unit = UnitChoiceField(queryset=Unit.objects.none(), required=False, label=_("Desa binaan"), empty_label=_("Semua"))
    kind = forms.ChoiceField(choices=[("", _("Semua")), *Activity.Kind.choices], required=False, label=_("Jenis"))
    status = forms.ChoiceField(
        choices=[(ALL, _("Semua status")), *Activity.Status.choices],
        required=False,
        label=_("Status"),
    )

    date_from = forms.DateField(required=False, label=_("Dari tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label=_("Sampai tanggal"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-select" if name in ("unit", "kind", "status") else "form-control"

    def _post_clean(self):
        super()._post_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " is-invalid"

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data

    def filters(self) -> dict:
        data = self.cleaned_data
        status = data.get("status") or Activity.Status.SUBMITTED
        return {
            "unit": data.get("unit"),
            "kind": data.get("kind") or "",
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "status": "" if status == self.ALL else status,
        }


def today() -> date:
    return timezone.localdate()
