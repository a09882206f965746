"""At 320 px no page scrolls sideways, for any role that may see it, even with a 200-character word in it.

Walks the permission matrix (``tests/matrix``): every URL name, as every role whose outcome there is 200.
The world's user text (activity place and notes, incident text, unit address and name, article title,
people's names, an invitation's e-mail address...) holds one unbroken 200-character word, so a page that
does not wrap user text shows it. A box that scrolls sideways inside the page (a table in .table-responsive)
fails too: it hides columns just the same. Pages that answer with a file (PDF, CSV, XLSX, images) are skipped.

One case per role: it signs in by copying a test client's session cookie into the browser (faster than the
sign-in form) and walks every page the matrix gives that role. One live server, one Chromium and one browser
context serve all the cases.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError

from edukasi.models import Article, ArticleRevision, Fee, Hotline, Requirement, RequirementItem, Topic
from reports.models import Activity, ActivityEvent, Incident, IncidentEvent
from tests.edukasi.helpers import make_article, make_fee, make_hotline, make_requirement, make_topic
from tests.matrix import ROLES
from tests.reports.factories import make_activity, make_incident
from tests.test_permission_matrix import all_rows, all_url_names
from villages.invitations import invitation_create
from villages.models import Office, Region, Unit, UnitEvent, UnitMembership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320
LONG = ("Pemberangkatanpekerjamigran" * 8)[:200]
# As long as an e-mail address gets: a 64-character local part and a 63-character domain label.
LONG_EMAIL = f"{'p' * 64}@{'k' * 63}.example.test"

ROWS = all_rows()
# Only names some role may see; POST-only views, 403s and 404s have no page to lay out.
VISIBLE = [name for name in all_url_names() if 200 in ROWS[name].expect.values()]

# The elements that stick out: the outermost ones past the right edge, named so a failure points at them.
OVERFLOW_JS = """(width) => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 0.5) continue;
    const parent = el.parentElement.getBoundingClientRect();
    if (parent.right > width + 0.5 && el.parentElement !== document.body) continue;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.classList.length ? '.' + [...el.classList].join('.') : '');
    out.push(`${name} (${Math.round(r.right)} px): ${(el.innerText || '').trim().slice(0, 50)}`);
    if (out.length === 4) break;
  }
  return out;
}"""
SCROLL_BOXES_JS = """() => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el).overflowX;
    if ((style === 'auto' || style === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      const name = el.tagName.toLowerCase() + (el.classList.length ? '.' + [...el.classList].join('.') : '');
      out.push(`${name} scrolls (${el.scrollWidth} px in ${el.clientWidth}): ${el.innerText.trim().slice(0, 50)}`);
    }
  }
  return out;
}"""


def _rows_for_the_lists(world) -> None:
    """Rows for the lists to show, in addition to the ones the matrix's kwargs make."""
    unit = world.unit_a
    officer, staff = world.user("officer_a"), world.user("staff_x")
    yesterday = timezone.localdate() - timedelta(days=1)
    make_activity(unit, author=officer, day=yesterday, status=Activity.Status.SUBMITTED)
    make_activity(unit, author=officer, day=yesterday, status=Activity.Status.RETURNED)
    make_activity(unit, author=officer, day=yesterday - timedelta(days=3), status=Activity.Status.VERIFIED)
    make_incident(unit, author=officer, day=yesterday)
    invitation_create(unit=unit, by=staff, email=LONG_EMAIL, role=UnitMembership.Role.OFFICER)
    UnitEvent.objects.create(unit=unit, kind=UnitEvent.Kind.EDIT, actor=staff, reason=LONG)
    topic = make_topic()
    make_article(topic=topic, by=world.user("editor"))
    make_article(topic=topic, by=world.user("editor"), status=Article.Status.IN_REVIEW)
    make_fee()
    make_hotline(dial="0800111222")
    make_requirement()


def _lengthen_user_text(world) -> None:
    """One unbroken word in every kind of text people type, on every row (the kwargs' rows too)."""
    Activity.objects.update(place=LONG, notes=f"{LONG}\n{LONG}", review_comment=LONG)
    ActivityEvent.objects.update(comment=LONG)
    Incident.objects.update(place=LONG, description=LONG, people_involved=LONG, referred_to_detail=LONG)
    IncidentEvent.objects.update(note=LONG)
    Unit.objects.update(
        address=LONG,
        reason_detail=LONG,
        contact_name=LONG[:150],
        contact_phone=LONG[:40],
        contact_email=LONG_EMAIL,
        decree_number=LONG[:120],
    )
    Region.objects.filter(pk=world.unit_a.region_id).update(name=LONG[:120])
    Office.objects.update(address=LONG, email=LONG_EMAIL)
    UnitEvent.objects.update(reason=LONG)
    User.objects.update(first_name=LONG[:150], last_name=LONG[:150], email=LONG_EMAIL)
    Topic.objects.update(description=LONG)
    Article.objects.update(title=LONG, summary=LONG, body=f"## {LONG}\n\n{LONG}\n", sources=LONG)
    ArticleRevision.objects.update(title=LONG, summary=LONG, body=LONG, sources=LONG, note=LONG)
    Fee.objects.update(service=LONG, legal_basis=LONG, note=LONG, source=LONG)
    Hotline.objects.update(name=LONG, number=LONG[:100], hours=LONG[:120], note=LONG, source=LONG)
    Requirement.objects.update(title=LONG, legal_basis=LONG, source=LONG)
    RequirementItem.objects.update(text=LONG, note=LONG)


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 640}, is_mobile=True, has_touch=True, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


# URL names found to answer with a file (name -> content type): the next roles need not fetch it again.
FILES: dict[str, str] = {}


def _open(page, url: str) -> str:
    """Open ``url``; returns its content type (a PDF, CSV or XLSX download is "attachment")."""
    try:
        response = page.goto(url)
    except PlaywrightError as error:
        if "Download is starting" in error.message:
            return "attachment"
        raise
    assert response is not None and response.status == 200, (url, response and response.status)
    return response.headers.get("content-type", "")


@pytest.mark.parametrize("role", ROLES)
def test_no_page_scrolls_sideways_at_320_px(role, world, live_server, phone):
    _rows_for_the_lists(world)
    names = [name for name in VISIBLE if ROWS[name].expect[role] == 200 and name not in FILES]
    paths = {name: reverse(name, kwargs=ROWS[name].kwargs(world)) + ROWS[name].query for name in names}
    _lengthen_user_text(world)
    phone.context.clear_cookies()
    user = world.user(role)
    if user is not None:
        client = Client()
        client.force_login(user)
        phone.context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
        )
    wide, pages = {}, 0
    for name, path in paths.items():
        kind = _open(phone, live_server.url + path)
        if not kind.startswith("text/html"):
            FILES[name] = kind
            continue
        pages += 1
        width = phone.evaluate("document.documentElement.scrollWidth")
        culprits = phone.evaluate(SCROLL_BOXES_JS)
        if width > WIDTH:
            culprits = [f"{width} px", *phone.evaluate(OVERFLOW_JS, WIDTH), *culprits]
        if culprits:
            wide[path] = culprits
    assert pages >= 10, f"{role} saw only {pages} pages"
    assert not wide, f"{role}: pages wider than {WIDTH} px:\n" + "\n".join(f"{p}: {c}" for p, c in wide.items())
