"""The reader's office in Chromium at 360 px: the Semper search leads to an office one can reach, the fee page
answers in the first screen, and the new pages pass axe in both languages."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from edukasi.demo import load_office_facts
from edukasi.seed import load_guidance
from tests import factories as f
from tests.edukasi.test_no_dead_ends import NATIONAL, import_jakarta_utara
from villages.models import OfficeMembership, Region

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set SCREENSHOTS=<dir> to keep the 360 px screenshots for looking at.
SCREENSHOTS = os.environ.get("SCREENSHOTS", "")


def shot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


@pytest.fixture
def jakarta_utara(db):
    if not NATIONAL.exists():
        pytest.skip("the national region register is not on this machine")
    load_guidance()
    import_jakarta_utara()
    kanwil = f.make_kanwil()
    city = Region.objects.get(code="31.72")
    offices = []
    for name, slug in (
        ("Kantor Imigrasi Kelas I TPI Jakarta Utara", "kanim-jakarta-utara"),
        ("Kantor Imigrasi Kelas I TPI Tanjung Priok", "kanim-tanjung-priok"),
    ):
        office = f.make_office(name, kanwil=kanwil, slug=slug, address="Jakarta Utara")
        office.service_area.add(city)
        offices.append(office)
    f.make_unit(office=offices[1], region=Region.objects.get(code="31.72.03.1004"))
    load_office_facts()
    return offices


def test_semper_search_leads_to_an_office_with_a_way_to_reach_it(live_server, phone_page, jakarta_utara):
    phone_page.goto(live_server.url + reverse("edukasi:directory"))
    phone_page.fill("input[name=q]", "Semper")
    phone_page.click("button:has-text('Tampilkan')")
    phone_page.wait_for_load_state()
    assert phone_page.locator("text=Semper Barat").first.is_visible()
    shot(phone_page, "directory-semper")
    phone_page.click(".place-card >> text=Kantor Imigrasi Kelas I TPI Tanjung Priok")
    phone_page.wait_for_load_state()
    assert phone_page.url.endswith(reverse("office_public", args=["kanim-tanjung-priok"]))
    maps = phone_page.locator("a:has-text('Cari di peta')").first
    assert maps.get_attribute("href").startswith("https://www.google.com/maps/search/")
    assert phone_page.locator("text=Hanya paspor elektronik").count() == 1
    shot(phone_page, "office-priok")


def test_fee_page_at_360px_shows_the_answer_in_the_first_screen(live_server, phone_page, jakarta_utara):
    phone_page.goto(live_server.url + reverse("edukasi:fees") + "?kantor=kanim-jakarta-utara")
    assert phone_page.url == live_server.url + reverse("edukasi:fees")  # redirected to the bare path
    figure = phone_page.locator(".office-answer-figure")
    assert figure.inner_text().startswith("Di Kanim Jakarta Utara hanya paspor elektronik: Rp650.000 (5 tahun)")
    box = figure.bounding_box()
    assert box is not None and box["y"] + box["height"] < phone_page.viewport_size["height"]
    current = phone_page.locator("table").first  # the fees in force (the closed "Tarif sebelumnya" is history)
    assert current.locator("td:has-text('non-elektronik')").count() == 0
    shot(phone_page, "fees-jakut")

    phone_page.goto(live_server.url + reverse("edukasi:fees") + "?kantor=")
    figure = phone_page.locator(".office-answer-figure")
    box = figure.bounding_box()
    assert box is not None and box["y"] < phone_page.viewport_size["height"]
    assert "Jenis paspor yang dilayani berbeda per kantor." in phone_page.content()
    shot(phone_page, "fees-national")


def test_new_pages_have_no_axe_violations_in_both_languages(live_server, phone_page, axe, jakarta_utara):
    paths = [
        reverse("edukasi:fees"),
        reverse("edukasi:fees") + "?kelurahan=Semper",
        reverse("edukasi:fees") + "?kantor=tidak-ada",
        reverse("edukasi:mpaspor"),
        reverse("edukasi:checklist"),
        reverse("edukasi:directory") + "?q=Semper",
        reverse("office_public", args=["kanim-jakarta-utara"]),
    ]
    failures = {}
    for cookie in ("", "kanim-jakarta-utara"):
        for language in ("id", "en"):
            # The language cookie, as the language form sets it: Chromium's own locale header wins over an
            # extra Accept-Language header, so that header alone would test the Indonesian pages twice.
            phone_page.context.clear_cookies()
            cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
            if cookie:
                cookies.append({"name": "kantor", "value": cookie, "url": live_server.url})
            phone_page.context.add_cookies(cookies)
            for path in paths:
                phone_page.goto(live_server.url + path)
                assert phone_page.evaluate("document.documentElement.lang") == language
                shot(phone_page, f"{cookie or 'none'}-{language}-{path.strip('/').replace('/', '_')}")
                violations = axe(phone_page)
                if violations:
                    key = f"{cookie} {language} {path}"
                    failures[key] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
                width = phone_page.evaluate("() => document.documentElement.scrollWidth")
                assert width <= 360, f"{language} {path} is {width}px wide"
    assert failures == {}


def test_office_facts_editor_at_360px(live_server, phone_page, axe, jakarta_utara):
    from tests.conftest import login_in_browser

    staff = f.make_office_member(jakarta_utara[0], OfficeMembership.Role.STAFF, "staf_uji")
    login_in_browser(phone_page, live_server, staff)
    phone_page.goto(live_server.url + reverse("edukasi:office_facts", args=["kanim-jakarta-utara"]))
    phone_page.select_option("select[name=kind]", "phone")
    phone_page.fill("textarea[name=value]", "12345")
    phone_page.fill("input[name=source]", "uji")
    phone_page.click("button:has-text('Kirim untuk ditinjau')")
    assert "Nomor telepon tidak dikenali." in phone_page.content()
    violations = axe(phone_page)
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    assert phone_page.evaluate("() => document.documentElement.scrollWidth") <= 360
    shot(phone_page, "office-facts-editor")
