"""Every public POST form is rate-limited: past the limit the attempt is refused with 429 and does nothing."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def _client(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def test_the_sixth_password_reset_request_from_one_address_is_refused_and_sends_nothing():
    for n in range(5):
        f.make_user(f"warga{n}", email=f"warga{n}@example.test")
    client = _client("10.1.0.1")
    for n in range(5):
        response = client.post(reverse("password_reset"), {"email": f"warga{n}@example.test"})
        assert response.status_code == 302
    assert len(mail.outbox) == 5
    f.make_user("warga9", email="warga9@example.test")
    response = client.post(reverse("password_reset"), {"email": "warga9@example.test"})
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.content.decode()
    assert len(mail.outbox) == 5
    # Another address is not affected.
    assert _client("10.1.0.2").post(reverse("password_reset"), {"email": "warga9@example.test"}).status_code == 302
    assert len(mail.outbox) == 6


def test_one_mailbox_cannot_be_flooded_with_reset_mails_from_many_addresses():
    f.make_user("sasaran", email="sasaran@example.test")
    for n in range(5):
        response = _client(f"10.2.0.{n}").post(reverse("password_reset"), {"email": "sasaran@example.test"})
        assert response.status_code == 302
    response = _client("10.2.0.99").post(reverse("password_reset"), {"email": "SASARAN@example.test"})
    assert response.status_code == 429
    assert len(mail.outbox) == 5


def test_guessing_reset_links_is_limited_per_address():
    client = _client("10.3.0.1")
    url = reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "tebakan"})
    for _ in range(10):
        assert client.post(url, {"new_password1": "x", "new_password2": "x"}).status_code != 429
    assert client.post(url, {"new_password1": "x", "new_password2": "x"}).status_code == 429
    assert _client("10.3.0.2").post(url, {"new_password1": "x"}).status_code != 429


def test_activation_attempts_are_limited_per_address_and_per_invitation():
    client = _client("10.4.0.1")
    for n in range(10):
        url = reverse("villages:invitation_accept", kwargs={"token": f"tebakan-{n}"})
        assert client.post(url, {"first_name": "A"}).status_code == 404
    url = reverse("villages:invitation_accept", kwargs={"token": "tebakan-lagi"})
    assert client.post(url, {"first_name": "A"}).status_code == 429
    # The same invitation from many addresses: counted for the invitation too.
    target = reverse("villages:invitation_accept", kwargs={"token": "satu-undangan"})
    for n in range(10):
        assert _client(f"10.5.0.{n}").post(target, {"first_name": "A"}).status_code == 404
    assert _client("10.5.0.99").post(target, {"first_name": "A"}).status_code == 429
    # Opening the page is not counted.
    assert _client("10.4.0.1").get(target).status_code == 404


def test_verification_uploads_are_limited_per_address(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.reports.factories import make_summary

    summary = make_summary(world.office_x, by=world.user("staff_x"))
    url = reverse("reports:verify", kwargs={"code": summary.verification_code})
    client = _client("10.6.0.1")
    for _ in range(30):
        upload = SimpleUploadedFile("r.pdf", b"%PDF-1.7\n%fake\n", content_type="application/pdf")
        response = client.post(url, {"file": upload})
        assert response.status_code == 200
        assert response.context["matches"] is True
    upload = SimpleUploadedFile("r.pdf", b"%PDF-1.7\n%fake\n", content_type="application/pdf")
    assert client.post(url, {"file": upload}).status_code == 429
    # Reading the page still works, and another address may still upload.
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("r.pdf", b"%PDF-1.7\n%fake\n", content_type="application/pdf")
    assert _client("10.6.0.2").post(url, {"file": upload}).status_code == 200
