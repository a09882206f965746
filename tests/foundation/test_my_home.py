"""Each person's own home (``/tugas/``): where sign-in lands each role, and the task page's counts.

The counts are checked against the database with plain queries written here, not through the selectors the
page uses, so that a selector counting the wrong rows fails these tests.
"""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from desabinaan.homes import Work, work_of
from edukasi.models import REVIEW_AFTER_DAYS, Article
from reports.models import Activity, Incident
from tests import factories as f
from tests.conftest import ROLES
from tests.edukasi.helpers import make_article
from tests.reports.factories import make_activity, make_incident
from villages.models import Invitation, OfficeMembership, OversightMembership, Unit, UnitMembership
from villages.roles import OFFICE_WORK_ROLES, roles_of

URL = "/tugas/"
S = Unit.Status
A = Activity.Status

# Where each role of the cast lands after signing in (the citizen has no account: the public home).
LANDING = {
    "anon": "home",
    "officer_a": "reports:officer_home",
    "coordinator_a": "reports:officer_home",
    "officer_b": "reports:officer_home",
    "staff_x": "my_home",
    "pimpasa_x": "my_home",
    "head_x": "my_home",
    "staff_y": "my_home",
    "oversight": "reports:dashboard",
    "editor": "edukasi:editor_home",
    "admin": "admin:index",
}


def invite(unit, by, email, *, expires_in=timedelta(days=7), **fields) -> Invitation:
    user = f.make_user(email=email, is_active=False)
    _token, token_hash = Invitation.new_token()
    return Invitation.objects.create(
        email=email,
        unit=unit,
        role=UnitMembership.Role.OFFICER,
        user=user,
        invited_by=by,
        token_hash=token_hash,
        expires_at=timezone.now() + expires_in,
        **fields,
    )


def fill_work(world, n: int = 1) -> None:
    """Work waiting in both offices, ``n`` of each kind (different numbers per office, so a count taken
    from the wrong office shows)."""
    for office_n, unit, officer, staff in [
        (n, world.unit_a, world.user("officer_a"), world.user("staff_x")),
        (2 * n, world.unit_b, world.user("officer_b"), world.user("staff_y")),
    ]:
        for i in range(office_n):
            make_activity(unit, author=officer, status=A.SUBMITTED)
            make_activity(unit, author=officer, status=A.RETURNED)
            make_activity(unit, author=officer, status=A.VERIFIED)
            make_incident(unit, author=officer)
            make_incident(unit, author=officer, status=Incident.Status.ACKNOWLEDGED)
            invite(unit, staff, f"petugas-{unit.pk}-{i}-{Invitation.objects.count()}@example.test")
        for _ in range(office_n + 1):
            f.make_unit(office=unit.office, status=S.PROPOSED, proposed_by=staff)
        make_activity(unit, author=officer, status=A.SUBMITTED)
    for _ in range(n):
        make_article(last_reviewed=date(2020, 1, 1))
        make_article(status=Article.Status.IN_REVIEW)
        make_article()


def expected_tasks(user: User) -> dict[str, int]:
    """The task counts the page must show ``user``, counted straight from the tables."""
    memberships = OfficeMembership.objects.filter(user=user)
    offices = list(memberships.filter(role__in=OFFICE_WORK_ROLES).values_list("office_id", flat=True))
    headed = list(memberships.filter(role=OfficeMembership.Role.HEAD).values_list("office_id", flat=True))
    units = list(UnitMembership.objects.filter(user=user).values_list("unit_id", flat=True))
    counts = {}
    if headed:
        proposals = Unit.objects.filter(status=S.PROPOSED, office_id__in=headed).exclude(proposed_by=user)
        counts["decisions"] = proposals.count()
    if offices:
        counts["waiting"] = Activity.objects.filter(office_id__in=offices, status=A.SUBMITTED).count()
        counts["incidents"] = Incident.objects.filter(
            Q(office_id__in=offices) | Q(author=user), status=Incident.Status.NEW
        ).count()
        counts["returned"] = Activity.objects.filter(office_id__in=offices, status=A.RETURNED).count()
        counts["invitations"] = Invitation.objects.filter(
            unit__office_id__in=offices, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
        ).count()
    if units:
        counts["to_fix"] = Activity.objects.filter(unit_id__in=units, status=A.RETURNED).count()
    if memberships.filter(role=OfficeMembership.Role.EDITOR).exists():
        cutoff = timezone.localdate() - timedelta(days=REVIEW_AFTER_DAYS)
        due = Article.objects.filter(last_reviewed__lt=cutoff).exclude(status=Article.Status.ARCHIVED)
        counts["review_due"] = due.count()
        counts["in_review"] = Article.objects.filter(status=Article.Status.IN_REVIEW).count()
    return counts


def shown_tasks(response) -> dict[str, int]:
    return {task.key: task.count for task in response.context["page"].tasks}


def sign_in(client, user: User, **query):
    url = reverse("login") + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    return client.post(url, {"username": user.username, "password": f.PASSWORD}, follow=True)


def make_multi(world, username: str, *roles: tuple) -> User:
    user = f.make_user(username)
    for place, role in roles:
        if isinstance(place, Unit):
            UnitMembership.objects.create(user=user, unit=place, role=role)
        else:
            OfficeMembership.objects.create(user=user, office=place, role=role)
    return user


# --- Landing ------------------------------------------------------------------------------------


def test_the_url_is_the_named_pattern_and_sign_in_leads_to_it(settings):
    assert reverse("my_home") == URL
    assert settings.LOGIN_REDIRECT_URL == "my_home"


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anon"])
def test_signing_in_through_the_form_lands_each_role_on_its_home(world, client, role):
    response = sign_in(client, world.user(role))
    assert response.redirect_chain[0][0] == URL
    assert response.request["PATH_INFO"] == reverse(LANDING[role])
    assert response.status_code == 200


def test_the_citizen_reads_the_public_home_and_the_brand_leads_there(world, client):
    assert client.get(URL)["Location"].startswith(reverse("login"))
    html = client.get(reverse("home")).content.decode()
    assert f'class="site-brand" href="{reverse("home")}"' in html


def test_signed_in_the_brand_leads_to_the_persons_own_home(world, client_for):
    html = client_for("officer_a").get(reverse("edukasi:home")).content.decode()
    assert f'class="site-brand" href="{URL}"' in html


def test_an_account_without_any_role_lands_on_the_public_home(db, client):
    user = f.make_user("tanpa-peran")
    response = sign_in(client, user)
    assert response.request["PATH_INFO"] == reverse("home")
    html = response.content.decode()
    assert "Gunakan menu di atas" not in html
    # Nothing to open: no button that would only lead back here.
    assert "Buka pekerjaan saya" not in html


def test_a_safe_next_wins_over_the_home(world, client):
    target = reverse("villages:unit_list") + "?status=proposed"
    response = client.post(
        reverse("login") + "?next=" + reverse("villages:unit_list") + "%3Fstatus%3Dproposed",
        {"username": "staff_x", "password": f.PASSWORD},
    )
    assert response["Location"] == target


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_a_next_off_this_site_is_ignored_and_the_home_is_used(world, client, next_url):
    response = client.post(reverse("login"), {"username": "officer_a", "password": f.PASSWORD, "next": next_url})
    assert response["Location"] == URL
    assert client.get(URL)["Location"] == reverse("reports:officer_home")


def test_the_work_of_each_role_of_the_cast(world):
    works = {role: work_of(roles_of(world.user(role))) for role in ROLES if role != "anon"}
    assert works == {
        "officer_a": [Work.UNIT],
        "coordinator_a": [Work.UNIT],
        "officer_b": [Work.UNIT],
        "staff_x": [Work.OFFICE],
        "pimpasa_x": [Work.OFFICE],
        "head_x": [Work.OFFICE],
        "staff_y": [Work.OFFICE],
        "oversight": [Work.OVERSIGHT],
        "editor": [Work.EDITOR],
        "admin": [],
    }


# --- Several roles: one page with all their tasks -------------------------------------------------


def test_staff_who_is_also_an_editor_sees_both_kinds_of_task_on_one_page(world, client):
    fill_work(world)
    user = make_multi(
        world,
        "staf-editor",
        (world.office_x, OfficeMembership.Role.STAFF),
        (world.office_x, OfficeMembership.Role.EDITOR),
    )
    response = sign_in(client, user)
    assert response.request["PATH_INFO"] == URL
    assert list(shown_tasks(response)) == ["waiting", "incidents", "returned", "invitations", "review_due", "in_review"]
    assert shown_tasks(response) == expected_tasks(user)


def test_an_officer_who_is_also_an_editor_gets_the_task_page_not_one_of_the_two_homes(world, client):
    fill_work(world)
    user = make_multi(
        world,
        "petugas-editor",
        (world.unit_a, UnitMembership.Role.OFFICER),
        (world.office_y, OfficeMembership.Role.EDITOR),
    )
    response = sign_in(client, user)
    assert response.request["PATH_INFO"] == URL
    assert shown_tasks(response) == expected_tasks(user) == {"to_fix": 1, "review_due": 1, "in_review": 1}
    html = response.content.decode()
    assert reverse("reports:officer_home") in html and reverse("edukasi:editor_home") in html


def test_a_head_who_is_also_staff_sees_the_decisions_first(world, client):
    fill_work(world)
    user = make_multi(
        world,
        "kepala-staf",
        (world.office_x, OfficeMembership.Role.HEAD),
        (world.office_x, OfficeMembership.Role.STAFF),
    )
    response = sign_in(client, user)
    assert response.request["PATH_INFO"] == URL
    tasks = shown_tasks(response)
    assert next(iter(tasks)) == "decisions"
    assert tasks == expected_tasks(user)
    html = response.content.decode()
    assert html.index('id="keputusan"') < html.index('id="undangan"')


# --- The counts: equal to the database, scoped to the user's offices ------------------------------


@pytest.mark.parametrize("role", ["staff_x", "pimpasa_x", "head_x", "staff_y"])
def test_each_count_equals_the_database(world, client_for, role):
    fill_work(world, n=2)
    response = client_for(role).get(URL)
    assert shown_tasks(response) == expected_tasks(world.user(role))
    assert all(count > 0 for count in shown_tasks(response).values())


def test_staff_of_office_y_never_see_the_counts_of_office_x(world, client_for):
    fill_work(world)
    x = shown_tasks(client_for("staff_x").get(URL))
    y = shown_tasks(client_for("staff_y").get(URL))
    # Office Y has twice the work of office X in ``fill_work``, plus one more waiting log each.
    assert x == {"waiting": 2, "incidents": 1, "returned": 1, "invitations": 1}
    assert y == {"waiting": 3, "incidents": 2, "returned": 2, "invitations": 2}


def test_each_count_links_to_a_list_holding_exactly_that_many_rows(world, client_for):
    fill_work(world, n=2)
    client = client_for("staff_x")
    page = client.get(URL).context["page"]
    tasks = {task.key: task for task in page.tasks}
    for key in ("waiting", "returned", "incidents"):
        listed = client.get(tasks[key].url).context["page"].paginator.count
        assert listed == tasks[key].count, key
    assert len(page.invitations) == tasks["invitations"].count


def test_the_counts_link_to_the_waiting_queue_and_the_new_incidents(world, client_for):
    html = client_for("staff_x").get(URL).content.decode()
    assert f'href="{reverse("reports:staff_queue")}?status=submitted"' in html
    assert f'href="{reverse("reports:incident_list")}?status=new"' in html


def test_empty_counts_say_what_to_do_next(world, client_for):
    html = client_for("head_x").get(URL).content.decode()
    assert "Tidak ada kegiatan yang menunggu verifikasi. Kegiatan baru dari desa binaan akan muncul di sini." in html
    assert "Tidak ada laporan kejadian baru." in html
    assert "Tidak ada usulan yang menunggu keputusan Anda." in html
    assert "Gunakan menu di atas" not in html


def test_the_title_and_the_counts_come_before_any_list(world, client_for):
    fill_work(world)
    html = client_for("staff_x").get(URL).content.decode()
    main = html[html.index('<main id="main"') :]
    assert main.index("<h1") < main.index('class="task-counts') < main.index('id="own-heading"')


# --- The work lists below the counts (formerly the registry's staff page) -------------------------


def test_head_sees_proposals_of_their_office_but_not_their_own(client_for, world):
    waiting = f.make_unit(office=world.office_x, status=S.PROPOSED, proposed_by=world.user("staff_x"))
    own = f.make_unit(office=world.office_x, status=S.PROPOSED, proposed_by=world.user("head_x"))
    other_office = f.make_unit(office=world.office_y, status=S.PROPOSED, proposed_by=world.user("staff_y"))
    page = client_for("head_x").get(URL).context["page"]
    assert page.awaiting == [waiting]
    assert page.own == [own]
    assert other_office not in page.recent


def test_staff_see_their_own_proposals_in_progress_and_no_decisions(client_for, world):
    proposed = f.make_unit(office=world.office_x, status=S.PROPOSED, proposed_by=world.user("staff_x"))
    approved = f.make_unit(office=world.office_x, status=S.APPROVED, proposed_by=world.user("staff_x"))
    f.make_unit(office=world.office_x, status=S.REJECTED, proposed_by=world.user("staff_x"))
    response = client_for("staff_x").get(URL)
    assert set(response.context["page"].own) == {proposed, approved}
    assert "decisions" not in shown_tasks(response)
    assert "Usulan menunggu keputusan Anda" not in response.content.decode()


def test_pending_invitations_of_the_offices_units_only(client_for, world):
    pending = invite(world.unit_a, world.user("staff_x"), "baru@example.test")
    invite(world.unit_a, world.user("staff_x"), "lama@example.test", expires_in=timedelta(days=-1))
    invite(world.unit_a, world.user("staff_x"), "dicabut@example.test", revoked_at=timezone.now())
    invite(world.unit_b, world.user("staff_y"), "lain@example.test")
    response = client_for("staff_x").get(URL)
    assert response.context["page"].invitations == [pending]
    assert shown_tasks(response)["invitations"] == 1
    assert "baru@example.test" in response.content.decode()


def test_the_public_home_offers_the_signed_in_person_their_work(world, client_for):
    html = client_for("staff_x").get(reverse("home")).content.decode()
    assert "Gunakan menu di atas" not in html
    assert f'href="{URL}"' in html


# --- Query count -----------------------------------------------------------------------------------


def grow(world, n: int) -> None:
    fill_work(world, n)
    start = Unit.objects.count()
    for i in range(start, start + n):
        unit = f.make_unit(
            office=world.office_x,
            # Outside 31.72, where tests.factories.make_village deals its codes for the whole session.
            region=f.make_village(f"31.75.05.{1100 + i:04d}"),
            status=[S.PROPOSED, S.APPROVED, S.ACTIVE][i % 3],
            proposed_by=world.user("staff_x") if i % 2 else world.user("head_x"),
        )
        invite(unit, world.user("staff_x"), f"petugas{i}@example.test")


@pytest.mark.parametrize("who", ["head_x", "staff_x", "everything"])
def test_the_task_page_query_count_does_not_grow_with_the_data(world, client, django_assert_max_num_queries, who):
    if who == "everything":
        user = make_multi(
            world,
            "semua-peran",
            (world.office_x, OfficeMembership.Role.HEAD),
            (world.office_x, OfficeMembership.Role.EDITOR),
            (world.unit_a, UnitMembership.Role.COORDINATOR),
        )
        OversightMembership.objects.create(user=user, kanwil=world.kanwil)
    else:
        user = world.user(who)
    client.force_login(user)
    grow(world, 2)
    with django_assert_max_num_queries(20) as small:
        assert client.get(URL).status_code == 200
    grow(world, 20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL)
    assert shown_tasks(response) == expected_tasks(user)
