"""Public office pages: the list grouped by Kanwil, one office with its contact links, service area and
active units; query counts that do not grow with offices or units."""

import re

import pytest
from django.urls import reverse

from tests import factories as f
from villages.models import Kanwil, Office, Unit

LIST_URL = reverse("villages:office_list")


def detail_url(office: Office) -> str:
    return reverse("villages:office_detail", args=[office.slug])


@pytest.fixture
def riau(db) -> Kanwil:
    name = "Kanwil Ditjen Imigrasi Kepulauan Riau"
    return Kanwil.objects.create(name=name, slug="kepri", province=f.make_region("21"))


def test_the_office_list_is_public_and_grouped_by_kanwil(client, world, riau):
    batam = f.make_office("Kantor Imigrasi Kelas I Khusus TPI Batam", kanwil=riau, slug="kanim-batam")
    world.office_y.service_area.add(f.make_region("31.01", "Kabupaten Administrasi Kepulauan Seribu"))

    response = client.get(LIST_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(world.kanwil.name) < html.index(world.office_x.name) < html.index(world.office_y.name)
    assert html.index(riau.name) < html.index(batam.name)
    assert "Kabupaten Administrasi Kepulauan Seribu" in html
    assert f'href="{detail_url(batam)}"' in html


def test_the_office_list_finds_an_office_by_a_city_it_serves(client, world):
    world.office_y.service_area.add(f.make_region("31.01", "Kabupaten Administrasi Kepulauan Seribu"))

    response = client.get(LIST_URL, {"q": "seribu"})

    assert [o.pk for o in response.context["offices"]] == [world.office_y.pk]
    assert [o.pk for o in client.get(LIST_URL, {"q": "'%_\x00" + "x" * 5000}).context["offices"]] == []


def test_the_office_page_shows_contact_links_and_service_area(client, world):
    office = world.office_x
    Office.objects.filter(pk=office.pk).update(
        phone="(021) 000-1111",
        whatsapp="0812-0000-2222",
        email="kanim@example.test",
        website="https://kanim.example.test/",
    )
    office.service_area.add(f.make_region("31.72", "Kota Administrasi Jakarta Utara"))

    response = client.get(detail_url(office))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="tel:0210001111"' in html
    assert 'href="https://wa.me/6281200002222"' in html
    assert 'href="mailto:kanim@example.test"' in html
    assert 'href="https://kanim.example.test/"' in html
    assert "Kota Administrasi Jakarta Utara" in html
    assert "Kelas I TPI" in html


def test_the_office_page_lists_only_active_units_with_their_public_page(client, world):
    office = world.office_x
    proposed = f.make_unit(office=office, status=Unit.Status.PROPOSED)
    suspended = f.make_unit(office=office, status=Unit.Status.SUSPENDED)

    response = client.get(detail_url(office))

    shown = [unit.pk for unit in response.context["page"].object_list]
    assert shown == [world.unit_a.pk]
    assert proposed.pk not in shown and suspended.pk not in shown
    assert f'href="{reverse("villages:unit_public", args=[world.unit_a.pk])}"' in response.content.decode()
    assert world.unit_b.display_name not in response.content.decode(), "another office's unit"


def test_an_unknown_office_is_404(client, world):
    assert client.get(reverse("villages:office_detail", args=["tidak-ada"])).status_code == 404


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


def test_office_list_query_count_does_not_grow_with_offices(client, world, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            office = f.make_office(kanwil=world.kanwil)
            office.service_area.add(f.make_region("31.72"))
            f.make_unit(office=office)

    grow(2)
    with django_assert_max_num_queries(6) as small:
        client.get(LIST_URL)
    grow(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(LIST_URL)
    assert len(response.context["offices"]) == 24


def test_office_page_query_count_does_not_grow_with_units(client, world, django_assert_max_num_queries):
    office = world.office_x
    office.service_area.add(f.make_region("31.72"), f.make_region("31.01"))
    for _ in range(5):
        f.make_unit(office=office)
    with django_assert_max_num_queries(6) as small:
        client.get(detail_url(office))
    for _ in range(50):
        f.make_unit(office=office)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(detail_url(office))
    assert response.context["page"].paginator.count == 56
    assert len(response.context["page"].object_list) == 50


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
