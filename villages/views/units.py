"""The desa binaan workflow pages: propose, detail with history, one page per transition, edit, list."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from desabinaan.lib.errors import Conflict, DomainError, Message, add_to_form
from desabinaan.lib.http import AuthenticatedHttpRequest

from .. import services
from ..forms import RegionCodeForm, UnitEditForm, UnitProposalForm
from ..models import Office, Region, Unit
from ..permissions import can_manage_unit, can_propose_any_unit, can_view_unit_list
from ..selectors import (
    UnitFilters,
    offices_for_proposal,
    offices_for_unit_filter,
    unit_events_for,
    unit_get_for_user,
    unit_just_proposed_by,
    unit_list_for,
)
from ..workflow import NOT_BY_PROPOSER, TRANSITIONS, transitions_for

PAGE_SIZE = 20


# --- Propose ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def unit_propose(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Two steps without JavaScript: pick the region (search page or typed code), then fill the proposal."""
    if not can_propose_any_unit(request.user):
        raise PermissionDenied
    code = request.POST.get("region") if request.method == "POST" else request.GET.get("region")
    if not code:
        return _propose_step_one(request, RegionCodeForm())
    code_form = RegionCodeForm({"region": code})
    if not code_form.is_valid():
        return _propose_step_one(request, code_form, status=400)
    region = code_form.cleaned_data["region"]
    offices = offices_for_proposal(request.user)
    form = UnitProposalForm(request.POST or None, offices=offices, region=region)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                unit = services.unit_propose(by=request.user, **form.service_kwargs())
            except DomainError as error:
                # A proposal sent twice (a double click, a reload) lands on the one already saved.
                same = unit_just_proposed_by(request.user, **form.identity()) if isinstance(error, Conflict) else None
                if same is not None:
                    messages.info(request, _("Usulan ini sudah tersimpan sebelumnya."))
                    return redirect(same)
                status = add_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("Usulan %(name)s tersimpan dan dikirim ke kepala kantor.") % {"name": unit.display_name},
                )
                return redirect(unit)
    existing = services.live_unit_for_region(region)
    return render(
        request,
        "villages/unit_propose.html",
        {"form": form, "region": region, "existing": existing, "step": 2, **_search_link(request)},
        status=status,
    )


def _propose_step_one(request: AuthenticatedHttpRequest, form: forms.Form, status: int = 200) -> HttpResponse:
    return render(
        request, "villages/unit_propose.html", {"code_form": form, "step": 1, **_search_link(request)}, status=status
    )


def _search_link(request: AuthenticatedHttpRequest) -> dict:
    return {"search_query": urlencode({"next": reverse("villages:unit_propose")})}


# --- Detail -----------------------------------------------------------------------------------------


def unit_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_get_for_user(request.user, pk)
    action_forms = [(t, t.form_class(prefix=t.name)) for t in transitions_for(request.user, unit)]
    can_manage = can_manage_unit(request.user, unit)
    own_proposal = unit.status == Unit.Status.PROPOSED and unit.proposed_by_id == request.user.pk
    return render(
        request,
        "villages/unit_detail.html",
        {
            "unit": unit,
            "events": unit_events_for(request.user, unit),
            "pimpasa": unit.pimpasa.all(),
            "action_forms": action_forms,
            "can_edit": can_manage and unit.is_live,
            "can_manage": can_manage,
            "own_proposal": own_proposal,
        },
    )


# --- Transitions ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def unit_transition(request: AuthenticatedHttpRequest, pk: int, name: str) -> HttpResponse:
    """One row of the workflow table as a page: its form, or why it cannot be taken now (409)."""
    transition = TRANSITIONS[name]
    unit = unit_get_for_user(request.user, pk)
    if not transition.may(request.user, unit):
        raise PermissionDenied
    refusal: Message | None = None
    if unit.status not in transition.sources:
        refusal = _("Tindakan ini tidak tersedia untuk desa binaan berstatus %(status)s.") % {
            "status": unit.get_status_display().lower()
        }
    elif transition.not_by_proposer and unit.proposed_by_id == request.user.pk:
        refusal = NOT_BY_PROPOSER
    form = transition.form_class(request.POST or None, prefix=name)
    status = 409 if refusal else 200
    if request.method == "POST" and not refusal:
        status = 400
        if form.is_valid():
            try:
                services.unit_transition(unit=unit, by=request.user, name=name, **form.cleaned_data)
            except DomainError as error:
                status = add_to_form(form, error)
            else:
                messages.success(request, transition.done)
                return redirect(unit)
    return render(
        request,
        "villages/unit_transition.html",
        {"unit": unit, "transition": transition, "form": form, "refusal": refusal},
        status=status,
    )


# --- Edit -------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def unit_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_get_for_user(request.user, pk)
    if not can_manage_unit(request.user, unit):
        raise PermissionDenied
    form = UnitEditForm(request.POST or None, unit=unit)
    status = 200
    if not unit.is_live:
        status = 409
    elif request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.unit_update(unit=unit, by=request.user, data=form.changes(), note=form.cleaned_data["note"])
            except DomainError as error:
                status = add_to_form(form, error)
            else:
                messages.success(request, _("Data desa binaan tersimpan."))
                return redirect(unit)
    return render(request, "villages/unit_edit.html", {"unit": unit, "form": form}, status=status)


# --- List -------------------------------------------------------------------------------------------


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    office = forms.ModelChoiceField(
        label=_("Kantor"), queryset=Office.objects.none(), required=False, empty_label=_("Semua kantor")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *Unit.Status.choices]
    )
    kind = forms.ChoiceField(label=_("Jenis"), required=False, choices=[("", _("Semua jenis")), *Unit.Kind.choices])
    province = forms.ChoiceField(label=_("Provinsi"), required=False)
    regency = forms.ChoiceField(label=_("Kabupaten/kota"), required=False)
    district = forms.ChoiceField(label=_("Kecamatan"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices_for_unit_filter(user)
        data = self.data
        province, regency = data.get("province", ""), data.get("regency", "")
        self.fields["province"].choices = self._choices(
            Region.objects.filter(level=Region.Level.PROVINCE), _("Semua provinsi")
        )
        # Each level narrows the next after "Terapkan": only the children of the chosen parent are offered.
        self.fields["regency"].choices = self._choices(
            Region.objects.filter(parent_id=province, level=Region.Level.REGENCY) if province else None,
            _("Semua kabupaten/kota"),
        )
        self.fields["district"].choices = self._choices(
            Region.objects.filter(parent_id=regency, level=Region.Level.DISTRICT)
            if regency and regency.startswith(province + ".")
            else None,
            _("Semua kecamatan"),
        )

    @staticmethod
    def _choices(qs, empty_label) -> list:
        rows = list(qs.order_by("name").values_list("code", "name")) if qs is not None else []
        return [("", empty_label), *rows]

    def filters(self) -> UnitFilters:
        # Bad values in one filter (a tampered URL) drop that filter only.
        self.is_valid()
        data = self.cleaned_data
        region = data.get("district") or data.get("regency") or data.get("province") or ""
        office = data.get("office")
        return UnitFilters(
            office=office.pk if office else None,
            status=data.get("status", ""),
            kind=data.get("kind", ""),
            region=region,
            q=(data.get("q") or "").strip(),
        )


def unit_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_view_unit_list(request.user):
        raise PermissionDenied
    form = UnitFilterForm(request.GET, user=request.user)
    filters = form.filters()
    page = Paginator(unit_list_for(request.user, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "villages/unit_list.html",
        {
            "form": form,
            "page": page,
            "units": page.object_list,
            "query": query.urlencode(),
            "filtered": any([filters.office, filters.status, filters.kind, filters.region, filters.q]),
            "can_propose": can_propose_any_unit(request.user),
        },
    )
