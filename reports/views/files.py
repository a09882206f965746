"""Stored files (uploads, summaries, exports) as downloads, through ``desabinaan.lib.downloads.file_response``."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpResponse, StreamingHttpResponse

from desabinaan.lib.downloads import file_response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


def stored_file(
    field_file: FieldFile, *, filename: str, content_type: str, inline: bool = False, max_age: int = 0
) -> HttpResponse | StreamingHttpResponse:
    """An upload, read whole (at most 10 MB) so no handle outlives the request; 404 when it is gone."""
    if not field_file.name:
        raise Http404
    try:
        with field_file.storage.open(field_file.name, "rb") as handle:
            content = handle.read()
    except FileNotFoundError as exc:
        raise Http404 from exc
    return file_response(content, filename=filename, content_type=content_type, inline=inline, max_age=max_age)


def _chunks(field_file: FieldFile, name: str, chunk_size: int = 256 * 1024) -> Iterator[bytes]:
    """A stored file's bytes, opened only when the response is read (and closed when done)."""
    with field_file.storage.open(name, "rb") as handle:
        while chunk := handle.read(chunk_size):
            yield chunk


def streamed_file(field_file: FieldFile, *, content_type: str) -> HttpResponse | StreamingHttpResponse:
    """A generated file (a summary, an export) streamed under its stored name, with its length."""
    if not field_file.name:
        raise Http404
    return file_response(
        _chunks(field_file, field_file.name),
        filename=field_file.name.rsplit("/", 1)[-1],
        content_type=content_type,
        size=field_file.size,
    )
