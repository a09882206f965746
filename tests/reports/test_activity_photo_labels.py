"""The edit form's "Hapus foto" shows each photo by its thumbnail ("Foto 1"...), never by its storage path."""

import re

from django.urls import reverse

from reports.models import Activity
from tests.reports.test_activity_helpers import jpeg_bytes, upload, valid_post


def test_each_photo_to_remove_is_labelled_by_its_thumbnail(world, client_for):
    client = client_for("officer_a")
    data = valid_post(world.unit_a)
    data["photos"] = [upload("rapat-rw.jpg", jpeg_bytes()), upload("warga.jpg", jpeg_bytes())]
    client.post(reverse("reports:activity_create"), data)
    activity = Activity.objects.get()
    first, second = activity.photos.all()

    html = client.get(reverse("reports:activity_update", args=[activity.pk])).content.decode()

    labels = re.findall(r'<label for="id_remove_photos_\d+"[^>]*>\s*(.*?)\s*</label>', html, re.S)
    assert labels == [
        f'<img src="{reverse("reports:activity_photo_thumb", args=[activity.pk, photo.pk])}" alt="Foto {n}" '
        'class="activity-thumb" loading="lazy">'
        for n, photo in ((1, first), (2, second))
    ]
    assert first.image.name not in html and "activities/photos/" not in html
    assert f'value="{first.pk}"' in html and f'value="{second.pk}"' in html


def test_a_log_without_photos_has_no_photo_checkboxes(world, client_for):
    client = client_for("officer_a")
    client.post(reverse("reports:activity_create"), valid_post(world.unit_a))
    activity = Activity.objects.get()

    html = client.get(reverse("reports:activity_update", args=[activity.pk])).content.decode()

    assert "Hapus foto" not in html
