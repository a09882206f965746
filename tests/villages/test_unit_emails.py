"""E-mails of the unit workflow: to the heads when a proposal waits, to the proposer on the decision."""

import pytest
from django.core import mail
from django.utils import timezone

from desabinaan.lib.errors import Conflict
from tests import factories as f
from villages import services
from villages.models import OfficeMembership, Unit


def propose(world, by="staff_x"):
    return services.unit_propose(
        by=world.user(by), office=world.office_x, region=f.make_village(), reason=Unit.Reason.BORDER
    )


def test_the_heads_of_the_office_are_told_when_a_proposal_waits(world, django_capture_on_commit_callbacks):
    second_head = f.make_office_member(world.office_x, OfficeMembership.Role.HEAD, "head_x2")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        unit = propose(world)
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.user("head_x").email, second_head.email])
    message = mail.outbox[0]
    assert "menunggu keputusan" in message.subject
    assert unit.display_name in message.subject
    assert unit.get_absolute_url() in message.body
    assert message.alternatives[0][1] == "text/html"


def test_a_head_who_proposes_is_not_told_about_their_own_proposal(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        propose(world, by="head_x")
    assert mail.outbox == []


def test_the_proposer_hears_of_the_approval(world, django_capture_on_commit_callbacks):
    unit = services.unit_propose(
        by=world.user("staff_x"), office=world.office_x, region=f.make_village(), reason="border", notify=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.unit_approve(
            unit=unit, by=world.user("head_x"), decree_number="W.10-SK 12", decree_date=timezone.localdate()
        )
    assert [m.to for m in mail.outbox] == [[world.user("staff_x").email]]
    assert "disetujui" in mail.outbox[0].subject
    assert "W.10-SK 12" in mail.outbox[0].body


def test_the_proposer_hears_of_the_rejection_with_the_reason(world, django_capture_on_commit_callbacks):
    unit = services.unit_propose(
        by=world.user("staff_x"), office=world.office_x, region=f.make_village(), reason="border", notify=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.unit_reject(unit=unit, by=world.user("head_x"), reason="Belum ada data calon PMI")
    assert [m.to for m in mail.outbox] == [[world.user("staff_x").email]]
    assert "ditolak" in mail.outbox[0].subject
    assert "Belum ada data calon PMI" in mail.outbox[0].body


def test_a_refused_transition_sends_nothing(world, django_capture_on_commit_callbacks):
    unit = f.make_unit(office=world.office_x, status=Unit.Status.ACTIVE)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Conflict):
        services.unit_reject(unit=unit, by=world.user("head_x"), reason="x")
    assert mail.outbox == []
