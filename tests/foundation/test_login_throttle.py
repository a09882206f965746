"""Repeated wrong passwords lock the account and the address, in the database, across restarts."""

from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests import factories as f

THROTTLE_TEXT = "Terlalu banyak percobaan masuk"


def _login(client: Client, username: str, password: str, ip: str = "203.0.113.7"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_sixth_wrong_password_in_a_row_is_refused_with_the_throttle_message(db):
    f.make_user("petugas")
    client = Client()
    statuses = [_login(client, "petugas", "salah-sekali").status_code for _ in range(5)]
    # Five failures are counted; the fifth sets the lock and says so.
    assert statuses == [200, 200, 200, 200, 429]
    response = _login(client, "petugas", "salah-sekali")
    assert response.status_code == 429
    assert THROTTLE_TEXT in response.content.decode()


def test_first_wrong_passwords_get_the_ordinary_message(db):
    f.make_user("petugas")
    response = _login(Client(), "petugas", "salah-sekali")
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_the_lock_also_refuses_the_right_password(db):
    f.make_user("petugas")
    client = Client()
    for _ in range(6):
        _login(client, "petugas", "salah-sekali")
    response = _login(client, "petugas", f.PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_survives_a_restart_because_it_is_stored_in_the_database(db):
    f.make_user("petugas")
    for _ in range(6):
        _login(Client(), "petugas", "salah-sekali")
    assert AccessAttempt.objects.filter(username="petugas").exists()
    # A restarted process has empty memory and caches; only the database remains.
    cache.clear()
    response = _login(Client(), "petugas", "salah-sekali", ip="198.51.100.9")
    assert response.status_code == 429


def test_one_address_trying_many_accounts_is_locked_too(db):
    for i in range(6):
        f.make_user(f"akun{i}")
    client = Client()
    for i in range(5):
        _login(client, f"akun{i}", "salah-sekali", ip="192.0.2.50")
    response = _login(client, "akun5", f.PASSWORD, ip="192.0.2.50")
    assert response.status_code == 429


def test_a_correct_password_before_the_limit_resets_the_count(db):
    f.make_user("petugas")
    client = Client()
    for _ in range(4):
        _login(client, "petugas", "salah-sekali")
    response = _login(client, "petugas", f.PASSWORD)
    assert response.status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        response = _login(client, "petugas", "salah-sekali")
    assert response.status_code == 200
