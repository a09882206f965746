"""The rate-limit decorator: counts POSTs per address and per account, answers 429 in Indonesian."""

from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from desabinaan.lib import ratelimit
from desabinaan.lib.ratelimit import client_address, rate_limit

pytestmark = pytest.mark.django_db

CALLS: list[str] = []


@rate_limit(scope="uji", limit=3, window=600, account=lambda request, **kwargs: request.POST.get("email"))
def _view(request, **kwargs):
    CALLS.append(request.method)
    return HttpResponse("ok")


def _post(address="10.0.0.1", email="warga@example.test", **meta):
    request = RequestFactory().post("/uji/", {"email": email}, REMOTE_ADDR=address, **meta)
    request.user = AnonymousUser()
    return request


@pytest.fixture(autouse=True)
def _calls():
    CALLS.clear()


def test_the_fourth_post_from_one_address_is_refused_with_the_indonesian_429_page():
    for n in range(3):
        assert _view(_post(email=f"warga{n}@example.test")).status_code == 200
    response = _view(_post(email="lain@example.test"))
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    body = response.content.decode()
    assert "Terlalu banyak permintaan" in body
    assert "coba lagi 10 menit lagi" in body
    # The refused request never reached the view.
    assert CALLS == ["POST", "POST", "POST"]


def test_another_address_still_gets_through_while_one_is_limited():
    for n in range(4):
        _view(_post(email=f"warga{n}@example.test"))
    assert _view(_post(address="10.0.0.2", email="baru@example.test")).status_code == 200


def test_one_account_is_limited_across_addresses():
    for n in range(3):
        assert _view(_post(address=f"10.0.1.{n}", email="Target@Example.test")).status_code == 200
    # The same account in another case, from a fresh address: still counted as the same account.
    assert _view(_post(address="10.0.1.99", email=" target@example.TEST ")).status_code == 429
    assert _view(_post(address="10.0.1.99", email="orang-lain@example.test")).status_code == 200


def test_reading_the_form_is_never_counted():
    request = RequestFactory().get("/uji/", REMOTE_ADDR="10.0.0.3")
    request.user = AnonymousUser()
    for _ in range(10):
        assert _view(request).status_code == 200
    assert _view(_post(address="10.0.0.3")).status_code == 200


def test_the_window_ends_and_the_address_may_post_again():
    with mock.patch.object(ratelimit.time, "time", return_value=1_000_000.0):
        for n in range(4):
            _view(_post(address="10.0.0.4", email=f"w{n}@example.test"))
        assert _view(_post(address="10.0.0.4", email="x@example.test")).status_code == 429
    with mock.patch.object(ratelimit.time, "time", return_value=1_000_000.0 + 600):
        assert _view(_post(address="10.0.0.4", email="y@example.test")).status_code == 200


def test_hostile_account_names_make_safe_cache_keys():
    for value in [
        "\x00",
        "a" * 100_000,
        "x y\nz",
        "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    ]:
        assert _view(_post(address="10.0.0.5", email=value)).status_code in (200, 429)


def test_behind_a_proxy_the_address_is_the_hop_the_proxy_saw(settings):
    settings.PROXY_COUNT = 1
    request = _post(address="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    # The client may forge the first entries; the last one was written by our own proxy.
    assert client_address(request) == "203.0.113.9"
    settings.PROXY_COUNT = 0
    assert client_address(request) == "127.0.0.1"


def test_counters_are_shared_through_the_cache(settings):
    """Two nodes share Redis: a counter written by one is seen by the other (the cache is the only state)."""
    from django.core.cache import cache

    for n in range(3):
        _view(_post(address="10.0.0.6", email=f"w{n}@example.test"))
    keys = [k for k in cache._cache if ":ratelimit:uji:ip:" in k]  # local memory in tests
    assert keys, "the counter lives in the cache"
