"""Activities, incidents, verification queue and overview.

Logs are seen by their unit's people, their office's staff and the oversight of their office (read only:
403 on editing); incidents only by their author and the office's staff (everyone else, oversight included,
gets 404).
"""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tests.matrix import Row, signed_in

OFFICERS = {"officer_a": 200, "coordinator_a": 200, "officer_b": 200}
STAFF = {"staff_x": 200, "pimpasa_x": 200, "head_x": 200, "staff_y": 200}


def _jpeg() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(out, "JPEG")
    return SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")


def _activity(world):
    from reports.images import clean_photo, clean_sheet
    from reports.services.activities import activity_create

    activity, _ = activity_create(
        by=world.user("officer_a"),
        unit=world.unit_a,
        data={"date": timezone.localdate() - timedelta(days=1), "kind": "sosialisasi", "place": "Aula kelurahan"},
        photos=[clean_photo(_jpeg())],
        sheet=clean_sheet(_jpeg()),
    )
    return activity


def _activity_kwargs(world):
    return {"pk": _activity(world).pk}


def _photo_kwargs(world):
    activity = _activity(world)
    return {"pk": activity.pk, "photo_pk": activity.photos.get().pk}


def _incident_kwargs(world):
    from reports.services.incidents import incident_report

    incident, _ = incident_report(
        by=world.user("officer_a"),
        unit=world.unit_a,
        data={
            "category": "trafficking",
            "urgency": "high",
            "occurred_on": timezone.localdate(),
            "place": "Pelabuhan",
            "description": "Perekrut tanpa izin menawarkan kerja.",
        },
    )
    return {"pk": incident.pk}


# Seen by unit A's people, office X's staff and the oversight of Kanwil Jakarta; everyone else is an outsider.
ACTIVITY_READERS = signed_in(
    404, officer_a=200, coordinator_a=200, staff_x=200, pimpasa_x=200, head_x=200, oversight=200
)
# Editing is for the unit's people; office staff and oversight see the log but may not change it.
ACTIVITY_EDITORS = signed_in(
    404, officer_a=200, coordinator_a=200, staff_x=403, pimpasa_x=403, head_x=403, oversight=403
)
# The author and office X's staff; the coordinator of the same unit, office Y, oversight: 404.
INCIDENT_READERS = signed_in(404, officer_a=200, staff_x=200, pimpasa_x=200, head_x=200)

ROWS = {
    "reports:officer_home": Row(signed_in(403, **OFFICERS)),
    # The list of a member's own units' logs. Staff read theirs in the queue (verifikasi/), oversight through
    # the exports; without a unit there is no such list to show (403, as on the officer's home).
    "reports:activity_list": Row(signed_in(403, **OFFICERS)),
    "reports:activity_create": Row(signed_in(403, **OFFICERS)),
    "reports:activity_detail": Row(ACTIVITY_READERS, kwargs=_activity_kwargs),
    "reports:activity_update": Row(ACTIVITY_EDITORS, kwargs=_activity_kwargs),
    "reports:activity_delete": Row(ACTIVITY_EDITORS, kwargs=_activity_kwargs, note="GET asks for confirmation"),
    "reports:activity_photo": Row(ACTIVITY_READERS, kwargs=_photo_kwargs),
    "reports:activity_photo_thumb": Row(ACTIVITY_READERS, kwargs=_photo_kwargs),
    "reports:activity_sheet": Row(ACTIVITY_READERS, kwargs=_activity_kwargs),
    "reports:activity_review": Row(signed_in(405), kwargs=_activity_kwargs, note="POST only"),
    "reports:staff_queue": Row(signed_in(403, **STAFF)),
    "reports:staff_overview": Row(signed_in(403, **STAFF)),
    "reports:incident_list": Row(signed_in(403, **OFFICERS, **STAFF)),
    "reports:incident_create": Row(signed_in(403, **OFFICERS)),
    "reports:incident_detail": Row(INCIDENT_READERS, kwargs=_incident_kwargs),
    "reports:incident_step": Row(signed_in(405), kwargs=_incident_kwargs, note="POST only"),
}
