"""The unit page's history: e-mail addresses in it only for those who may read the members page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories as f
from villages.models import Invitation, UnitEvent, UnitMembership

NEW = "siti.baru@example.test"
NAMELESS = "budi.lama@example.test"


def _history(response) -> str:
    """The history section of the unit page (the page's own header and menus aside)."""
    html = response.content.decode()
    return html[html.index('id="history-heading"') :]


@pytest.fixture
def membership_history(world, client_for, django_capture_on_commit_callbacks):
    """Office X's staff invited a new address (then resent it) and an existing nameless account, which accepted
    and was removed again; a third invitation was revoked. Every event names an address somewhere."""
    staff = client_for("staff_x")
    nameless = f.make_user(NAMELESS, email=NAMELESS)  # an invited account's user name is its address
    for email in (NEW, NAMELESS, "dicabut@example.test"):
        with django_capture_on_commit_callbacks(execute=True):
            staff.post(
                reverse("villages:invitation_create", args=[world.unit_a.pk]), {"email": email, "role": "officer"}
            )
    new, old, revoked = (Invitation.objects.get(email=e) for e in (NEW, NAMELESS, "dicabut@example.test"))
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("villages:invitation_resend", args=[world.unit_a.pk, new.pk]))
    staff.post(reverse("villages:invitation_revoke", args=[world.unit_a.pk, revoked.pk]))
    link = re.search(r"(/akun/aktivasi/[\w-]+/)", next(m.body for m in mail.outbox if NAMELESS in m.to)).group(1)
    own = client_for("anon")
    own.force_login(nameless)
    assert own.post(link).status_code == 302
    membership = UnitMembership.objects.get(user=nameless, unit=world.unit_a)
    client_for("staff_x").post(reverse("villages:membership_remove", args=[world.unit_a.pk, membership.pk]))
    assert not UnitMembership.objects.filter(pk=membership.pk).exists()
    assert old.user == nameless
    return world.unit_a


def test_an_officer_reads_the_unit_history_without_any_invitees_email_address(world, client_for, membership_history):
    events = UnitEvent.objects.filter(unit=membership_history, kind=UnitEvent.Kind.MEMBERSHIP)
    stored = " ".join(e.reason for e in events)
    assert events.count() == 7
    assert NEW in stored and NAMELESS in stored and "dicabut@example.test" in stored  # the record keeps them
    officer = client_for("officer_a")
    assert officer.get(reverse("villages:unit_members", args=[membership_history.pk])).status_code == 403

    history = _history(officer.get(membership_history.get_absolute_url()))

    assert "@example.test" not in history
    assert history.count("unit-event-membership") == 7
    assert history.count("[e-mail disembunyikan]") == 8  # seven reasons, and the nameless member as an actor
    assert "sebagai Petugas" in history  # the role is still there
    assert "dikirim ulang" in history and "dicabut" in history and "dikeluarkan" in history
    assert events.count() == 7 and NEW in " ".join(e.reason for e in events.all())  # reading changed nothing


@pytest.mark.parametrize("role", ["staff_x", "head_x", "coordinator_a", "oversight"])
def test_those_who_may_read_the_members_page_see_the_addresses_in_the_history(
    world, client_for, membership_history, role
):
    client = client_for(role)
    assert client.get(reverse("villages:unit_members", args=[membership_history.pk])).status_code == 200

    history = _history(client.get(membership_history.get_absolute_url()))

    assert NEW in history and NAMELESS in history and "dicabut@example.test" in history
    assert "[e-mail disembunyikan]" not in history
