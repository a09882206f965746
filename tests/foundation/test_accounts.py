"""Log in, log out, change and reset a password."""

import re

from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests import factories as f


def test_login_page_is_public_and_in_indonesian(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Masuk petugas" in response.content.decode()


def test_pages_behind_login_send_the_citizen_to_the_login_page(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_officer_logs_in_with_the_right_password(db):
    user = f.make_user("petugas")
    client = Client()
    response = client.post(reverse("login"), {"username": "petugas", "password": f.PASSWORD})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_login_rotates_the_session_key(db):
    f.make_user("petugas")
    client = Client()
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    client.post(reverse("login"), {"username": "petugas", "password": f.PASSWORD})
    assert client.session.session_key != before


def test_logout_needs_a_post(client, db):
    user = f.make_user()
    client.force_login(user)
    assert client.get(reverse("logout")).status_code == 405
    assert SESSION_KEY in client.session
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_changing_the_password_keeps_this_session_and_ends_the_others(db):
    user = f.make_user("petugas")
    here, elsewhere = Client(), Client()
    here.force_login(user)
    elsewhere.force_login(user)
    response = here.post(
        reverse("password_change"),
        {"old_password": f.PASSWORD, "new_password1": "kata-sandi-baru-2026", "new_password2": "kata-sandi-baru-2026"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("kata-sandi-baru-2026")
    assert here.get(reverse("password_change")).status_code == 200
    assert elsewhere.get(reverse("password_change")).status_code == 302


def test_a_weak_new_password_is_refused_with_a_message_and_nothing_changes(db, client):
    user = f.make_user("petugas")
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": f.PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(f.PASSWORD)


def test_password_reset_sends_a_link_that_sets_a_new_password(db, client):
    user = f.make_user("petugas", email="petugas@example.test")
    response = client.post(reverse("password_reset"), {"email": "petugas@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "Atur ulang kata sandi" in mail.outbox[0].subject
    link = re.search(r"http://testserver(/akun/kata-sandi/atur/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "kata-sandi-baru-2026", "new_password2": "kata-sandi-baru-2026"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("kata-sandi-baru-2026")


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(db, client):
    response = client.post(reverse("password_reset"), {"email": "siapa@example.test"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_used_reset_link_says_it_is_no_longer_valid(db, client):
    response = client.get(reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bukan-token"}))
    assert response.status_code == 200
    assert "Tautan ini tidak berlaku lagi" in response.content.decode()
