"""The monthly rollup the dashboards read stays equal to a fresh computation, whatever happens to the logs.

Random sequences of real changes (create, verify, return, edit, delete, and units launched, suspended,
reactivated, retired) through the services, with the clock moving on; the rollup is compared cell by cell
with a fresh measurement of the logs, and the dashboard's figures with a count made here from the rows.
"""

import random
import threading
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from freezegun import freeze_time

from desabinaan.lib.errors import DomainError
from reports.aggregation import MEASURES, Scope, compute_figures
from reports.models import Activity, ActivityMonth
from reports.models.rollups import KIND_COLUMNS
from reports.services import activities as logs
from reports.services.rollups import rollup_differences, rollup_rebuild
from tests import factories as f
from tests.reports.factories import make_activity
from villages import services as units
from villages.models import Unit

FIRST_DAY = date(2026, 1, 3)
LAST_DAY = date(2026, 4, 28)


class Simulation:
    """The world's office X with four units, a log of which day each unit was active, and random changes."""

    def __init__(self, world, seed: int):
        self.world = world
        self.rng = random.Random(seed)
        self.staff, self.head = world.user("staff_x"), world.user("head_x")
        office = world.office_x
        self.units = [
            world.unit_a,
            f.make_unit(office=office, proposed_by=self.staff),
            f.make_unit(office=office, status=Unit.Status.APPROVED, proposed_by=self.staff),
            f.make_unit(office=office, status=Unit.Status.APPROVED, proposed_by=self.staff),
        ]
        self.officers = {unit.pk: f.make_unit_member(unit) for unit in self.units}
        self.initially_active = {unit.pk for unit in self.units if unit.status == Unit.Status.ACTIVE}
        self.active_days: dict[int, set[date]] = {unit.pk: set() for unit in self.units}
        self.today = FIRST_DAY
        self._note_statuses()

    def _note_statuses(self) -> None:
        for unit in Unit.objects.filter(pk__in=self.active_days):
            if unit.status == Unit.Status.ACTIVE:
                self.active_days[unit.pk].add(self.today)

    def _day(self) -> date:
        return FIRST_DAY + timedelta(days=self.rng.randrange((LAST_DAY - FIRST_DAY).days + 1))

    def _data(self) -> dict:
        male, female = self.rng.randrange(0, 40), self.rng.randrange(0, 40)
        return {
            "date": self._day(),
            "kind": self.rng.choice(Activity.Kind.values),
            "place": "Balai desa",
            "participants_male": male,
            "participants_female": female,
            "calon_pmi_reached": self.rng.randrange(0, male + female + 1),
            "passport_consultations": self.rng.randrange(0, 9),
            "referrals": self.rng.randrange(0, 4),
        }

    def _pick(self, **filters) -> Activity | None:
        rows = list(Activity.objects.filter(unit__in=self.units, **filters).order_by("pk"))
        return self.rng.choice(rows) if rows else None

    def step(self) -> None:
        rng = self.rng
        action = rng.choice(["create"] * 4 + ["verify"] * 3 + ["return", "edit", "edit", "delete", "unit"])
        if action == "create":
            unit = rng.choice(self.units)
            try:
                logs.activity_create(by=self.officers[unit.pk], unit=unit, data=self._data())
            except DomainError:
                assert Unit.objects.get(pk=unit.pk).status != Unit.Status.ACTIVE
        elif action == "verify" and (log := self._pick(status=Activity.Status.SUBMITTED)):
            logs.activity_verify(activity=log, by=self.staff)
        elif action == "return" and (log := self._pick(status=Activity.Status.SUBMITTED)):
            logs.activity_return(activity=log, by=self.staff, comment="Foto kurang jelas.", notify=False)
        elif action == "edit" and (log := self._pick(status__in=["submitted", "returned"])):
            logs.activity_update(activity=log, by=self.officers[log.unit_id], data=self._data())
        elif action == "delete" and (log := self._pick(status__in=["submitted", "returned"])):
            logs.activity_delete(activity=log, by=self.officers[log.unit_id])
        elif action == "unit":
            self._change_a_unit()

    def _change_a_unit(self) -> None:
        unit = Unit.objects.get(pk=self.rng.choice(self.units).pk)
        reason = "Keputusan kepala kantor."
        if unit.status == Unit.Status.APPROVED:
            units.unit_launch(unit=unit, by=self.head, launch_date=self.today)
        elif unit.status == Unit.Status.ACTIVE:
            if self.rng.random() < 0.2:
                units.unit_retire(unit=unit, by=self.head, reason=reason)
            else:
                units.unit_suspend(unit=unit, by=self.head, reason=reason)
        elif unit.status == Unit.Status.SUSPENDED:
            units.unit_reactivate(unit=unit, by=self.head, reason=reason)
        self._note_statuses()

    def next_day(self, frozen) -> None:
        self.today += timedelta(days=1)
        frozen.move_to(f"{self.today.isoformat()} 10:00:00+07:00")
        self._note_statuses()

    def expected_active(self, start: date, end: date) -> set[int]:
        """Units active on a day of the period, from what this simulation saw (before and after it: unchanged)."""
        active = set()
        for unit in self.units:
            days = self.active_days[unit.pk]
            if unit.pk in self.initially_active and start < FIRST_DAY:
                active.add(unit.pk)
            if any(start <= day <= end for day in days):
                active.add(unit.pk)
            if self.today in days and end > self.today and Unit.objects.get(pk=unit.pk).status == "active":
                active.add(unit.pk)
        return active


def expected_figures(scope: Scope, active: set[int]) -> dict:
    """The figures counted here from the rows, the plain way."""
    rows = list(scope.activities())
    verified = [row for row in rows if row.status == Activity.Status.VERIFIED]
    reporting = {row.unit_id for row in verified}
    return {
        "activities": len(verified),
        "pending": len(rows) - len(verified),
        "participants_male": sum(row.participants_male for row in verified),
        "participants_female": sum(row.participants_female for row in verified),
        "calon_pmi": sum(row.calon_pmi_reached for row in verified),
        "consultations": sum(row.passport_consultations for row in verified),
        "referrals": sum(row.referrals for row in verified),
        "by_kind": [sum(row.kind == kind for row in verified) for kind in Activity.Kind.values],
        "per_unit": {unit: sum(row.unit_id == unit for row in verified) for unit in reporting},
        "active_units": len(active),
        "units_reporting": len(active & reporting),
    }


def figures_of(scope: Scope) -> dict:
    figures = compute_figures(scope)
    return {
        "activities": figures.activities,
        "pending": figures.pending,
        "participants_male": figures.participants_male,
        "participants_female": figures.participants_female,
        "calon_pmi": figures.calon_pmi,
        "consultations": figures.consultations,
        "referrals": figures.referrals,
        "by_kind": [bar.value for bar in figures.by_kind],
        "per_unit": {row.unit_id: row.activities for row in figures.unit_rows if row.activities},
        "active_units": figures.active_units,
        "units_reporting": figures.units_reporting,
    }


def check(sim: Simulation) -> None:
    assert rollup_differences() == []
    office = sim.world.office_x.pk
    scopes = [
        Scope(office_ids=(office,), start=date(2026, 1, 1), end=date(2026, 3, 31)),  # whole months
        Scope(office_ids=(office,), start=date(2026, 1, 17), end=date(2026, 4, 9)),  # part months at both ends
        Scope(office_ids=(office,), start=date(2026, 2, 4), end=date(2026, 2, 19)),  # inside one month
        Scope(office_ids=(office,), start=date(2025, 12, 1), end=date(2026, 6, 30)),  # around the whole run
        Scope(office_ids=(office,), unit_id=sim.units[0].pk, start=date(2026, 1, 1), end=date(2026, 4, 30)),
    ]
    for scope in scopes:
        active = sim.expected_active(scope.start, scope.end)
        if scope.unit_id is not None:
            active &= {scope.unit_id}
        assert figures_of(scope) == expected_figures(scope, active), scope


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_rollup_equals_a_fresh_computation_after_random_changes(world, seed):
    with freeze_time(f"{FIRST_DAY.isoformat()} 10:00:00+07:00") as frozen:
        sim = Simulation(world, seed)
        for step in range(150):
            sim.step()
            if step % 3 == 2:
                sim.next_day(frozen)
            if step % 25 == 24:
                check(sim)
        check(sim)
    assert ActivityMonth.objects.count() > 0
    assert Activity.objects.filter(status="verified").exists()


def test_the_last_log_of_a_month_leaves_no_empty_cell(world):
    officer = f.make_unit_member(world.unit_a)
    data = {"date": date(2026, 2, 10), "kind": "sosialisasi", "place": "Balai"}
    log, _ = logs.activity_create(by=officer, unit=world.unit_a, data=data)
    assert ActivityMonth.objects.get().pending == 1

    logs.activity_update(activity=log, by=officer, data={**data, "date": date(2026, 3, 2)})
    assert list(ActivityMonth.objects.values_list("month", "pending")) == [(date(2026, 3, 1), 1)]

    logs.activity_delete(activity=log, by=officer)
    assert not ActivityMonth.objects.exists()


def test_every_kind_of_activity_has_its_column():
    fields = {field.name for field in ActivityMonth._meta.get_fields()}
    assert set(KIND_COLUMNS) == set(Activity.Kind.values)
    assert set(MEASURES) <= fields


def test_the_command_finds_and_repairs_a_rollup_that_drifted(world):
    make_activity(world.unit_a, day=date(2026, 2, 10))
    make_activity(world.unit_b, day=date(2026, 2, 11), status=Activity.Status.SUBMITTED)
    call_command("rebuild_activity_rollup", "--check")
    ActivityMonth.objects.filter(unit=world.unit_a).update(verified=7)
    ActivityMonth.objects.filter(unit=world.unit_b).delete()

    with pytest.raises(CommandError, match="2 sel rekap berbeda"):
        call_command("rebuild_activity_rollup", "--check")
    call_command("rebuild_activity_rollup", "--office", world.office_x.slug)
    with pytest.raises(CommandError, match="1 sel rekap berbeda"):
        call_command("rebuild_activity_rollup", "--check")  # office Y was left alone
    call_command("rebuild_activity_rollup")

    call_command("rebuild_activity_rollup", "--check")
    assert ActivityMonth.objects.get(unit=world.unit_a).verified == 1
    with pytest.raises(CommandError, match="tidak dikenal"):
        call_command("rebuild_activity_rollup", "--office", "tidak-ada")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_changes_of_one_month_made_at_the_same_moment_lose_no_count(world):
    """Eight logs of one unit and month verified, returned and added at once: each measured after the other."""
    officer = f.make_unit_member(world.unit_a)
    data = {"date": date(2026, 2, 10), "kind": "penyuluhan", "place": "Balai", "participants_male": 5}
    waiting = [logs.activity_create(by=officer, unit=world.unit_a, data=data)[0] for _ in range(6)]
    staff = world.user("staff_x")
    calls = [
        *(lambda log=log: logs.activity_verify(activity=log, by=staff) for log in waiting[:4]),
        lambda: logs.activity_return(activity=waiting[4], by=staff, comment="Lengkapi.", notify=False),
        lambda: logs.activity_delete(activity=waiting[5], by=officer),
        lambda: logs.activity_create(by=officer, unit=world.unit_a, data=data),
        lambda: logs.activity_create(by=officer, unit=world.unit_a, data=data),
    ]
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait()
            call()
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    cell = ActivityMonth.objects.get()
    assert (cell.verified, cell.pending, cell.participants_male, cell.kind_penyuluhan) == (4, 3, 20, 4)
    assert rollup_differences() == []


def test_a_rebuild_measures_what_a_bulk_load_wrote(world):
    Activity.objects.bulk_create(
        Activity(
            unit=world.unit_a,
            office=world.office_x,
            author=world.user("officer_a"),
            date=date(2026, 1 + i % 3, 5),
            kind="other",
            place="Balai",
            status="verified",
        )
        for i in range(9)
    )
    assert len(rollup_differences()) == 3
    assert rollup_rebuild() == 3
    assert rollup_differences() == []
