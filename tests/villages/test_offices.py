"""Offices in the registry: the dialling links made from their numbers, and the admin of the registry's models.

The public office pages are tested with the guidance (tests/edukasi/test_offices.py).
"""

import re

import pytest
from django.urls import reverse

from villages.models import Office, Unit


@pytest.mark.parametrize(
    ("whatsapp", "link"),
    [
        ("+62 813-9967-9966", "https://wa.me/6281399679966"),
        ("0812 3456 789", "https://wa.me/628123456789"),
        ("", ""),
    ],
)
def test_whatsapp_numbers_become_wa_me_links(whatsapp, link):
    assert Office(whatsapp=whatsapp).whatsapp_link == link


def test_phone_numbers_keep_a_leading_plus_only():
    assert Office(phone="+62 21 2924 4800").phone_link == "+622129244800"
    assert Office(phone="(021) 430-1234").phone_link == "0214301234"


def test_a_units_contact_phone_becomes_a_tel_link():
    assert Unit(contact_phone="0812-3456-7890").contact_phone_link == "081234567890"
    assert Unit(contact_phone="+62 812 3456 7890").contact_phone_link == "+6281234567890"
    assert Unit(contact_phone="").contact_phone_link == ""


# --- Admin: offices, their memberships, and the registry's reference data ------------------------


@pytest.mark.parametrize(
    "model",
    [
        "region",
        "regionimport",
        "kanwil",
        "office",
        "unit",
        "unitevent",
        "officemembership",
        "unitmembership",
        "oversightmembership",
        "invitation",
    ],
)
def test_the_admin_lists_every_registry_model(client_for, model):
    response = client_for("admin").get(reverse(f"admin:villages_{model}_changelist"))

    assert response.status_code == 200
    assert client_for("staff_x").get(reverse(f"admin:villages_{model}_changelist")).status_code == 302


def test_the_admin_finds_regions_by_code_prefix_and_name(client_for, world):
    admin = client_for("admin")

    by_code = admin.get(reverse("admin:villages_region_changelist"), {"q": "31.72.03"})
    by_name = admin.get(reverse("admin:villages_region_changelist"), {"q": "untung jawa"})

    assert [r.code for r in by_code.context["cl"].result_list] == ["31.72.03", "31.72.03.1004"]
    assert [r.code for r in by_name.context["cl"].result_list] == ["31.01.02.1001"]


def test_the_admin_cannot_change_a_units_status(client_for, world):
    admin = client_for("admin")
    unit = world.unit_a
    url = reverse("admin:villages_unit_change", args=[unit.pk])

    page = admin.get(url)
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()

    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        {
            "status": Unit.Status.RETIRED,
            "region": unit.region_id,
            "office": unit.office_id,
            "decree_date": "2025-04-01",
            "launch_date": "2025-04-29",
            "pimpasa": [u.pk for u in unit.pimpasa.all()],
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "reason_detail": "Diperbarui lewat admin",
        }
    )
    before = unit.status
    response = admin.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    unit.refresh_from_db()
    assert unit.status == before == Unit.Status.ACTIVE
    assert unit.reason_detail == "Diperbarui lewat admin"


def test_the_admin_office_form_picks_its_service_area_by_autocomplete(client_for, world):
    response = client_for("admin").get(reverse("admin:villages_office_change", args=[world.office_x.pk]))

    html = response.content.decode()
    select = re.search(r'<select name="service_area"[^>]*>', html).group(0)
    assert 'class="admin-autocomplete"' in select and 'data-field-name="service_area"' in select
    assert 'name="memberships-0-role"' in html, "the office's memberships are managed inline"


def test_the_admin_never_shows_an_invitation_token(client_for, world):
    from villages.models import Invitation

    token, token_hash = Invitation.new_token()
    invitation = Invitation.objects.create(
        email="petugas@example.test",
        unit=world.unit_a,
        role="officer",
        user=world.user("officer_a"),
        invited_by=world.user("staff_x"),
        token_hash=token_hash,
        expires_at=Invitation.default_expiry(),
    )

    html = client_for("admin").get(reverse("admin:villages_invitation_change", args=[invitation.pk])).content.decode()

    assert "petugas@example.test" in html
    assert token_hash not in html and token not in html
