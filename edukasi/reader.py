"""The reader's office: chosen once (no account), remembered in a cookie, and what holds there.

The choice is the cookie ``kantor`` holding an Office slug. A reader sets it through a GET link or form on a
guidance page (``?kantor=<slug>``, or ``?kelurahan=<code or name>`` resolved through the offices' service
areas); the page sets the cookie and redirects to itself without the choice in the address, so every cached
page is rendered from its path, its language and this one cookie. ``?kantor=`` (empty) clears the choice.
A cookie that is malformed or names no office is no choice, never an error.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import urlencode

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from villages.models import VILLAGE_CODE_RE, Office, Region, Unit
from villages.regions import clean_search_text, regions_search, regions_with_trail
from villages.roles import roles_of

from . import caching
from .models import Fee, OfficeFact, OfficeFactEvent, PassportKinds

COOKIE = caching.KANTOR_COOKIE
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
_VILLAGE_CODE = re.compile(VILLAGE_CODE_RE)
# A name search that matches more villages than this asks the reader to be more precise.
MAX_VILLAGE_CANDIDATES = 8

# The fee rows the answer names (codes of the seed in edukasi/content/data.py).
ELECTRONIC_CODES = ("paspor-elektronik-5", "paspor-elektronik-10")
NON_ELECTRONIC_CODES = ("paspor-non-elektronik-5", "paspor-non-elektronik-10")

_OFFICE_PREFIX = re.compile(r"^Kantor Imigrasi(?: Kelas (?:I|II))?(?: Non)?(?: TPI)? ", re.IGNORECASE)


def short_name(office: Office) -> str:
    """``Kantor Imigrasi Kelas I TPI Jakarta Utara`` → ``Kanim Jakarta Utara`` (as readers and the press say)."""
    shortened = _OFFICE_PREFIX.sub("Kanim ", office.name)
    return shortened if shortened != office.name else office.name


# --- Office facts as the public sees them ----------------------------------------------------------


@dataclass
class OfficeGuide:
    """An office with its current reviewed facts, one per kind."""

    office: Office
    facts: dict[str, OfficeFact] = field(default_factory=dict)

    @property
    def short_name(self) -> str:
        return short_name(self.office)

    @property
    def passport_kinds(self) -> OfficeFact | None:
        return self.facts.get(OfficeFact.Kind.PASSPORT_KINDS)

    @property
    def electronic_only(self) -> bool:
        fact = self.passport_kinds
        return fact is not None and fact.value == PassportKinds.ELECTRONIC_ONLY

    def fact(self, kind: str) -> OfficeFact | None:
        return self.facts.get(kind)

    @property
    def contact_facts(self) -> list[OfficeFact]:
        order = [
            OfficeFact.Kind.ADDRESS,
            OfficeFact.Kind.PHONE,
            OfficeFact.Kind.WHATSAPP,
            OfficeFact.Kind.WEBSITE,
            OfficeFact.Kind.HOURS,
        ]
        return [self.facts[k] for k in order if k in self.facts]

    @property
    def service_facts(self) -> list[OfficeFact]:
        order = [OfficeFact.Kind.PASSPORT_KINDS, OfficeFact.Kind.MPASPOR_NAME, OfficeFact.Kind.PRIORITY]
        return [self.facts[k] for k in order if k in self.facts]

    @property
    def phone_href(self) -> str:
        fact = self.fact(OfficeFact.Kind.PHONE)
        if fact is not None:
            return fact.href
        return f"tel:{self.office.phone_link}" if self.office.phone_link else ""

    @property
    def whatsapp_href(self) -> str:
        fact = self.fact(OfficeFact.Kind.WHATSAPP)
        if fact is not None:
            return fact.href
        return self.office.whatsapp_link

    @property
    def website_href(self) -> str:
        fact = self.fact(OfficeFact.Kind.WEBSITE)
        if fact is not None and fact.href:
            return fact.href
        return self.office.website

    @property
    def maps_href(self) -> str:
        """A map search for the office by name: a way to find it even when no contact is recorded here."""
        return "https://www.google.com/maps/search/?" + urlencode({"api": "1", "query": self.office.name})

    @property
    def state(self) -> str:
        """What the office's public facts look like now, for cache keys (a poster, a page)."""
        parts = [f"{f.pk}@{f.reviewed_at.timestamp() if f.reviewed_at else 0}" for f in self.facts.values()]
        office = self.office
        parts += [office.name, office.address, office.phone, office.whatsapp, office.website]
        return "|".join(sorted(parts))


def office_guides(offices: Iterable[Office]) -> list[OfficeGuide]:
    """Each office with its current facts (one query for all of them)."""
    offices = list(offices)
    guides = {office.pk: OfficeGuide(office) for office in offices}
    if guides:
        for fact in OfficeFact.objects.current().filter(office_id__in=list(guides)):
            guides[fact.office_id].facts.setdefault(fact.kind, fact)
    return [guides[office.pk] for office in offices]


def office_guide(office: Office) -> OfficeGuide:
    return office_guides([office])[0]


# --- Which office serves a village ---------------------------------------------------------------


def _ancestor_codes(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def offices_serving(codes: Iterable[str]) -> dict[str, list[Office]]:
    """For each village code, the offices whose service area holds it most precisely (district before city
    before province); several offices when they share that area. Two queries for any number of codes."""
    codes = list(codes)
    ancestors = {code: _ancestor_codes(code) for code in codes}
    wanted = {a for values in ancestors.values() for a in values}
    links = list(Office.service_area.through.objects.filter(region_id__in=wanted).values_list("region_id", "office_id"))
    offices = {o.pk: o for o in Office.objects.filter(pk__in={o for _r, o in links}).select_related("kanwil")}
    by_region: dict[str, list[int]] = {}
    for region_id, office_id in links:
        by_region.setdefault(region_id, []).append(office_id)
    result: dict[str, list[Office]] = {}
    for code, chain in ancestors.items():
        found: list[Office] = []
        for ancestor in reversed(chain):  # the most precise area first
            if ancestor in by_region:
                found = sorted((offices[i] for i in by_region[ancestor]), key=lambda o: o.name)
                break
        result[code] = found
    return result


def villages_matching(text: str, *, limit: int = MAX_VILLAGE_CANDIDATES) -> list[Region]:
    """Villages (kelurahan/desa) by exact code or by name, each with its trail (province, city, district)."""
    text = clean_search_text(text)
    if not text:
        return []
    if _VILLAGE_CODE.fullmatch(text):
        qs: QuerySet[Region] = Region.objects.filter(code=text, level=Region.Level.VILLAGE)
    else:
        qs = regions_search(q=text, level=Region.Level.VILLAGE)
    return regions_with_trail(qs[:limit])


# --- The reader's choice -------------------------------------------------------------------------


def office_from_cookie(request: HttpRequest) -> Office | None:
    slug = caching.kantor(request)  # the same reading as the page cache's key
    if not slug:
        return None
    return Office.objects.select_related("kanwil").filter(slug=slug).first()


@dataclass
class Picker:
    """The outcome of a choice that did not end in a redirect: a message, or several places to pick from."""

    message: str = ""
    status: int = 200
    text: str = ""
    villages: list[tuple[Region, list[Office]]] = field(default_factory=list)
    outside: bool = False


def _redirect(request: HttpRequest, office: Office | None) -> HttpResponse:
    rest = request.GET.copy()
    for name in (COOKIE, "kelurahan"):
        rest.pop(name, None)
    response = HttpResponseRedirect(request.path + (f"?{rest.urlencode()}" if rest else ""))
    if office is None:
        response.delete_cookie(COOKIE, samesite="Lax")
    else:
        response.set_cookie(
            COOKIE, office.slug, max_age=COOKIE_MAX_AGE, samesite="Lax", secure=request.is_secure(), httponly=True
        )
    return response


def _choose(request: HttpRequest) -> HttpResponse | Picker:
    if COOKIE in request.GET:
        slug = request.GET.get(COOKIE, "")
        if slug == "":
            return _redirect(request, None)
        office = Office.objects.filter(slug=slug).first() if caching.OFFICE_SLUG.fullmatch(slug) else None
        if office is None:
            return Picker(message=_("Kantor Imigrasi itu tidak ada di daftar. Pilih kantor dari daftar."), status=400)
        return _redirect(request, office)
    text = clean_search_text(request.GET.get("kelurahan", ""))[:80]
    if not text:
        return Picker(message=_("Tulis nama atau kode kelurahan/desa Anda."), status=400)
    villages = villages_matching(text)
    if not villages:
        if _VILLAGE_CODE.fullmatch(text):
            message = _("Kode %(code)s tidak ada di daftar wilayah Kemendagri. Periksa kodenya.") % {"code": text}
        else:
            message = _("Kelurahan atau desa “%(name)s” tidak ditemukan. Periksa ejaannya.") % {"name": text}
        return Picker(message=message, status=400, text=text)
    serving = offices_serving(v.code for v in villages)
    candidates = [(v, serving[v.code]) for v in villages]
    office_ids = {o.pk for _v, offices in candidates for o in offices}
    if len(office_ids) == 1:
        return _redirect(request, next(o for _v, offices in candidates for o in offices))
    outside = not office_ids
    return Picker(
        message=_("Wilayah ini belum tercatat dalam wilayah kerja Kantor Imigrasi mana pun.") if outside else "",
        text=text,
        villages=candidates,
        outside=outside,
    )


def office_choice(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Handle ``?kantor=`` and ``?kelurahan=`` before the page: set the cookie and redirect, or render the page
    with the picker's message or candidates (``request.office_picker``), never a 500."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if COOKIE in request.GET or "kelurahan" in request.GET:
            outcome = _choose(request)
            if isinstance(outcome, HttpResponse):
                return outcome
            request.office_picker = outcome  # type: ignore[attr-defined]  # read by reader_context
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                response.status_code = outcome.status
            return response
        return view(request, *args, **kwargs)

    return wrapper


def offices_for_picker() -> list[tuple[str, str]]:
    return list(Office.objects.order_by("name").values_list("slug", "name"))


def reader_context(request: HttpRequest) -> dict:
    """The chosen office with its facts, the picker's state and the list of offices, for the templates."""
    office = office_from_cookie(request)
    guide = office_guide(office) if office is not None else None
    return {
        "guide": guide,
        "picker": getattr(request, "office_picker", None) or Picker(),
        "picker_offices": offices_for_picker(),
    }


# --- The answer ----------------------------------------------------------------------------------


@dataclass
class PassportAnswer:
    """What a passport costs for this reader: the fees of the kinds their office issues, or all of them."""

    electronic: list[Fee]
    non_electronic: list[Fee]
    office_specific: bool

    @property
    def all_fees(self) -> list[Fee]:
        return [*self.electronic, *self.non_electronic]

    @property
    def electronic_phrase(self) -> str:
        return _price_phrase(self.electronic)

    @property
    def non_electronic_phrase(self) -> str:
        return _price_phrase(self.non_electronic)

    @property
    def effective_date(self):
        return max((fee.effective_date for fee in self.all_fees), default=None)

    @property
    def legal_basis(self) -> str:
        return self.all_fees[0].legal_basis if self.all_fees else ""


def _price_phrase(fees: list[Fee]) -> str:
    """``Rp650.000 (5 tahun) atau Rp950.000 (10 tahun)``."""
    from .templatetags.edukasi_tags import rupiah

    parts = [
        _("%(amount)s (%(years)s tahun)") % {"amount": rupiah(fee.amount), "years": fee.validity_years}
        if fee.validity_years
        else rupiah(fee.amount)
        for fee in fees
    ]
    return _(" atau ").join(parts)


def passport_answer(guide: OfficeGuide | None, fees: list[Fee]) -> PassportAnswer:
    by_code = {fee.code: fee for fee in fees}
    electronic = [by_code[c] for c in ELECTRONIC_CODES if c in by_code]
    non_electronic = [by_code[c] for c in NON_ELECTRONIC_CODES if c in by_code]
    if guide is not None and guide.electronic_only:
        return PassportAnswer(electronic=electronic, non_electronic=[], office_specific=True)
    specific = guide is not None and guide.passport_kinds is not None
    return PassportAnswer(electronic=electronic, non_electronic=non_electronic, office_specific=specific)


def fees_for(guide: OfficeGuide | None, fees: list[Fee]) -> list[Fee]:
    """The fee table for the reader: no non-electronic passport where the office issues only electronic ones."""
    if guide is not None and guide.electronic_only:
        return [fee for fee in fees if fee.code not in NON_ELECTRONIC_CODES]
    return fees


# --- Office facts for the people who keep them ---------------------------------------------------


def offices_for_fact_work(user, *, q: str = "") -> QuerySet[Office]:
    """Editors work on every office; office staff on their own offices."""
    roles = roles_of(user)
    qs = Office.objects.select_related("kanwil").order_by("name")
    if not roles.is_editor:
        qs = qs.filter(pk__in=roles.staff_office_ids)
    q = clean_search_text(q)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs


def office_get_for_fact_work(user, slug: str) -> Office:
    if not caching.OFFICE_SLUG.fullmatch(slug or ""):
        raise Http404
    return get_object_or_404(offices_for_fact_work(user), slug=slug)


def office_fact_get_for_user(user, pk: int) -> OfficeFact:
    offices = offices_for_fact_work(user)
    return get_object_or_404(OfficeFact.objects.select_related("office", "created_by"), pk=pk, office__in=offices)


def office_fact_history(office: Office) -> list[OfficeFact]:
    """Every row of the office's facts, newest first per kind, with who proposed and reviewed each."""
    return list(
        OfficeFact.objects.filter(office=office)
        .select_related("created_by", "reviewed_by")
        .prefetch_related(Prefetch("events", OfficeFactEvent.objects.select_related("actor")))
        .order_by("kind", "-effective_date", "-pk")
    )


def office_facts_to_review(user) -> QuerySet[OfficeFact]:
    """Proposals the user may review: every office for an editor, their own office for a head; not their own."""
    roles = roles_of(user)
    qs = OfficeFact.objects.filter(status=OfficeFact.Status.IN_REVIEW).select_related("office", "created_by")
    if not roles.is_editor:
        qs = qs.filter(office_id__in=roles.head_office_ids)
    return qs.exclude(created_by=user).order_by("created_at")


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def split_shared_notes(fees: list[Fee]) -> list[str]:
    """Sentences repeated in the notes of several fees, said once under the table; each fee keeps the rest
    as ``row_note``. Returns the shared sentences in order of first appearance."""
    sentences = {fee.pk: [s for s in _SENTENCE_END.split(fee.localized_note.strip()) if s] for fee in fees}
    counts: dict[str, int] = {}
    for parts in sentences.values():
        for sentence in set(parts):
            counts[sentence] = counts.get(sentence, 0) + 1
    shared = [s for s in dict.fromkeys(s for parts in sentences.values() for s in parts) if counts[s] > 1]
    for fee in fees:
        fee.row_note = " ".join(s for s in sentences[fee.pk] if s not in shared)  # type: ignore[attr-defined]
    return shared


# --- The directory: a village that is not a unit still leads somewhere ---------------------------

DIRECTORY_PLACES = 5
NEAREST_UNITS = 3


@dataclass
class ServingOffice:
    guide: OfficeGuide
    nearest: Sequence[Unit]


@dataclass
class Place:
    """A village matching the directory search that is not itself a unit, and who serves it."""

    village: Region
    offices: list[ServingOffice]


def directory_places(q: str) -> list[Place]:
    """Up to ``DIRECTORY_PLACES`` villages named like ``q`` (or with that code) that are not active units, each
    with the offices serving it (with their facts) and those offices' nearest active units: the same district
    first, then the same city. Query count does not grow with the data."""
    q = clean_search_text(q)
    if len(q) < 3:
        return []
    unit_villages = Unit.objects.filter(status=Unit.Status.ACTIVE).exclude(kind=Unit.Kind.SCHOOL).values("region_id")
    if _VILLAGE_CODE.fullmatch(q):
        found: QuerySet[Region] = Region.objects.filter(code=q, level=Region.Level.VILLAGE)
    else:
        found = regions_search(q=q, level=Region.Level.VILLAGE)
    villages = regions_with_trail(found.exclude(code__in=unit_villages)[:DIRECTORY_PLACES])
    if not villages:
        return []
    serving = offices_serving(v.code for v in villages)
    guides = {g.office.pk: g for g in office_guides({o.pk: o for os in serving.values() for o in os}.values())}
    places = []
    for village in villages:
        district, regency = village.code[:8], village.code[:5]
        offices = []
        for office in serving[village.code]:
            nearest = list(
                Unit.objects.filter(office=office, status=Unit.Status.ACTIVE)
                .select_related("region__parent__parent")
                .annotate(
                    distance=Case(
                        When(region__parent_id=district, then=Value(0)),
                        When(region__parent__parent_id=regency, then=Value(1)),
                        default=Value(2),
                        output_field=IntegerField(),
                    )
                )
                .order_by("distance", "region__name", "school_name", "pk")[:NEAREST_UNITS]
            )
            offices.append(ServingOffice(guide=guides[office.pk], nearest=nearest))
        places.append(Place(village=village, offices=offices))
    return places
