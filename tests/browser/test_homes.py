"""Every role of the matrix signs in through the real form on a 360 px phone and lands on its own home;
the task counts on the page are the database's."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from edukasi.models import REVIEW_AFTER_DAYS, Article
from tests.conftest import ROLES, login_in_browser
from tests.foundation.test_my_home import LANDING, expected_tasks, fill_work, make_multi
from villages.models import OfficeMembership, UnitMembership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/dbi/shots/homes"))
PHONE_HEIGHT = 780


def _shown_counts(page) -> dict[str, int]:
    tiles = page.locator("[data-task]")
    return {
        tiles.nth(i).get_attribute("data-task"): int(tiles.nth(i).locator("[data-count]").inner_text())
        for i in range(tiles.count())
    }


def _sign_out(page) -> None:
    page.context.clear_cookies()


def test_each_role_signs_in_and_lands_on_its_home_with_the_databases_counts(world, live_server, phone_page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    fill_work(world, n=2)
    for role in ROLES:
        _sign_out(phone_page)
        if role == "anon":
            phone_page.goto(live_server.url + "/")
        else:
            login_in_browser(phone_page, live_server, world.user(role))
        path = phone_page.evaluate("location.pathname")
        assert path == reverse(LANDING[role]), role
        phone_page.screenshot(path=str(SHOTS / f"{role}-360.png"))
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360, role
        if LANDING[role] == "my_home":
            assert _shown_counts(phone_page) == expected_tasks(world.user(role)), role
            # The title and the first counts are on the first screen of the phone, before any list.
            first = phone_page.locator("[data-task]").first.bounding_box()
            assert first is not None and first["y"] + first["height"] <= PHONE_HEIGHT, role
            assert phone_page.locator("h1").inner_text() == "Tugas saya"
        elif role == "editor":
            cutoff = timezone.localdate() - timedelta(days=REVIEW_AFTER_DAYS)
            due = Article.objects.filter(last_reviewed__lt=cutoff).exclude(status=Article.Status.ARCHIVED).count()
            assert phone_page.locator("#overdue-heading + ul li").count() == due > 0
        assert "Gunakan menu di atas" not in phone_page.content()


def test_someone_with_several_roles_sees_their_tasks_together_on_a_phone_and_a_desktop(
    world, live_server, phone_page, page, axe
):
    fill_work(world, n=2)
    user = make_multi(
        world,
        "kepala-editor-koordinator",
        (world.office_x, OfficeMembership.Role.HEAD),
        (world.office_x, OfficeMembership.Role.EDITOR),
        (world.unit_a, UnitMembership.Role.COORDINATOR),
    )
    for shown, name in ((phone_page, "several-roles-360"), (page, "several-roles-1280")):
        login_in_browser(shown, live_server, user)
        assert shown.evaluate("location.pathname") == reverse("my_home")
        counts = _shown_counts(shown)
        assert next(iter(counts)) == "decisions"
        assert counts == expected_tasks(user)
        assert {"decisions", "waiting", "to_fix", "review_due"} <= set(counts)
        violations = axe(shown)
        assert violations == [], [(v["id"], v["help"]) for v in violations]
        shown.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    # The brand leads back to the same page from anywhere.
    page.goto(live_server.url + reverse("edukasi:home"))
    page.click("a.site-brand")
    page.wait_for_load_state()
    assert page.evaluate("location.pathname") == reverse("my_home")
    # A count opens the list it counts.
    page.click("[data-task=waiting]")
    page.wait_for_load_state()
    assert page.evaluate("location.pathname") == reverse("reports:staff_queue")
    assert page.locator("select[name=status]").input_value() == "submitted"
