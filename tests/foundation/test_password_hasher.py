"""Passwords: Argon2 first (Django's recommendation); a PBKDF2 hash made before still logs in and is upgraded."""

import importlib

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.test import Client
from django.urls import reverse

from tests import factories as f

ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"
PBKDF2 = "django.contrib.auth.hashers.PBKDF2PasswordHasher"


def portal_hashers() -> list[str]:
    # The test run swaps in a fast hasher (tests/conftest.py); read what the portal itself configures.
    return importlib.import_module("desabinaan.settings").PASSWORD_HASHERS


def test_the_portal_hashes_with_argon2_and_still_reads_pbkdf2():
    hashers = portal_hashers()
    assert hashers[0] == ARGON2
    assert PBKDF2 in hashers[1:]


def test_a_pbkdf2_password_logs_in_and_is_rehashed_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = portal_hashers()
    user = f.make_user("lama", password="unused")
    user.password = make_password(f.PASSWORD, hasher="pbkdf2_sha256")  # as stored before Argon2
    user.save(update_fields=["password"])
    client = Client()

    response = client.post(reverse("login"), {"username": "lama", "password": f.PASSWORD})

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert check_password(f.PASSWORD, user.password)


def test_a_wrong_password_does_not_touch_the_old_hash(db, settings):
    settings.PASSWORD_HASHERS = portal_hashers()
    user = f.make_user("lama", password="unused")
    user.password = old = make_password(f.PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    response = Client().post(reverse("login"), {"username": "lama", "password": "salah-sekali"})

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.password == old


def test_a_new_password_is_stored_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = portal_hashers()
    user = f.make_user("baru")
    assert identify_hasher(user.password).algorithm == "argon2"
    client = Client()
    response = client.post(reverse("login"), {"username": "baru", "password": f.PASSWORD})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
