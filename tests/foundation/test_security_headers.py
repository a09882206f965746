"""Every response carries the security headers; the CSP allows no inline code."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("name", ["home", "login", "password_reset"])
def test_public_pages_send_the_security_headers(client, db, name):
    response = client.get(reverse(name))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_not_found_pages_send_them_too(client, db):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Content-Security-Policy" in response


def test_pages_contain_no_inline_style_or_script(client, db):
    body = client.get(reverse("home")).content.decode()
    assert "style=" not in body
    assert "<script" not in body
