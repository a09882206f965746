import pytest
from django.urls import reverse

from edukasi.models import FactChange, Hotline, Requirement
from tests.edukasi.helpers import make_article, make_hotline, make_requirement

pytestmark = pytest.mark.django_db


def _items(*rows, extra=0):
    data = {"items-TOTAL_FORMS": str(len(rows) + extra), "items-INITIAL_FORMS": "0", "items-MAX_NUM_FORMS": "60"}
    for i, (text, delete) in enumerate(rows):
        data[f"items-{i}-text"] = text
        if delete:
            data[f"items-{i}-DELETE"] = "on"
    return data


def test_editor_replaces_a_requirement_list_and_it_shows_in_articles(world, client_for):
    make_requirement("child", items=("Akta lama",))
    article = make_article(body="[[requirements:child]]")
    anon = client_for("anon")
    assert "Akta lama" in anon.get(article.get_absolute_url()).content.decode()

    data = {"title": "Paspor anak", "title_en": "Child passport", "legal_basis": "Permenkumham 18/2022", "source": "x"}
    data.update(_items(("Akta kelahiran anak", False), ("Akta lama", True), ("", False)))
    response = client_for("editor").post(reverse("edukasi:requirement_edit", args=["child"]), data)

    assert response.status_code == 302
    requirement = Requirement.objects.get(situation="child")
    assert list(requirement.items.values_list("text", flat=True)) == ["Akta kelahiran anak"]
    assert requirement.updated_by == world.user("editor")
    assert FactChange.objects.filter(kind="requirement").count() == 1
    html = client_for("anon").get(article.get_absolute_url()).content.decode()
    assert "Akta kelahiran anak" in html and "Akta lama" not in html


def test_a_situation_without_a_list_can_be_started_by_the_editor(world, client_for):
    response = client_for("editor").get(reverse("edukasi:requirement_edit", args=["calon_pmi"]))
    assert response.status_code == 200
    assert not Requirement.objects.exists()  # a GET writes nothing


def test_unknown_situation_is_404(world, client_for):
    assert client_for("editor").get(reverse("edukasi:requirement_edit", args=["lain"])).status_code == 404


def test_staff_cannot_edit_requirements_but_the_editor_can(world, client_for):
    make_requirement("child")
    data = {"title": "Diubah", "title_en": "", "legal_basis": "", "source": ""}
    data.update(_items(("Satu", False)))
    assert client_for("staff_x").post(reverse("edukasi:requirement_edit", args=["child"]), data).status_code == 403
    assert Requirement.objects.get().title == "Dokumen child"
    assert client_for("editor").post(reverse("edukasi:requirement_edit", args=["child"]), data).status_code == 302
    assert Requirement.objects.get().title == "Diubah"


def test_editor_adds_a_whatsapp_hotline_and_the_footer_shows_it(world, client_for):
    make_hotline()
    client_for("anon").get(reverse("home"))  # warm the footer cache
    data = {
        "name": "SAPA 129",
        "number": "08111-129-129",
        "dial": "+628111129129",
        "channel": "whatsapp",
        "order": "2",
        "is_active": "on",
    }
    response = client_for("editor").post(reverse("edukasi:hotline_create"), data)

    assert response.status_code == 302
    hotline = Hotline.objects.get(channel="whatsapp")
    assert hotline.dial == "628111129129"
    assert 'href="https://wa.me/628111129129"' in client_for("anon").get(reverse("home")).content.decode()


@pytest.mark.parametrize(
    ("channel", "dial"),
    [("web", "javascript:alert(1)"), ("phone", "08-abc"), ("whatsapp", "08111129129")],
)
def test_bad_hotline_links_are_refused_with_400(world, client_for, channel, dial):
    data = {"name": "Uji", "number": "123", "dial": dial, "channel": channel, "order": "1"}
    response = client_for("editor").post(reverse("edukasi:hotline_create"), data)
    assert response.status_code == 400
    assert not Hotline.objects.exists()


def test_a_hidden_hotline_leaves_the_public_pages(world, client_for):
    make_hotline()
    hotline = make_hotline("Layanan uji", dial="5550001", number="555-0001")
    data = {"name": hotline.name, "number": hotline.number, "dial": hotline.dial, "channel": "phone", "order": "1"}
    client_for("editor").post(reverse("edukasi:hotline_edit", args=[hotline.pk]), data)
    hotline.refresh_from_db()
    assert not hotline.is_active
    assert "tel:5550001" not in client_for("anon").get(reverse("edukasi:hotlines")).content.decode()
