"""Forms of summaries, the dashboard filter and the public verification upload."""

import uuid
from datetime import date
from typing import cast

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from desabinaan.lib.forms import SaysWhatIsMissing
from desabinaan.lib.periods import QUARTER_NUMERALS, month_bounds, quarter_bounds, quarter_of, year_bounds
from villages.models import Office, Unit

from ..aggregation import Scope
from ..models import Summary
from ..permissions.summaries import can_report_on_office
from ..selectors.summaries import (
    normalise_verification_code,
    report_offices_for,
    report_units_for,
    summary_choice_offices_for,
)

MAX_RANGE_YEARS = 3
VERIFY_MAX_BYTES = 20 * 1024 * 1024
QUARTERS = list(enumerate(QUARTER_NUMERALS, start=1))


def current_quarter() -> tuple[date, date]:
    return quarter_bounds(*quarter_of(timezone.localdate()))


def _years_later(day: date, years: int) -> date:
    if day.year + years > date.max.year:
        return date.max
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def check_range(form: forms.Form, start: date | None, end: date | None, *, end_field: str) -> None:
    if start is None or end is None:
        return
    if end < start:
        form.add_error(end_field, _("Tanggal akhir tidak boleh sebelum tanggal awal."))
    elif end >= _years_later(start, MAX_RANGE_YEARS):
        form.add_error(end_field, _("Rentang periode paling lama 3 tahun."))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class UnitWithOfficeField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.display_name} ({obj.office.name})"


class ScopeFormMixin(forms.BaseForm):
    """Office and unit chosen on screen, checked against each other and against the user's scope."""

    user: User | AnonymousUser

    def _setup_scope_fields(self, user, *, office_queryset) -> None:
        self.user = user
        cast(forms.ModelChoiceField, self.fields["office"]).queryset = office_queryset
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = report_units_for(user)

    def _check_unit_in_office(self, office: Office | None, unit: Unit | None) -> None:
        if office is not None and unit is not None and unit.office_id != office.pk:
            self.add_error("unit", _("Desa binaan ini bukan binaan kantor yang dipilih."))


OFFICE_INVALID = _("Kantor ini tidak termasuk kantor yang dapat Anda laporkan.")
UNIT_INVALID = _("Desa binaan ini tidak termasuk desa binaan yang dapat Anda laporkan.")


class SummaryForm(SaysWhatIsMissing, ScopeFormMixin, forms.Form):
    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    office = forms.ModelChoiceField(
        label=_("Kantor"), queryset=Office.objects.none(), error_messages={"invalid_choice": OFFICE_INVALID}
    )
    unit = UnitWithOfficeField(
        label=_("Desa binaan"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Seluruh desa binaan kantor"),
        error_messages={"invalid_choice": UNIT_INVALID},
        help_text=_("Kosongkan untuk ringkasan seluruh kantor."),
    )
    period_kind = forms.ChoiceField(
        label=_("Jenis periode"), choices=Summary.PeriodKind.choices, widget=forms.RadioSelect
    )
    year = forms.IntegerField(label=_("Tahun"), min_value=2015, max_value=2100, required=False)
    month = forms.TypedChoiceField(
        label=_("Bulan"), choices=[("", "—"), *MONTHS.items()], coerce=int, required=False, empty_value=None
    )
    quarter = forms.TypedChoiceField(
        label=_("Triwulan"), choices=[("", "—"), *QUARTERS], coerce=int, required=False, empty_value=None
    )
    start = forms.DateField(label=_("Tanggal awal"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Tanggal akhir"), required=False, widget=DateInput())
    include_appendix = forms.BooleanField(label=_("Lampirkan daftar kegiatan"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_scope_fields(user, office_queryset=summary_choice_offices_for(user))
        today = timezone.localdate()
        self.fields["period_kind"].initial = Summary.PeriodKind.QUARTER
        self.fields["year"].initial = today.year
        self.fields["month"].initial = today.month
        self.fields["quarter"].initial = quarter_of(today)[1]
        self.fields["client_token"].initial = uuid.uuid4()
        offices = list(self.fields["office"].queryset[:2])
        if len(offices) == 1:
            self.fields["office"].initial = offices[0].pk

    def clean(self):
        data = super().clean()
        kind, year = data.get("period_kind"), data.get("year")
        start = end = None
        needed = {
            Summary.PeriodKind.MONTH: ("year", "month"),
            Summary.PeriodKind.QUARTER: ("year", "quarter"),
            Summary.PeriodKind.YEAR: ("year",),
            Summary.PeriodKind.CUSTOM: ("start", "end"),
        }.get(kind, ())
        for name in needed:
            if data.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, _("Isian ini wajib untuk jenis periode yang dipilih."))
        if not self.errors:
            if kind == Summary.PeriodKind.MONTH:
                start, end = month_bounds(year, data["month"])
            elif kind == Summary.PeriodKind.QUARTER:
                start, end = quarter_bounds(year, data["quarter"])
            elif kind == Summary.PeriodKind.YEAR:
                start, end = year_bounds(year)
            else:
                start, end = data["start"], data["end"]
                check_range(self, start, end, end_field="end")
        office, unit = data.get("office"), data.get("unit")
        self._check_unit_in_office(office, unit)
        if office is not None and unit is None and not can_report_on_office(self.user, office):
            self.add_error(
                "unit", _("Anda hanya dapat membuat ringkasan untuk desa binaan Anda; pilih desa binaannya.")
            )
        data["period_start"], data["period_end"] = start, end
        return data


class DashboardFilterForm(ScopeFormMixin, forms.Form):
    """The dashboard's filters (GET). Also the base of the export filters, so both read the same scope."""

    office = forms.ModelChoiceField(
        label=_("Kantor"),
        queryset=Office.objects.none(),
        required=False,
        empty_label=_("Semua kantor"),
        error_messages={"invalid_choice": OFFICE_INVALID},
    )
    unit = UnitWithOfficeField(
        label=_("Desa binaan"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Semua desa binaan"),
        error_messages={"invalid_choice": UNIT_INVALID},
    )
    start = forms.DateField(label=_("Dari tanggal"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DateInput())

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self._setup_scope_fields(user, office_queryset=report_offices_for(user))
        start, end = current_quarter()
        self.fields["start"].initial, self.fields["end"].initial = start, end

    def clean(self):
        data = super().clean()
        default_start, default_end = current_quarter()
        data["start"] = data.get("start") or default_start
        data["end"] = data.get("end") or default_end
        check_range(self, data["start"], data["end"], end_field="end")
        self._check_unit_in_office(data.get("office"), data.get("unit"))
        unit = data.get("unit")
        if unit is None and not data.get("office") and not report_offices_for(self.user).exists():
            # A unit's officer has no office scope: their dashboard is their (first) unit.
            data["unit"] = report_units_for(self.user).first()
        return data

    def scope(self) -> Scope:
        data = self.cleaned_data
        unit, office = data.get("unit"), data.get("office")
        if unit is not None:
            return Scope(office_ids=(unit.office_id,), unit_id=unit.pk, start=data["start"], end=data["end"])
        office_ids: tuple[int, ...]
        if office is not None:
            office_ids = (office.pk,)
        else:
            office_ids = tuple(report_offices_for(self.user).values_list("pk", flat=True))
        return Scope(office_ids=office_ids, start=data["start"], end=data["end"])


class VerifyUploadForm(SaysWhatIsMissing, forms.Form):
    file = forms.FileField(
        label=_("Berkas PDF yang akan diperiksa"),
        help_text=_("Paling besar 20 MB. Berkas tidak disimpan."),
        error_messages={
            "required": _("Pilih berkas PDF yang akan diperiksa."),
            "empty": _("Berkas yang dipilih kosong."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > VERIFY_MAX_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar: paling besar 20 MB. Ringkasan asli jauh lebih kecil."))
        upload.seek(0)
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("Berkas ini bukan PDF. Unggah berkas ringkasan (PDF) yang Anda terima."))
        return upload


CODE_INVALID = _("Kode verifikasi hanya berisi huruf dan angka, seperti yang tercetak di bawah kode QR.")


class VerifyLookupForm(SaysWhatIsMissing, forms.Form):
    code = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=16,
        help_text=_("Tercetak di bawah kode QR pada ringkasan."),
    )

    def clean_code(self) -> str:
        code = normalise_verification_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(CODE_INVALID)
        return code
