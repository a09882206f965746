"""Two heads approving the same proposal at the same moment: exactly one succeeds (PostgreSQL row lock)."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from desabinaan.lib.errors import DomainError
from tests import factories as f
from villages import services
from villages.models import OfficeMembership, Unit, UnitEvent


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_heads_approving_at_once_exactly_one_succeeds():
    office = f.make_office()
    staff = f.make_office_member(office, OfficeMembership.Role.STAFF)
    heads = [f.make_office_member(office, OfficeMembership.Role.HEAD) for _ in range(2)]
    unit = f.make_unit(office=office, status=Unit.Status.PROPOSED, proposed_by=staff)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def approve(head, number):
        try:
            barrier.wait(timeout=10)
            services.unit_approve(
                unit=Unit.objects.get(pk=unit.pk),
                by=head,
                decree_number=number,
                decree_date=timezone.localdate(),
                notify=False,
            )
            outcomes[number] = "ok"
        except DomainError as error:
            outcomes[number] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(head, f"SK-{i}")) for i, head in enumerate(heads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["SK-0", "SK-1"]
    winners = [n for n, o in outcomes.items() if o == "ok"]
    losers = [o for o in outcomes.values() if o != "ok"]
    assert len(winners) == 1
    assert len(losers) == 1
    assert "Hanya usulan yang dapat disetujui" in losers[0].message
    assert losers[0].status == 409
    unit.refresh_from_db()
    assert (unit.status, unit.decree_number) == (Unit.Status.APPROVED, winners[0])
    assert UnitEvent.objects.filter(unit=unit, to_status=Unit.Status.APPROVED).count() == 1
