"""nginx, not gunicorn, serves /static/ from STATIC_ROOT: one-year immutable cache, nosniff, gzip on request."""

import gzip
import json
import time
import uuid

import pytest

pytestmark = pytest.mark.deploy

LONG_CACHE = "public, max-age=31536000, immutable"


def largest_css(stack) -> str:
    """The hashed name collectstatic gave the largest stylesheet (Bootstrap): what the pages link to."""
    manifest = json.loads((stack.static_root / "staticfiles.json").read_text())["paths"]
    hashed = [name for name in manifest.values() if name.endswith(".css")]
    return max(hashed, key=lambda name: (stack.static_root / name).stat().st_size)


def test_a_stylesheet_is_served_with_one_long_cache_header_and_nosniff(stack):
    name = largest_css(stack)
    response = stack.get(f"/static/{name}")

    assert response.status == 200
    assert response.header("Content-Type").startswith("text/css")
    assert response.body == (stack.static_root / name).read_bytes()
    assert response.header("Content-Encoding") is None
    # Exactly one Cache-Control header (an `expires` beside `add_header` would add a second, conflicting one).
    assert response.all("Cache-Control") == [LONG_CACHE]
    assert response.header("X-Content-Type-Options") == "nosniff"


def test_a_stylesheet_is_compressed_when_the_client_accepts_gzip(stack):
    name = largest_css(stack)
    response = stack.get(f"/static/{name}", headers={"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert response.header("Content-Encoding") == "gzip"
    assert gzip.decompress(response.body) == (stack.static_root / name).read_bytes()
    assert len(response.body) < (stack.static_root / name).stat().st_size / 3
    assert "Accept-Encoding" in response.header("Vary")
    assert response.all("Cache-Control") == [LONG_CACHE]


def test_static_requests_never_reach_gunicorn(stack):
    name = largest_css(stack)
    # A file added after gunicorn started: whitenoise (inside Django) does not know it, only nginx can serve it.
    probe = f"nginx-probe-{uuid.uuid4().hex}.txt"
    (stack.static_root / probe).write_text("served by nginx\n")
    try:
        assert stack.get(f"/static/{probe}").text == "served by nginx\n"
    finally:
        (stack.static_root / probe).unlink()
    assert stack.get(f"/static/{name}").status == 200

    # gunicorn's access log shows a proxied request but no static one.
    marker = uuid.uuid4().hex
    assert stack.get(f"/kesehatan/?probe={marker}").status == 200
    deadline = time.monotonic() + 10
    while marker not in stack.gunicorn.log_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    log = stack.gunicorn.log_text()
    assert marker in log
    assert "/static/" not in log
