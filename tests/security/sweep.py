"""The machinery of the hostile-input sweep: a richer world, the requests, the checks of stored rows."""

import re
import traceback
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

from django.apps import apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from tests import factories as f
from tests.security import corpus
from tests.security.crawl import Form

# Pages that answer with a PDF or spreadsheet rendered on the spot: slow, and they carry no form.
NOT_CRAWLED = {"unit_poster", "edukasi:article_leaflet", "edukasi:sitemap"}

# Forms whose legitimate success removes or ends something: swept last, so the rest sees the world whole.
ENDING = re.compile(r"/(hapus|keluarkan|lepas|cabut|akhiri|bekukan|tolak|arsipkan|kembalikan|setujui|kukuhkan)/$")

# Rows a legitimate submission of a swept form may delete (a log deleted by its officer, a member
# removed, a session ended by a password change) and rows the portal replaces as it works.
MAY_DISAPPEAR = {
    "reports.activity",
    "reports.activityphoto",
    "villages.unitmembership",
    "villages.unit_pimpasa",
    "sessions.session",
    "axes.accessattempt",
    "edukasi.requirementitem",
    "django_tasks_db.dbtaskresult",
}


class _LiveMarkup(HTMLParser):
    """Collects markup that would act in a browser: handlers, scripts, script URLs, foreign loaders.

    Escaped text and attribute values never show up here, however hostile they read.
    """

    LOADERS = {"script": "src", "iframe": "src", "base": "href", "link": "href", "object": "data", "embed": "src"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip()
            lowered = re.sub(r"\s", "", value).lower()
            if name.startswith("on") and (corpus.XSS_MARK in value or "alert(" in value):
                self.found.append(f"<{tag} {name}={value[:60]!r}>")
            if name in ("href", "src", "action", "data", "formaction", "srcdoc") and lowered.startswith(
                ("javascript:", "vbscript:", "data:text/html")
            ):
                self.found.append(f"<{tag} {name}={value[:60]!r}>")
            if self.LOADERS.get(tag) == name and "evil.example" in value:
                self.found.append(f"<{tag} {name}={value[:60]!r}>")
            if tag == "meta" and name == "content" and "evil.example" in value:
                self.found.append(f"<meta content={value[:60]!r}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and (corpus.XSS_MARK in data or "alert(" in data):
            self.found.append(f"<script>{data[:60]!r}")


@dataclass
class Findings:
    errors: list[str] = field(default_factory=list)
    unescaped: list[str] = field(default_factory=list)
    redirects: list[str] = field(default_factory=list)
    requests: int = 0

    def add_error(self, what: str, detail: str) -> None:
        if len(self.errors) < 200:
            self.errors.append(f"{what}: {detail}")


def enrich(world, client_for) -> dict[str, str]:
    """More rows than the matrix makes, so that every form the portal has shows on some page.

    Returns extra pages to crawl (name -> path).
    """
    from edukasi.models import Article
    from tests.edukasi.helpers import make_article
    from tests.reports.factories import make_activity, make_incident, make_summary

    extra = {}
    draft = make_article(status=Article.Status.DRAFT, title="Draf uji")
    review = make_article(status=Article.Status.IN_REVIEW, title="Tinjauan uji")
    published = make_article(title="Terbit uji")
    extra["draft"] = reverse("edukasi:editor_article", kwargs={"pk": draft.pk})
    extra["review"] = reverse("edukasi:editor_article", kwargs={"pk": review.pk})
    extra["published"] = reverse("edukasi:editor_article", kwargs={"pk": published.pk})
    extra["revision"] = reverse("edukasi:revision_detail", kwargs={"pk": draft.pk, "number": 1})

    from reports.models import Activity

    make_activity(world.unit_a, author=world.user("officer_a"), status=Activity.Status.SUBMITTED)
    make_activity(world.unit_a, author=world.user("officer_a"), status=Activity.Status.RETURNED)
    world.extra_ids = {
        "unit_b": world.unit_b.pk,
        "office_y": world.office_y.pk,
        "activity_b": make_activity(world.unit_b, author=world.user("officer_b")).pk,
        "incident_b": make_incident(world.unit_b, author=world.user("officer_b")).pk,
        "user_officer_b": world.user("officer_b").pk,
        "summary_y": make_summary(world.office_y, by=world.user("staff_y")).pk,
        "article_missing": 10**9,
    }
    make_incident(world.unit_a, author=world.user("officer_a"))

    free = f.make_village("31.72.03.1099", "Kelurahan Uji Bebas")
    extra["propose"] = reverse("villages:unit_propose") + f"?region={free.code}"

    # A pending invitation for a new person: the members page shows resend/revoke, and its link the
    # public activation form.
    client = client_for("staff_x")
    client.post(
        reverse("villages:invitation_create", kwargs={"pk": world.unit_a.pk}),
        {"email": "calon.petugas@example.test", "role": "officer"},
    )
    links = re.findall(r"https?://\S+/akun/aktivasi/\S+/", " ".join(x.body for x in mail.outbox))
    if links:
        extra["activation"] = re.sub(r"^https?://[^/]+", "", links[-1])
    client.post(
        reverse("villages:pimpasa_remove", kwargs={"pk": world.unit_a.pk, "user_pk": world.user("pimpasa_x").pk})
    )
    world.unit_a.pimpasa.add(world.user("pimpasa_x"))
    return extra


def resolve(value: corpus.Value, world) -> object:
    return value.value


def tampered_values(world) -> list[corpus.Value]:
    return [corpus.Value(f"tamper:{name}", str(world.extra_ids[name]), "tamper") for name in corpus.TAMPERED]


def valid_file():
    return corpus.FILES[-1][1]()


def payload(form: Form, name: str, value: object) -> dict:
    data = form.data()
    if "client_token" in data:
        # A fresh token each time, as a fresh page would give: otherwise the first success would turn
        # every later submission into a harmless "already saved".
        data["client_token"] = str(uuid.uuid4())
    for file_name in form.file_fields():
        data[file_name] = valid_file()
    data[name] = value
    return data


def check_response(findings: Findings, what: str, response) -> None:
    findings.requests += 1
    if response.status_code >= 500:
        findings.add_error(what, f"HTTP {response.status_code}")
        return
    if 300 <= response.status_code < 400:
        # An open redirect: a hostile "next" must never send the user to another site.
        location = response.get("Location", "")
        target = urlsplit(urljoin("http://testserver/", location))
        if target.netloc != "testserver" or target.scheme not in ("http", "https"):
            findings.redirects.append(f"{what}: Location {location[:80]!r}")
        return
    ctype = response.get("Content-Type", "")
    if not ctype.startswith("text/html") or response.streaming:
        return
    body = response.content.decode(errors="replace")
    if corpus.XSS_MARK not in body and "alert(" not in body and "evil.example" not in body:
        return
    parser = _LiveMarkup()
    parser.feed(body)
    findings.unescaped.extend(f"{what}: {item}" for item in parser.found)


def _has_surrogate(value) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, str) and any("\ud800" <= ch <= "\udfff" for ch in v) for v in values)


def _raw(data: dict) -> str:
    """A query string of the bytes a broken client would send for lone surrogates (invalid UTF-8)."""
    pairs = []
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, str(item).encode("utf-8", "surrogatepass")))
    return urlencode(pairs)


def send(findings: Findings, client, method: str, path: str, data, what: str) -> None:
    try:
        if any(_has_surrogate(v) for v in data.values()):
            if method == "post":
                response = client.post(path, _raw(data), content_type="application/x-www-form-urlencoded")
            else:
                response = client.get(f"{path}?{_raw(data)}")
        elif method == "post":
            response = client.post(path, data)
        else:
            response = client.get(path, data)
    except Exception as error:  # every exception is a 500 the user would see
        frames = [fr for fr in traceback.extract_tb(error.__traceback__) if "/site-packages/" not in fr.filename]
        where = f" at {'/'.join(frames[-1].filename.rsplit('/', 2)[-2:])}:{frames[-1].lineno}" if frames else ""
        findings.add_error(what, f"{type(error).__name__}: {str(error)[:200]}{where}")
        findings.requests += 1
        return
    check_response(findings, what, response)


# --- Stored rows --------------------------------------------------------------------------------


def project_models():
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            yield model


def snapshot() -> dict[str, set]:
    return {m._meta.label_lower: set(m._default_manager.values_list("pk", flat=True)) for m in project_models()}


def stored_problems(hostile_texts: set[str]) -> tuple[list[str], int]:
    """Every stored value: no NUL, within max_length, valid for its validators and choices; hostile text verbatim.

    Also returns how many stored values carry a script payload: the sweep must have got some through.
    """
    problems, hostile = [], 0
    for model in project_models():
        fields = [
            fld
            for fld in model._meta.concrete_fields
            if not fld.is_relation and not isinstance(fld, models.AutoField | models.BinaryField)
        ]
        for row in model._default_manager.values_list("pk", *[fld.attname for fld in fields]).iterator():
            pk, values = row[0], row[1:]
            for fld, value in zip(fields, values, strict=True):
                if value is None or value == "":
                    continue
                where = f"{model._meta.label}.{fld.name} pk={pk}"
                if isinstance(value, str):
                    if "\x00" in value:
                        problems.append(f"{where}: NUL byte stored")
                    if fld.max_length and len(value) > fld.max_length:
                        problems.append(f"{where}: {len(value)} characters > max_length {fld.max_length}")
                    hostile += corpus.XSS_MARK in value
                    if corpus.XSS_MARK in value and not any(h in value for h in hostile_texts):
                        problems.append(f"{where}: hostile text stored altered: {value[:80]!r}")
                if fld.choices:
                    allowed = {str(k) for k, _ in fld.flatchoices}
                    values_ = value if isinstance(value, list) else [value]
                    for item in values_:
                        if str(item) not in allowed:
                            problems.append(f"{where}: {item!r} is not one of its choices")
                if isinstance(fld, models.FileField):
                    continue
                try:
                    fld.run_validators(value)
                except ValidationError as error:
                    problems.append(f"{where}: {value!r:.60} fails its validators ({error.messages[0]})")
    return problems, hostile


def unit_members() -> set[tuple[int, int]]:
    from villages.models import UnitMembership

    return set(UnitMembership.objects.values_list("user_id", "unit_id"))


def foreign_writes(before: dict[str, set], members_before: set[tuple[int, int]]) -> list[str]:
    """Rows the sweep created that tie someone to another's unit or office: a tampered id was accepted.

    Judged by memberships, not by the portal's predicates: those also look at a unit's current status,
    and the sweep retires and suspends units along the way; it also removes members, so a unit membership
    held before the sweep counts.
    """
    from reports.models import Activity, ActivityEvent, Incident, IncidentEvent, Summary
    from villages.models import Invitation, OfficeMembership, OversightMembership, UnitEvent, UnitMembership

    def new(model):
        return model.objects.exclude(pk__in=before.get(model._meta.label_lower, set()))

    def on_office(user, office) -> bool:
        return (
            user.is_superuser
            or OfficeMembership.objects.filter(user=user, office_id=office.pk).exists()
            or OversightMembership.objects.filter(user=user, kanwil__in=[None, office.kanwil_id]).exists()
        )

    def in_unit(user, unit) -> bool:
        return (user.pk, unit.pk) in members_before or UnitMembership.objects.filter(user=user, unit=unit).exists()

    problems = []
    for row in [*new(Activity).select_related("unit", "author"), *new(Incident).select_related("unit", "author")]:
        if row.office_id != row.unit.office_id or not (row.author.is_superuser or in_unit(row.author, row.unit)):
            problems.append(f"{row._meta.model_name} {row.pk} of unit {row.unit_id} by {row.author}")
    for event in new(ActivityEvent).select_related("activity__unit__office", "actor").exclude(activity=None):
        activity = event.activity
        if not (in_unit(event.actor, activity.unit) or on_office(event.actor, activity.unit.office)):
            problems.append(f"activity event {event.pk} on activity {activity.pk} by {event.actor}")
    for event in new(IncidentEvent).select_related("incident__unit__office", "actor"):
        incident = event.incident
        if not (event.actor.pk == incident.author_id or on_office(event.actor, incident.unit.office)):
            problems.append(f"incident event {event.pk} on incident {incident.pk} by {event.actor}")
    for event in new(UnitEvent).select_related("unit__office", "actor"):
        if not on_office(event.actor, event.unit.office):
            problems.append(f"unit event {event.pk} on unit {event.unit_id} by {event.actor}")
    for invitation in new(Invitation).select_related("unit__office", "invited_by"):
        if not on_office(invitation.invited_by, invitation.unit.office):
            problems.append(f"invitation {invitation.pk} to unit {invitation.unit_id} by {invitation.invited_by}")
    for summary in new(Summary).select_related("office", "unit", "generated_by"):
        by, unit = summary.generated_by, summary.unit
        allowed = (
            unit.office_id == summary.office_id and (in_unit(by, unit) or on_office(by, summary.office))
            if unit is not None
            else on_office(by, summary.office)
        )
        if not allowed:
            problems.append(f"summary {summary.pk} of office {summary.office_id} unit {summary.unit_id} by {by}")
    return problems
