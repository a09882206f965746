"""The public verification page: the code shows what was issued; an upload is checked byte for byte."""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports.models import Summary
from tests.reports.factories import make_summary

ISSUED = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def upload(client, summary, content: bytes, name: str = "ringkasan.pdf"):
    url = reverse("reports:verify", args=[summary.verification_code])
    return client.post(url, {"file": SimpleUploadedFile(name, content, content_type="application/pdf")})


def test_verification_page_shows_office_period_time_and_sha256_to_anyone(world, client_for):
    summary = make_summary(world.office_x, by=world.user("staff_x"), content=ISSUED)

    body = client_for("anon").get(reverse("reports:verify", args=[summary.verification_code])).content.decode()

    assert "Kantor Imigrasi Kelas I TPI Jakarta Utara" in body
    assert "Triwulan I 2026" in body
    assert "1 Januari 2026" in body and "31 Maret 2026" in body
    assert summary.sha256 in body


def test_the_issued_file_matches(world, client_for):
    summary = make_summary(world.office_x, by=world.user("staff_x"), content=ISSUED)

    response = upload(client_for("anon"), summary, ISSUED)

    assert response.status_code == 200
    assert "Cocok." in response.content.decode()
    assert "Tidak cocok." not in response.content.decode()


def test_a_file_with_one_byte_changed_does_not_match(world, client_for):
    summary = make_summary(world.office_x, by=world.user("staff_x"), content=ISSUED)
    changed = bytearray(ISSUED)
    changed[20] ^= 0x01

    response = upload(client_for("anon"), summary, bytes(changed))

    assert response.status_code == 200
    assert "Tidak cocok." in response.content.decode()
    assert "Cocok." not in response.content.decode().replace("Tidak cocok.", "")
    assert "Cocok." in upload(client_for("anon"), summary, ISSUED).content.decode()


def test_a_file_that_is_not_a_pdf_gets_a_clear_message(world, client_for):
    summary = make_summary(world.office_x, by=world.user("staff_x"), content=ISSUED)

    response = upload(client_for("anon"), summary, b"GIF89a not a pdf", name="foto.pdf")

    assert response.status_code == 400
    assert "Berkas ini bukan PDF." in response.content.decode()


def test_a_50_mb_upload_gets_a_clear_message_not_an_error(world, client_for):
    summary = make_summary(world.office_x, by=world.user("staff_x"), content=ISSUED)

    response = upload(client_for("anon"), summary, b"%PDF-" + b"0" * (50 * 1024 * 1024))

    assert response.status_code == 400
    assert "Berkas terlalu besar: paling besar 20 MB." in response.content.decode()


def test_an_empty_upload_gets_a_clear_message(world, client_for):
    summary = make_summary(world.office_x, by=world.user("staff_x"), content=ISSUED)

    response = client_for("anon").post(reverse("reports:verify", args=[summary.verification_code]), {})

    assert response.status_code == 400
    assert "Pilih berkas PDF yang akan diperiksa." in response.content.decode()


def test_an_unknown_code_says_so_with_404(world, client_for):
    response = client_for("anon").get(reverse("reports:verify", args=["NOPE2345XY"]))

    assert response.status_code == 404
    assert 'Kode verifikasi "NOPE2345XY" tidak dikenal.' in response.content.decode()


def test_a_summary_not_finished_cannot_be_verified(world, client_for):
    summary = make_summary(world.office_x, by=world.user("staff_x"), state=Summary.State.RUNNING)

    assert client_for("anon").get(reverse("reports:verify", args=[summary.verification_code])).status_code == 404


def test_the_code_form_leads_to_the_page_whatever_the_case(world, client_for):
    summary = make_summary(world.office_x, by=world.user("staff_x"), content=ISSUED)

    response = client_for("anon").get(reverse("reports:verify_lookup"), {"code": summary.verification_code.lower()})

    assert response.status_code == 302
    assert response["Location"] == reverse("reports:verify", args=[summary.verification_code])
    assert client_for("anon").get(reverse("reports:verify_lookup"), {"code": ""}).status_code == 400


def test_uploads_from_one_address_are_rate_limited(world, client_for):
    summary = make_summary(world.office_x, by=world.user("staff_x"), content=ISSUED)
    client = client_for("anon")
    for _ in range(30):
        assert upload(client, summary, ISSUED).status_code == 200

    refused = upload(client, summary, ISSUED)

    assert refused.status_code == 429
    assert client.get(reverse("reports:verify", args=[summary.verification_code])).status_code == 200


HOSTILE_CODES = ["A/B", "/", "../../etc/passwd", "..", "A%2FB", "A\\B", "<b>A</b>", "A?B#C", "ÄB", "١٢٣"]


@pytest.mark.parametrize("code", HOSTILE_CODES)
def test_a_typed_code_that_cannot_be_a_code_gets_a_clear_message_not_an_error(world, client_for, code):
    summary = make_summary(world.office_x, by=world.user("staff_x"), content=ISSUED)

    response = client_for("anon").get(reverse("reports:verify_lookup"), {"code": code})

    assert response.status_code == 400
    assert "Kode verifikasi hanya berisi huruf dan angka" in response.content.decode()
    typed = client_for("anon").get(
        reverse("reports:verify_lookup"), {"code": f" {summary.verification_code[:5]}-{summary.verification_code[5:]} "}
    )
    assert typed["Location"] == reverse("reports:verify", args=[summary.verification_code])


ADDRESS_CODES = ["..", "A%2FB", "A\\B", "<script>", "A?B#C", "ÄB", "١٢٣", "A\x00B", " ", "-"]


@pytest.mark.parametrize("code", ADDRESS_CODES)
def test_a_hostile_code_in_the_address_gets_the_not_found_page_with_a_clear_message(world, client_for, code):
    summary = make_summary(world.office_x, by=world.user("staff_x"), content=ISSUED)
    url = "/laporan/keaslian/" + quote(code, safe="") + "/"

    looked_up = client_for("anon").get(url)
    uploaded = client_for("anon").post(
        url, {"file": SimpleUploadedFile("ringkasan.pdf", ISSUED, content_type="application/pdf")}
    )

    for response in (looked_up, uploaded):
        assert response.status_code == 404
        body = response.content.decode()
        assert "Kode verifikasi hanya berisi huruf dan angka" in body
        assert "Cocok." not in body
    assert client_for("anon").get("/laporan/keaslian/A/B/").status_code == 404  # a slash: no such page
    assert client_for("anon").get(reverse("reports:verify", args=[summary.verification_code])).status_code == 200
