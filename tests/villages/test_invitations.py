"""The invitation life cycle: invite, e-mail, accept, expire, resend, revoke, double accept, existing users."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from villages.models import Invitation, UnitEvent, UnitMembership

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Pantai-Utara-2026!"


def invite(client, unit, email, role="officer", capture=None):
    url = reverse("villages:invitation_create", args=[unit.pk])
    if capture is None:
        return client.post(url, {"email": email, "role": role})
    with capture(execute=True):
        return client.post(url, {"email": email, "role": role})


def link_in(message) -> str:
    match = re.search(r"https?://[^/\s]+(/akun/aktivasi/[\w-]+/)", message.body)
    assert match, message.body
    return match.group(1)


def activation_data(**overrides):
    return {
        "first_name": "Siti",
        "last_name": "Aminah",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    } | overrides


@pytest.fixture
def invited(world, client_for, django_capture_on_commit_callbacks):
    """Staff of office X has invited a new address to unit A; returns (invitation, link path)."""
    response = invite(
        client_for("staff_x"), world.unit_a, "Siti.Baru@Example.test", capture=django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    client_for("anon")
    return Invitation.objects.get(email="siti.baru@example.test"), link_in(mail.outbox[-1])


def test_staff_invites_a_new_address_which_gets_an_inactive_account_and_an_email_with_the_link(
    world, client_for, django_capture_on_commit_callbacks
):
    assert not User.objects.filter(email__iexact="siti.baru@example.test").exists()
    events_before = world.unit_a.events.count()

    response = invite(
        client_for("staff_x"), world.unit_a, "Siti.Baru@Example.test", "coordinator", django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    user = invitation.user
    assert (user.email, user.is_active, user.has_usable_password()) == ("siti.baru@example.test", False, False)
    assert (invitation.role, invitation.invited_by, invitation.unit) == (
        "coordinator",
        world.user("staff_x"),
        world.unit_a,
    )
    assert invitation.is_open
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["siti.baru@example.test"]
    assert "Undangan" in message.subject and "Rawa Badak Utara" in message.subject
    token = link_in(message).split("/")[-2]
    # Only the token's hash is stored; the link carries the token itself.
    assert invitation.token_hash == Invitation.hash_token(token) != token
    assert token not in str(Invitation.objects.values_list().get())
    assert world.unit_a.events.count() == events_before + 1
    event = world.unit_a.events.first()
    assert (event.kind, event.actor) == (UnitEvent.Kind.MEMBERSHIP, world.user("staff_x"))
    assert "siti.baru@example.test" in event.reason


def test_new_invitee_sets_name_and_password_and_is_logged_in(world, client, invited):
    invitation, link = invited
    assert client.get(link).status_code == 200

    response = client.post(link, activation_data())

    assert response.status_code == 302
    user = User.objects.get(pk=invitation.user_id)
    assert (user.is_active, user.first_name, user.last_name) == (True, "Siti", "Aminah")
    assert user.check_password(NEW_PASSWORD)
    assert UnitMembership.objects.get(user=user).unit == world.unit_a
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert int(client.session["_auth_user_id"]) == user.pk
    event = world.unit_a.events.first()
    assert (event.kind, event.actor) == (UnitEvent.Kind.MEMBERSHIP, user)
    # The new member reaches the unit at once.
    assert client.get(reverse("villages:unit_detail", args=[world.unit_a.pk])).status_code == 200


def test_a_weak_or_mismatched_password_is_refused_with_400_keeping_the_name(world, client, invited):
    invitation, link = invited

    weak = client.post(link, activation_data(password1="12345678", password2="12345678"))
    mismatch = client.post(link, activation_data(password2="something-else-2026"))

    assert weak.status_code == mismatch.status_code == 400
    assert "Siti" in weak.content.decode()
    assert "Kedua kata sandi tidak sama" in mismatch.content.decode()
    user = User.objects.get(pk=invitation.user_id)
    assert (user.is_active, user.has_usable_password()) == (False, False)
    assert not UnitMembership.objects.filter(user=user).exists()
    # The same request with a good password succeeds.
    assert client.post(link, activation_data()).status_code == 302


def test_an_expired_link_shows_a_clear_page_with_410(world, client, invited):
    invitation, link = invited
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    got = client.get(link)
    posted = client.post(link, activation_data())

    assert got.status_code == posted.status_code == 410
    assert "kedaluwarsa" in got.content.decode()
    assert not User.objects.get(pk=invitation.user_id).is_active
    assert not UnitMembership.objects.filter(user_id=invitation.user_id).exists()


def test_resending_gives_a_new_link_and_the_old_one_stops_working(
    world, client, client_for, invited, django_capture_on_commit_callbacks
):
    invitation, old_link = invited
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    staff = client_for("staff_x")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(reverse("villages:invitation_resend", args=[world.unit_a.pk, invitation.pk]))

    assert response.status_code == 302
    new_link = link_in(mail.outbox[-1])
    assert new_link != old_link
    invitation.refresh_from_db()
    assert invitation.is_open and invitation.expires_at > timezone.now() + timedelta(days=6)
    assert "dikirim ulang" in world.unit_a.events.first().reason
    client_for("anon")
    old = client.get(old_link)
    assert old.status_code == 404
    assert "tidak dikenal" in old.content.decode()
    assert client.post(new_link, activation_data()).status_code == 302


def test_a_revoked_link_is_refused_with_410(world, client, client_for, invited):
    invitation, link = invited
    response = client_for("staff_x").post(reverse("villages:invitation_revoke", args=[world.unit_a.pk, invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "dicabut" in world.unit_a.events.first().reason
    client_for("anon")

    refused = client.post(link, activation_data())

    assert refused.status_code == 410
    assert "dicabut" in refused.content.decode()
    assert not UnitMembership.objects.filter(user_id=invitation.user_id).exists()


def test_accepting_twice_creates_one_membership(world, client, invited):
    invitation, link = invited
    first = client.post(link, activation_data())
    # The same form sent again by the now logged-in invitee, and by someone without the session.
    second = client.post(link, activation_data())
    client.logout()
    third = client.post(link, activation_data())

    assert first.status_code == second.status_code == 302
    assert third.status_code == 410
    assert UnitMembership.objects.filter(user_id=invitation.user_id, unit=world.unit_a).count() == 1
    accepted = [e for e in world.unit_a.events.all() if "menerima undangan" in e.reason]
    assert len(accepted) == 1


def test_an_unknown_token_is_404_with_an_indonesian_page(client, world):
    response = client.get(reverse("villages:invitation_accept", args=["tidak-ada-token-seperti-ini"]))
    assert response.status_code == 404
    assert "Tautan undangan tidak dapat dipakai" in response.content.decode()


def test_an_existing_user_is_invited_as_they_are_and_accepts_after_logging_in(
    world, client, client_for, django_capture_on_commit_callbacks
):
    officer_b = world.user("officer_b")
    password_before = officer_b.password
    invite(client_for("staff_x"), world.unit_a, officer_b.email.upper(), capture=django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    assert invitation.user == officer_b
    assert User.objects.filter(email__iexact=officer_b.email).count() == 1
    link = link_in(mail.outbox[-1])
    assert "masuk dengan akun Anda" in mail.outbox[-1].body

    client_for("anon")
    anonymous = client.get(link)
    assert anonymous.status_code == 200
    assert f"{reverse('login')}?next={link}" in anonymous.content.decode()
    assert client.post(link, activation_data()).status_code == 200  # no password form for an existing account
    assert not UnitMembership.objects.filter(user=officer_b, unit=world.unit_a).exists()

    client_for("officer_b")
    assert client.get(link).status_code == 200
    response = client.post(link)

    assert response.status_code == 302
    officer_b.refresh_from_db()
    assert officer_b.password == password_before
    # A person may belong to several units.
    assert set(officer_b.unit_memberships.values_list("unit_id", flat=True)) == {world.unit_a.pk, world.unit_b.pk}


def test_another_signed_in_user_cannot_accept_an_existing_users_invitation(
    world, client, client_for, django_capture_on_commit_callbacks
):
    invite(
        client_for("staff_x"), world.unit_a, world.user("officer_b").email, capture=django_capture_on_commit_callbacks
    )
    link = link_in(mail.outbox[-1])

    client_for("staff_y")
    refused = client.post(link)

    assert refused.status_code == 403
    assert not UnitMembership.objects.filter(unit=world.unit_a, user=world.user("officer_b")).exists()
    client_for("officer_b")
    assert client.post(link).status_code == 302


def test_only_staff_of_the_units_office_may_invite(world, client_for):
    assert invite(client_for("officer_a"), world.unit_a, "a@example.test").status_code == 403
    assert invite(client_for("coordinator_a"), world.unit_a, "a@example.test").status_code == 403
    assert invite(client_for("oversight"), world.unit_a, "a@example.test").status_code == 403
    assert invite(client_for("staff_y"), world.unit_a, "a@example.test").status_code == 404
    assert not Invitation.objects.exists()

    assert invite(client_for("staff_x"), world.unit_a, "a@example.test").status_code == 302
    assert Invitation.objects.count() == 1


def test_a_second_open_invitation_or_a_current_member_is_refused_with_a_message(world, client_for):
    staff = client_for("staff_x")
    assert invite(staff, world.unit_a, "dua@example.test").status_code == 302

    again = invite(staff, world.unit_a, "DUA@example.test")
    member = invite(staff, world.unit_a, world.user("officer_a").email)

    assert again.status_code == member.status_code == 400
    assert "Sudah ada undangan terbuka" in again.content.decode()
    assert "sudah menjadi anggota" in member.content.decode()
    assert Invitation.objects.count() == 1
    assert User.objects.filter(email__iexact="dua@example.test").count() == 1


def test_a_bad_email_is_sent_back_with_400_keeping_what_was_typed(world, client_for):
    response = invite(client_for("staff_x"), world.unit_a, "bukan-email@", "coordinator")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Alamat e-mail tidak valid" in html
    assert 'value="bukan-email@"' in html
    assert not Invitation.objects.exists()


def test_resend_and_revoke_refuse_an_accepted_invitation(world, client, client_for, invited):
    invitation, link = invited
    client.post(link, activation_data())
    staff = client_for("staff_x")

    resend = staff.post(reverse("villages:invitation_resend", args=[world.unit_a.pk, invitation.pk]), follow=True)
    revoke = staff.post(reverse("villages:invitation_revoke", args=[world.unit_a.pk, invitation.pk]), follow=True)

    assert "tidak dapat dikirim ulang" in resend.content.decode()
    assert "sudah diterima" in revoke.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is None and invitation.accepted_at is not None


def test_another_offices_invitation_is_404_for_resend(world, client_for):
    other = f.make_user("lain")
    invitation = Invitation.objects.create(
        email="lain@example.test",
        unit=world.unit_b,
        role="officer",
        user=other,
        invited_by=world.user("staff_y"),
        token_hash="x" * 64,
        expires_at=Invitation.default_expiry(),
    )
    # Tampered: unit A (which staff_x manages) with unit B's invitation.
    response = client_for("staff_x").post(reverse("villages:invitation_resend", args=[world.unit_a.pk, invitation.pk]))
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.token_hash == "x" * 64
