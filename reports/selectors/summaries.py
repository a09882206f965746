"""Read queries for summaries, dashboards and exports, each scoped to the user's reporting scope."""

import re

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from villages.models import Office, Unit
from villages.roles import roles_of

from ..models import ExportJob, Summary

AnyUser = User | AnonymousUser


def report_offices_for(user: AnyUser) -> QuerySet[Office]:
    """Offices the user may summarise as a whole: their own as staff, or those they oversee."""
    roles = roles_of(user)
    qs = Office.objects.select_related("kanwil").order_by("name")
    if roles.is_superuser or roles.oversight_national:
        return qs
    return qs.filter(Q(pk__in=roles.staff_office_ids) | Q(kanwil_id__in=roles.oversight_kanwil_ids))


def report_units_for(user: AnyUser) -> QuerySet[Unit]:
    """Units the user may summarise: every unit of their offices, and the units they belong to."""
    roles = roles_of(user)
    qs = Unit.objects.select_related("region", "office").order_by("office__name", "region__name", "school_name")
    if roles.is_superuser or roles.oversight_national:
        return qs
    return qs.filter(
        Q(office_id__in=roles.staff_office_ids)
        | Q(office__kanwil_id__in=roles.oversight_kanwil_ids)
        | Q(pk__in=roles.unit_roles.keys())
    )


def summary_choice_offices_for(user: AnyUser) -> QuerySet[Office]:
    """Offices offered in the summary form: the above, plus the office of each unit the user belongs to."""
    roles = roles_of(user)
    if roles.is_superuser or roles.oversight_national:
        return report_offices_for(user)
    return (
        Office.objects.select_related("kanwil")
        .filter(
            Q(pk__in=roles.staff_office_ids)
            | Q(kanwil_id__in=roles.oversight_kanwil_ids)
            | Q(units__pk__in=roles.unit_roles.keys())
        )
        .distinct()
        .order_by("name")
    )


def summaries_visible_to(user: AnyUser) -> QuerySet[Summary]:
    roles = roles_of(user)
    qs = Summary.objects.select_related("office", "unit__region", "generated_by")
    if roles.is_superuser or roles.oversight_national:
        return qs
    return qs.filter(
        Q(office_id__in=roles.staff_office_ids)
        | Q(office__kanwil_id__in=roles.oversight_kanwil_ids)
        | Q(unit_id__in=roles.unit_roles.keys())
    )


def summary_get_for_user(user: AnyUser, pk: int) -> Summary:
    return get_object_or_404(summaries_visible_to(user), pk=pk)


_CODE_SEPARATORS = re.compile(r"[\s-]+")
_CODE_CHARACTERS = re.compile(r"[A-Z0-9]+")


def normalise_verification_code(code: str) -> str | None:
    """The code as printed (upper case, without the spaces or dashes people type), or None when it cannot be
    one: codes are ASCII letters and digits, so nothing else reaches a query, a URL or the page."""
    code = _CODE_SEPARATORS.sub("", code).upper()
    return code if _CODE_CHARACTERS.fullmatch(code) else None


def summary_get_by_code(code: str) -> Summary:
    """The issued summary with this verification code (public): only finished ones are shown."""
    normalised = normalise_verification_code(code)
    if normalised is None:
        raise Http404
    return get_object_or_404(
        Summary.objects.select_related("office__kanwil", "unit__region"),
        verification_code=normalised,
        state=Summary.State.DONE,
    )


def export_jobs_visible_to(user: AnyUser) -> QuerySet[ExportJob]:
    """An export file holds exactly what its requester could see: only they may fetch it."""
    return ExportJob.objects.filter(requested_by_id=user.pk).select_related("office")


def export_job_get_for_user(user: AnyUser, pk: int) -> ExportJob:
    return get_object_or_404(export_jobs_visible_to(user), pk=pk)


def incident_export_offices_for(user: AnyUser) -> QuerySet[Office]:
    """Offices whose incidents the user may export: their own, as staff, PIMPASA or head."""
    return Office.objects.filter(pk__in=roles_of(user).staff_office_ids).order_by("name")
