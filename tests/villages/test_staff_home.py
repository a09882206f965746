"""The staff home: proposals waiting for this head, own proposals in progress, open invitations, recent changes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from villages.models import Invitation, Unit, UnitMembership

S = Unit.Status
URL = "/tugas/"


def invite(unit, by, email, *, expires_in=timedelta(days=7), **fields) -> Invitation:
    user = f.make_user(email=email, is_active=False)
    _token, token_hash = Invitation.new_token()
    return Invitation.objects.create(
        email=email,
        unit=unit,
        role=UnitMembership.Role.OFFICER,
        user=user,
        invited_by=by,
        token_hash=token_hash,
        expires_at=timezone.now() + expires_in,
        **fields,
    )


def test_the_url_is_the_named_pattern():
    assert reverse("villages:staff_home") == URL


def test_head_sees_proposals_of_their_office_but_not_their_own(client_for, world):
    waiting = f.make_unit(office=world.office_x, status=S.PROPOSED, proposed_by=world.user("staff_x"))
    own = f.make_unit(office=world.office_x, status=S.PROPOSED, proposed_by=world.user("head_x"))
    other_office = f.make_unit(office=world.office_y, status=S.PROPOSED, proposed_by=world.user("staff_y"))
    response = client_for("head_x").get(URL)
    assert response.context["awaiting"] == [waiting]
    assert response.context["own"] == [own]
    assert other_office not in response.context["recent"]
    assert waiting.get_absolute_url() in response.content.decode()


def test_staff_see_their_own_proposals_in_progress_and_no_decision_list(client_for, world):
    proposed = f.make_unit(office=world.office_x, status=S.PROPOSED, proposed_by=world.user("staff_x"))
    approved = f.make_unit(office=world.office_x, status=S.APPROVED, proposed_by=world.user("staff_x"))
    f.make_unit(office=world.office_x, status=S.REJECTED, proposed_by=world.user("staff_x"))
    response = client_for("staff_x").get(URL)
    assert set(response.context["own"]) == {proposed, approved}
    assert response.context["awaiting"] == []
    assert "Usulan menunggu keputusan Anda" not in response.content.decode()


def test_pending_invitations_of_the_offices_units_only(client_for, world):
    pending = invite(world.unit_a, world.user("staff_x"), "baru@example.test")
    invite(world.unit_a, world.user("staff_x"), "lama@example.test", expires_in=timedelta(days=-1))
    invite(world.unit_a, world.user("staff_x"), "dicabut@example.test", revoked_at=timezone.now())
    invite(world.unit_b, world.user("staff_y"), "lain@example.test")
    response = client_for("staff_x").get(URL)
    assert response.context["invitations"] == [pending]
    assert "baru@example.test" in response.content.decode()


def test_oversight_sees_recent_changes_and_no_work_lists(client_for, world):
    response = client_for("oversight").get(URL)
    assert response.status_code == 200
    assert set(response.context["recent"]) == {world.unit_a, world.unit_b}
    assert response.context["invitations"] == []


@pytest.mark.parametrize("role", ["officer_a", "editor"])
def test_officers_and_editors_get_403_and_staff_get_the_page(client_for, world, role):
    assert client_for(role).get(URL).status_code == 403
    assert client_for("staff_x").get(URL).status_code == 200


def grow(world, n: int) -> None:
    start = Unit.objects.count()
    for i in range(start, start + n):
        unit = f.make_unit(
            office=world.office_x,
            region=f.make_village(f"31.72.05.{1100 + i:04d}"),
            status=[S.PROPOSED, S.APPROVED, S.ACTIVE][i % 3],
            proposed_by=world.user("staff_x") if i % 2 else world.user("head_x"),
        )
        invite(unit, world.user("staff_x"), f"petugas{i}@example.test")


@pytest.mark.parametrize("role", ["head_x", "staff_x", "oversight"])
def test_staff_home_query_count_does_not_grow_with_units(client_for, world, django_assert_max_num_queries, role):
    grow(world, 20)
    client = client_for(role)
    with django_assert_max_num_queries(12) as small:
        client.get(URL)
    grow(world, 180)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL)
    assert response.status_code == 200
