"""The activity filters on the export page: the dashboard's scope plus kind and status."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ..models import Activity
from .summaries import DashboardFilterForm

FILTER_FIELDS = ("office", "unit", "start", "end", "kind", "status")


class ActivityFilterForm(DashboardFilterForm):
    kind = forms.ChoiceField(
        label=_("Jenis kegiatan"), choices=[("", _("Semua jenis")), *Activity.Kind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Semua status")), *Activity.Status.choices], required=False
    )

    def activities(self) -> QuerySet[Activity]:
        """Every activity of the filter: all statuses unless one is chosen (an export is a working list)."""
        qs = self.scope().activities()
        if self.cleaned_data.get("kind"):
            qs = qs.filter(kind=self.cleaned_data["kind"])
        if self.cleaned_data.get("status"):
            qs = qs.filter(status=self.cleaned_data["status"])
        return qs

    def as_params(self) -> dict[str, str]:
        """The filters as query parameters (for export links and for the background job)."""
        data = self.cleaned_data
        params = {
            "office": data["office"].pk if data.get("office") else "",
            "unit": data["unit"].pk if data.get("unit") else "",
            "start": data["start"].isoformat(),
            "end": data["end"].isoformat(),
            "kind": data.get("kind") or "",
            "status": data.get("status") or "",
        }
        return {key: str(value) for key, value in params.items() if value != ""}
