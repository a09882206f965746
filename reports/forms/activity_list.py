"""The filters of an officer's list of their units' logs: status, period (a month or a triwulan) and unit."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from desabinaan.lib.periods import month_key, period_bounds, quarter_key, quarter_numeral, quarter_of
from villages.models import Unit

from ..models import Activity
from .activities import UnitChoiceField

Choices = list[tuple[str, str]]


def period_choices(since: date, today: date) -> list[tuple[str, Choices]]:
    """Per year, newest first, its triwulan then its months, from the month of ``since`` to that of ``today``."""
    groups = []
    for year in range(today.year, since.year - 1, -1):
        last = today.month if year == today.year else 12
        first = since.month if year == since.year else 1
        quarters = [
            (quarter_key(year, q), gettext("Triwulan %(q)s %(year)s") % {"q": quarter_numeral(q), "year": year})
            for q in range(quarter_of(date(year, last, 1))[1], quarter_of(date(year, first, 1))[1] - 1, -1)
        ]
        months = [
            (month_key(year, month), formats.date_format(date(year, month, 1), "F Y"))
            for month in range(last, first - 1, -1)
        ]
        groups.append((str(year), quarters + months))
    return groups


class ActivityListFilterForm(forms.Form):
    status = forms.ChoiceField(required=False, label=_("Status"))
    period = forms.ChoiceField(
        required=False,
        label=_("Periode"),
        error_messages={"invalid_choice": _("Pilih bulan atau triwulan dari daftar.")},
    )
    unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=_("Desa binaan"),
        empty_label=_("Semua desa binaan"),
        error_messages={"invalid_choice": _("Pilih salah satu desa binaan Anda.")},
    )

    def __init__(self, data=None, *, units: QuerySet[Unit], many_units: bool, since: date | None, today: date):
        super().__init__(data)
        statuses = [(value, label) for value, label, _help in Activity.status_legend()]
        cast(forms.ChoiceField, self.fields["status"]).choices = [("", gettext("Semua status")), *statuses]
        cast(forms.ChoiceField, self.fields["period"]).choices = [
            ("", gettext("Semua periode")),
            *period_choices(since or today, today),
        ]
        if many_units:
            cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        else:
            del self.fields["unit"]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def filters(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        data = self.cleaned_data
        start, end = period_bounds(data.get("period") or "") or (None, None)
        return {"unit": data.get("unit"), "status": data.get("status") or "", "start": start, "end": end}
