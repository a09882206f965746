"""Unit memberships and PIMPASA: removal cuts access at once; PIMPASA come only from the unit's office."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories as f
from villages.models import Invitation, OfficeMembership, UnitEvent, UnitMembership

pytestmark = pytest.mark.django_db


def members_url(unit):
    return reverse("villages:unit_members", args=[unit.pk])


def remove_url(membership):
    return reverse("villages:membership_remove", args=[membership.unit_id, membership.pk])


def test_removing_a_membership_cuts_access_on_the_next_request(world, client_for):
    coordinator = world.user("coordinator_a")
    membership = UnitMembership.objects.get(user=coordinator, unit=world.unit_a)
    # Their own browser, logged in before the removal and staying logged in.
    browser = Client()
    browser.force_login(coordinator)
    assert browser.get(members_url(world.unit_a)).status_code == 200

    response = client_for("staff_x").post(remove_url(membership), {"reason": "Pindah tugas ke kelurahan lain"})

    assert response.status_code == 302
    assert not UnitMembership.objects.filter(pk=membership.pk).exists()
    event = world.unit_a.events.first()
    assert (event.kind, event.actor) == (UnitEvent.Kind.MEMBERSHIP, world.user("staff_x"))
    assert "Pindah tugas" in event.reason
    # The same session, still valid: the very next request no longer reaches the unit.
    assert browser.get(members_url(world.unit_a)).status_code == 404
    assert browser.get(reverse("villages:unit_detail", args=[world.unit_a.pk])).status_code == 404
    assert browser.get(reverse("home")).status_code == 200


def test_members_without_the_role_cannot_remove_and_outsiders_get_404(world, client_for):
    membership = UnitMembership.objects.get(user=world.user("officer_a"))

    assert client_for("coordinator_a").post(remove_url(membership)).status_code == 403
    assert client_for("oversight").post(remove_url(membership)).status_code == 403
    assert client_for("staff_y").post(remove_url(membership)).status_code == 404
    assert UnitMembership.objects.filter(pk=membership.pk).exists()

    assert client_for("head_x").post(remove_url(membership)).status_code == 302
    assert not UnitMembership.objects.filter(pk=membership.pk).exists()


def test_a_membership_of_another_unit_cannot_be_removed_through_this_unit(world, client_for):
    other = UnitMembership.objects.get(user=world.user("officer_b"))
    url = reverse("villages:membership_remove", args=[world.unit_a.pk, other.pk])

    assert client_for("staff_x").post(url).status_code == 404
    assert UnitMembership.objects.filter(pk=other.pk).exists()


def test_double_clicks_on_remove_and_assign_change_nothing_twice(world, client_for):
    staff = client_for("staff_x")
    membership = UnitMembership.objects.get(user=world.user("officer_a"))
    new_pimpasa = f.make_office_member(world.office_x, OfficeMembership.Role.PIMPASA, "pimpasa_dua")
    add_url = reverse("villages:pimpasa_add", args=[world.unit_a.pk])
    events_before = world.unit_a.events.count()

    assert staff.post(remove_url(membership)).status_code == 302
    again = staff.post(remove_url(membership), follow=True)
    assert staff.post(add_url, {"user": new_pimpasa.pk}).status_code == 302
    twice = staff.post(add_url, {"user": new_pimpasa.pk})

    assert "Anggota ini sudah dikeluarkan" in again.content.decode()
    assert twice.status_code == 400
    assert "sudah ditugaskan" in twice.content.decode()
    assert world.unit_a.pimpasa.filter(pk=new_pimpasa.pk).count() == 1
    assert world.unit_a.events.count() == events_before + 2


def test_a_person_may_belong_to_several_units(world, client_for):
    officer_a = world.user("officer_a")
    UnitMembership.objects.create(user=officer_a, unit=world.unit_b, role=UnitMembership.Role.COORDINATOR)
    client = client_for("officer_a")

    # Coordinator of B reads B's members; a plain officer of A does not read A's.
    assert client.get(members_url(world.unit_b)).status_code == 200
    assert client.get(members_url(world.unit_a)).status_code == 403


def test_staff_assign_a_pimpasa_of_the_units_office_and_remove_them(world, client_for):
    new_pimpasa = f.make_office_member(world.office_x, OfficeMembership.Role.PIMPASA, "pimpasa_baru")
    staff = client_for("staff_x")
    page = staff.get(members_url(world.unit_a)).content.decode()
    assert f'value="{new_pimpasa.pk}"' in page

    added = staff.post(reverse("villages:pimpasa_add", args=[world.unit_a.pk]), {"user": new_pimpasa.pk})

    assert added.status_code == 302
    assert set(world.unit_a.pimpasa.all()) == {world.user("pimpasa_x"), new_pimpasa}
    assert "PIMPASA" in world.unit_a.events.first().reason

    removed = staff.post(reverse("villages:pimpasa_remove", args=[world.unit_a.pk, new_pimpasa.pk]))

    assert removed.status_code == 302
    assert set(world.unit_a.pimpasa.all()) == {world.user("pimpasa_x")}
    assert "tidak lagi menjadi PIMPASA" in world.unit_a.events.first().reason


def test_only_the_offices_pimpasa_can_be_assigned(world, client_for):
    other_office_pimpasa = f.make_office_member(world.office_y, OfficeMembership.Role.PIMPASA, "pimpasa_y")
    plain_staff = world.user("staff_x")
    staff = client_for("staff_x")
    url = reverse("villages:pimpasa_add", args=[world.unit_a.pk])
    events_before = world.unit_a.events.count()

    foreign = staff.post(url, {"user": other_office_pimpasa.pk})
    not_pimpasa = staff.post(url, {"user": plain_staff.pk})
    garbage = staff.post(url, {"user": "'; DROP TABLE auth_user; --"})

    for response in (foreign, not_pimpasa, garbage):
        assert response.status_code == 400
        assert "Hanya PIMPASA kantor imigrasi desa binaan ini" in response.content.decode()
    assert set(world.unit_a.pimpasa.all()) == {world.user("pimpasa_x")}
    assert world.unit_a.events.count() == events_before
    # The office's own PIMPASA is accepted by the same form.
    own = f.make_office_member(world.office_x, OfficeMembership.Role.PIMPASA, "pimpasa_x2")
    assert staff.post(url, {"user": own.pk}).status_code == 302


def test_pimpasa_changes_need_the_staff_role(world, client_for):
    url = reverse("villages:pimpasa_remove", args=[world.unit_a.pk, world.user("pimpasa_x").pk])

    assert client_for("coordinator_a").post(url).status_code == 403
    assert client_for("staff_y").post(url).status_code == 404
    assert world.unit_a.pimpasa.count() == 1
    assert client_for("staff_x").post(url).status_code == 302
    assert world.unit_a.pimpasa.count() == 0


def test_read_only_viewers_see_no_forms(world, client_for):
    html = client_for("coordinator_a").get(members_url(world.unit_a)).content.decode()
    assert "officer_a@example.test" in html
    assert reverse("villages:invitation_create", args=[world.unit_a.pk]) not in html
    assert "Keluarkan" not in html
    staff_html = client_for("staff_x").get(members_url(world.unit_a)).content.decode()
    assert reverse("villages:invitation_create", args=[world.unit_a.pk]) in staff_html


def _grow(world, n):
    for _ in range(n):
        user = f.make_unit_member(world.unit_a)
        Invitation.objects.create(
            email=f"undangan-{user.pk}@example.test",
            unit=world.unit_a,
            role="officer",
            user=user,
            invited_by=world.user("staff_x"),
            token_hash=Invitation.hash_token(f"t{user.pk}"),
            expires_at=Invitation.default_expiry(),
        )
        world.unit_a.pimpasa.add(f.make_office_member(world.office_x, OfficeMembership.Role.PIMPASA))
        f.make_office_member(world.office_x, OfficeMembership.Role.PIMPASA)


def test_members_page_query_count_does_not_grow_with_members(world, client_for, django_assert_max_num_queries):
    client = client_for("staff_x")
    _grow(world, 3)
    with django_assert_max_num_queries(20) as small:
        assert client.get(members_url(world.unit_a)).status_code == 200
    assert len(small.captured_queries) >= 5  # session, user, roles, unit, members were measured
    _grow(world, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(members_url(world.unit_a))
    assert response.content.decode().count('class="member-item"') > 60
