"""Every transition of the unit workflow through its service: allowed, and each refusal with nothing changed."""

from datetime import timedelta

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from desabinaan.lib.errors import Conflict, DomainError
from tests import factories as f
from villages import services
from villages.models import OfficeMembership, Unit, UnitEvent
from villages.workflow import TRANSITIONS, transitions_for

S = Unit.Status


def today():
    return timezone.localdate()


def events_of(unit) -> list[tuple[str, str, str]]:
    return list(
        UnitEvent.objects.filter(unit=unit).order_by("pk").values_list("from_status", "to_status", "actor__username")
    )


@pytest.fixture
def proposed(world):
    return services.unit_propose(
        by=world.user("staff_x"),
        office=world.office_x,
        region=f.make_village("31.72.02.1005", "Kebon Bawang"),
        reason=Unit.Reason.MIGRANT_WORKERS,
        reason_detail="Banyak warga bekerja di Malaysia",
        notify=False,
    )


def make(world, status, **fields):
    return f.make_unit(office=world.office_x, status=status, proposed_by=world.user("staff_x"), **fields)


# --- propose ------------------------------------------------------------------------------------------


def test_staff_proposes_a_kelurahan_and_the_kind_follows_the_code(world):
    region = f.make_village("31.72.02.1005", "Kebon Bawang")
    before = Unit.objects.count()
    unit = services.unit_propose(
        by=world.user("staff_x"), office=world.office_x, region=region, reason=Unit.Reason.BORDER, notify=False
    )
    assert Unit.objects.count() == before + 1
    unit.refresh_from_db()
    assert (unit.kind, unit.status, unit.office, unit.proposed_by) == (
        Unit.Kind.KELURAHAN,
        S.PROPOSED,
        world.office_x,
        world.user("staff_x"),
    )
    assert events_of(unit) == [("", S.PROPOSED, "staff_x")]


def test_a_region_code_2xxx_is_proposed_as_a_desa(world):
    region = f.make_village("32.01.01.2001", "Desa Uji")
    unit = services.unit_propose(
        by=world.user("staff_x"), office=world.office_x, region=region, reason=Unit.Reason.POVERTY, notify=False
    )
    assert unit.kind == Unit.Kind.DESA


def test_staff_proposes_a_school_with_npsn(world):
    unit = services.unit_propose(
        by=world.user("staff_x"),
        office=world.office_x,
        region=world.unit_a.region,
        is_school=True,
        school_name="SMK Negeri Uji",
        npsn="20100001",
        reason=Unit.Reason.SCHOOL,
        notify=False,
    )
    unit.refresh_from_db()
    assert (unit.kind, unit.school_name, unit.npsn, unit.region) == (
        Unit.Kind.SCHOOL,
        "SMK Negeri Uji",
        "20100001",
        world.unit_a.region,
    )
    assert events_of(unit) == [("", S.PROPOSED, "staff_x")]


def test_a_region_with_a_live_unit_is_refused_and_a_retired_one_frees_it(world):
    before = Unit.objects.count()
    with pytest.raises(DomainError, match="sudah memiliki desa binaan") as info:
        services.unit_propose(
            by=world.user("staff_x"), office=world.office_x, region=world.unit_a.region, reason="border", notify=False
        )
    assert info.value.field == "region"
    assert Unit.objects.count() == before
    services.unit_retire(unit=world.unit_a, by=world.user("head_x"), reason="Kelurahan digabung")
    unit = services.unit_propose(
        by=world.user("staff_x"), office=world.office_x, region=world.unit_a.region, reason="border", notify=False
    )
    assert unit.status == S.PROPOSED


def test_an_npsn_already_registered_is_refused(world):
    f.make_unit(office=world.office_y, kind=Unit.Kind.SCHOOL, school_name="SMA Uji", npsn="20100002", status=S.PROPOSED)
    before = Unit.objects.count()
    with pytest.raises(DomainError, match="NPSN 20100002 sudah terdaftar"):
        services.unit_propose(
            by=world.user("staff_x"),
            office=world.office_x,
            region=world.unit_a.region,
            is_school=True,
            school_name="SMA Lain",
            npsn="20100002",
            reason=Unit.Reason.SCHOOL,
            notify=False,
        )
    assert Unit.objects.count() == before


def test_a_duplicate_that_slips_past_the_check_is_caught_by_the_constraint(world, monkeypatch):
    monkeypatch.setattr(services, "live_unit_for_region", lambda region: None)
    before = Unit.objects.count()
    with pytest.raises(DomainError):
        services.unit_propose(
            by=world.user("staff_x"), office=world.office_x, region=world.unit_a.region, reason="border", notify=False
        )
    assert Unit.objects.count() == before


@pytest.mark.parametrize("npsn", ["1234567", "123456789", "1234567a", "١٢٣٤٥٦٧٨"])
def test_a_wrong_npsn_is_refused(world, npsn):
    with pytest.raises(DomainError, match="8 angka"):
        services.unit_propose(
            by=world.user("staff_x"),
            office=world.office_x,
            region=world.unit_a.region,
            is_school=True,
            school_name="SMK",
            npsn=npsn,
            reason=Unit.Reason.SCHOOL,
            notify=False,
        )


def test_a_non_village_region_is_refused(world):
    district = f.make_region("31.72.03", "Koja")
    with pytest.raises(DomainError, match="tingkat 4"):
        services.unit_propose(
            by=world.user("staff_x"), office=world.office_x, region=district, reason="border", notify=False
        )


def test_staff_cannot_propose_for_another_office_and_their_own_office_works(world):
    region = f.make_village()
    with pytest.raises(DomainError, match="bukan petugas kantor ini"):
        services.unit_propose(
            by=world.user("staff_x"), office=world.office_y, region=region, reason="border", notify=False
        )
    assert not Unit.objects.filter(region=region).exists()
    services.unit_propose(by=world.user("staff_y"), office=world.office_y, region=region, reason="border", notify=False)
    assert Unit.objects.get(region=region).office == world.office_y


# --- approve / reject ---------------------------------------------------------------------------------


def test_head_approves_a_proposal_with_the_decree(world, proposed):
    services.unit_approve(
        unit=proposed, by=world.user("head_x"), decree_number="W.10.IMI-1 Tahun 2025", decree_date=today()
    )
    proposed.refresh_from_db()
    assert (proposed.status, proposed.decree_number, proposed.decree_date) == (
        S.APPROVED,
        "W.10.IMI-1 Tahun 2025",
        today(),
    )
    assert events_of(proposed)[-1] == (S.PROPOSED, S.APPROVED, "head_x")
    assert "W.10.IMI-1 Tahun 2025" in UnitEvent.objects.filter(unit=proposed).first().reason


def test_head_cannot_approve_own_proposal_and_another_head_can(world):
    head = world.user("head_x")
    unit = services.unit_propose(by=head, office=world.office_x, region=f.make_village(), reason="border", notify=False)
    with pytest.raises(DomainError, match="pengusulnya sendiri"):
        services.unit_approve(unit=unit, by=head, decree_number="SK 1", decree_date=today())
    unit.refresh_from_db()
    assert unit.status == S.PROPOSED
    assert len(events_of(unit)) == 1
    other_head = f.make_office_member(world.office_x, OfficeMembership.Role.HEAD)
    services.unit_approve(unit=unit, by=other_head, decree_number="SK 1", decree_date=today())
    unit.refresh_from_db()
    assert unit.status == S.APPROVED


def test_head_cannot_reject_own_proposal(world):
    head = world.user("head_x")
    unit = services.unit_propose(by=head, office=world.office_x, region=f.make_village(), reason="border", notify=False)
    with pytest.raises(DomainError, match="pengusulnya sendiri"):
        services.unit_reject(unit=unit, by=head, reason="Tidak jadi")
    unit.refresh_from_db()
    assert unit.status == S.PROPOSED


@pytest.mark.parametrize("role", ["staff_x", "pimpasa_x", "staff_y", "oversight", "officer_a"])
def test_only_the_head_of_the_office_approves(world, proposed, role):
    with pytest.raises(DomainError, match="Hanya kepala kantor"):
        services.unit_approve(unit=proposed, by=world.user(role), decree_number="SK 1", decree_date=today())
    proposed.refresh_from_db()
    assert proposed.status == S.PROPOSED
    assert len(events_of(proposed)) == 1
    services.unit_approve(unit=proposed, by=world.user("head_x"), decree_number="SK 1", decree_date=today())
    proposed.refresh_from_db()
    assert proposed.status == S.APPROVED


def test_a_head_of_another_office_cannot_approve(world, proposed):
    head_y = f.make_office_member(world.office_y, OfficeMembership.Role.HEAD)
    with pytest.raises(DomainError):
        services.unit_approve(unit=proposed, by=head_y, decree_number="SK 1", decree_date=today())
    proposed.refresh_from_db()
    assert proposed.status == S.PROPOSED


def test_a_decree_date_after_today_is_refused(world, proposed):
    with pytest.raises(DomainError, match="tidak boleh setelah hari ini") as info:
        services.unit_approve(
            unit=proposed, by=world.user("head_x"), decree_number="SK 1", decree_date=today() + timedelta(days=1)
        )
    assert info.value.field == "decree_date"
    proposed.refresh_from_db()
    assert (proposed.status, proposed.decree_number, proposed.decree_date) == (S.PROPOSED, "", None)
    assert len(events_of(proposed)) == 1


def test_an_empty_decree_number_is_refused(world, proposed):
    with pytest.raises(DomainError, match="Nomor SK wajib"):
        services.unit_approve(unit=proposed, by=world.user("head_x"), decree_number="  ", decree_date=today())
    proposed.refresh_from_db()
    assert proposed.status == S.PROPOSED


def test_approving_twice_is_refused_as_a_conflict(world, proposed):
    services.unit_approve(unit=proposed, by=world.user("head_x"), decree_number="SK 1", decree_date=today())
    with pytest.raises(DomainError, match="Hanya usulan yang dapat disetujui") as info:
        services.unit_approve(unit=proposed, by=world.user("head_x"), decree_number="SK 2", decree_date=today())
    assert info.value.status == 409
    proposed.refresh_from_db()
    assert proposed.decree_number == "SK 1"
    assert len(events_of(proposed)) == 2


def test_head_rejects_a_proposal_with_a_reason_and_the_region_is_free_again(world, proposed):
    services.unit_reject(unit=proposed, by=world.user("head_x"), reason="Belum ada data PMI")
    proposed.refresh_from_db()
    assert proposed.status == S.REJECTED
    assert events_of(proposed)[-1] == (S.PROPOSED, S.REJECTED, "head_x")
    assert UnitEvent.objects.filter(unit=proposed).first().reason == "Belum ada data PMI"
    again = services.unit_propose(
        by=world.user("staff_x"), office=world.office_x, region=proposed.region, reason="border", notify=False
    )
    assert again.status == S.PROPOSED


def test_rejecting_without_a_reason_is_refused(world, proposed):
    with pytest.raises(DomainError, match="Alasan wajib diisi") as info:
        services.unit_reject(unit=proposed, by=world.user("head_x"), reason="   ")
    assert info.value.field == "reason"
    proposed.refresh_from_db()
    assert proposed.status == S.PROPOSED
    assert len(events_of(proposed)) == 1


@pytest.mark.parametrize("status", [S.APPROVED, S.ACTIVE, S.SUSPENDED, S.RETIRED, S.REJECTED])
def test_only_a_proposal_can_be_approved_or_rejected(world, status):
    unit = make(world, status)
    with pytest.raises(DomainError) as info:
        services.unit_approve(unit=unit, by=world.user("head_x"), decree_number="SK", decree_date=today())
    assert info.value.status == 409
    with pytest.raises(DomainError):
        services.unit_reject(unit=unit, by=world.user("head_x"), reason="x")
    unit.refresh_from_db()
    assert unit.status == status
    assert not UnitEvent.objects.filter(unit=unit).exists()


# --- launch -------------------------------------------------------------------------------------------


def test_launch_makes_an_approved_unit_active(world):
    unit = make(world, S.APPROVED, decree_date=today() - timedelta(days=30))
    services.unit_launch(unit=unit, by=world.user("head_x"), launch_date=today() - timedelta(days=2))
    unit.refresh_from_db()
    assert (unit.status, unit.launch_date) == (S.ACTIVE, today() - timedelta(days=2))
    assert events_of(unit) == [(S.APPROVED, S.ACTIVE, "head_x")]


def test_launch_on_the_decree_date_is_allowed_but_not_before_it(world):
    unit = make(world, S.APPROVED, decree_date=today() - timedelta(days=30))
    with pytest.raises(DomainError, match="tidak boleh sebelum tanggal SK") as info:
        services.unit_launch(unit=unit, by=world.user("head_x"), launch_date=today() - timedelta(days=31))
    assert info.value.field == "launch_date"
    unit.refresh_from_db()
    assert (unit.status, unit.launch_date) == (S.APPROVED, None)
    assert not UnitEvent.objects.filter(unit=unit).exists()
    services.unit_launch(unit=unit, by=world.user("head_x"), launch_date=today() - timedelta(days=30))
    unit.refresh_from_db()
    assert unit.status == S.ACTIVE


def test_launch_in_the_future_is_refused(world):
    unit = make(world, S.APPROVED, decree_date=today())
    with pytest.raises(DomainError, match="tidak boleh setelah hari ini"):
        services.unit_launch(unit=unit, by=world.user("head_x"), launch_date=today() + timedelta(days=1))
    unit.refresh_from_db()
    assert unit.status == S.APPROVED


@pytest.mark.parametrize("status", [S.PROPOSED, S.ACTIVE, S.SUSPENDED, S.RETIRED, S.REJECTED])
def test_only_an_approved_unit_can_be_launched(world, status):
    unit = make(world, status)
    with pytest.raises(DomainError) as info:
        services.unit_launch(unit=unit, by=world.user("head_x"), launch_date=today())
    assert info.value.status == 409
    unit.refresh_from_db()
    assert unit.status == status


def test_staff_cannot_launch_and_the_head_can(world):
    unit = make(world, S.APPROVED)
    with pytest.raises(DomainError, match="Hanya kepala kantor"):
        services.unit_launch(unit=unit, by=world.user("staff_x"), launch_date=today())
    unit.refresh_from_db()
    assert unit.status == S.APPROVED
    services.unit_launch(unit=unit, by=world.user("head_x"), launch_date=today())
    unit.refresh_from_db()
    assert unit.status == S.ACTIVE


# --- suspend / reactivate / retire --------------------------------------------------------------------


def test_suspend_then_reactivate_then_retire(world):
    unit, head = world.unit_a, world.user("head_x")
    services.unit_suspend(unit=unit, by=head, reason="Petugas desa berganti")
    unit.refresh_from_db()
    assert unit.status == S.SUSPENDED
    services.unit_reactivate(unit=unit, by=head, reason="Petugas baru sudah ditunjuk")
    unit.refresh_from_db()
    assert unit.status == S.ACTIVE
    services.unit_suspend(unit=unit, by=head, reason="Lagi")
    services.unit_retire(unit=unit, by=head, reason="Program dipindah")
    unit.refresh_from_db()
    assert unit.status == S.RETIRED
    assert events_of(unit) == [
        (S.ACTIVE, S.SUSPENDED, "head_x"),
        (S.SUSPENDED, S.ACTIVE, "head_x"),
        (S.ACTIVE, S.SUSPENDED, "head_x"),
        (S.SUSPENDED, S.RETIRED, "head_x"),
    ]
    assert UnitEvent.objects.filter(unit=unit).first().reason == "Program dipindah"


@pytest.mark.parametrize("service", [services.unit_suspend, services.unit_reactivate, services.unit_retire])
def test_suspend_reactivate_and_retire_need_a_reason(world, service):
    unit = make(world, S.SUSPENDED if service is services.unit_reactivate else S.ACTIVE)
    before = unit.status
    with pytest.raises(DomainError, match="Alasan wajib diisi"):
        service(unit=unit, by=world.user("head_x"), reason="")
    unit.refresh_from_db()
    assert unit.status == before
    assert not UnitEvent.objects.filter(unit=unit).exists()
    service(unit=unit, by=world.user("head_x"), reason="Alasan yang jelas")
    unit.refresh_from_db()
    assert unit.status != before


@pytest.mark.parametrize(
    ("service", "status"),
    [
        (services.unit_suspend, S.SUSPENDED),
        (services.unit_suspend, S.APPROVED),
        (services.unit_reactivate, S.ACTIVE),
        (services.unit_reactivate, S.PROPOSED),
        (services.unit_retire, S.PROPOSED),
        (services.unit_retire, S.RETIRED),
        (services.unit_retire, S.REJECTED),
    ],
)
def test_transitions_from_the_wrong_state_are_refused(world, service, status):
    unit = make(world, status)
    with pytest.raises(DomainError) as info:
        service(unit=unit, by=world.user("head_x"), reason="Alasan")
    assert info.value.status == 409
    unit.refresh_from_db()
    assert unit.status == status
    assert not UnitEvent.objects.filter(unit=unit).exists()


@pytest.mark.parametrize("service", [services.unit_suspend, services.unit_retire])
def test_staff_cannot_suspend_or_retire(world, service):
    with pytest.raises(DomainError, match="Hanya kepala kantor"):
        service(unit=world.unit_a, by=world.user("staff_x"), reason="Alasan")
    world.unit_a.refresh_from_db()
    assert world.unit_a.status == S.ACTIVE


def test_a_retired_unit_frees_its_npsn(world):
    school = f.make_unit(
        office=world.office_x, kind=Unit.Kind.SCHOOL, school_name="SMK Uji", npsn="20100003", status=S.ACTIVE
    )
    services.unit_retire(unit=school, by=world.user("head_x"), reason="Sekolah tutup")
    again = services.unit_propose(
        by=world.user("staff_x"),
        office=world.office_x,
        region=school.region,
        is_school=True,
        school_name="SMK Uji Baru",
        npsn="20100003",
        reason=Unit.Reason.SCHOOL,
        notify=False,
    )
    assert again.status == S.PROPOSED


# --- update -------------------------------------------------------------------------------------------


def test_staff_edits_data_and_the_event_lists_the_changed_fields(world):
    unit = world.unit_a
    services.unit_update(
        unit=unit,
        by=world.user("staff_x"),
        data={"address": "Jl. Baru 1", "contact_name": "Lurah", "contact_phone": unit.contact_phone},
        note="Alamat pindah",
    )
    unit.refresh_from_db()
    assert (unit.address, unit.contact_name, unit.status) == ("Jl. Baru 1", "Lurah", S.ACTIVE)
    event = UnitEvent.objects.get(unit=unit)
    assert (event.kind, event.actor.username) == (UnitEvent.Kind.EDIT, "staff_x")
    assert "alamat" in event.reason
    assert "nama narahubung" in event.reason
    assert "telepon" not in event.reason
    assert "Alamat pindah" in event.reason


def test_an_edit_that_changes_nothing_writes_no_event(world):
    services.unit_update(unit=world.unit_a, by=world.user("staff_x"), data={"address": world.unit_a.address})
    assert not UnitEvent.objects.filter(unit=world.unit_a).exists()


def test_oversight_and_officers_cannot_edit_and_staff_can(world):
    for role in ("oversight", "officer_a", "staff_y"):
        with pytest.raises(DomainError):
            services.unit_update(unit=world.unit_a, by=world.user(role), data={"address": "X"})
    world.unit_a.refresh_from_db()
    assert world.unit_a.address == ""
    services.unit_update(unit=world.unit_a, by=world.user("pimpasa_x"), data={"address": "X"})
    world.unit_a.refresh_from_db()
    assert world.unit_a.address == "X"


def test_status_and_region_cannot_be_edited(world):
    with pytest.raises(DomainError, match="tidak dapat diubah"):
        services.unit_update(unit=world.unit_a, by=world.user("staff_x"), data={"status": S.RETIRED})
    world.unit_a.refresh_from_db()
    assert world.unit_a.status == S.ACTIVE


def test_a_retired_unit_cannot_be_edited(world):
    unit = make(world, S.RETIRED)
    with pytest.raises(DomainError, match="tidak dapat diubah"):
        services.unit_update(unit=unit, by=world.user("staff_x"), data={"address": "X"})


# --- the table ----------------------------------------------------------------------------------------

# A valid input for each row of the table, as its form would clean it.
VALID_INPUT = {
    "unit_approve": {"decree_number": "SK-T 1", "decree_date": timezone.localdate()},
    "unit_launch": {"launch_date": timezone.localdate()},
    "unit_reject": {"reason": "Alasan"},
    "unit_suspend": {"reason": "Alasan"},
    "unit_reactivate": {"reason": "Alasan"},
    "unit_retire": {"reason": "Alasan"},
}
FROM = [(name, status) for name, t in TRANSITIONS.items() for status in sorted(t.sources)]
NOT_FROM = [(name, status) for name, t in TRANSITIONS.items() for status in S.values if status not in t.sources]


def test_the_table_is_the_workflow_of_the_design():
    edges = {(status, t.target) for t in TRANSITIONS.values() for status in t.sources}
    assert edges == {
        (S.PROPOSED, S.APPROVED),
        (S.PROPOSED, S.REJECTED),
        (S.APPROVED, S.ACTIVE),
        (S.ACTIVE, S.SUSPENDED),
        (S.SUSPENDED, S.ACTIVE),
        (S.APPROVED, S.RETIRED),
        (S.ACTIVE, S.RETIRED),
        (S.SUSPENDED, S.RETIRED),
    }
    assert set(VALID_INPUT) == set(TRANSITIONS)


@pytest.mark.parametrize("name", TRANSITIONS)
def test_every_row_of_the_table_has_its_page(name):
    match = resolve(reverse(f"villages:{name}", args=[1]))
    assert (match.url_name, match.kwargs["name"]) == (name, name)


@pytest.mark.parametrize(("name", "status"), FROM)
def test_the_head_takes_each_transition_from_each_of_its_states(world, name, status):
    unit = make(world, status)
    services.unit_transition(unit=unit, by=world.user("head_x"), name=name, notify=False, **VALID_INPUT[name])
    unit.refresh_from_db()
    assert unit.status == TRANSITIONS[name].target
    assert events_of(unit) == [(status, TRANSITIONS[name].target, "head_x")]


@pytest.mark.parametrize(("name", "status"), NOT_FROM)
def test_each_transition_is_refused_from_every_other_state_as_a_conflict(world, name, status):
    unit = make(world, status)
    with pytest.raises(Conflict) as info:
        services.unit_transition(unit=unit, by=world.user("head_x"), name=name, notify=False, **VALID_INPUT[name])
    assert info.value.status == 409
    assert str(info.value) == TRANSITIONS[name].refused % {"status": unit.get_status_display()}
    unit.refresh_from_db()
    assert unit.status == status
    assert not UnitEvent.objects.filter(unit=unit).exists()


@pytest.mark.parametrize("status", S.values)
def test_the_unit_page_offers_the_head_the_rows_that_leave_its_state_and_staff_none(world, status):
    unit = make(world, status)
    offered = [t.name for t in transitions_for(world.user("head_x"), unit)]
    assert offered == [name for name, t in TRANSITIONS.items() if status in t.sources]
    assert transitions_for(world.user("staff_x"), unit) == []
    assert transitions_for(f.make_office_member(world.office_y, OfficeMembership.Role.HEAD), unit) == []
