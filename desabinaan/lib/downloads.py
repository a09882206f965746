"""One way to answer with a file: the right Content-Disposition for any name, and no shared caching."""

from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header


def file_response(
    content: bytes | Iterable[bytes],
    *,
    filename: str,
    content_type: str,
    inline: bool = False,
    private: bool = True,
    no_store: bool = False,
    max_age: int = 0,
    size: int | None = None,
) -> HttpResponse | StreamingHttpResponse:
    """``content`` (bytes, or chunks to stream) served as ``filename``.

    ``private`` files (uploads, summaries, exports) may be kept by the browser only, never by a shared cache;
    public ones (a poster, a leaflet) may be kept by any cache for ``max_age`` seconds. ``no_store`` files
    (confidential reports) are kept by no cache at all, the browser's included.
    """
    if isinstance(content, bytes):
        response: HttpResponse | StreamingHttpResponse = HttpResponse(content, content_type=content_type)
    else:
        response = StreamingHttpResponse(content, content_type=content_type)
        if size is not None:
            response["Content-Length"] = str(size)
    disposition = content_disposition_header(not inline, filename)
    if disposition:
        response["Content-Disposition"] = disposition
    if no_store:
        response["Cache-Control"] = "private, no-store"
    else:
        visibility = "private" if private else "public"
        response["Cache-Control"] = f"{visibility}, max-age={max_age}" if max_age else visibility
    return response
