"""`manage.py load_demo` loads the demo world once, however often it runs."""

from django.contrib.auth.models import User
from django.core.management import call_command

from villages.models import Kanwil, Office, OfficeMembership, Region


def test_load_demo_is_idempotent_and_lists_the_accounts(db, capsys, settings):
    settings.DEBUG = True
    call_command("load_demo")
    first = (User.objects.count(), Office.objects.count(), OfficeMembership.objects.count(), Region.objects.count())
    out = capsys.readouterr().out
    assert "kepala.priok" in out and "demo-kepala.priok-2026" in out
    call_command("load_demo")
    assert first == (
        User.objects.count(),
        Office.objects.count(),
        OfficeMembership.objects.count(),
        Region.objects.count(),
    )
    assert Kanwil.objects.get().name == "Kantor Wilayah Direktorat Jenderal Imigrasi Daerah Khusus Jakarta"
    assert set(Office.objects.values_list("slug", flat=True)) >= {"kanim-jakarta-utara", "kanim-tanjung-priok"}


def test_load_demo_hides_passwords_when_debug_is_off(db, capsys, settings):
    settings.DEBUG = False
    call_command("load_demo", "--force")
    out = capsys.readouterr().out
    assert "demo-kepala.priok-2026" not in out
    assert "kepala.priok" in out


# --- Demo data is never taken for real -------------------------------------------------------------

import io  # noqa: E402

import pytest  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management.base import CommandError  # noqa: E402
from django.urls import reverse  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from villages.models import Unit  # noqa: E402


def test_load_demo_refuses_with_debug_off_unless_forced(db, capsys, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError) as refused:
        call_command("load_demo")
    assert "DJANGO_DEBUG mati" in str(refused.value) and "--force" in str(refused.value)
    assert not Unit.objects.exists() and not User.objects.exists()

    call_command("load_demo", "--force")
    assert Unit.objects.exists()
    assert "demo-kepala.priok-2026" not in capsys.readouterr().out


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    cache.clear()
    return Unit.objects.select_related("office").get(region_id="31.72.03.1004", npsn="")


def test_every_unit_and_office_the_demo_makes_is_flagged(demo):
    assert Unit.objects.filter(is_demo=False).count() == 0
    assert set(Office.objects.filter(is_demo=True).values_list("slug", flat=True)) == {
        "kanim-jakarta-utara",
        "kanim-tanjung-priok",
    }


def test_demo_units_say_contoh_on_the_directory_unit_and_office_pages(client, demo):
    pages = {
        "directory": reverse("edukasi:directory") + "?kota=31.72",
        "unit": reverse("unit_public", args=[demo.pk]),
        "office": reverse("office_public", args=[demo.office.slug]),
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "demo-badge" in html and "CONTOH" in html, name
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "demo-badge" in english, name


def test_a_real_unit_shows_no_demo_mark(client, demo):
    Unit.objects.filter(pk=demo.pk).update(is_demo=False)
    cache.clear()
    html = client.get(reverse("unit_public", args=[demo.pk])).content.decode()
    assert "demo-badge" not in html


def test_rawa_badak_utara_shows_the_year_only_and_kebon_bawang_its_day(client, demo):
    html = client.get(reverse("unit_public", args=[demo.pk])).content.decode()
    assert "Dikukuhkan pada 2025." in html
    assert "19 September" not in html
    kebon = Unit.objects.get(region_id="31.72.02.1005", npsn="")
    assert kebon.launch_date.isoformat() == "2025-10-02" and not kebon.dates_year_only
    assert "2 Oktober 2025" in client.get(reverse("unit_public", args=[kebon.pk])).content.decode()


def test_the_poster_of_a_demo_unit_says_contoh(client, demo):
    response = client.get(reverse("unit_poster", args=[demo.pk]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "CONTOH" in text
    # The poster never says anyone may walk in: M-Paspor, priority groups within each office's quota.
    assert "datang ke Kantor Imigrasi" not in text
    assert "M-Paspor" in text and "kuota harian" in text
