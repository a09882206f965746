"""The note "Berkas yang tadi dipilih perlu dipilih lagi." shows only when the refused submission carried a file."""

from django.urls import reverse

from tests.reports.test_activity_helpers import jpeg_bytes, upload, valid_post

URL = reverse("reports:activity_create")
NOTE = "Berkas yang tadi dipilih perlu dipilih lagi."
BOUNDARY = "----pembatas-uji"


def _as_a_browser_sends_it(data: dict) -> bytes:
    """A multipart body with the two file inputs left empty: a browser still sends them, with no file name."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in data.items()
    ]
    for name in ("photos", "sheet"):
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename=""\r\n'
            "Content-Type: application/octet-stream\r\n\r\n\r\n"
        )
    return ("".join(parts) + f"--{BOUNDARY}--\r\n").encode()


def test_no_note_when_no_file_was_chosen(world, client_for):
    data = valid_post(world.unit_a, place="")

    response = client_for("officer_a").post(
        URL, _as_a_browser_sends_it(data), content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Isi tempat kegiatan." in html
    assert NOTE not in html


def test_the_note_when_a_photo_was_chosen(world, client_for):
    data = valid_post(world.unit_a, place="")
    data["photos"] = [upload("foto.jpg", jpeg_bytes())]

    response = client_for("officer_a").post(URL, data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Isi tempat kegiatan." in html
    assert NOTE in html


def test_the_note_when_only_the_attendance_sheet_was_chosen(world, client_for):
    data = valid_post(world.unit_a, date="")
    data["sheet"] = upload("hadir.jpg", jpeg_bytes())

    response = client_for("officer_a").post(URL, data)

    assert response.status_code == 400
    assert NOTE in response.content.decode()
