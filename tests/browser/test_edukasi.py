"""The guidance in Chromium: hostile content never runs, and public pages pass axe at 360 px."""

import pytest
from django.urls import reverse

from edukasi.joboffer import QUESTIONS
from edukasi.models import Article
from edukasi.seed import load_guidance
from tests.edukasi.helpers import make_article
from tests.edukasi.xss_payloads import PAYLOADS, TITLE_PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_xss_payload_runs_in_chromium(live_server, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    article = make_article(title=TITLE_PAYLOADS[0], summary=TITLE_PAYLOADS[1], body="\n\n".join(PAYLOADS))
    other = make_article(title=TITLE_PAYLOADS[2], body=PAYLOADS[0])

    for url in (article.get_absolute_url(), other.get_absolute_url(), reverse("edukasi:home")):
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        for selector in ("a", "p", "details summary"):
            for element in page.locator(f".article-body {selector}").all()[:20]:
                if element.is_visible():
                    element.hover(timeout=2000)
        assert page.evaluate("() => window.__xss") is None, url
    assert dialogs == []
    assert page.locator(".article-body script, .article-body iframe, .article-body [onerror]").count() == 0


def _answers() -> str:
    return "&".join(f"{q.key}={q.warning_answer}" for q in QUESTIONS)


def test_public_guidance_pages_have_no_axe_violations_at_360px_in_both_languages(live_server, phone_page, axe):
    load_guidance()
    article_id = Article.objects.filter(language="id", translation__isnull=False).first()
    paths = [
        reverse("edukasi:home"),
        article_id.get_absolute_url(),
        article_id.topic.get_absolute_url(),
        reverse("edukasi:checklist"),
        reverse("edukasi:checklist") + "?situation=child",
        reverse("edukasi:job_check"),
        reverse("edukasi:job_check") + "?" + _answers(),
        reverse("edukasi:job_check") + "?recruiter=yes",
        reverse("edukasi:fees"),
        reverse("edukasi:mpaspor"),
        reverse("edukasi:legal_path"),
        reverse("edukasi:hotlines"),
        reverse("edukasi:search") + "?q=paspor",
    ]
    failures = {}
    for language in ("id", "en"):
        phone_page.set_extra_http_headers({"Accept-Language": language})
        for path in paths:
            phone_page.goto(live_server.url + path)
            violations = axe(phone_page)
            if violations:
                failures[f"{language} {path}"] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
            width = phone_page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= 360, f"{language} {path} is {width}px wide"
    assert failures == {}


def test_job_check_works_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(live_server.url + reverse("edukasi:job_check"))
    for q in QUESTIONS:
        page.check(f"input[name={q.key}][value={q.warning_answer}]")
    page.click("form.job-form button[type=submit]")
    assert page.locator(".warning-signs li").count() == len(QUESTIONS)
    context.close()
