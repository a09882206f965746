"""A user's roles come from one query, whatever memberships they hold (it runs on every signed-in request)."""

import pytest

from tests.factories import make_office, make_office_member, make_unit, make_user
from villages.models import OfficeMembership, OversightMembership, UnitMembership
from villages.roles import roles_of

pytestmark = pytest.mark.django_db


def test_every_kind_of_membership_is_read_in_one_query(django_assert_num_queries):
    office = make_office()
    unit = make_unit(office=office)
    user = make_office_member(office, OfficeMembership.Role.STAFF)
    OfficeMembership.objects.create(user=user, office=office, role=OfficeMembership.Role.HEAD)
    UnitMembership.objects.create(user=user, unit=unit, role=UnitMembership.Role.OFFICER)
    OversightMembership.objects.create(user=user, kanwil=None)
    OversightMembership.objects.create(user=user, kanwil=office.kanwil)
    with django_assert_num_queries(1):
        roles = roles_of(user)
    assert roles.office_roles == {office.pk: frozenset({"staff", "head"})}
    assert roles.unit_roles == {unit.pk: UnitMembership.Role.OFFICER}
    assert roles.oversight_national and roles.oversight_kanwil_ids == {office.kanwil_id}
    with django_assert_num_queries(0):
        assert roles_of(user) is roles  # kept on the user for the rest of the request


def test_a_user_without_memberships_has_no_roles(django_assert_num_queries):
    user = make_user()
    with django_assert_num_queries(1):
        roles = roles_of(user)
    assert not roles.office_roles and not roles.unit_roles and not roles.is_oversight
