"""Where each person lands after signing in, and the task page that puts their tasks together.

Someone with one kind of work lands on that work's own home: a unit's officer on the unit's home, an editor
on the guidance work list, oversight on its dashboard. Office work (staff, PIMPASA, head) is a list of tasks,
so office people land on the task page, and so does anyone holding several kinds of work: one page with the
tasks of every role they hold, the counts first. The project package may name every app's pages; the apps
below it may not, which is why this page lives here and not in the registry.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import gettext as _

from edukasi.models import REVIEW_AFTER_DAYS, Article
from edukasi.selectors import article_counts_by_status, articles_due_for_review
from reports.models import Activity, Incident
from reports.selectors.activities import activities_to_fix_for, staff_status_counts
from reports.selectors.incidents import incident_list_for
from villages.models import Invitation, OfficeMembership, Unit
from villages.permissions import can_propose_any_unit
from villages.roles import Roles, roles_of
from villages.selectors import (
    invitations_pending_for,
    units_awaiting_decision,
    units_proposed_in_progress,
    units_recently_changed,
)

SECTION_SIZE = 10


class Work(StrEnum):
    UNIT = "unit"  # officer or coordinator of a desa binaan
    OFFICE = "office"  # staff, PIMPASA or head of a Kantor Imigrasi
    EDITOR = "editor"  # writes and reviews the public guidance
    OVERSIGHT = "oversight"  # Kanwil or national, read only


# The home of a person with one kind of work; office work has the task page as its home.
OWN_HOME = {
    Work.UNIT: "reports:officer_home",
    Work.EDITOR: "edukasi:editor_home",
    Work.OVERSIGHT: "reports:dashboard",
}


def work_of(roles: Roles) -> list[Work]:
    """The kinds of work the memberships give, in the order the task page shows them."""
    works = []
    if roles.is_office_staff:
        works.append(Work.OFFICE)
    if roles.is_unit_member:
        works.append(Work.UNIT)
    # An explicit editor membership: a superuser may edit guidance too, but it is not their daily work.
    if roles.offices_with(OfficeMembership.Role.EDITOR):
        works.append(Work.EDITOR)
    if roles.is_oversight:
        works.append(Work.OVERSIGHT)
    return works


def landing_url(user: User) -> str | None:
    """The address of the user's home, or None when their home is the task page."""
    works = work_of(roles_of(user))
    if not works:
        # Administrators work in the Django admin; an account without a role reads the public site.
        return reverse("admin:index") if user.is_staff else reverse("home")
    if len(works) == 1 and works[0] in OWN_HOME:
        return reverse(OWN_HOME[works[0]])
    return None


@dataclass(frozen=True)
class Task:
    """One count on the task page, with the list it counts and what to do when there is nothing."""

    key: str
    label: str
    count: int
    url: str
    action: str
    empty: str


@dataclass
class TaskPage:
    works: list[Work]
    tasks: list[Task] = field(default_factory=list)
    shortcuts: list[tuple[str, str]] = field(default_factory=list)
    awaiting: list[Unit] = field(default_factory=list)
    awaiting_more: bool = False
    own: list[Unit] = field(default_factory=list)
    own_more: bool = False
    invitations: list[Invitation] = field(default_factory=list)
    invitations_more: bool = False
    recent: list[Unit] = field(default_factory=list)
    show_recent: bool = False
    is_head: bool = False
    is_office: bool = False
    can_propose: bool = False


def _first(qs, size: int = SECTION_SIZE) -> tuple[list, bool]:
    """The first rows of a work list and whether there are more, in one query."""
    rows = list(qs[: size + 1])
    return rows[:size], len(rows) > size


def _with_query(name: str, **query: str) -> str:
    return reverse(name) + "?" + "&".join(f"{key}={value}" for key, value in query.items())


def task_page_for(user: User) -> TaskPage:
    """Everything the task page shows: a fixed number of queries whatever the size of the data."""
    roles = roles_of(user)
    page = TaskPage(works=work_of(roles), is_head=roles.is_head, is_office=roles.is_office_staff)
    if roles.is_head:
        # The head's work is deciding: the proposals come first.
        page.awaiting, page.awaiting_more = _first(units_awaiting_decision(user))
        page.tasks.append(
            Task(
                key="decisions",
                label=_("Usulan menunggu keputusan Anda"),
                count=units_awaiting_decision(user).count(),
                url="#keputusan",
                action=_("Putuskan usulan"),
                empty=_(
                    "Tidak ada usulan yang menunggu keputusan Anda. Usulan baru dari staf kantor akan muncul di sini."
                ),
            )
        )
    if Work.OFFICE in page.works:
        page.tasks += _office_tasks(user)
        page.own, page.own_more = _first(units_proposed_in_progress(user))
        page.invitations, page.invitations_more = _first(invitations_pending_for(user))
        page.can_propose = can_propose_any_unit(user)
        page.shortcuts.append((_("Semua desa binaan"), reverse("villages:unit_list")))
        page.shortcuts.append((_("Ikhtisar desa binaan"), reverse("reports:staff_overview")))
    if Work.UNIT in page.works:
        page.tasks.append(
            Task(
                key="to_fix",
                label=_("Kegiatan Anda yang perlu diperbaiki"),
                count=activities_to_fix_for(user).count(),
                url=reverse("reports:officer_home"),
                action=_("Perbaiki dan ajukan lagi"),
                empty=_("Tidak ada kegiatan yang perlu diperbaiki. Catat kegiatan baru dari halaman Kegiatan saya."),
            )
        )
        page.shortcuts.append((_("Kegiatan saya"), reverse("reports:officer_home")))
    if Work.EDITOR in page.works:
        page.tasks += _editor_tasks()
        page.shortcuts.append((_("Kelola konten"), reverse("edukasi:editor_home")))
    if Work.OVERSIGHT in page.works:
        page.shortcuts.append((_("Dasbor"), reverse("reports:dashboard")))
    if Work.OFFICE in page.works or Work.OVERSIGHT in page.works:
        page.show_recent = True
        page.recent, _more = _first(units_recently_changed(user))
    return page


def _office_tasks(user: User) -> list[Task]:
    # Waiting and returned logs counted in one query, not one each.
    counts = staff_status_counts(user, (Activity.Status.SUBMITTED, Activity.Status.RETURNED))
    return [
        Task(
            key="waiting",
            label=_("Kegiatan menunggu verifikasi"),
            count=counts[Activity.Status.SUBMITTED],
            url=_with_query("reports:staff_queue", status=Activity.Status.SUBMITTED),
            action=_("Periksa dan verifikasi"),
            empty=_("Tidak ada kegiatan yang menunggu verifikasi. Kegiatan baru dari desa binaan akan muncul di sini."),
        ),
        Task(
            key="incidents",
            label=_("Laporan kejadian baru"),
            count=incident_list_for(user, status=Incident.Status.NEW).count(),
            url=_with_query("reports:incident_list", status=Incident.Status.NEW),
            action=_("Terima dan tindak lanjuti"),
            empty=_("Tidak ada laporan kejadian baru. Laporan dari petugas desa binaan akan muncul di sini."),
        ),
        Task(
            key="returned",
            label=_("Kegiatan dikembalikan, menunggu petugas desa"),
            count=counts[Activity.Status.RETURNED],
            url=_with_query("reports:staff_queue", status=Activity.Status.RETURNED),
            action=_("Lihat kegiatan yang dikembalikan"),
            empty=_(
                "Tidak ada kegiatan yang dikembalikan. Kegiatan yang Anda kembalikan tetap di sini "
                "sampai petugas desa memperbaikinya."
            ),
        ),
        Task(
            key="invitations",
            label=_("Undangan petugas yang belum diterima"),
            count=invitations_pending_for(user).count(),
            url="#undangan",
            action=_("Lihat undangan"),
            empty=_("Tidak ada undangan yang menunggu. Undang petugas dari halaman petugas tiap desa binaan."),
        ),
    ]


def _editor_tasks() -> list[Task]:
    in_review = article_counts_by_status().get(Article.Status.IN_REVIEW, 0)
    return [
        Task(
            key="review_due",
            label=_("Artikel perlu ditinjau ulang"),
            count=articles_due_for_review().count(),
            url=reverse("edukasi:editor_home"),
            action=_("Tinjau artikel"),
            empty=_(
                "Semua artikel sudah ditinjau dalam %(days)s hari terakhir. "
                "Artikel yang lewat waktu akan muncul di sini."
            )
            % {"days": REVIEW_AFTER_DAYS},
        ),
        Task(
            key="in_review",
            label=_("Artikel menunggu terbit"),
            count=in_review,
            url=_with_query("edukasi:editor_home", status=Article.Status.IN_REVIEW),
            action=_("Periksa dan terbitkan"),
            empty=_("Tidak ada artikel yang menunggu terbit. Artikel yang diajukan penulis akan muncul di sini."),
        ),
    ]
