from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from edukasi import selectors
from edukasi.models import FactChange, Fee
from tests.edukasi.helpers import make_article, make_fee

pytestmark = pytest.mark.django_db


def test_the_newest_fee_in_force_applies_and_earlier_ones_are_history():
    make_fee(amount=650000, effective=date(2020, 1, 1))
    current = make_fee(amount=950000, effective=date(2024, 12, 17))
    make_fee(amount=1_200_000, effective=timezone.localdate() + timedelta(days=30))

    assert selectors.current_fees() == [current]
    assert [f.amount for f in selectors.fee_history()] == [1_200_000, 950000, 650000]


def test_fee_page_says_since_when_a_fee_applies(client):
    make_fee(amount=650000, effective=date(2020, 1, 1))
    make_fee(amount=950000, effective=date(2024, 12, 17))

    html = client.get(reverse("edukasi:fees")).content.decode()

    assert "Rp950.000" in html
    assert "17 Desember 2024" in html
    assert "Rp650.000" in html  # shown under the earlier fees


def test_inline_fee_shortcode_renders_amount_and_date(client):
    make_fee()
    article = make_article(body="Biayanya [[fee:paspor-elektronik-10]] saja.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Rp950.000 (sejak 17 Desember 2024)" in html


def test_a_new_fee_shows_on_every_page_that_mentions_it(world, client_for):
    make_fee()
    inline = make_article(body="Biaya [[fee:paspor-elektronik-10]].")
    table = make_article(body="[[fee_table]]")
    anon = client_for("anon")
    pages = [inline.get_absolute_url(), table.get_absolute_url(), reverse("edukasi:fees")]
    for url in pages:  # warm the cache
        assert "Rp950.000" in anon.get(url).content.decode()

    editor = client_for("editor")
    response = editor.post(
        reverse("edukasi:fee_list"),
        {
            "code": "paspor-elektronik-10",
            "service": "Paspor elektronik masa berlaku 10 tahun",
            "amount": "1100000",
            "effective_date": timezone.localdate().isoformat(),
            "legal_basis": "PP baru",
        },
    )
    assert response.status_code == 302

    anon = client_for("anon")
    for url in pages:
        html = anon.get(url).content.decode()
        assert "Rp1.100.000" in html, url
    assert Fee.objects.filter(code="paspor-elektronik-10").count() == 2
    change = FactChange.objects.get(kind="fee")
    assert change.actor == world.user("editor")


def test_a_fee_with_the_same_code_and_date_is_refused_and_the_form_kept(world, client_for):
    make_fee()
    response = client_for("editor").post(
        reverse("edukasi:fee_list"),
        {
            "code": "paspor-elektronik-10",
            "service": "Paspor lain",
            "amount": "5",
            "effective_date": "2024-12-17",
            "legal_basis": "PP 45/2024",
        },
    )
    assert response.status_code == 400
    assert "Paspor lain" in response.content.decode()
    assert Fee.objects.count() == 1


def test_officer_cannot_add_a_fee_but_the_editor_can(world, client_for):
    data = {
        "code": "tambahan-rusak",
        "service": "Tambahan rusak",
        "amount": "500000",
        "effective_date": "2024-12-17",
        "legal_basis": "PP 45/2024",
    }
    assert client_for("officer_a").post(reverse("edukasi:fee_list"), data).status_code == 403
    assert not Fee.objects.exists()
    assert client_for("editor").post(reverse("edukasi:fee_list"), data).status_code == 302
    assert Fee.objects.count() == 1


def test_bad_amount_is_a_clear_400(world, client_for):
    response = client_for("editor").post(
        reverse("edukasi:fee_list"),
        {"code": "x", "service": "x", "amount": "sejuta", "effective_date": "kemarin", "legal_basis": "x"},
    )
    assert response.status_code == 400
    assert not Fee.objects.exists()
