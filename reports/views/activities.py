"""An officer's activity log: create, read, correct, delete; its photos and attendance sheet behind access checks."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from desabinaan.lib.errors import DomainError, add_to_form
from desabinaan.lib.http import AuthenticatedHttpRequest

from ..forms.activities import ActivityForm, ReviewForm, today
from ..images import content_type_for
from ..models import Activity
from ..permissions.activities import can_edit_activity, can_log_any_activity, can_review_activity
from ..selectors.activities import activity_get_for_user, activity_photo_get_for_user, loggable_units_for
from ..services.activities import activity_create, activity_delete, activity_update
from .field import FIELD_USER_HEADER
from .files import stored_file

UPLOAD_MAX_AGE = 3600


def _locked(request: AuthenticatedHttpRequest, activity: Activity, message: str, status: int = 409) -> HttpResponse:
    return render(request, "reports/activity_locked.html", {"activity": activity, "message": message}, status=status)


def _wants_json(request: AuthenticatedHttpRequest) -> bool:
    """The field-mode script asks for JSON; a browser submitting the form itself gets the HTML pages as always."""
    return "application/json" in request.headers.get("Accept", "")


def _form_errors_json(form: ActivityForm, status: int) -> JsonResponse:
    fields = {
        name: {"label": str(form.fields[name].label) if name in form.fields else name, "messages": list(errors)}
        for name, errors in form.errors.items()
        if name != "__all__"
    }
    return JsonResponse({"fields": fields, "non_field": list(form.non_field_errors())}, status=status)


def activity_create_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_log_any_activity(request.user):
        raise PermissionDenied
    units = loggable_units_for(request.user)
    initial = {}
    if request.GET.get("unit", "").isdigit():
        initial["unit"] = int(request.GET["unit"])
    form = ActivityForm(request.POST or None, request.FILES or None, units=units, today=today(), initial=initial)
    status = 400
    if request.method == "POST":
        if form.is_valid():
            try:
                activity, created = activity_create(
                    by=request.user,
                    unit=form.cleaned_data["unit"],
                    data=form.service_data(),
                    topics=form.cleaned_data["topics"],
                    photos=form.clean_photos_list,
                    sheet=form.clean_sheet_file,
                    client_token=form.cleaned_data.get("client_token"),
                )
            except DomainError as error:
                status = add_to_form(form, error)
            else:
                if created:
                    messages.success(request, _("Kegiatan dicatat dan dikirim ke Kantor Imigrasi untuk diverifikasi."))
                else:
                    messages.info(request, _("Kegiatan ini sudah tercatat sebelumnya; tidak dicatat dua kali."))
                if _wants_json(request):
                    # The outbox drops its item only on this answer: stored now, or stored before with this token.
                    return JsonResponse(
                        {"url": activity.get_absolute_url(), "created": created}, status=201 if created else 200
                    )
                return redirect(activity)
        if _wants_json(request):
            return _form_errors_json(form, status)
        return render(request, "reports/activity_form.html", {"form": form, "units": units}, status=status)
    response = render(request, "reports/activity_form.html", {"form": form, "units": units, "field_mode": True})
    # The service worker keeps an offline copy of this form for this user only (see views/field.py).
    response[FIELD_USER_HEADER] = str(request.user.pk)
    return response


def _list_for_readers(activity: Activity) -> str:
    """Where a reader who neither logs nor verifies (oversight) finds the unit's logs: the export list."""
    query = urlencode({"office": activity.office_id, "unit": activity.unit_id})
    return f"{reverse('reports:export_activities')}?{query}"


def activity_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = activity_get_for_user(request.user, pk)
    can_review = can_review_activity(request.user, activity)
    can_edit = can_edit_activity(request.user, activity)
    return render(
        request,
        "reports/activity_detail.html",
        {
            "activity": activity,
            "back_url": None if can_review or can_edit else _list_for_readers(activity),
            "photos": list(activity.photos.all()),
            "topics": list(activity.topics.all()),
            "events": list(activity.events.select_related("actor")[:20]),
            "can_edit": can_edit and activity.is_editable,
            "can_review": can_review and activity.status == Activity.Status.SUBMITTED,
            "review_form": ReviewForm() if can_review else None,
        },
    )


def activity_update_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = activity_get_for_user(request.user, pk)
    if not can_edit_activity(request.user, activity):
        raise PermissionDenied
    if not activity.is_editable:
        return _locked(request, activity, _("Kegiatan yang sudah diverifikasi tidak dapat diubah lagi."))
    form = ActivityForm(request.POST or None, request.FILES or None, units=None, today=today(), activity=activity)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            activity_update(
                activity=activity,
                by=request.user,
                data=form.service_data(),
                topics=form.cleaned_data["topics"],
                new_photos=form.clean_photos_list,
                remove_photo_ids=[p.pk for p in form.cleaned_data.get("remove_photos") or []],
                sheet=form.clean_sheet_file,
                remove_sheet=form.cleaned_data.get("remove_sheet", False),
            )
        except DomainError as error:
            activity.refresh_from_db()
            if not activity.is_editable:
                return _locked(request, activity, str(error), status=error.status)
            status = add_to_form(form, error)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect(activity)
    return render(request, "reports/activity_form.html", {"form": form, "activity": activity}, status=status)


def activity_delete_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = activity_get_for_user(request.user, pk)
    if not can_edit_activity(request.user, activity):
        raise PermissionDenied
    if not activity.is_editable:
        return _locked(request, activity, _("Kegiatan yang sudah diverifikasi tidak dapat dihapus."))
    if request.method == "POST":
        try:
            activity_delete(activity=activity, by=request.user)
        except DomainError as error:
            return _locked(request, activity, str(error), status=error.status)
        messages.success(request, _("Kegiatan dihapus."))
        return redirect("reports:officer_home")
    return render(request, "reports/activity_confirm_delete.html", {"activity": activity})


def _upload(field: FieldFile, *, filename: str, inline: bool = True) -> HttpResponse | StreamingHttpResponse:
    # Private data: the browser may keep it an hour, no shared cache at all.
    content_type = content_type_for(field.name or "")
    return stored_file(field, filename=filename, content_type=content_type, inline=inline, max_age=UPLOAD_MAX_AGE)


def activity_photo(request: AuthenticatedHttpRequest, pk: int, photo_pk: int) -> HttpResponse | StreamingHttpResponse:
    photo = activity_photo_get_for_user(request.user, pk, photo_pk)
    ext = (photo.image.name or "").rsplit(".", 1)[-1]
    return _upload(photo.image, filename=f"kegiatan-{pk}-foto-{photo.order + 1}.{ext}")


def activity_photo_thumb(
    request: AuthenticatedHttpRequest, pk: int, photo_pk: int
) -> HttpResponse | StreamingHttpResponse:
    photo = activity_photo_get_for_user(request.user, pk, photo_pk)
    return _upload(photo.thumbnail, filename=f"kegiatan-{pk}-foto-{photo.order + 1}-kecil.jpg")


def activity_sheet(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    activity = activity_get_for_user(request.user, pk)
    name = activity.attendance_sheet.name if activity.attendance_sheet else ""
    ext = name.rsplit(".", 1)[-1] if name else "pdf"
    filename = f"kegiatan-{pk}-daftar-hadir.{ext}"
    return _upload(activity.attendance_sheet, filename=filename, inline=ext != "pdf")
