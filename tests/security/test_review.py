"""The security review's checks: CSRF on every POST, headers on every response, uploads served safely.

The rest of the review is tested where the feature lives (see docs/security.md): the permission matrix
(tests/test_permission_matrix.py), session rotation and ending (tests/foundation/test_accounts.py), the
login throttle (tests/foundation/test_login_throttle.py), ``check --deploy`` (tests/foundation/test_settings.py).
"""

import io
import logging
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tests.matrix import ROLES
from tests.security.crawl import build_urls, crawl, parse
from tests.security.sweep import NOT_CRAWLED

SAFE_DOWNLOAD_TYPES = {
    "image/jpeg",
    "image/png",
    "image/webp",
    "application/pdf",
    "text/csv; charset=utf-8",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@pytest.fixture
def quiet_request_log():
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


def _csrf_client(world, role: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    if world.user(role) is not None:
        client.force_login(world.user(role))
    return client


# The one view that takes a POST without a token, on purpose: the language switch sits on the cached public
# pages, and a forged switch only changes a visitor's language (docs/security.md, "Language form").
CSRF_EXEMPT = {"set_language"}


def _is_csrf_refusal(response) -> bool:
    return response.status_code == 403 and "CSRF" in response.content.decode()


@pytest.mark.django_db
def test_every_url_refuses_a_post_without_a_csrf_token_for_every_role(world, quiet_request_log):
    urls = build_urls(world)
    accepted = []
    for role in ROLES:
        client = _csrf_client(world, role)
        for name, url in urls.items():
            if name in CSRF_EXEMPT:
                continue
            response = client.post(url, {"x": "1"})
            if not _is_csrf_refusal(response):
                accepted.append(f"{role} {name}: {response.status_code}")
    assert accepted == []


def test_the_language_switch_is_the_only_post_without_a_token_and_sends_nobody_off_site(db):
    response = Client(enforce_csrf_checks=True).post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.django_db
def test_every_form_is_accepted_past_csrf_with_the_token_its_page_gives(world, client_for, quiet_request_log):
    """The refusal above is the token's doing: the same forms, sent from their pages, get through."""
    urls = {name: url for name, url in build_urls(world).items() if name not in NOT_CRAWLED}
    site = crawl(world, client_for, urls=urls)
    checked = set()
    for form in site.forms:
        if (form.role, form.path) in checked or form.path in ("/akun/keluar/", reverse("set_language")):
            continue
        checked.add((form.role, form.path))
        client = _csrf_client(world, form.role)
        page = client.get(form.page)
        forms, _ = parse(page.content.decode(), "http://testserver" + form.page)
        token = next((fld.value for raw in forms for fld in raw["fields"] if fld.name == "csrfmiddlewaretoken"), None)
        assert token, f"{form.page} as {form.role} renders a form without a CSRF token"
        data = {k: v for k, v in form.data().items() if k != "csrfmiddlewaretoken"}
        assert _is_csrf_refusal(client.post(form.action, data)), f"{form.action} accepted a post without a token"
        response = client.post(form.action, {**data, "csrfmiddlewaretoken": token})
        assert not _is_csrf_refusal(response), f"{form.action} as {form.role} refused its own page's token"
    assert len(checked) >= 30


def test_the_csrf_refusal_page_is_in_indonesian(db):
    response = Client(enforce_csrf_checks=True).post(reverse("password_reset"), {"email": "a@example.test"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Formulir kedaluwarsa" in body
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_every_response_of_every_url_for_every_role_carries_the_security_headers(world, quiet_request_log):
    missing = []
    urls = build_urls(world)
    for role in ROLES:
        client = Client()
        if world.user(role) is not None:
            client.force_login(world.user(role))
        for name, url in urls.items():
            if name in NOT_CRAWLED and role not in ("anon", "staff_x"):
                continue
            response = client.get(url)
            got = {
                "X-Content-Type-Options": response.get("X-Content-Type-Options"),
                "X-Frame-Options": response.get("X-Frame-Options"),
                "Referrer-Policy": response.get("Referrer-Policy"),
                "Cross-Origin-Opener-Policy": response.get("Cross-Origin-Opener-Policy"),
            }
            want = {
                "X-Content-Type-Options": "nosniff",
                "X-Frame-Options": "DENY",
                "Referrer-Policy": "same-origin",
                "Cross-Origin-Opener-Policy": "same-origin",
            }
            if got != want:
                missing.append(f"{role} {name} {response.status_code}: {got}")
            csp = response.get("Content-Security-Policy", "")
            if "default-src 'self'" not in csp or "unsafe-inline" in csp or "frame-ancestors 'none'" not in csp:
                missing.append(f"{role} {name} {response.status_code}: CSP {csp!r}")
    assert missing == []


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.django_db
def test_stored_files_are_served_as_safe_downloads_and_never_from_a_public_media_url(world, client_for):
    from tests.matrix.reports_activities import _activity
    from tests.matrix.reports_summaries import _export, _summary

    activity = _activity(world)
    photo = activity.photos.get()
    summary = _summary(world)
    export = _export(world)
    downloads = {
        reverse("reports:activity_photo", kwargs={"pk": activity.pk, "photo_pk": photo.pk}): "officer_a",
        reverse("reports:activity_photo_thumb", kwargs={"pk": activity.pk, "photo_pk": photo.pk}): "staff_x",
        reverse("reports:activity_sheet", kwargs={"pk": activity.pk}): "officer_a",
        reverse("reports:summary_download", kwargs={"pk": summary.pk}): "staff_x",
        reverse("reports:export_download", kwargs={"pk": export.pk}): "staff_x",
        reverse("unit_poster", kwargs={"pk": world.unit_a.pk}): "anon",
    }
    downloads[reverse("reports:export_activities_csv") + f"?unit={world.unit_a.pk}"] = "staff_x"
    downloads[reverse("reports:export_activities_xlsx") + f"?unit={world.unit_a.pk}"] = "staff_x"
    problems = []
    for url, role in downloads.items():
        response = client_for(role).get(url)
        assert response.status_code == 200, url
        if response["Content-Type"] not in SAFE_DOWNLOAD_TYPES:
            problems.append(f"{url}: Content-Type {response['Content-Type']}")
        disposition = response.get("Content-Disposition", "")
        if not disposition.startswith(("attachment;", "inline;")) or "filename=" not in disposition:
            problems.append(f"{url}: Content-Disposition {disposition!r}")
        if response.get("X-Content-Type-Options") != "nosniff":
            problems.append(f"{url}: no nosniff")
        # Private files: no shared proxy may keep them.
        cache_control = response.get("Cache-Control", "")
        if role != "anon" and "private" not in cache_control and "no-store" not in cache_control:
            problems.append(f"{url}: Cache-Control {cache_control!r}")
        if response.streaming:
            # Reading to the end closes the file (the test client closes the response after the last chunk).
            b"".join(response.streaming_content)
    assert problems == []

    # The same files by their storage path under MEDIA_URL: the portal never serves /media/.
    for name in (photo.image.name, photo.thumbnail.name, activity.attendance_sheet.name, summary.file.name):
        assert client_for("admin").get(settings.MEDIA_URL + name).status_code == 404
        assert client_for("anon").get(settings.MEDIA_URL + name).status_code in (302, 404)


@pytest.mark.django_db
def test_an_uploaded_photo_is_stored_re_encoded_so_nothing_in_it_can_run(world, client_for):
    """A JPEG with HTML after its end: the stored file is new pixels, the trailer is gone."""
    from reports.models import Activity

    client = client_for("officer_a")
    polyglot = _jpeg() + b"<html><script>window.__xss=1</script></html>"
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = Activity.objects.count()
    response = client.post(
        reverse("reports:activity_create"),
        {
            "unit": world.unit_a.pk,
            "date": (timezone.localdate() - timedelta(days=3)).isoformat(),
            "kind": "sosialisasi",
            "place": "Balai warga",
            "participants_male": 3,
            "participants_female": 4,
            "calon_pmi_reached": 0,
            "passport_consultations": 0,
            "referrals": 0,
            "photos": SimpleUploadedFile("foto.html", polyglot, content_type="text/html"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert Activity.objects.count() == before + 1
    photo = Activity.objects.latest("pk").photos.get()
    with photo.image.open("rb") as handle:
        stored = handle.read()
    assert b"<script" not in stored
    assert photo.image.name.endswith((".jpg", ".png", ".webp"))


OPEN_REDIRECTS = [
    "http://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "https:evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    " //evil.example",
]


def _same_site(location: str) -> bool:
    from urllib.parse import urljoin, urlsplit

    target = urlsplit(urljoin("http://testserver/", location))
    return target.netloc == "testserver" and target.scheme in ("http", "https")


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", OPEN_REDIRECTS)
def test_a_hostile_next_never_sends_anyone_to_another_site(world, client_for, hostile):
    from tests import factories as f

    # Login with the right password: the redirect is real, the target is ours.
    response = Client().post(
        reverse("login"), {"username": "officer_a", "password": f.PASSWORD, "next": hostile}, REMOTE_ADDR="10.9.0.1"
    )
    assert response.status_code == 302 and _same_site(response["Location"]), response["Location"]
    # The language switch.
    response = Client().post(reverse("set_language"), {"language": "en", "next": hostile})
    assert response.status_code == 302 and _same_site(response["Location"]), response["Location"]
    # The region picker puts ``next`` into its "Pilih" links: none may leave the site.
    body = client_for("staff_x").get(reverse("villages:region_search"), {"q": "rawa", "next": hostile}).content
    _, links = parse(body.decode(), "http://testserver/")
    assert all(_same_site(link) for link in links if not link.startswith(("tel:", "mailto:", "https://wa.me/")))
