"""Uploads in MEDIA_ROOT are private: nginx answers /media/… with 404 even when the file exists."""

import pytest

pytestmark = pytest.mark.deploy


def test_an_existing_upload_is_not_served_under_media_however_the_path_is_written(stack):
    secret = b"foto kegiatan: rahasia-" + bytes(range(32))
    photo = stack.media_root / "activities" / "2026" / "foto.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(secret)

    paths = [
        "/media/activities/2026/foto.jpg",
        "/media//activities/2026/foto.jpg",
        "/%6Dedia/activities/2026/foto.jpg",
        "/static/../media/activities/2026/foto.jpg",
        "/media/activities/2026/foto.jpg?download=1",
    ]
    for path in paths:
        response = stack.get(path)

        assert response.status == 404, path
        assert b"rahasia" not in response.body, path
