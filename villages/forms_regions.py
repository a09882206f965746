"""The region search form: province → regency → district selects that narrow after each submit, and text."""

from typing import TypedDict

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Region
from .regions import SEARCH_MAX_LENGTH, code_error, region_children

EMPTY_CHOICE = ("", _("Semua"))


def _choices(regions) -> list[tuple[str, str]]:
    return [EMPTY_CHOICE, *((region.code, region.name) for region in regions.only("code", "name"))]


class RegionFilters(TypedDict):
    """The keyword arguments of ``regions_search`` that the form fills."""

    q: str
    province: str
    regency: str
    district: str


class RegionSearchForm(forms.Form):
    """A GET form. A regency or district that no longer sits inside the chosen province or regency
    (the user changed the broader select before pressing "Terapkan") is dropped, not an error."""

    province = forms.ChoiceField(label=_("Provinsi"), required=False)
    regency = forms.ChoiceField(label=_("Kabupaten/Kota"), required=False)
    district = forms.ChoiceField(label=_("Kecamatan"), required=False)
    q = forms.CharField(
        label=_("Nama atau kode"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("Misalnya «Rawa Badak» atau «31.72.03»."),
    )

    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else {}
        province = (data.get("province") or "").strip()
        regency = (data.get("regency") or "").strip()
        district = (data.get("district") or "").strip()
        if not province or not regency.startswith(province + "."):
            regency = ""
        if not regency or not district.startswith(regency + "."):
            district = ""
        data["regency"], data["district"] = regency, district
        super().__init__(data, **kwargs)
        self.fields["province"].choices = _choices(region_children(None))
        # Children are listed only for a well-formed parent code: one query each, whatever the input.
        self.fields["regency"].choices = _choices(
            region_children(province) if _is_level(province, 1) else Region.objects.none()
        )
        self.fields["district"].choices = _choices(
            region_children(regency) if _is_level(regency, 2) else Region.objects.none()
        )

    def narrowing(self) -> RegionFilters:
        """The valid filters (all empty when the form is invalid)."""
        if not self.is_valid():
            return RegionFilters(q="", province="", regency="", district="")
        data = self.cleaned_data
        return RegionFilters(q=data["q"], province=data["province"], regency=data["regency"], district=data["district"])


def _is_level(code: str, level: int) -> bool:
    return bool(code) and code_error(code) is None and Region.level_of(code) == level
