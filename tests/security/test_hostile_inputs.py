"""The hostile-input sweep: every form and query parameter of the portal, as each role, with hostile values.

The crawler (``tests/security/crawl.py``) finds the forms by GETting every URL pattern as every role of
the test world. Each form is then submitted with one field at a time replaced by hostile values, keeping
the page's own values in the rest (a fresh double-submission token, a valid photo in file inputs), and
once with every field hostile at the same time; each GET page with a query parameter is called with that
parameter set to each value. Afterwards: no request answered 5xx, no hostile markup came back unescaped,
no stored row holds a NUL byte, an overlong value, a value outside its validators or choices, and every
row that existed before still exists (except the kinds a legitimate delete form removes).

Default run: the reduced corpus (about 60 text values, every file, the tampered ids), one role per form
(taking turns among the roles that see it), a rotating share of the text values per field. The full sweep
(every value into every field, as every role that sees the form) runs with::

    HOSTILE_FULL=1 .venv/bin/python -m pytest tests/security/test_hostile_inputs.py -q

It takes about an hour on two cores.
"""

import itertools
import logging
import time
from urllib.parse import quote

import pytest
from django.urls import reverse

from tests.matrix import ROLES
from tests.security import corpus
from tests.security.crawl import build_urls, crawl
from tests.security.sweep import (
    ENDING,
    MAY_DISAPPEAR,
    NOT_CRAWLED,
    Findings,
    enrich,
    foreign_writes,
    payload,
    send,
    snapshot,
    stored_problems,
    tampered_values,
    unit_members,
)

# Every text value reaches every field in the full run; by default a field gets every SHARE-th value
# (a different slice per field), and every value still goes into each form once with all fields hostile.
SHARE = 8


@pytest.fixture
def quiet_request_log():
    # Every refused hostile request logs a warning with a traceback; thousands of them slow the run.
    loggers = [logging.getLogger(name) for name in ("django.request", "axes", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture
def sweep_settings(settings):
    # The limits under test elsewhere would otherwise turn most of the sweep into 429s.
    settings.RATELIMIT_ENABLED = False
    settings.AXES_FAILURE_LIMIT = 10**6


def _values_for(field_index: int, values: list[corpus.Value]) -> list[corpus.Value]:
    if corpus.full():
        return values
    return [v for i, v in enumerate(values) if (i + field_index) % SHARE == 0]


@pytest.mark.django_db
def test_no_hostile_input_anywhere_causes_an_error_or_is_stored_unvalidated(
    world, client_for, quiet_request_log, sweep_settings
):
    started = time.monotonic()
    extra = enrich(world, client_for)
    urls = {name: url for name, url in build_urls(world).items() if name not in NOT_CRAWLED}
    urls.update(extra)
    site = crawl(world, client_for, urls=urls)
    crawled = time.monotonic()
    assert len(site.forms) >= 30, "the crawler should find the portal's forms"
    assert site.query_params, "the crawler should find query parameters"

    before, members_before = snapshot(), unit_members()
    text = corpus.text_values() + tampered_values(world)
    hostile_texts = {v.value.strip() for v in corpus.TEXT if isinstance(v.value, str) and corpus.XSS_MARK in v.value}
    findings = Findings()

    # One role per distinct form (taking turns) by default; every role that sees it in the full run.
    by_signature: dict[tuple, list] = {}
    for form in site.forms:
        by_signature.setdefault(form.signature(), []).append(form)
    turn = itertools.count()
    chosen = []
    for forms in by_signature.values():
        chosen.extend(forms if corpus.full() else [forms[next(turn) % len(forms)]])
    chosen.sort(key=lambda form: bool(ENDING.search(form.path)))

    for form in chosen:
        client = client_for(form.role)
        for index, name in enumerate(form.names()):
            is_file = name in form.file_fields()
            values = text if not is_file else [corpus.Value(f"file:{n}", None, "file") for n, _ in corpus.FILES]
            for value in values if is_file else _values_for(index, values):
                data = value.value
                if is_file:
                    data = dict(corpus.FILES)[value.label.removeprefix("file:")]()
                what = f"{form.role} POST {form.path} {name}={value.label}"
                send(findings, client, "post", form.action, payload(form, name, data), what)
        for value in text if corpus.full() else text[:: SHARE // 2]:
            data = {name: value.value for name in form.names() if name not in form.file_fields()}
            what = f"{form.role} POST {form.path} all fields={value.label}"
            send(findings, client, "post", form.action, data, what)

    timings = {"crawl": crawled - started, "forms": time.monotonic() - crawled}
    mark = time.monotonic()
    # Query parameters, by a role that may see the page.
    for path, params in site.query_params.items():
        roles = [role for role in ROLES if any(u.split("?")[0] == path for u in site.ok.get(role, ()))]
        if not roles:
            continue
        for role in roles if corpus.full() else roles[:1]:
            client = client_for(role)
            for index, name in enumerate(params):
                for value in _values_for(index, text):
                    send(
                        findings,
                        client,
                        "get",
                        path,
                        {**params, name: value.value},
                        f"{role} GET {path}?{name}={value.label}",
                    )

    timings["query"] = time.monotonic() - mark
    # Free-text path segments: the verification code and the activation token.
    client = client_for("anon")
    for value in text:
        if not isinstance(value.value, str) or not value.value.strip() or "\x00" in value.value:
            continue
        segment = quote(value.value[:2000].encode("utf-8", "surrogatepass"), safe="")
        for name in ("reports:verify", "villages:invitation_accept"):
            key = "code" if name == "reports:verify" else "token"
            path = reverse(name, kwargs={key: "X"}).replace("/X/", f"/{segment}/")
            send(findings, client, "get", path, {}, f"anon GET {name} {value.label}")
            send(findings, client, "post", path, {"file": "x"}, f"anon POST {name} {value.label}")

    # Every page again, as every role, now that accepted hostile text is stored: it must render escaped.
    mark = time.monotonic()
    for role in ROLES:
        client = client_for(role)
        for url in urls.values():
            send(findings, client, "get", url, {}, f"{role} GET {url} after the sweep")
    timings["pages after"] = time.monotonic() - mark

    elapsed = time.monotonic() - started
    print(
        f"\nhostile sweep: {findings.requests} requests, {len(chosen)} forms, {elapsed:.0f} s",
        {k: round(v) for k, v in timings.items()},
    )

    problems, stored_hostile = stored_problems(hostile_texts)
    assert stored_hostile >= 20, "the sweep should get accepted hostile text into the database"
    after = snapshot()
    lost = {
        label: sorted(pks - after.get(label, set()))[:10]
        for label, pks in before.items()
        if label not in MAY_DISAPPEAR and pks - after.get(label, set())
    }
    foreign = foreign_writes(before, members_before)
    report = []
    if foreign:
        report += ["tampered ids accepted (rows tied to another's unit or office):", *foreign[:30]]
    if findings.errors:
        report += ["5xx answers:", *findings.errors[:60]]
    if findings.unescaped:
        report += ["hostile markup rendered live:", *findings.unescaped[:30]]
    if findings.redirects:
        report += ["redirects to another site:", *findings.redirects[:30]]
    if problems:
        report += ["stored unvalidated:", *problems[:40]]
    if lost:
        report += [f"rows that existed before the sweep are gone: {lost}"]
    assert not report, "\n".join(report)


def test_the_sweep_notices_markup_that_would_run_and_lets_escaped_text_pass():
    from django.http import HttpResponse, HttpResponseRedirect

    from tests.security.sweep import check_response

    findings = Findings()
    escaped = '<p>&lt;img src=x onerror="window.__xss=1"&gt;</p><input value="&quot;&gt;&lt;script&gt;window.__xss=1">'
    check_response(findings, "escaped", HttpResponse(escaped))
    assert findings.unescaped == []
    for live in (
        '<p><img src=x onerror="window.__xss=1"></p>',
        "<script>window.__xss=1</script>",
        '<a href=" javascript:window.__xss=1">x</a>',
        '<base href="http://evil.example/">',
    ):
        check_response(findings, live, HttpResponse(live))
    assert len(findings.unescaped) == 4
    check_response(findings, "redirect", HttpResponseRedirect("//evil.example/"))
    check_response(findings, "redirect", HttpResponseRedirect("/edukasi/"))
    assert findings.redirects == ["redirect: Location '//evil.example/'"]
    check_response(findings, "error", HttpResponse(status=500))
    assert findings.errors == ["error: HTTP 500"]


@pytest.mark.django_db
def test_the_sweep_notices_a_row_tied_to_another_units_data(world):
    from tests.reports.factories import make_activity

    before, members = snapshot(), unit_members()
    make_activity(world.unit_a, author=world.user("officer_a"))
    assert foreign_writes(before, members) == []
    foreign = make_activity(world.unit_b, author=world.user("officer_a"))
    assert foreign_writes(before, members) == [f"activity {foreign.pk} of unit {world.unit_b.pk} by officer_a"]
