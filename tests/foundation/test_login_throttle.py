"""The login throttle: a username from one address is locked after five failures, an address after many.

Counted in the database, so a lock survives a restart and is shared by every node. The client address is the
one our proxy saw (``PROXY_COUNT``), never a header the client wrote itself.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories as f

THROTTLE_TEXT = "Terlalu banyak percobaan masuk"
WRONG = "salah-sekali"


def _login(client: Client, username: str, password: str, ip: str = "203.0.113.7", **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_sixth_wrong_password_in_a_row_is_refused_with_the_throttle_message(db):
    f.make_user("petugas")
    client = Client()
    statuses = [_login(client, "petugas", WRONG).status_code for _ in range(5)]
    # Five failures are counted; the fifth sets the lock and says so.
    assert statuses == [200, 200, 200, 200, 429]
    response = _login(client, "petugas", WRONG)
    assert response.status_code == 429
    assert THROTTLE_TEXT in response.content.decode()


def test_first_wrong_passwords_get_the_ordinary_message(db):
    f.make_user("petugas")
    response = _login(Client(), "petugas", WRONG)
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_the_lock_also_refuses_the_right_password(db):
    f.make_user("petugas")
    client = Client()
    for _ in range(6):
        _login(client, "petugas", WRONG)
    response = _login(client, "petugas", f.PASSWORD)
    assert response.status_code == 429
    assert not _signed_in(client)


def test_the_lockout_page_says_when_to_try_again(db):
    f.make_user("petugas")
    for _ in range(5):
        response = _login(Client(), "petugas", WRONG)
    last = AccessAttempt.objects.get(username="petugas").attempt_time
    until = timezone.localtime(last + timedelta(minutes=15))
    assert f"Coba lagi setelah pukul <strong>{until:%H.%M}</strong> WIB" in response.content.decode()


def test_the_lock_survives_a_restart_because_it_is_stored_in_the_database(db):
    f.make_user("petugas")
    for _ in range(6):
        _login(Client(), "petugas", WRONG)
    assert AccessAttempt.objects.filter(username="petugas").exists()
    # A restarted process has empty memory and caches; only the database remains.
    cache.clear()
    response = _login(Client(), "petugas", f.PASSWORD)
    assert response.status_code == 429


def test_a_locked_username_can_still_sign_in_from_another_address(db):
    """A guesser elsewhere cannot lock the real officer out of their own account (finding 1)."""
    f.make_user("petugas")
    for _ in range(6):
        _login(Client(), "petugas", WRONG, ip="198.51.100.66")
    client = Client()
    response = _login(client, "petugas", f.PASSWORD, ip="203.0.113.7")
    assert response.status_code == 302
    assert _signed_in(client)


def test_a_lockout_leaves_other_usernames_at_the_same_address_free(db):
    """One office network shares an address: one colleague's typos do not lock the others out."""
    f.make_user("petugas")
    f.make_user("rekan")
    for _ in range(6):
        _login(Client(), "petugas", WRONG)
    client = Client()
    assert _login(client, "rekan", f.PASSWORD).status_code == 302
    assert _signed_in(client)


def test_one_address_spraying_many_usernames_is_locked_at_the_address_limit(db, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 12
    f.make_user("korban")
    for i in range(12):
        # Three tries per name stays under the per-username limit every time.
        _login(Client(), f"akun{i // 3}", WRONG, ip="192.0.2.50")
    client = Client()
    response = _login(client, "korban", f.PASSWORD, ip="192.0.2.50")
    assert response.status_code == 429
    assert not _signed_in(client)
    # The same account from another address is untouched.
    assert _login(Client(), "korban", f.PASSWORD, ip="192.0.2.51").status_code == 302


def test_logins_to_a_second_account_do_not_clear_the_failures_against_the_first(db):
    """13 guesses interleaved with logins to an account of one's own used to never reach the lock (finding 2)."""
    f.make_user("korban")
    f.make_user("penyerang")
    statuses = []
    for _ in range(13):
        statuses.append(_login(Client(), "korban", WRONG).status_code)
        _login(Client(), "penyerang", f.PASSWORD)
    assert statuses[4:] == [429] * 9
    client = Client()
    assert _login(client, "korban", f.PASSWORD).status_code == 429
    assert not _signed_in(client)


def test_a_correct_password_before_the_limit_resets_that_usernames_count(db):
    f.make_user("petugas")
    client = Client()
    for _ in range(4):
        _login(client, "petugas", WRONG)
    assert _login(client, "petugas", f.PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        response = _login(client, "petugas", WRONG)
    assert response.status_code == 200


def test_attempts_during_a_lockout_are_not_counted_so_the_lock_ends_on_time(db):
    f.make_user("petugas")
    for _ in range(5):
        _login(Client(), "petugas", WRONG)
    attempt = AccessAttempt.objects.get(username="petugas")
    for _ in range(10):
        assert _login(Client(), "petugas", WRONG).status_code == 429
    attempt.refresh_from_db()
    assert attempt.failures_since_start == 5
    # Fifteen minutes after the fifth failure the lock is over, however often it was tried meanwhile.
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))
    client = Client()
    assert _login(client, "petugas", f.PASSWORD).status_code == 302
    assert _signed_in(client)


@pytest.mark.parametrize("proxies", [1, 2])
def test_behind_the_proxy_each_client_is_counted_at_its_own_address(db, settings, proxies):
    """Behind nginx every request comes from 127.0.0.1; the address that counts is the one nginx saw."""
    settings.PROXY_COUNT = proxies
    f.make_user("petugas")
    hops = ", 10.0.0.1" * (proxies - 1)
    for _ in range(6):
        _login(Client(), "petugas", WRONG, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.66{hops}")
    assert AccessAttempt.objects.get().ip_address == "198.51.100.66"
    client = Client()
    response = _login(client, "petugas", f.PASSWORD, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.7{hops}")
    assert response.status_code == 302
    assert _signed_in(client)


def test_behind_the_proxy_a_forged_header_entry_does_not_escape_the_lock(db, settings):
    settings.PROXY_COUNT = 1
    f.make_user("petugas")
    for i in range(6):
        # The client writes a new first entry each time; nginx appends the address it really saw.
        _login(Client(), "petugas", WRONG, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}, 198.51.100.66")
    response = _login(Client(), "petugas", f.PASSWORD, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.99, 198.51.100.66")
    assert response.status_code == 429


def test_without_a_proxy_the_forwarded_header_is_ignored(db, settings):
    settings.PROXY_COUNT = 0
    f.make_user("petugas")
    for i in range(6):
        _login(Client(), "petugas", WRONG, ip="198.51.100.66", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}")
    assert AccessAttempt.objects.get().ip_address == "198.51.100.66"
    response = _login(Client(), "petugas", f.PASSWORD, ip="198.51.100.66", HTTP_X_FORWARDED_FOR="10.9.9.99")
    assert response.status_code == 429


@pytest.mark.parametrize("header", ["garbage", "", "1.2.3.4, not-an-address", "999.1.1.1"])
def test_a_malformed_forwarded_header_is_a_failed_login_not_a_crash(db, settings, header):
    settings.PROXY_COUNT = 1
    f.make_user("petugas")
    response = _login(Client(), "petugas", WRONG, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=header)
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()
