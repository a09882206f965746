import contextlib

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader


class DatabaseUnavailableMiddleware:
    """Answer 503 with a plain Indonesian page while the database cannot be reached.

    The page is rendered from a template that touches no model, so it works with the database down;
    the connection is closed so that the next request opens a fresh one once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return database_unavailable_response(exception)


def database_unavailable_response(exception: BaseException | None) -> HttpResponse | None:
    """The 503 page if ``exception`` says the database cannot be reached, else None.

    Also called by the 500 handler: an outage met before the view (loading a signed-in user's session in
    a middleware) never reaches ``process_exception``.
    """
    if not isinstance(exception, (OperationalError, InterfaceError)) or not _is_connection_error(exception):
        return None
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        # Closing a connection whose server is gone may fail; it is discarded either way.
        with contextlib.suppress(DatabaseError):
            conn.close()
    body = loader.render_to_string("503.html")
    response = HttpResponse(body, status=503)
    response["Retry-After"] = "30"
    return response


def _is_connection_error(exception: OperationalError | InterfaceError) -> bool:
    if isinstance(exception, InterfaceError):
        return True
    text = str(exception).lower()
    # psycopg2 reports a lost or refused server as OperationalError; so does SQLite a locked file,
    # which is not an outage and must surface as an error instead.
    return any(
        marker in text
        for marker in (
            "connection",
            "server closed",
            "could not connect",
            "terminating",
            "starting up",
            "shutting down",
        )
    )
