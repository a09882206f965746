"""client_max_body_size 40m: a larger upload is refused by nginx with 413; one just under it reaches the portal."""

import http.client
import ssl

import pytest

from tests.deploy import harness

pytestmark = pytest.mark.deploy

LIMIT = 40 * 1024 * 1024


def test_an_upload_over_40_megabytes_gets_413_from_nginx(stack):
    context = ssl.create_default_context(cafile=str(stack.cert))
    conn = http.client.HTTPSConnection(harness.HOST, stack.https_port, timeout=30, context=context)
    try:
        # nginx decides on Content-Length alone, before reading the body.
        conn.putrequest("POST", "/")
        conn.putheader("Content-Type", "multipart/form-data; boundary=batas")
        conn.putheader("Content-Length", str(LIMIT + 1))
        conn.endheaders()
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()

    assert response.status == 413
    assert b"413 Request Entity Too Large" in body


def test_an_upload_just_under_the_limit_reaches_the_portal(stack):
    visitor = stack.visitor()
    visitor.open_form("/akun/masuk/")
    boundary = "batas-uji"
    head = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{visitor.token}\r\n"
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="lampiran"; filename="daftar-hadir.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    body = head + b"\0" * (LIMIT - 64 * 1024 - len(head) - len(tail)) + tail

    response = visitor.send(
        "/",
        method="POST",
        body=body,
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Origin": stack.origin,
            "Referer": f"{stack.origin}/",
        },
    )

    # The home page answers any method: 200 means nginx passed all of it and Django parsed it (CSRF included).
    assert response.status == 200
