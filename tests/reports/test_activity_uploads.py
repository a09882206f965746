"""Photos and attendance sheets are judged by their content, re-encoded, and stripped of metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from reports.images import PHOTO_MAX_SIDE, clean_photo, clean_sheet
from tests.reports.test_activity_helpers import (
    PDF_BYTES,
    SVG_WITH_SCRIPT,
    jpeg_bytes,
    png_bytes,
    upload,
    webp_bytes,
    zip_bytes,
)


def test_a_photo_with_gps_exif_comes_out_without_any_exif():
    original = jpeg_bytes(gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the GPS block is really there

    cleaned = clean_photo(upload("kamera.jpg", original))

    image = Image.open(io.BytesIO(cleaned.content))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert image.getexif().get_ifd(0x8825) == {}
    assert "exif" not in image.info
    assert b"Kamera Uji" not in cleaned.content
    thumb = Image.open(io.BytesIO(cleaned.thumbnail))
    assert dict(thumb.getexif()) == {}
    assert max(thumb.size) <= 480


def test_a_png_loses_its_text_chunks_and_keeps_transparency():
    cleaned = clean_photo(upload("poster.png", png_bytes(text="alamat rumah pelapor"), "image/png"))

    image = Image.open(io.BytesIO(cleaned.content))
    assert image.format == "PNG"
    assert "Comment" not in image.info
    assert b"alamat rumah pelapor" not in cleaned.content
    assert image.mode == "RGBA"


def test_a_webp_photo_stays_webp():
    cleaned = clean_photo(upload("foto.webp", webp_bytes(), "image/webp"))
    assert Image.open(io.BytesIO(cleaned.content)).format == "WEBP"
    assert cleaned.extension == "webp"


def test_a_huge_photo_is_scaled_down():
    cleaned = clean_photo(upload("besar.jpg", jpeg_bytes((4000, 3000))))
    assert max(cleaned.width, cleaned.height) == PHOTO_MAX_SIDE


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("foto.jpg", PDF_BYTES, "image/jpeg"),  # a renamed PDF
        ("foto.zip", zip_bytes(), "application/zip"),
        ("foto.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
        ("foto.jpg", jpeg_bytes()[:-400], "image/jpeg"),  # truncated
        ("foto.gif", b"GIF89a" + b"\x00" * 40, "image/gif"),
        ("kosong.jpg", b"", "image/jpeg"),
    ],
    ids=["renamed-pdf", "zip", "svg-with-script", "truncated-jpeg", "broken-gif", "empty"],
)
def test_anything_that_does_not_decode_as_a_photo_is_refused(name, content, content_type):
    with pytest.raises(ValidationError) as exc:
        clean_photo(upload(name, content, content_type))
    assert "bukan foto JPEG, PNG, atau WebP" in exc.value.messages[0]


def test_a_50_mb_photo_is_refused_before_it_is_decoded():
    with pytest.raises(ValidationError) as exc:
        clean_photo(upload("besar.jpg", b"\xff\xd8" + b"0" * (50 * 1024 * 1024)))
    assert "lebih dari 5 MB" in exc.value.messages[0]


def test_a_pdf_attendance_sheet_is_kept_as_sent():
    sheet = clean_sheet(upload("daftar-hadir.pdf", PDF_BYTES, "application/pdf"))
    assert sheet.extension == "pdf"
    assert sheet.content == PDF_BYTES


def test_an_attendance_sheet_photo_is_reencoded_without_gps():
    sheet = clean_sheet(upload("daftar.jpg", jpeg_bytes(gps=True)))
    assert sheet.extension == "jpg"
    assert dict(Image.open(io.BytesIO(sheet.content)).getexif()) == {}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4\n1 0 obj", "tidak utuh"),
        (zip_bytes(), "harus berupa PDF atau gambar"),
        (SVG_WITH_SCRIPT, "harus berupa PDF atau gambar"),
        (b"%PDF-" + b"0" * (10 * 1024 * 1024), "lebih dari 10 MB"),
    ],
    ids=["truncated-pdf", "zip", "svg", "over-10-mb"],
)
def test_a_bad_attendance_sheet_is_refused(content, message):
    with pytest.raises(ValidationError) as exc:
        clean_sheet(upload("daftar-hadir.pdf", content, "application/pdf"))
    assert message in exc.value.messages[0]


def test_a_truncated_jpeg_is_refused_even_after_weasyprint_relaxed_pillow():
    import weasyprint  # noqa: F401  (its import sets ImageFile.LOAD_TRUNCATED_IMAGES = True)
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    with pytest.raises(ValidationError):
        clean_photo(upload("foto.jpg", jpeg_bytes()[:-500]))
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # restored for WeasyPrint
