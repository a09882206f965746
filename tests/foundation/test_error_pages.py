"""Indonesian error pages; the 500 and 503 pages need no database."""

from django.db import OperationalError
from django.test import RequestFactory

from desabinaan import views
from desabinaan.lib.middleware import DatabaseUnavailableMiddleware


def test_unknown_address_gets_the_indonesian_404_page(client, db):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_403_page_is_indonesian(rf, db):
    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = views.permission_denied(request)
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()


def test_500_page_renders_without_touching_the_database(rf, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "terjadi kesalahan" in response.content.decode()


def test_a_lost_database_connection_gives_a_clean_503_page():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    error = OperationalError("could not connect to server: Connection refused")
    response = middleware.process_exception(RequestFactory().get("/"), error)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Layanan sedang tidak tersedia" in response.content.decode()


def test_other_database_errors_are_not_hidden_as_503():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/"), OperationalError("no such table: x")) is None


def test_an_outage_met_before_the_view_also_gets_the_503_page(rf):
    """Loading a signed-in user's session fails in a middleware, which Django hands to the 500 handler."""
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = views.server_error(rf.get("/"))
    assert response.status_code == 503
    assert "Layanan sedang tidak tersedia" in response.content.decode()


def test_other_errors_still_get_the_500_page(rf, db):
    try:
        raise ValueError("bug")
    except ValueError:
        response = views.server_error(rf.get("/"))
    assert response.status_code == 500


def test_the_health_check_answers_ok_while_the_database_answers(client, db):
    response = client.get("/kesehatan/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
