"""The shared copy of the public pages: the early answer, its headers, its key, and its invalidation.

The invalidation tests commit for real (``transaction=True``), as a unit's approval, an office edit or a
publish does in production, so the ``on_commit`` invalidation is what they exercise.
"""

from datetime import date

import pytest
from django.conf import settings
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from edukasi import caching, services
from edukasi.middleware import PublicPageCacheMiddleware
from tests import factories as f
from tests.edukasi.helpers import make_article, make_fee
from villages import services as registry_services
from villages.models import OfficeMembership, Unit

pytestmark = pytest.mark.django_db


def _public_paths(world) -> dict[str, str]:
    article = make_article(title="Paspor untuk pekerja migran")
    make_fee()
    return {
        "article": article.get_absolute_url(),
        "topic": reverse("edukasi:topic_detail", args=[article.topic.slug]),
        "fees": reverse("edukasi:fees"),
        "checklist": reverse("edukasi:checklist"),
        "mpaspor": reverse("edukasi:mpaspor"),
        "hotlines": reverse("edukasi:hotlines"),
        "home": reverse("edukasi:home"),
        "directory": reverse("edukasi:directory"),
        "unit": reverse("unit_public", args=[world.unit_a.pk]),
        "office": reverse("office_public", args=[world.office_x.slug]),
        "office list": reverse("edukasi:office_list"),
    }


# --- The early answer -----------------------------------------------------------------------------------


def test_the_early_middleware_sits_before_sessions_csrf_auth_and_messages():
    order = [m.rsplit(".", 1)[-1] for m in settings.MIDDLEWARE]
    early = order.index(PublicPageCacheMiddleware.__name__)
    assert order[:early] == ["SecurityMiddleware", "WhiteNoiseMiddleware"]
    for later in ("SessionMiddleware", "LocaleMiddleware", "CsrfViewMiddleware", "AuthenticationMiddleware"):
        assert order.index(later) > early


def test_every_public_page_is_answered_early_with_no_query(client, world, django_assert_num_queries):
    for name, path in _public_paths(world).items():
        first = client.get(path)
        assert first.status_code == 200, name
        with django_assert_num_queries(0):
            hit = client.get(path)
        assert hit.status_code == 200, name
        # Answered before AuthenticationMiddleware and URL resolution ran.
        assert not hasattr(hit.wsgi_request, "user"), name
        assert hit.wsgi_request.resolver_match is None, name
        assert hit.content == first.content, name


def test_a_hit_carries_the_headers_of_the_full_stack_and_the_cache_headers(client, world):
    path = reverse("unit_public", args=[world.unit_a.pk])
    miss = client.get(path)
    hit = client.get(path)
    for response in (miss, hit):
        assert response["Vary"] == "Cookie, Accept-Language"
        assert response["Cache-Control"] == "no-cache"
        assert response["ETag"].startswith('"') and response["ETag"] == miss["ETag"]
        assert response["Content-Language"] == "id"
        assert response["X-Frame-Options"] == "DENY"
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert response["Content-Type"] == "text/html; charset=utf-8"
        assert response["X-Content-Type-Options"] == "nosniff"  # SecurityMiddleware, above the cache


def test_a_returning_visitor_gets_304_with_no_query_until_the_page_changes(client, world, django_assert_num_queries):
    path = reverse("edukasi:fees")
    make_fee()
    etag = client.get(path)["ETag"]
    with django_assert_num_queries(0):
        again = client.get(path, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["Vary"] == "Cookie, Accept-Language"
    assert client.get(path, headers={"if-none-match": '"something-else"'}).status_code == 200
    make_fee(code="paspor-elektronik-5", amount=650_000, service="Paspor elektronik masa berlaku 5 tahun")
    caching.invalidate()  # as the fee editor does after its commit
    changed = client.get(path, headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_signed_in_user_never_gets_the_shared_copy(client_for, world):
    paths = _public_paths(world)
    for path in paths.values():
        client_for("anon").get(path)
    for role in ("officer_a", "staff_x", "oversight"):
        client = client_for(role)
        for name, path in paths.items():
            response = client.get(path)
            assert response.status_code == 200, name
            assert hasattr(response.wsgi_request, "user") and response.wsgi_request.user.is_authenticated
            assert "Keluar" in response.content.decode(), (role, name)
            assert "ETag" not in response


def test_a_visitor_with_pending_messages_renders_the_page_and_sees_them(client, rf, world):
    path = reverse("edukasi:directory")
    client.get(path)
    storage = CookieStorage(rf.get("/"))
    storage.add(message_levels.SUCCESS, "Pesan untuk pengunjung ini")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value
    response = client.get(path)
    assert "Pesan untuk pengunjung ini" in response.content.decode()
    assert hasattr(response.wsgi_request, "user")


def test_the_host_is_checked_before_a_hit(client, world):
    path = reverse("edukasi:hotlines")
    client.get(path)
    assert client.get(path, headers={"host": "evil.example"}).status_code == 400


# --- The key --------------------------------------------------------------------------------------------


def test_the_language_is_picked_as_locale_middleware_does(client, world, django_assert_num_queries):
    path = reverse("edukasi:hotlines")
    indonesian = client.get(path)
    assert indonesian["Content-Language"] == "id"
    english = client.get(path, headers={"accept-language": "en-GB,en;q=0.9"})
    assert english["Content-Language"] == "en" and english.content != indonesian.content
    with django_assert_num_queries(0):
        by_header = client.get(path, headers={"accept-language": "en-GB,en;q=0.9"})
        assert by_header.content == english.content
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        by_cookie = client.get(path, headers={"accept-language": "id"})  # the cookie wins, as in Django
        assert by_cookie.content == english.content
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"  # unknown: Accept-Language decides
        assert client.get(path, headers={"accept-language": "id"}).content == indonesian.content


def test_the_readers_office_cookie_is_in_the_key_and_a_malformed_one_is_ignored(
    client, world, django_assert_num_queries
):
    path = reverse("edukasi:fees")
    make_fee()
    plain = client.get(path)
    assert caching.page_key("id", path, "kanim-jakarta-utara", "") != caching.page_key("id", path, "", "")
    client.cookies[caching.KANTOR_COOKIE] = "kanim-jakarta-utara"
    office_page = client.get(path)  # another key: rendered for this office
    assert office_page.status_code == 200 and hasattr(office_page.wsgi_request, "user")
    assert "Jakarta Utara" in office_page.content.decode() and office_page.content != plain.content
    with django_assert_num_queries(0):
        assert client.get(path).content == office_page.content
        for bad in ("Kanim Jakarta", "../x", "a" * 81, "kanim_jakarta", "ÄÖ"):
            client.cookies[caching.KANTOR_COOKIE] = bad  # ignored: the visitor without an office's copy
            assert client.get(path).content == plain.content


def test_tracking_parameters_are_answered_early(client, world, django_assert_num_queries):
    path = reverse("unit_public", args=[world.unit_a.pk])
    client.get(path)
    with django_assert_num_queries(0):
        hit = client.get(path, {"fbclid": "IwAR0abc", "utm_source": "whatsapp", "utm_medium": "social"})
    assert hit.status_code == 200 and not hasattr(hit.wsgi_request, "user")
    # The language form sends the visitor back to the page without the tracking parameters.
    assert f'name="next" type="hidden" value="{path}"' in hit.content.decode()


def test_directory_pages_are_cached_up_to_a_bound_and_searches_are_not(client, world, django_assert_num_queries):
    directory = reverse("edukasi:directory")
    assert caching.page_query("page=2&utm_source=x") == "page=2"
    assert caching.page_query(f"page={caching.MAX_CACHED_PAGE + 1}") is None
    assert caching.page_query("page=2&page=3") is None
    assert caching.page_query("q=rawa") is None
    client.get(directory, {"page": "2"})
    with django_assert_num_queries(0):
        assert client.get(directory, {"page": "2"}).status_code == 200
    client.get(directory, {"q": "Rawa"})
    search = client.get(directory, {"q": "Rawa"})
    assert hasattr(search.wsgi_request, "user") and "ETag" not in search
    assert "Rawa Badak Utara" in search.content.decode()
    assert "Pulau Untung Jawa" not in search.content.decode()


def test_choosing_an_office_by_query_is_never_answered_from_the_cache(client, world):
    path = reverse("edukasi:fees")
    make_fee()
    client.get(path)
    response = client.get(path, {"kantor": "kanim-jakarta-utara"})
    assert hasattr(response.wsgi_request, "user")  # went down the stack to the view


def test_a_page_holding_a_real_csrf_token_is_never_shared(rf, world):
    from django.middleware.csrf import get_token
    from django.shortcuts import render

    @caching.cached_public_page
    def page_with_a_form(request):
        get_token(request)  # as {% csrf_token %} in a template rendered without render_context
        return render(request, "edukasi/hotlines.html", {"hotlines": []})

    request = rf.get("/halaman-dengan-formulir/")
    page_with_a_form(request)
    assert caching.lookup(caching.page_key("id", "/halaman-dengan-formulir/", "", ""))[1] is None


# --- The language form from a cached page -----------------------------------------------------------------


def test_the_language_form_on_a_cached_page_works_for_visitors_and_signed_in_users(client_for, world):
    path = reverse("unit_public", args=[world.unit_a.pk])
    Client().get(path)
    for role in ("anon", "officer_a"):
        browser = Client(enforce_csrf_checks=True)
        if world.user(role):
            browser.force_login(world.user(role))
        html = browser.get(path).content.decode()
        assert "csrfmiddlewaretoken" not in html.split('class="language-switch', 1)[1].split("</form>", 1)[0]
        response = browser.post(reverse("set_language"), {"language": "en", "next": path})
        assert response.status_code == 302 and response["Location"] == path
        assert browser.get(path)["Content-Language"] == "en"


# --- Invalidation, committed for real on PostgreSQL or SQLite --------------------------------------------


def _committed_world():
    kanwil = f.make_kanwil()
    office = f.make_office("Kantor Imigrasi Kelas I TPI Jakarta Utara", kanwil=kanwil, slug="kanim-jakarta-utara")
    staff = f.make_office_member(office, OfficeMembership.Role.STAFF, "staff_commit")
    head = f.make_office_member(office, OfficeMembership.Role.HEAD, "head_commit")
    return office, staff, head


@pytest.mark.django_db(transaction=True)
def test_a_unit_approved_launched_renamed_and_suspended_shows_on_the_next_request(client):
    office, staff, head = _committed_world()
    unit = f.make_unit(
        office=office,
        status=Unit.Status.PROPOSED,
        kind=Unit.Kind.SCHOOL,
        school_name="SMK Negeri 7 Koja",
        npsn="20100777",
        proposed_by=staff,
    )
    directory, page = reverse("edukasi:directory"), reverse("unit_public", args=[unit.pk])
    office_page = reverse("office_public", args=[office.slug])
    assert "SMK Negeri 7 Koja" not in client.get(directory).content.decode()
    assert client.get(page).status_code == 404

    with transaction.atomic():
        registry_services.unit_approve(unit=unit, by=head, decree_number="W.10-7", decree_date=date(2025, 5, 1))
    with transaction.atomic():
        registry_services.unit_launch(unit=unit, by=head, launch_date=date(2025, 5, 20))
    assert "SMK Negeri 7 Koja" in client.get(directory).content.decode()
    assert client.get(page).status_code == 200
    assert "SMK Negeri 7 Koja" in client.get(office_page).content.decode()

    with transaction.atomic():
        registry_services.unit_update(unit=unit, by=staff, data={"school_name": "SMK Negeri 7 Koja Bahari"})
    for path in (directory, page, office_page):
        assert "SMK Negeri 7 Koja Bahari" in client.get(path).content.decode(), path

    with transaction.atomic():
        registry_services.unit_suspend(unit=unit, by=head, reason="Perangkat desa berganti")
    assert "SMK Negeri 7 Koja" not in client.get(directory).content.decode()
    assert client.get(page).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_an_office_edit_shows_on_the_next_request(client):
    office, _staff, _head = _committed_world()
    f.make_unit(office=office)
    pages = [reverse("office_public", args=[office.slug]), reverse("edukasi:office_list")]
    for path in pages:
        assert "021-7777-0101" not in client.get(path).content.decode()
    office.phone = "021-7777-0101"
    office.save()
    for path in pages:
        assert "021-7777-0101" in client.get(path).content.decode(), path
    office.service_area.add(f.make_region("31.72", "Kota Jakarta Utara"))
    assert "Kota Jakarta Utara" in client.get(pages[0]).content.decode()


@pytest.mark.django_db(transaction=True)
def test_an_article_publish_shows_on_the_next_request(client):
    editor = f.make_user("editor_commit")
    draft = make_article(status="in_review", title="Waspada tawaran kerja lewat media sosial", by=editor)
    home = reverse("edukasi:home")
    assert "Waspada tawaran kerja" not in client.get(home).content.decode()
    with transaction.atomic():
        services.article_publish(article=draft, by=editor)
    assert "Waspada tawaran kerja" in client.get(home).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_many_rows_in_one_transaction_invalidate_once_after_the_commit(client, django_assert_max_num_queries):
    office, _staff, _head = _committed_world()
    client.get(reverse("edukasi:directory"))
    before = caching.cache.get(caching.STATE_KEY)["gen"]
    with transaction.atomic():
        for _ in range(5):
            f.make_unit(office=office)
        # One invalidation is waiting for the commit, however many rows were saved.
        from django.db import connection

        from edukasi.signals import _invalidate_after_commit

        assert sum(1 for entry in connection.run_on_commit if entry[1] is _invalidate_after_commit) == 1
    assert caching.cache.get(caching.STATE_KEY)["gen"] > before


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_language_switch_on_a_cached_unit_page_works_in_a_browser_without_javascript(
    browser, live_server, world, tmp_path
):
    import os
    from pathlib import Path

    shots = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/dbi/shots/page-cache"))
    shots.mkdir(parents=True, exist_ok=True)
    path = reverse("unit_public", args=[world.unit_a.pk])
    Client().get(path)  # another visitor had the page rendered: this browser gets the shared copy
    context = browser.new_context(java_script_enabled=False, locale="id-ID", viewport={"width": 360, "height": 800})
    page = context.new_page()
    response = page.goto(live_server.url + path + "?fbclid=IwAR0abc")
    assert response.headers.get("etag") and response.headers.get("cache-control") == "no-cache"
    page.screenshot(path=str(shots / "unit-page-cached-360.png"), full_page=True)
    page.select_option("#language-select", "en")
    page.click("form.language-switch button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url == live_server.url + path  # back to the page, without the tracking parameter
    page.screenshot(path=str(shots / "unit-page-english-360.png"), full_page=True)
    context.close()


def test_a_head_request_is_answered_from_the_same_copy(client, world, django_assert_num_queries):
    path = reverse("office_public", args=[world.office_x.slug])
    etag = client.get(path)["ETag"]
    with django_assert_num_queries(0):
        head = client.head(path)
    assert head.status_code == 200 and head["ETag"] == etag and head.content == b""
