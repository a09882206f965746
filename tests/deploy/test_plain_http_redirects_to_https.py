"""Port 80 only redirects to HTTPS (and keeps ACME challenges on plain HTTP)."""

import pytest

pytestmark = pytest.mark.deploy


def test_plain_http_gets_a_permanent_redirect_to_the_same_address_over_https(stack):
    for method in ("GET", "POST", "HEAD"):
        response = stack.http("/akun/masuk/?next=/laporan/", method=method)

        assert response.status == 301, method
        # The shipped site redirects to the default HTTPS port of the same host name.
        assert response.header("Location") == "https://127.0.0.1/akun/masuk/?next=/laporan/"


def test_nothing_from_the_portal_is_served_over_plain_http(stack):
    for path in ("/", "/kesehatan/", "/static/css/app.css", "/media/x.jpg"):
        response = stack.http(path)

        assert response.status == 301, path
        assert response.header("Location").startswith("https://"), path


def test_acme_challenges_stay_on_plain_http(stack):
    response = stack.http("/.well-known/acme-challenge/token-that-does-not-exist")

    assert response.status == 404
