"""Helpers for the activity and incident tests (no tests here): files made with Pillow, rows, form posts."""

import io
import itertools
import uuid
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from reports.models import Activity, Incident

_seq = itertools.count(1)


def jpeg_bytes(size=(640, 480), *, gps: bool = False, color=(30, 110, 190)) -> bytes:
    """A real JPEG; with ``gps`` it carries an EXIF GPS block (Jakarta) and a camera model."""
    image = Image.new("RGB", size, color)
    out = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[0x0110] = "Kamera Uji"  # Model
        exif[0x0131] = "Perangkat Lunak Uji"  # Software
        gps_ifd = {
            1: "S",
            2: (6.0, 7.0, 30.0),
            3: "E",
            4: (106.0, 53.0, 10.0),
        }
        exif[0x8825] = gps_ifd
        image.save(out, "JPEG", exif=exif.tobytes())
    else:
        image.save(out, "JPEG")
    return out.getvalue()


def png_bytes(size=(300, 200), *, text: str | None = None) -> bytes:
    from PIL import PngImagePlugin

    image = Image.new("RGBA", size, (200, 50, 50, 128))
    out = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Comment", text)
    image.save(out, "PNG", pnginfo=info)
    return out.getvalue()


def webp_bytes(size=(300, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 160, 90)).save(out, "WEBP")
    return out.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)


def zip_bytes() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("foto.jpg", jpeg_bytes())
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def valid_post(unit, **overrides) -> dict:
    """What an officer's browser sends for a complete log (files added by the caller)."""
    data = {
        "unit": unit.pk,
        "date": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "kind": Activity.Kind.SOSIALISASI,
        "place": "Aula Kelurahan Rawa Badak Utara",
        "participants_male": "20",
        "participants_female": "25",
        "calon_pmi_reached": "6",
        "passport_consultations": "4",
        "referrals": "1",
        "notes": "Sosialisasi M-Paspor dan bahaya PMI non-prosedural.",
        "client_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def make_activity(unit, *, author, day: date | None = None, **fields) -> Activity:
    """A row written directly, for lists and counts (tests of the rules go through the views/services)."""
    fields.setdefault("kind", Activity.Kind.SOSIALISASI)
    fields.setdefault("place", f"Balai warga {next(_seq)}")
    fields.setdefault("participants_male", 10)
    fields.setdefault("participants_female", 12)
    fields.setdefault("calon_pmi_reached", 3)
    fields.setdefault("passport_consultations", 2)
    fields.setdefault("referrals", 1)
    return Activity.objects.create(
        unit=unit,
        office_id=unit.office_id,
        author=author,
        date=day or timezone.localdate() - timedelta(days=1),
        **fields,
    )


def make_activities(unit, *, author, count: int, start: date | None = None, **fields) -> list[Activity]:
    start = start or timezone.localdate()
    return Activity.objects.bulk_create(
        Activity(
            unit=unit,
            office_id=unit.office_id,
            author=author,
            date=start - timedelta(days=i % 60),
            kind=Activity.Kind.PENYULUHAN,
            place=f"Tempat {i}",
            participants_male=5,
            participants_female=5,
            calon_pmi_reached=1,
            passport_consultations=1,
            **fields,
        )
        for i in range(count)
    )


def incident_post(unit, **overrides) -> dict:
    data = {
        "unit": unit.pk,
        "category": Incident.Category.TRAFFICKING,
        "urgency": Incident.Urgency.HIGH,
        "occurred_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "place": "Dermaga Muara Angke",
        "description": "Perekrut menawarkan kerja di luar negeri tanpa kontrak dan menahan paspor warga.",
        "people_involved": "Perekrut laki-laki, sekitar 40 tahun.",
        "client_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data
