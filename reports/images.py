"""Uploads of activity logs: photos and attendance sheets, checked by their content and re-encoded.

A file is judged by what it decodes as, never by its name or the browser's content type. Photos are
decoded and re-encoded from their pixels alone, so EXIF (GPS included), XMP, ICC and text chunks do not
survive; the same goes for an attendance sheet sent as a picture. A PDF sheet is kept as sent but must
look like a PDF from its first and last bytes.
"""

from __future__ import annotations

import io
import threading
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

MAX_PHOTOS = 5
PHOTO_MAX_BYTES = 5 * 1024 * 1024
SHEET_MAX_BYTES = 10 * 1024 * 1024
# Pixels, not bytes: a small file can still expand into a decompression bomb.
MAX_PIXELS = 40_000_000
PHOTO_MAX_SIDE = 2560
SHEET_MAX_SIDE = 3508  # an A4 page at 300 dpi
THUMB_SIDE = 480

PHOTO_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
_STRICT_LOCK = threading.Lock()
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "pdf": "application/pdf"}


@dataclass(frozen=True)
class CleanImage:
    """A re-encoded picture with its thumbnail, ready to be stored."""

    content: bytes
    extension: str
    width: int
    height: int
    thumbnail: bytes

    def as_file(self) -> ContentFile:
        return ContentFile(self.content, name=f"{uuid.uuid4().hex}.{self.extension}")

    def thumbnail_file(self) -> ContentFile:
        return ContentFile(self.thumbnail, name=f"{uuid.uuid4().hex}.jpg")


@dataclass(frozen=True)
class CleanSheet:
    content: bytes
    extension: str

    def as_file(self) -> ContentFile:
        return ContentFile(self.content, name=f"{uuid.uuid4().hex}.{self.extension}")


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def _read_limited(upload: UploadedFile, limit: int, too_big: str) -> bytes:
    if upload.size is not None and upload.size > limit:
        raise ValidationError(too_big, code="too_big")
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(too_big, code="too_big")
    return data


@contextmanager
def _strict_decoding() -> Iterator[None]:
    """Refuse truncated images even though WeasyPrint, once imported, tells Pillow to accept them.

    The flag is process-global; it is restored at once, under a lock so our own threads agree.
    """
    with _STRICT_LOCK:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _decode(data: bytes, allowed: set[str]) -> tuple[Image.Image, str]:
    """Open and fully decode an image, or raise; a truncated file fails here, not later. Returns its format too."""
    with warnings.catch_warnings(), _strict_decoding():
        # Pillow warns before it refuses a huge image; the pixel check below is the one that counts.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            fmt = image.format
            if fmt is None or fmt not in allowed:
                raise ValidationError("format", code="format")
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    _("Gambar terlalu besar (lebih dari 40 megapiksel)."),
                    code="too_many_pixels",
                )
            image.load()
        except ValidationError:
            raise
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
            raise ValidationError("decode", code="decode") from exc
    return image, fmt


def _pixels_only(image: Image.Image, max_side: int) -> Image.Image:
    """A new image holding only the pixels: orientation applied, every metadata block left behind."""
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        if image.mode != "RGB":
            image = _flatten(image)
        image.save(out, "JPEG", quality=85, optimize=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=82)
    return out.getvalue()


def _flatten(image: Image.Image) -> Image.Image:
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A") if image.mode == "RGBA" else None)
    return background


def _thumbnail(image: Image.Image) -> bytes:
    thumb = image.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return _encode(thumb, "JPEG")


def clean_photo(upload: UploadedFile) -> CleanImage:
    """A photo decoded and re-encoded without metadata, or a ValidationError in Indonesian."""
    name = upload.name or _("foto")
    data = _read_limited(
        upload,
        PHOTO_MAX_BYTES,
        _("Foto %(name)s lebih dari %(limit)s.") % {"name": name, "limit": _mb(PHOTO_MAX_BYTES)},
    )
    try:
        image, fmt = _decode(data, set(PHOTO_FORMATS))
    except ValidationError as exc:
        if exc.code == "too_many_pixels":
            raise
        raise ValidationError(
            _("%(name)s bukan foto JPEG, PNG, atau WebP yang utuh.") % {"name": name}, code="not_a_photo"
        ) from exc
    pixels = _pixels_only(image, PHOTO_MAX_SIDE)
    return CleanImage(
        content=_encode(pixels, fmt),
        extension=PHOTO_FORMATS[fmt][0],
        width=pixels.width,
        height=pixels.height,
        thumbnail=_thumbnail(pixels),
    )


def clean_sheet(upload: UploadedFile) -> CleanSheet:
    """An attendance sheet: a PDF by its content, or a picture re-encoded like a photo."""
    name = upload.name or _("daftar hadir")
    data = _read_limited(
        upload,
        SHEET_MAX_BYTES,
        _("Daftar hadir %(name)s lebih dari %(limit)s.") % {"name": name, "limit": _mb(SHEET_MAX_BYTES)},
    )
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(
                _("Berkas PDF %(name)s tidak utuh. Simpan ulang lalu unggah kembali.") % {"name": name},
                code="broken_pdf",
            )
        return CleanSheet(content=data, extension="pdf")
    try:
        image, fmt = _decode(data, set(PHOTO_FORMATS))
    except ValidationError as exc:
        if exc.code == "too_many_pixels":
            raise
        raise ValidationError(
            _("Daftar hadir %(name)s harus berupa PDF atau gambar JPEG, PNG, atau WebP.") % {"name": name},
            code="not_a_sheet",
        ) from exc
    pixels = _pixels_only(image, SHEET_MAX_SIDE)
    return CleanSheet(content=_encode(pixels, fmt), extension=PHOTO_FORMATS[fmt][0])


def content_type_for(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
