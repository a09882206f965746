"""What each office serves, as reviewed data: proposed by its staff or an editor, public once reviewed."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from edukasi import reader, services
from edukasi.demo import load_office_facts
from edukasi.forms import normalize_phone
from edukasi.models import OfficeFact, OfficeFactEvent, PassportKinds
from tests.edukasi.xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db


def propose(client, office, **data):
    values = {
        "kind": "phone",
        "value": "021-4353333",
        "effective_date": "2025-01-02",
        "source": "Situs kantor, 2 Januari 2025",
        "source_url": "",
    }
    values.update(data)
    return client.post(reverse("edukasi:office_facts", args=[office.slug]), values)


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("021-4353333", "(021) 4353333"),
        ("(021) 43 53 333", "(021) 4353333"),
        ("+62 21 4353333", "(021) 4353333"),
        ("0812-3456-7890", "0812-3456-7890"),
        ("+62 812 3456 7890", "0812-3456-7890"),
        ("0274 512345", "(0274) 512345"),
    ],
)
def test_indonesian_phone_numbers_are_written_one_way(written, normal):
    assert normalize_phone(written) == normal


def test_office_staff_propose_and_the_head_publishes_then_the_public_sees_it(world, client_for):
    office = world.office_x
    assert propose(client_for("staff_x"), office, value="(021) 43 53 333").status_code == 302
    fact = OfficeFact.objects.get(office=office)
    assert (fact.status, fact.value, fact.created_by) == ("in_review", "(021) 4353333", world.user("staff_x"))

    anon = client_for("anon")
    assert "(021) 4353333" not in anon.get(reverse("office_public", args=[office.slug])).content.decode()

    head = client_for("head_x")
    assert head.post(reverse("edukasi:office_fact_publish", args=[fact.pk])).status_code == 302
    fact.refresh_from_db()
    assert fact.status == "published" and fact.reviewed_by == world.user("head_x")
    assert list(fact.events.values_list("from_status", "to_status", "actor__username")) == [
        ("in_review", "published", "head_x"),
        ("", "in_review", "staff_x"),
    ]
    html = client_for("anon").get(reverse("office_public", args=[office.slug])).content.decode()
    assert 'href="tel:+62214353333"' in html
    assert "Situs kantor, 2 Januari 2025" in html


def test_the_proposer_cannot_review_their_own_proposal_but_an_editor_can(world, client_for):
    editor = client_for("editor")
    propose(editor, world.office_x, kind="hours", value="Senin–Jumat 08.00–16.00 WIB")
    fact = OfficeFact.objects.get()
    response = editor.post(reverse("edukasi:office_fact_publish", args=[fact.pk]))
    assert response.status_code == 403
    fact.refresh_from_db()
    assert fact.status == "in_review"

    client_for("head_x").post(reverse("edukasi:office_fact_publish", args=[fact.pk]))
    fact.refresh_from_db()
    assert fact.status == "published"


def test_staff_of_another_office_get_404_and_unit_officers_403(world, client_for):
    url = reverse("edukasi:office_facts", args=[world.office_x.slug])
    assert client_for("staff_y").get(url).status_code == 404
    assert propose(client_for("staff_y"), world.office_x).status_code == 404
    assert client_for("officer_a").get(url).status_code == 403
    assert OfficeFact.objects.count() == 0
    assert client_for("staff_x").get(url).status_code == 200


def test_staff_cannot_publish_only_the_head_or_an_editor(world, client_for):
    propose(client_for("pimpasa_x"), world.office_x)
    fact = OfficeFact.objects.get()
    assert client_for("staff_x").post(reverse("edukasi:office_fact_publish", args=[fact.pk])).status_code == 403
    fact.refresh_from_db()
    assert fact.status == "in_review"
    assert client_for("editor").post(reverse("edukasi:office_fact_publish", args=[fact.pk])).status_code == 302
    fact.refresh_from_db()
    assert fact.status == "published"


def test_a_rejection_needs_a_reason_and_is_recorded(world, client_for):
    propose(client_for("staff_x"), world.office_x)
    fact = OfficeFact.objects.get()
    head = client_for("head_x")
    head.post(reverse("edukasi:office_fact_reject", args=[fact.pk]), {"reason": ""})
    fact.refresh_from_db()
    assert fact.status == "in_review"
    head.post(reverse("edukasi:office_fact_reject", args=[fact.pk]), {"reason": "Nomor tidak aktif"})
    fact.refresh_from_db()
    assert fact.status == "rejected"
    assert OfficeFactEvent.objects.filter(fact=fact, to_status="rejected", note="Nomor tidak aktif").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"effective_date": (date.today() + timedelta(days=40)).isoformat()},
            "Tanggal berlaku tidak boleh di masa depan.",
        ),
        ({"source": ""}, "Tulis sumber data ini."),
        ({"value": "12345"}, "Nomor telepon tidak dikenali."),
        ({"kind": "whatsapp", "value": "0812"}, "Nomor telepon tidak dikenali."),
        ({"kind": "website", "value": "javascript:alert(1)"}, "Tulis alamat situs kantor yang lengkap"),
        ({"kind": "passport_kinds", "value": "murah"}, "Untuk jenis paspor tulis"),
        ({"kind": "nonsense"}, "Pilih jenis data dari daftar."),
        ({"effective_date": "31-31-2025"}, "Tulis tanggal yang benar."),
        ({"source_url": "ftp://x"}, "Alamat sumber harus berupa alamat situs"),
        ({"value": "   "}, "Isi data kantornya."),
        ({"value": "\x00" * 5}, "Karakter null tidak diizinkan."),
    ],
)
def test_bad_office_fact_input_is_a_400_with_an_indonesian_message(world, client_for, data, message):
    response = propose(client_for("staff_x"), world.office_x, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert OfficeFact.objects.count() == 0


def test_hostile_values_are_stored_as_text_and_shown_escaped(world, client_for):
    for payload in PAYLOADS[:5]:
        response = propose(client_for("staff_x"), world.office_x, kind="priority", value=payload[:500])
        assert response.status_code in (302, 400)
    for fact in OfficeFact.objects.all():
        services.office_fact_publish(fact=fact, by=world.user("head_x"))
    html = client_for("anon").get(reverse("office_public", args=[world.office_x.slug])).content.decode()
    assert "<script>alert" not in html


def test_a_double_submission_creates_one_proposal(world, client_for):
    staff = client_for("staff_x")
    assert propose(staff, world.office_x).status_code == 302
    assert propose(staff, world.office_x).status_code == 409
    assert OfficeFact.objects.count() == 1


def test_the_newest_published_fact_in_force_is_public_and_older_ones_are_history(world):
    office = world.office_x
    head, staff = world.user("head_x"), world.user("staff_x")
    old = services.office_fact_propose(
        office=office,
        by=staff,
        kind="passport_kinds",
        value=PassportKinds.ELECTRONIC_AND_NON,
        effective_date=date(2024, 1, 1),
        source="uji lama",
    )
    services.office_fact_publish(fact=old, by=head)
    new = services.office_fact_propose(
        office=office,
        by=staff,
        kind="passport_kinds",
        value=PassportKinds.ELECTRONIC_ONLY,
        effective_date=date(2024, 12, 1),
        source="uji baru",
    )
    assert reader.office_guide(office).passport_kinds == old  # not yet reviewed
    services.office_fact_publish(fact=new, by=head)
    guide = reader.office_guide(office)
    assert guide.passport_kinds == new and guide.electronic_only
    assert set(reader.office_fact_history(office)) == {old, new}


def test_the_demo_gives_both_jakarta_utara_offices_the_electronic_only_fact(world):
    assert load_office_facts() == 2
    assert load_office_facts() == 0
    for office in (world.office_x, world.office_y):
        fact = reader.office_guide(office).passport_kinds
        assert fact.value == PassportKinds.ELECTRONIC_ONLY
        assert fact.effective_date == date(2024, 12, 1)
        assert "tirto.id" in fact.source


def test_publishing_an_office_fact_rebuilds_the_cached_pages(world, client_for):
    load_office_facts()
    fees = reverse("edukasi:fees")
    anon = client_for("anon")
    anon.cookies["kantor"] = world.office_x.slug
    assert "hanya paspor elektronik" in anon.get(fees).content.decode()
    fact = services.office_fact_propose(
        office=world.office_x,
        by=world.user("staff_x"),
        kind="passport_kinds",
        value=PassportKinds.ELECTRONIC_AND_NON,
        effective_date=timezone.localdate(),
        source="uji",
    )
    services.office_fact_publish(fact=fact, by=world.user("head_x"))
    assert "hanya paspor elektronik" not in anon.get(fees).content.decode()


def test_office_fact_editor_pages_keep_their_query_count(world, client_for, django_assert_max_num_queries):
    staff = client_for("editor")
    url = reverse("edukasi:office_facts", args=[world.office_x.slug])
    for n in range(3):
        propose(staff, world.office_x, kind="hours", value=f"Senin {n}")
    with django_assert_max_num_queries(14):
        assert staff.get(url).status_code == 200
    for n in range(30):
        propose(staff, world.office_x, kind="hours", value=f"Selasa {n}")
    with django_assert_max_num_queries(14):
        assert staff.get(url).status_code == 200
    with django_assert_max_num_queries(12):
        assert staff.get(reverse("edukasi:office_facts_home")).status_code == 200


def _publish(world, **fields):
    fact = services.office_fact_propose(office=world.office_x, by=world.user("staff_x"), **fields)
    return services.office_fact_publish(fact=fact, by=world.user("head_x"))


def test_the_poster_carries_the_offices_facts_and_an_office_change_reaches_the_next_poster(world, client):
    import io

    from pypdf import PdfReader

    load_office_facts()
    today = timezone.localdate()
    _publish(world, kind="phone", value="(021) 4353333", effective_date=today, source="uji")
    _publish(world, kind="address", value="Jl. Uji Raya No. 1, Jakarta Utara", effective_date=today, source="uji")
    url = reverse("unit_poster", args=[world.unit_a.pk])

    def text() -> str:
        pdf = PdfReader(io.BytesIO(client.get(url).content))
        assert len(pdf.pages) == 1
        return " ".join(pdf.pages[0].extract_text().split())

    first = text()
    assert "(021) 4353333" in first and "Jl. Uji Raya No. 1" in first
    assert "Hanya paspor elektronik sejak 1 Desember 2024" in first
    _publish(world, kind="phone", value="(021) 4300000", effective_date=today, source="uji 2")
    second = text()
    assert "(021) 4300000" in second and "(021) 4353333" not in second


def test_the_office_page_offers_its_staff_a_way_to_correct_it(world, client_for):
    url = reverse("office_public", args=[world.office_x.slug])
    facts = reverse("edukasi:office_facts", args=[world.office_x.slug])
    assert facts in client_for("staff_x").get(url).content.decode()
    assert facts not in client_for("staff_y").get(url).content.decode()
    assert facts not in client_for("anon").get(url).content.decode()
