"""The A4 wall poster: its text, its QR code (the unit's public URL), its hotlines (the Hotline rows), its cache."""

import io
import subprocess
from datetime import timedelta

import pytest
import segno
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from edukasi import poster as poster_module
from edukasi import services
from edukasi.models import Hotline
from edukasi.poster import QR_SCALE
from tests.edukasi.helpers import make_hotline
from villages.models import Unit

pytestmark = pytest.mark.django_db

SITE = "https://desabinaan.example.go.id"


@pytest.fixture
def poster(client, world, settings):
    settings.SITE_URL = SITE
    response = client.get(reverse("unit_poster", args=[world.unit_a.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def expected_url(unit) -> str:
    return SITE + reverse("unit_public", args=[unit.pk])


def test_poster_is_one_a4_page_with_the_units_name_office_and_messages(poster, world):
    reader = PdfReader(io.BytesIO(poster))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Kelurahan Rawa Badak Utara" in text
    assert world.office_x.name in text
    assert "Buat paspor hanya melalui jalur resmi" in text
    assert "Bekerja ke luar negeri harus sesuai prosedur" in text
    assert "Laporkan dugaan perdagangan orang" in text
    assert "0800-1000" in text and "110" in text
    assert expected_url(world.unit_a) in text.replace(" ", "")


def test_poster_qr_code_is_the_units_public_url(poster, world):
    """The QR drawn in the PDF is, module for module, segno's symbol for the public URL."""
    images = PdfReader(io.BytesIO(poster)).pages[0].images
    assert len(images) == 1
    image = images[0].image.convert("L")
    rows = [list(row) for row in segno.make(expected_url(world.unit_a), error="m", micro=False).matrix_iter(border=4)]
    assert image.size == (len(rows) * QR_SCALE, len(rows) * QR_SCALE)
    drawn = [
        [image.getpixel((c * QR_SCALE + QR_SCALE // 2, r * QR_SCALE + QR_SCALE // 2)) < 128 for c in range(len(rows))]
        for r in range(len(rows))
    ]
    assert drawn == [[bool(m) for m in row] for row in rows]
    # A QR for any other address differs.
    other = [list(row) for row in segno.make(SITE + "/direktori/999/", error="m", micro=False).matrix_iter(border=4)]
    assert drawn != [[bool(m) for m in row] for row in other]


def test_poster_qr_code_decodes_to_the_public_url(poster, world, tmp_path):
    """Scan the printed page as a phone would: raster the PDF and decode it."""
    import zxingcpp

    (tmp_path / "poster.pdf").write_bytes(poster)
    subprocess.run(["pdftoppm", "-png", "-r", "100", str(tmp_path / "poster.pdf"), str(tmp_path / "page")], check=True)
    page = Image.open(next(tmp_path.glob("page*.png")))
    assert [code.text for code in zxingcpp.read_barcodes(page)] == [expected_url(world.unit_a)]


def test_poster_is_rendered_once_and_again_after_the_unit_changes(client, world, monkeypatch):
    calls = []
    real = poster_module.render_poster

    def counting(data):
        calls.append(data.unit_name)
        return real(data)

    monkeypatch.setattr(poster_module, "render_poster", counting)
    url = reverse("unit_poster", args=[world.unit_a.pk])

    bodies = {client.get(url).content for _ in range(5)}

    assert calls == ["Kelurahan Rawa Badak Utara"]
    assert len(bodies) == 1
    Unit.objects.filter(pk=world.unit_a.pk).update(updated_at=timezone.now() + timedelta(seconds=1))
    client.get(url)
    assert len(calls) == 2


def test_no_poster_for_a_unit_that_is_not_active(client, world, monkeypatch):
    monkeypatch.setattr(poster_module, "render_poster", lambda data: pytest.fail("rendered a poster"))
    Unit.objects.filter(pk=world.unit_a.pk).update(status=Unit.Status.SUSPENDED)

    assert client.get(reverse("unit_poster", args=[world.unit_a.pk])).status_code == 404
    assert client.get(reverse("unit_poster", args=[987654])).status_code == 404


def test_a_long_school_name_still_fits_on_one_page(client, world):
    school = Unit.objects.create(
        kind=Unit.Kind.SCHOOL,
        school_name="Sekolah Menengah Kejuruan Negeri 12 Jakarta Utara Bidang Pelayaran dan Perikanan",
        npsn="20100999",
        region=world.unit_a.region,
        office=world.office_x,
        status=Unit.Status.ACTIVE,
        reason=Unit.Reason.SCHOOL,
        decree_number="W.10-1",
        decree_date=world.unit_a.decree_date,
        launch_date=world.unit_a.launch_date,
        proposed_by=world.user("staff_x"),
    )

    reader = PdfReader(io.BytesIO(client.get(reverse("unit_poster", args=[school.pk])).content))

    assert len(reader.pages) == 1
    assert "Bidang Pelayaran dan Perikanan" in " ".join(reader.pages[0].extract_text().split())


def poster_text(client, unit) -> str:
    reader = PdfReader(io.BytesIO(client.get(reverse("unit_poster", args=[unit.pk])).content))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def test_poster_hotlines_are_the_hotline_rows_and_an_editors_change_reaches_the_next_poster(client, world):
    kp2mi = make_hotline("Pusat panggilan KP2MI", dial="08001000", number="0800-1000", hours="24 jam")
    make_hotline("SAPA 129 lewat WhatsApp", dial="628111129129", number="08111-129-129", channel="whatsapp")
    make_hotline("Disembunyikan", dial="5550001", number="555-0001", is_active=False)

    before = poster_text(client, world.unit_a)
    assert "Pusat panggilan KP2MI" in before and "0800-1000" in before and "24 jam" in before
    assert "WhatsApp 08111-129-129" in before
    assert "555-0001" not in before and "Disembunyikan" not in before
    assert "Kemnaker" not in before, "the built-in list is only for an empty table"

    services.hotline_save(by=world.user("editor"), hotline=kp2mi, fields={"number": "0800-2000", "dial": "08002000"})

    after = poster_text(client, world.unit_a)
    assert "0800-2000" in after and "0800-1000" not in after


def test_the_seeded_hotlines_fit_one_page_even_under_a_long_school_name_and_more_wait_on_the_web(client, world):
    from edukasi.content.data import HOTLINES

    for row in HOTLINES:
        Hotline.objects.create(**row)
    make_hotline("Layanan tambahan pertama", dial="5550009", number="555-0009", order=90)
    make_hotline("Layanan tambahan kedua", dial="5550010", number="555-0010", order=91)
    school = Unit.objects.create(
        kind=Unit.Kind.SCHOOL,
        school_name="Sekolah Menengah Kejuruan Negeri 12 Jakarta Utara Bidang Pelayaran dan Perikanan",
        npsn="20100998",
        region=world.unit_a.region,
        office=world.office_x,
        status=Unit.Status.ACTIVE,
        reason=Unit.Reason.SCHOOL,
        decree_number="W.10-2",
        decree_date=world.unit_a.decree_date,
        launch_date=world.unit_a.launch_date,
        proposed_by=world.user("staff_x"),
    )

    text = poster_text(client, school)

    # The first POSTER_HOTLINES in the editors' order; the lines for people already abroad wait on the web.
    assert all(row["number"] in text for row in HOTLINES if row["order"] <= poster_module.POSTER_HOTLINES)
    assert "555-0009" not in text and "555-0010" not in text
