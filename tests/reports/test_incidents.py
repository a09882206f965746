"""Confidential incidents: reported by an officer, seen only by the author and the office's staff, every
view logged, handled new -> acknowledged -> referred -> closed with an event for each step."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from desabinaan.lib.errors import Conflict
from reports.models import Incident, IncidentEvent, IncidentView
from reports.services.incidents import incident_report, incident_step
from tests.reports.test_activity_helpers import incident_post

CREATE = reverse("reports:incident_create")
LIST = reverse("reports:incident_list")


@pytest.fixture
def incident(world):
    data = incident_post(world.unit_a)
    data = {k: v for k, v in data.items() if k not in ("unit", "client_token")}
    data["occurred_on"] = timezone.localdate()
    return incident_report(by=world.user("officer_a"), unit=world.unit_a, data=data)[0]


def _step(incident):
    return reverse("reports:incident_step", args=[incident.pk])


def test_officer_reports_an_incident(world, client_for):
    response = client_for("officer_a").post(CREATE, incident_post(world.unit_a))

    incident = Incident.objects.get()
    assert response["Location"] == incident.get_absolute_url()
    assert (incident.unit, incident.office, incident.author) == (world.unit_a, world.office_x, world.user("officer_a"))
    assert incident.status == Incident.Status.NEW
    assert incident.urgency == Incident.Urgency.HIGH
    event = IncidentEvent.objects.get()
    assert (event.from_status, event.to_status, event.actor) == ("", "new", world.user("officer_a"))


def test_a_double_submission_creates_one_incident(world, client_for):
    client = client_for("officer_a")
    data = incident_post(world.unit_a)
    client.post(CREATE, data)
    client.post(CREATE, data)
    assert Incident.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"occurred_on": "future"}, "tidak boleh di masa depan"),
        ({"description": ""}, "Ceritakan apa yang terjadi."),
        ({"category": "gosip"}, "Masukkan pilihan yang valid"),
        ({"unit": "other"}, "Pilih desa binaan tempat Anda bertugas."),
    ],
    ids=["future", "no-description", "unknown-category", "another-unit"],
)
def test_bad_reports_are_refused_and_nothing_saved(world, client_for, overrides, message):
    if overrides.get("occurred_on") == "future":
        overrides["occurred_on"] = (timezone.localdate() + timedelta(days=2)).isoformat()
    if overrides.get("unit") == "other":
        overrides["unit"] = world.unit_b.pk
    data = incident_post(world.unit_a)
    data.update(overrides)
    response = client_for("officer_a").post(CREATE, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Incident.objects.exists()


@pytest.mark.parametrize("role", ["coordinator_a", "officer_b", "staff_y", "oversight", "editor", "admin"])
def test_everyone_but_the_author_and_the_offices_staff_gets_404(world, client_for, incident, role):
    client = client_for(role)
    assert client.get(incident.get_absolute_url()).status_code == 404
    assert client.post(_step(incident), {"action": "acknowledge"}).status_code == 404
    assert not IncidentView.objects.exists()
    incident.refresh_from_db()
    assert incident.status == Incident.Status.NEW


def test_every_view_is_logged_with_who(world, client_for, incident):
    assert client_for("officer_a").get(incident.get_absolute_url()).status_code == 200
    assert client_for("staff_x").get(incident.get_absolute_url()).status_code == 200
    assert client_for("staff_x").get(incident.get_absolute_url()).status_code == 200
    viewers = list(IncidentView.objects.order_by("at", "pk").values_list("user__username", flat=True))
    assert viewers == ["officer_a", "staff_x", "staff_x"]


def test_staff_move_an_incident_through_every_step(world, client_for, incident):
    client = client_for("staff_x")
    client.post(_step(incident), {"action": "acknowledge", "note": "Sudah dihubungi"})
    incident.refresh_from_db()
    assert incident.status == Incident.Status.ACKNOWLEDGED

    response = client.post(_step(incident), {"action": "refer", "referred_to": "polres_ppa"})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert (incident.status, incident.referred_to) == (Incident.Status.REFERRED, "polres_ppa")

    client_for("head_x").post(_step(incident), {"action": "close", "note": "Pelaku diproses polisi."})
    incident.refresh_from_db()
    assert incident.status == Incident.Status.CLOSED
    steps = list(incident.events.order_by("at", "pk").values_list("from_status", "to_status", "actor__username"))
    assert steps == [
        ("", "new", "officer_a"),
        ("new", "acknowledged", "staff_x"),
        ("acknowledged", "referred", "staff_x"),
        ("referred", "closed", "head_x"),
    ]
    assert incident.events.get(to_status="closed").note == "Pelaku diproses polisi."


def test_referral_needs_a_destination_and_closing_needs_a_note(world, client_for, incident):
    client = client_for("staff_x")
    client.post(_step(incident), {"action": "acknowledge"})

    response = client.post(_step(incident), {"action": "refer", "referred_to": ""})
    assert response.status_code == 400
    assert "Pilih instansi tujuan rujukan" in response.content.decode()
    response = client.post(_step(incident), {"action": "refer", "referred_to": "other"})
    assert "Tulis nama instansi tujuan rujukan" in response.content.decode()
    response = client.post(_step(incident), {"action": "close", "note": ""})
    assert response.status_code == 400
    incident.refresh_from_db()
    assert incident.status == Incident.Status.ACKNOWLEDGED
    ok = client.post(_step(incident), {"action": "refer", "referred_to": "other", "referred_to_detail": "Dinas Sosial"})
    assert ok.status_code == 302


def test_steps_out_of_order_are_refused(world, client_for, incident):
    response = client_for("staff_x").post(_step(incident), {"action": "close", "note": "Selesai"})
    assert response.status_code == 409
    assert "tidak dapat dipindah" in response.content.decode()
    incident.refresh_from_db()
    assert incident.status == Incident.Status.NEW
    with pytest.raises(Conflict):
        incident_step(incident=incident, by=world.user("staff_x"), action="refer", referred_to="kp2mi")


def test_the_author_cannot_move_their_own_report(world, client_for, incident):
    assert client_for("officer_a").post(_step(incident), {"action": "acknowledge"}).status_code == 403
    incident.refresh_from_db()
    assert incident.status == Incident.Status.NEW


def test_the_list_shows_officers_their_own_reports_and_staff_their_offices(world, client_for, incident):
    other = incident_report(
        by=world.user("officer_b"),
        unit=world.unit_b,
        data={
            "category": "foreigner",
            "urgency": "low",
            "occurred_on": timezone.localdate(),
            "place": "Kos",
            "description": "Orang asing",
        },
    )[0]
    assert list(client_for("officer_a").get(LIST).context["page"].object_list) == [incident]
    assert list(client_for("coordinator_a").get(LIST).context["page"].object_list) == []
    assert list(client_for("staff_x").get(LIST).context["page"].object_list) == [incident]
    assert list(client_for("staff_y").get(LIST).context["page"].object_list) == [other]
    assert client_for("oversight").get(LIST).status_code == 403


def test_incidents_never_appear_on_public_pages(world, client, incident):
    from django.urls import NoReverseMatch

    for name in ("home", "edukasi:directory"):
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        assert incident.description not in client.get(url).content.decode()
    public_unit = client.get(world.unit_a.get_public_url()) if hasattr(world.unit_a, "get_public_url") else None
    if public_unit is not None and public_unit.status_code == 200:
        assert incident.description not in public_unit.content.decode()
