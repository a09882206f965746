"""Writes on activity logs: create, edit, delete, verify, return. Each locks the row and writes an event.

Each also measures again, in its transaction, the month of the log in the dashboards' rollup
(``reports.services.rollups``): the figures read there are never behind the logs.

Refusals are ``DomainError``: ``Conflict`` (409) when the log or its unit is in a state that forbids the change.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from desabinaan.lib.errors import Conflict, DomainError
from desabinaan.lib.models import update_fields
from edukasi.models import Topic
from villages.models import Unit

from .. import emails
from ..images import MAX_PHOTOS, CleanImage, CleanSheet
from ..models import Activity, ActivityEvent, ActivityPhoto
from .rollups import cells_of, rollup_refresh

# The fields an officer fills in; everything else (status, office, reviewer) is the service's business.
DATA_FIELDS = (
    "date",
    "kind",
    "place",
    "participants_male",
    "participants_female",
    "calon_pmi_reached",
    "passport_consultations",
    "referrals",
    "notes",
)


def _event(activity: Activity, *, by: User, from_status: str, to_status: str, comment: str = "") -> None:
    ActivityEvent.objects.create(
        activity=activity,
        unit_id=activity.unit_id,
        from_status=from_status,
        to_status=to_status,
        actor=by,
        comment=comment,
    )


def _add_photos(activity: Activity, photos: Iterable[CleanImage], start: int) -> None:
    for order, photo in enumerate(photos, start=start):
        ActivityPhoto.objects.create(
            activity=activity,
            image=photo.as_file(),
            thumbnail=photo.thumbnail_file(),
            order=order,
        )


def _delete_files_on_commit(names: list[tuple[Storage, str | None]]) -> None:
    def delete() -> None:
        for storage, name in names:
            if name:
                storage.delete(name)

    transaction.on_commit(delete)


def activity_create(
    *,
    by: User,
    unit: Unit,
    data: dict[str, Any],
    topics: Iterable[Topic] = (),
    photos: list[CleanImage] | None = None,
    sheet: CleanSheet | None = None,
    client_token: uuid.UUID | None = None,
) -> tuple[Activity, bool]:
    """Log an activity; with a token already used by this author, the first log comes back (created False)."""
    photos = photos or []
    if len(photos) > MAX_PHOTOS:
        raise DomainError(_("Paling banyak %(n)d foto per kegiatan.") % {"n": MAX_PHOTOS}, field="photos")
    # Tokens are unique per author: another user's token in this form is no reason to refuse the log.
    mine = Activity.objects.filter(author=by, client_token=client_token)
    if client_token is not None and (existing := mine.first()):
        return existing, False
    try:
        # A savepoint: two submissions racing on the same token meet at the unique constraint.
        with transaction.atomic():
            # The unit is locked so that a suspension cannot slip between the check and the insert. NO KEY
            # UPDATE: still exclusive against a status change, but rows that merely refer to the unit (events,
            # the rollup cell of another log's change) are not held up by it, which would deadlock.
            unit = Unit.objects.select_for_update(no_key=True).get(pk=unit.pk)
            if unit.status != Unit.Status.ACTIVE:
                raise Conflict(_("Kegiatan hanya dapat dicatat untuk desa binaan yang aktif."), field="unit")
            activity = Activity(
                unit=unit,
                office_id=unit.office_id,
                author=by,
                client_token=client_token,
                status=Activity.Status.SUBMITTED,
                **{field: data[field] for field in DATA_FIELDS if field in data},
            )
            if sheet is not None:
                activity.attendance_sheet = sheet.as_file()
            activity.save()
            activity.topics.set(topics)
            _add_photos(activity, photos, start=0)
            _event(activity, by=by, from_status="", to_status=Activity.Status.SUBMITTED)
            rollup_refresh(cells_of(activity))
    except IntegrityError:
        existing = mine.first() if client_token else None
        if existing is None:
            raise
        return existing, False
    return activity, True


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    by: User,
    data: dict[str, Any],
    topics: Iterable[Topic] = (),
    new_photos: list[CleanImage] | None = None,
    remove_photo_ids: Iterable[int] = (),
    sheet: CleanSheet | None = None,
    remove_sheet: bool = False,
) -> Activity:
    """Correct a log that is not verified yet; a returned log goes back to the queue as submitted."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status == Activity.Status.VERIFIED:
        raise Conflict(_("Kegiatan yang sudah diverifikasi tidak dapat diubah lagi."))
    new_photos = new_photos or []
    remove_ids = set(remove_photo_ids)
    kept = list(activity.photos.exclude(pk__in=remove_ids))
    if len(kept) + len(new_photos) > MAX_PHOTOS:
        raise DomainError(
            _("Paling banyak %(n)d foto per kegiatan. Hapus foto lama atau pilih lebih sedikit foto.")
            % {"n": MAX_PHOTOS},
            field="photos",
        )
    stale: list[tuple[Storage, str | None]] = []
    for photo in activity.photos.filter(pk__in=remove_ids):
        stale += [(photo.image.storage, photo.image.name), (photo.thumbnail.storage, photo.thumbnail.name)]
        photo.delete()
    dated = activity.date
    update_fields(activity, data, fields=DATA_FIELDS, save=False)
    if sheet is not None or remove_sheet:
        if activity.attendance_sheet:
            stale.append((activity.attendance_sheet.storage, activity.attendance_sheet.name))
        activity.attendance_sheet = sheet.as_file() if sheet is not None else ""
    before = activity.status
    if before == Activity.Status.RETURNED:
        activity.status = Activity.Status.SUBMITTED
    activity.save()
    activity.topics.set(topics)
    _add_photos(activity, new_photos, start=max((p.order for p in kept), default=-1) + 1)
    comment = _("Diperbaiki dan diajukan kembali.") if before == Activity.Status.RETURNED else _("Diubah.")
    _event(activity, by=by, from_status=before, to_status=activity.status, comment=comment)
    rollup_refresh(cells_of(activity, dated))  # a new date may move the log to another month
    _delete_files_on_commit(stale)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, by: User) -> None:
    """Remove a log that is not verified; the event row stays as the audit trail."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status == Activity.Status.VERIFIED:
        raise Conflict(_("Kegiatan yang sudah diverifikasi tidak dapat dihapus."))
    files: list[tuple[Storage, str | None]] = []
    for photo in activity.photos.all():
        files += [(photo.image.storage, photo.image.name), (photo.thumbnail.storage, photo.thumbnail.name)]
    if activity.attendance_sheet:
        files.append((activity.attendance_sheet.storage, activity.attendance_sheet.name))
    _event(
        activity,
        by=by,
        from_status=activity.status,
        to_status=ActivityEvent.DELETED,
        comment=_("Kegiatan #%(pk)d dihapus: %(what)s") % {"pk": activity.pk, "what": activity},
    )
    cells = cells_of(activity)
    activity.delete()
    rollup_refresh(cells)
    _delete_files_on_commit(files)


@transaction.atomic
def activity_verify(*, activity: Activity, by: User) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status != Activity.Status.SUBMITTED:
        raise Conflict(_("Hanya kegiatan yang menunggu verifikasi yang dapat diverifikasi."))
    activity.status = Activity.Status.VERIFIED
    activity.verified_by = by
    activity.verified_at = timezone.now()
    activity.review_comment = ""
    activity.save(update_fields=["status", "verified_by", "verified_at", "review_comment", "updated_at"])
    _event(activity, by=by, from_status=Activity.Status.SUBMITTED, to_status=Activity.Status.VERIFIED)
    rollup_refresh(cells_of(activity))
    return activity


@transaction.atomic
def activity_return(*, activity: Activity, by: User, comment: str, notify: bool = True) -> Activity:
    """Send a log back to its unit with what to fix; the author (or the unit's people) get an e-mail on commit."""
    comment = (comment or "").strip()
    if not comment:
        raise DomainError(_("Tulis catatan untuk petugas: apa yang perlu diperbaiki."), field="comment")
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status != Activity.Status.SUBMITTED:
        raise Conflict(_("Hanya kegiatan yang menunggu verifikasi yang dapat dikembalikan."))
    activity.status = Activity.Status.RETURNED
    activity.review_comment = comment
    activity.save(update_fields=["status", "review_comment", "updated_at"])
    _event(activity, by=by, from_status=Activity.Status.SUBMITTED, to_status=Activity.Status.RETURNED, comment=comment)
    rollup_refresh(cells_of(activity))
    if notify:
        # Only once the return is committed: a rolled-back decision sends nothing.
        transaction.on_commit(lambda: emails.activity_returned(activity_id=activity.pk))
    return activity
