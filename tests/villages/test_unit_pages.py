"""The unit pages over HTTP: the two-step proposal, the decision pages, the edit form and the detail page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from villages.models import OfficeMembership, Unit, UnitEvent

S = Unit.Status
PROPOSE = "/desa-binaan/usulkan/"


def today():
    return timezone.localdate()


def proposal_data(region_code: str, office, **overrides) -> dict:
    data = {
        "region": region_code,
        "office": office.pk,
        "target": "region",
        "school_name": "",
        "npsn": "",
        "reason": Unit.Reason.MIGRANT_WORKERS,
        "reason_detail": "Ratusan warga bekerja di Malaysia",
        "address": "Jl. Kebon Bawang No. 1",
        "contact_name": "Sekretaris Kelurahan",
        "contact_phone": "021-555",
        "contact_email": "kelurahan@example.test",
    }
    data.update(overrides)
    return data


# --- propose ------------------------------------------------------------------------------------------


def test_step_one_links_to_the_region_search_and_accepts_a_typed_code(client_for, world):
    response = client_for("staff_x").get(PROPOSE)
    assert response.status_code == 200
    assert b'name="region"' in response.content
    assert reverse("villages:unit_propose") == PROPOSE


def test_a_typed_code_of_a_village_opens_step_two(client_for, world):
    f.make_village("31.72.02.1005", "Kebon Bawang")
    response = client_for("staff_x").get(PROPOSE, {"region": "31.72.02.1005"})
    assert response.status_code == 200
    assert "Kebon Bawang" in response.content.decode()
    assert response.context["step"] == 2


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("31.72.02", "13 karakter"),
        ("99.99.99.9999", "tidak ada dalam daftar wilayah"),
        ("jakarta", "13 karakter"),
        ("31.72.02.1005\x00", "13 karakter"),
        ("x" * 5000, "13 karakter"),
    ],
)
def test_an_unknown_or_non_village_code_is_refused_with_a_message(client_for, world, code, message):
    response = client_for("staff_x").get(PROPOSE, {"region": code})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_staff_proposes_a_kelurahan_and_lands_on_its_page(client_for, world, django_capture_on_commit_callbacks):
    f.make_village("31.72.02.1005", "Kebon Bawang")
    before = Unit.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("staff_x").post(PROPOSE, proposal_data("31.72.02.1005", world.office_x))
    assert Unit.objects.count() == before + 1
    unit = Unit.objects.get(region_id="31.72.02.1005")
    assert response.status_code == 302
    assert response["Location"] == unit.get_absolute_url()
    assert (unit.kind, unit.status, unit.office, unit.contact_email) == (
        Unit.Kind.KELURAHAN,
        S.PROPOSED,
        world.office_x,
        "kelurahan@example.test",
    )
    assert UnitEvent.objects.get(unit=unit).to_status == S.PROPOSED


def test_a_proposal_sent_twice_creates_one_unit_and_lands_on_it(client_for, world):
    f.make_village("31.72.02.1005", "Kebon Bawang")
    client = client_for("staff_x")
    first = client.post(PROPOSE, proposal_data("31.72.02.1005", world.office_x))
    second = client.post(PROPOSE, proposal_data("31.72.02.1005", world.office_x))
    assert Unit.objects.filter(region_id="31.72.02.1005").count() == 1
    assert UnitEvent.objects.filter(unit__region_id="31.72.02.1005").count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]


def test_a_region_proposed_by_someone_else_is_refused_with_a_message(client_for, world):
    f.make_village("31.72.02.1005", "Kebon Bawang")
    client_for("pimpasa_x").post(PROPOSE, proposal_data("31.72.02.1005", world.office_x))
    response = client_for("staff_x").post(PROPOSE, proposal_data("31.72.02.1005", world.office_x))
    assert response.status_code == 409
    assert "sudah memiliki desa binaan" in response.content.decode()
    assert Unit.objects.filter(region_id="31.72.02.1005").count() == 1


def test_the_unit_page_query_count_does_not_grow_with_its_history(client_for, world, django_assert_max_num_queries):
    def add_events(n):
        UnitEvent.objects.bulk_create(
            UnitEvent(unit=world.unit_a, kind=UnitEvent.Kind.EDIT, actor=f.make_user(), reason="x") for _ in range(n)
        )

    add_events(10)
    client = client_for("head_x")
    with django_assert_max_num_queries(15) as small:
        client.get(world.unit_a.get_absolute_url())
    add_events(90)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(world.unit_a.get_absolute_url())
    assert response.content.decode().count("unit-event-edit") == 100


def test_an_invalid_proposal_is_sent_back_with_what_was_typed(client_for, world):
    f.make_village("31.72.02.1005", "Kebon Bawang")
    data = proposal_data("31.72.02.1005", world.office_x, target="school", school_name="SMK Harapan", npsn="12ab")
    before = Unit.objects.count()
    response = client_for("staff_x").post(PROPOSE, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "NPSN terdiri atas 8 angka" in html
    assert 'value="SMK Harapan"' in html
    assert "Ratusan warga bekerja di Malaysia" in html
    assert 'value="kelurahan@example.test"' in html
    assert Unit.objects.count() == before


def test_a_tampered_office_id_is_refused_and_the_own_office_works(client_for, world):
    f.make_village("31.72.02.1005", "Kebon Bawang")
    client = client_for("staff_x")
    response = client.post(PROPOSE, proposal_data("31.72.02.1005", world.office_y))
    assert response.status_code == 400
    assert "kantor tempat Anda bertugas" in response.content.decode()
    assert not Unit.objects.filter(region_id="31.72.02.1005").exists()
    response = client.post(PROPOSE, proposal_data("31.72.02.1005", world.office_x))
    assert response.status_code == 302
    assert Unit.objects.get(region_id="31.72.02.1005").office == world.office_x


def test_staff_of_two_offices_pick_the_office(client_for, world):
    OfficeMembership.objects.create(user=world.user("staff_x"), office=world.office_y, role=OfficeMembership.Role.STAFF)
    f.make_village("31.72.02.1005", "Kebon Bawang")
    client = client_for("staff_x")
    response = client.get(PROPOSE, {"region": "31.72.02.1005"})
    assert '<select name="office"' in response.content.decode()
    data = proposal_data("31.72.02.1005", world.office_x)
    data["office"] = ""
    response = client.post(PROPOSE, data)
    assert response.status_code == 400
    response = client.post(PROPOSE, proposal_data("31.72.02.1005", world.office_y))
    assert response.status_code == 302
    assert Unit.objects.get(region_id="31.72.02.1005").office == world.office_y


def test_a_school_is_proposed_in_a_region_that_already_has_a_unit(client_for, world):
    data = proposal_data(
        world.unit_a.region_id, world.office_x, target="school", school_name="SMK Negeri 1", npsn="20100010"
    )
    response = client_for("staff_x").post(PROPOSE, data)
    assert response.status_code == 302
    school = Unit.objects.get(npsn="20100010")
    assert (school.kind, school.region) == (Unit.Kind.SCHOOL, world.unit_a.region)


def test_officers_and_oversight_cannot_propose(client_for, world):
    for role in ("officer_a", "oversight", "editor"):
        assert client_for(role).post(PROPOSE, proposal_data(world.unit_a.region_id, world.office_x)).status_code == 403


# --- decisions ----------------------------------------------------------------------------------------


@pytest.fixture
def proposed(world):
    return f.make_unit(office=world.office_x, status=S.PROPOSED, proposed_by=world.user("staff_x"))


def approve_url(unit):
    return reverse("villages:unit_approve", args=[unit.pk])


def test_head_approves_through_the_decision_page(client_for, world, proposed):
    response = client_for("head_x").post(
        approve_url(proposed),
        {"unit_approve-decree_number": "W.10.IMI-7 Tahun 2026", "unit_approve-decree_date": today().isoformat()},
    )
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert (proposed.status, proposed.decree_number) == (S.APPROVED, "W.10.IMI-7 Tahun 2026")
    assert UnitEvent.objects.get(unit=proposed).actor == world.user("head_x")


def test_a_decree_date_after_today_is_sent_back_with_what_was_typed(client_for, world, proposed):
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = client_for("head_x").post(
        approve_url(proposed), {"unit_approve-decree_number": "SK-99", "unit_approve-decree_date": tomorrow}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "tidak boleh setelah hari ini" in html
    assert 'value="SK-99"' in html
    assert f'value="{tomorrow}"' in html
    proposed.refresh_from_db()
    assert proposed.status == S.PROPOSED


def test_a_garbled_date_is_a_form_error_not_a_crash(client_for, world, proposed):
    response = client_for("head_x").post(
        approve_url(proposed), {"unit_approve-decree_number": "SK", "unit_approve-decree_date": "31/02/2026"}
    )
    assert response.status_code == 400
    proposed.refresh_from_db()
    assert proposed.status == S.PROPOSED


def test_head_sees_a_message_instead_of_a_form_on_own_proposal(client_for, world):
    unit = f.make_unit(office=world.office_x, status=S.PROPOSED, proposed_by=world.user("head_x"))
    client = client_for("head_x")
    response = client.get(approve_url(unit))
    assert response.status_code == 409
    assert "pengusulnya sendiri" in response.content.decode()
    response = client.post(
        approve_url(unit), {"unit_approve-decree_number": "SK", "unit_approve-decree_date": today().isoformat()}
    )
    assert response.status_code == 409
    unit.refresh_from_db()
    assert unit.status == S.PROPOSED


def test_staff_get_403_on_decisions_and_the_head_succeeds(client_for, world, proposed):
    data = {"unit_reject-reason": "Data belum lengkap"}
    url = reverse("villages:unit_reject", args=[proposed.pk])
    assert client_for("staff_x").post(url, data).status_code == 403
    assert client_for("staff_y").post(url, data).status_code == 404
    proposed.refresh_from_db()
    assert proposed.status == S.PROPOSED
    assert client_for("head_x").post(url, data).status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == S.REJECTED


def test_a_decision_on_a_unit_in_another_state_is_a_conflict(client_for, world):
    url = reverse("villages:unit_reactivate", args=[world.unit_a.pk])
    response = client_for("head_x").post(url, {"unit_reactivate-reason": "Ayo"})
    assert response.status_code == 409
    world.unit_a.refresh_from_db()
    assert world.unit_a.status == S.ACTIVE


def test_suspending_without_a_reason_is_sent_back(client_for, world):
    url = reverse("villages:unit_suspend", args=[world.unit_a.pk])
    response = client_for("head_x").post(url, {"unit_suspend-reason": "   "})
    assert response.status_code == 400
    assert "Alasan wajib diisi" in response.content.decode()
    world.unit_a.refresh_from_db()
    assert world.unit_a.status == S.ACTIVE


def test_launch_before_the_decree_date_is_sent_back(client_for, world):
    unit = f.make_unit(office=world.office_x, status=S.APPROVED, decree_date=today() - timedelta(days=5))
    url = reverse("villages:unit_launch", args=[unit.pk])
    early = (today() - timedelta(days=6)).isoformat()
    response = client_for("head_x").post(url, {"unit_launch-launch_date": early, "unit_launch-reason": "Acara"})
    assert response.status_code == 400
    assert "tidak boleh sebelum tanggal SK" in response.content.decode()
    assert f'value="{early}"' in response.content.decode()
    unit.refresh_from_db()
    assert unit.status == S.APPROVED
    response = client_for("head_x").post(url, {"unit_launch-launch_date": today().isoformat()})
    assert response.status_code == 302
    unit.refresh_from_db()
    assert (unit.status, unit.launch_date) == (S.ACTIVE, today())


# --- detail and edit ----------------------------------------------------------------------------------


def test_the_unit_page_shows_the_history_and_the_heads_actions(client_for, world, proposed):
    UnitEvent.objects.create(unit=proposed, from_status="", to_status=S.PROPOSED, actor=world.user("staff_x"))
    response = client_for("head_x").get(proposed.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Riwayat" in html
    assert reverse("villages:unit_approve", args=[proposed.pk]) in html
    assert reverse("villages:unit_reject", args=[proposed.pk]) in html
    staff_html = client_for("staff_x").get(proposed.get_absolute_url()).content.decode()
    assert reverse("villages:unit_approve", args=[proposed.pk]) not in staff_html
    oversight_html = client_for("oversight").get(proposed.get_absolute_url()).content.decode()
    assert '<form method="post" action="/desa-binaan/' not in oversight_html
    assert reverse("villages:unit_edit", args=[proposed.pk]) not in oversight_html


def test_staff_edit_a_unit_and_the_history_shows_it(client_for, world):
    url = reverse("villages:unit_edit", args=[world.unit_a.pk])
    client = client_for("staff_x")
    form = client.get(url).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(address="Jl. Kramat Jaya", note="Kantor kelurahan pindah")
    response = client.post(url, data)
    assert response.status_code == 302
    world.unit_a.refresh_from_db()
    assert world.unit_a.address == "Jl. Kramat Jaya"
    event = UnitEvent.objects.get(unit=world.unit_a)
    assert event.kind == UnitEvent.Kind.EDIT
    assert "Kantor kelurahan pindah" in client.get(world.unit_a.get_absolute_url()).content.decode()


def test_an_invalid_edit_keeps_what_was_typed(client_for, world):
    url = reverse("villages:unit_edit", args=[world.unit_a.pk])
    data = {"reason": "migrant_workers", "address": "Jl. Baru", "contact_email": "bukan-email", "contact_name": "Bu RT"}
    response = client_for("staff_x").post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Bu RT"' in html
    assert "Jl. Baru" in html
    world.unit_a.refresh_from_db()
    assert world.unit_a.address == ""
    assert not UnitEvent.objects.filter(unit=world.unit_a).exists()


def test_oversight_cannot_edit_and_staff_can(client_for, world):
    url = reverse("villages:unit_edit", args=[world.unit_a.pk])
    data = {"reason": "border", "address": "Jl. Pengawas"}
    assert client_for("oversight").post(url, data).status_code == 403
    world.unit_a.refresh_from_db()
    assert world.unit_a.address == ""
    assert client_for("head_x").post(url, data).status_code == 302
    world.unit_a.refresh_from_db()
    assert world.unit_a.address == "Jl. Pengawas"


def test_step_one_sends_the_user_to_the_region_search_which_comes_back_with_the_region(client_for, world):
    f.make_village("31.72.02.1005", "Kebon Bawang")
    client = client_for("staff_x")
    html = client.get(PROPOSE).content.decode()
    search = reverse("villages:region_search") + "?next=%2Fdesa-binaan%2Fusulkan%2F"
    assert search in html
    results = client.get(search + "&q=Kebon+Bawang").content.decode()
    assert "/desa-binaan/usulkan/?region=31.72.02.1005" in results
    assert client.get(PROPOSE, {"region": "31.72.02.1005"}).context["step"] == 2
