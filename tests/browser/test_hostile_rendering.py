"""Script payloads stored through the real forms never run in Chromium, on any page that shows them.

Each payload sets ``window.__xss`` or opens a dialog if it runs. The values go in through the portal's own
forms (the page is fetched and parsed, its own values kept, the payload typed into the text fields), then
every page that displays them is opened as a person who may see it.
"""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from edukasi.models import Article
from reports.models import Activity, Incident
from tests.edukasi.helpers import make_topic
from tests.security.crawl import Form, parse
from villages.models import Invitation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Short enough for every field it goes into; each piece tries another way out of the escaping.
PAYLOAD = '"><img src=x onerror="window.__xss=1"><script>window.__xss=1</script><svg onload="alert(1)">'
TEXT_PAYLOAD = "<script>window.__xss=1</script>"


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _form(client: Client, page: str, action_suffix: str | None = None) -> Form:
    response = client.get(page)
    assert response.status_code == 200, page
    forms, _ = parse(response.content.decode(), "http://testserver" + page)
    for raw in forms:
        form = Form(role="", page=page, **raw)
        # The language switch and the logout button are on every page; the page's own form is wanted.
        if form.method != "post" or form.path in ("/bahasa/", "/akun/keluar/"):
            continue
        if action_suffix is None or form.path.endswith(action_suffix):
            return form
    raise AssertionError(f"no POST form ending {action_suffix} on {page}")


def _submit(client: Client, page: str, overrides: dict, action_suffix: str | None = None):
    form = _form(client, page, action_suffix)
    data = {**form.data(), **overrides}
    response = client.post(form.action, data)
    errors = re.findall(r"(?:invalid-feedback|alert-danger)[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)", response.content.decode())
    assert response.status_code == 302, (page, response.status_code, errors)
    return response


def _store_payloads_through_the_forms(world) -> dict:
    officer = _client(world.user("officer_a"))
    staff = _client(world.user("staff_x"))
    editor = _client(world.user("editor"))
    admin = _client(world.user("admin"))
    unit = world.unit_a

    _submit(
        staff,
        reverse("villages:unit_edit", kwargs={"pk": unit.pk}),
        {"address": PAYLOAD, "contact_name": PAYLOAD, "reason_detail": PAYLOAD, "note": PAYLOAD},
    )
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    _submit(
        officer,
        reverse("reports:activity_create") + f"?unit={unit.pk}",
        {
            "date": yesterday,
            "place": PAYLOAD,
            "notes": PAYLOAD,
            "participants_male": "3",
            "participants_female": "4",
            "calon_pmi_reached": "0",
            "passport_consultations": "0",
            "referrals": "0",
        },
    )
    _submit(
        officer,
        reverse("reports:incident_create"),
        {"occurred_on": yesterday, "place": PAYLOAD, "description": PAYLOAD, "people_involved": PAYLOAD},
    )
    make_topic()
    _submit(
        editor,
        reverse("edukasi:article_create"),
        {
            "title": TEXT_PAYLOAD + " Paspor",
            "summary": PAYLOAD,
            "body": PAYLOAD + "\n\n[klik](javascript:window.__xss=1)\n\n" + TEXT_PAYLOAD,
            "sources": PAYLOAD,
            "slug": "artikel-berbahaya",
            "last_reviewed": timezone.localdate().isoformat(),
            "save": "1",
        },
    )
    article = Article.objects.get(slug="artikel-berbahaya")
    editor_page = reverse("edukasi:editor_article", kwargs={"pk": article.pk})
    _submit(editor, editor_page, {}, "/ajukan/")
    _submit(admin, editor_page, {}, "/terbitkan/")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    # An invitation to a new person, who then activates the account with a hostile name.
    _submit(
        staff,
        reverse("villages:unit_members", kwargs={"pk": unit.pk}),
        {"email": "petugas.baru@example.test", "role": "officer"},
        "/undang/",
    )
    from django.core import mail

    link = next(line for m in mail.outbox for line in m.body.split() if "/akun/aktivasi/" in line)
    activation = "/" + link.split("/", 3)[3]
    _submit(
        Client(),
        activation,
        {
            "first_name": TEXT_PAYLOAD,
            "last_name": PAYLOAD[:150],
            "password1": "Sandi-Baru-9x!",
            "password2": "Sandi-Baru-9x!",
        },
    )
    assert Invitation.objects.get(email="petugas.baru@example.test").accepted_at is not None

    activity = Activity.objects.get(place=PAYLOAD)
    incident = Incident.objects.get(place=PAYLOAD)
    assert activity.notes == PAYLOAD and incident.description == PAYLOAD, "stored verbatim"
    return {"activity": activity, "incident": incident, "article": article}


def _open_as(browser, live_server, user, paths: list[str]) -> tuple[list[str], list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    dialogs, ran, csp, shown = [], [], [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda msg: csp.append(msg.text) if "Content Security Policy" in msg.text else None)
    try:
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status == 200, (path, response.status)
            page.wait_for_load_state("load")
            # Hover and focus what a person would touch, so onmouseover/onfocus payloads get their chance.
            for element in page.locator("main a, main td, main p").all()[:15]:
                if element.is_visible():
                    element.hover(timeout=2000)
            if page.evaluate("() => window.__xss") is not None:
                ran.append(path)
            if "window.__xss=1" in page.inner_text("body"):
                shown.append(path)
        blocked = list(csp)
        # The CSP blocks inline code anyway: a script element added to the page does not run.
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1';"
            " document.body.appendChild(s); }"
        )
        assert page.evaluate("() => window.__inline") is None
        assert len(csp) > len(blocked), "the CSP reported blocking the probe"
    finally:
        context.close()
    return dialogs + ran, blocked, shown


def test_stored_script_payloads_never_run_on_the_pages_that_show_them(live_server, browser, world):
    stored = _store_payloads_through_the_forms(world)
    unit, activity, incident, article = world.unit_a, stored["activity"], stored["incident"], stored["article"]
    pages = {
        "staff_x": [
            reverse("villages:unit_detail", kwargs={"pk": unit.pk}),
            reverse("villages:unit_list"),
            reverse("my_home"),
            reverse("villages:unit_members", kwargs={"pk": unit.pk}),
            reverse("reports:activity_detail", kwargs={"pk": activity.pk}),
            reverse("reports:staff_queue"),
            reverse("reports:incident_list"),
            reverse("reports:incident_detail", kwargs={"pk": incident.pk}),
        ],
        "officer_a": [
            reverse("reports:officer_home"),
            reverse("reports:activity_detail", kwargs={"pk": activity.pk}),
            reverse("reports:activity_update", kwargs={"pk": activity.pk}),
            reverse("reports:incident_detail", kwargs={"pk": incident.pk}),
        ],
        "editor": [
            reverse("edukasi:editor_home"),
            reverse("edukasi:editor_article", kwargs={"pk": article.pk}),
            reverse("edukasi:article_revisions", kwargs={"pk": article.pk}),
        ],
        "anon": [
            reverse("unit_public", kwargs={"pk": unit.pk}),
            reverse("edukasi:directory"),
            reverse("edukasi:home"),
            article.get_absolute_url(),
            article.topic.get_absolute_url(),
            reverse("edukasi:search") + "?q=Paspor",
            reverse("edukasi:search") + "?q=" + TEXT_PAYLOAD,
            reverse("edukasi:directory") + "?q=%22%3E%3Cimg%20src%3Dx%20onerror%3D%22window.__xss%3D1%22%3E",
        ],
    }
    for role, paths in pages.items():
        ran, csp, shown = _open_as(browser, live_server, world.user(role), paths)
        # The payloads are on these pages, as visible text.
        assert len(shown) >= len(paths) // 2, f"{role}: payload shown as text only on {shown}"
        assert ran == [], f"script ran for {role}: {ran}"
        # Escaping did the work: nothing was even attempted that the CSP had to block.
        assert csp == [], f"CSP had to block something for {role}: {csp[:3]}"
