"""Every write to the guidance: article workflow, revisions and the structured facts.

Each service takes keyword-only arguments and the acting user, locks the row it changes, writes an
audit row (ArticleEvent, ArticleRevision or FactChange) and invalidates the public pages on commit.
A refusal is a ``DomainError``; an edit of an article saved by someone else meanwhile is a ``Conflict``.
"""

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Literal

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from desabinaan.lib.errors import Conflict, DomainError, Forbidden
from desabinaan.lib.models import update_fields

from . import caching
from .models import (
    Article,
    ArticleEvent,
    ArticleRevision,
    FactChange,
    Fee,
    Hotline,
    OfficeFact,
    OfficeFactEvent,
    Requirement,
    RequirementItem,
    Topic,
)
from .rendering import clean_text, plain_text

ARTICLE_FIELDS = ("title", "summary", "body", "sources", "last_reviewed")


@dataclass
class ArticleContent:
    title: str
    summary: str
    body: str
    sources: str
    last_reviewed: date

    def cleaned(self) -> "ArticleContent":
        return ArticleContent(
            title=clean_text(self.title).strip(),
            summary=clean_text(self.summary).strip(),
            body=clean_text(self.body).replace("\r\n", "\n").strip(),
            sources="\n".join(line.strip() for line in clean_text(self.sources).splitlines() if line.strip()),
            last_reviewed=self.last_reviewed,
        )


def _invalidate_on_commit() -> None:
    # Now, so this request and the tests see fresh pages; and again after the commit, so a page cached
    # by a concurrent request from the old rows in between does not survive.
    caching.invalidate()
    transaction.on_commit(caching.invalidate)


def _record(article: Article, *, to: str, by: User | None, note: str = "") -> None:
    ArticleEvent.objects.create(article=article, from_status=article.status, to_status=to, actor=by, note=note)
    article.status = to


def _revision(article: Article, *, by: User | None, note: str = "") -> ArticleRevision:
    return ArticleRevision.objects.create(
        article=article,
        number=article.version,
        title=article.title,
        summary=article.summary,
        body=article.body,
        sources=article.sources,
        last_reviewed=article.last_reviewed,
        author=by,
        note=note,
    )


def _apply(article: Article, content: ArticleContent, *, topic: Topic | None = None) -> list[str]:
    """Set the content (and the topic, if given) on the locked article; the caller saves. Returns what changed."""
    data = asdict(content.cleaned())
    if topic is not None:
        data["topic"] = topic
    changed = update_fields(article, data, fields=[*ARTICLE_FIELDS, "topic"], save=False)
    article.plain_text = plain_text(article.body)
    return changed


def _link(article: Article, other: Article | None) -> None:
    """Make ``article`` and ``other`` each other's translation, unlinking any former partners."""
    if other is not None and other.language == article.language:
        raise DomainError(_("Terjemahan harus berbahasa lain."))
    ids = [article.pk] + ([other.pk] if other is not None else [])
    # One-to-one on both sides: free the old partners first so the unique constraint holds at every step.
    Article.objects.filter(Q(pk__in=ids) | Q(translation__in=ids)).update(translation=None)
    if other is not None:
        Article.objects.filter(pk=article.pk).update(translation=other)
        Article.objects.filter(pk=other.pk).update(translation=article)
    article.translation = other


@transaction.atomic
def article_create(
    *,
    by: User | None,
    topic,
    slug: str,
    language: str,
    content: ArticleContent,
    translation: Article | None = None,
    note: str = "",
) -> Article:
    article = Article(topic=topic, slug=slug, language=language, created_by=by, version=1)
    _apply(article, content)
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError as exc:
        raise DomainError(_("Slug ini sudah dipakai artikel lain.")) from exc
    _revision(article, by=by, note=note or _("Dibuat"))
    ArticleEvent.objects.create(article=article, from_status="", to_status=article.status, actor=by, note=note)
    if translation is not None:
        _link(article, translation)
    return article


@transaction.atomic
def article_update(
    *,
    article: Article,
    by: User | None,
    content: ArticleContent,
    topic=None,
    translation: Article | Literal[False] | None = False,
    expected_version: int | None = None,
    note: str = "",
) -> tuple[Article, bool]:
    """Save new content; a new revision only when something changed. Returns (article, changed)."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.status == Article.Status.ARCHIVED:
        raise DomainError(_("Artikel yang diarsipkan tidak dapat diubah. Kembalikan dulu ke draf."))
    if expected_version is not None and expected_version != article.version:
        raise Conflict(
            _("Artikel ini sudah diubah orang lain sejak Anda membukanya. Muat ulang halaman lalu ulangi perubahan.")
        )
    changed = bool(_apply(article, content, topic=topic))
    if translation is not False and (translation.pk if translation else None) != article.translation_id:
        _link(article, translation)
        changed = True
    if not changed:
        return article, False
    article.version += 1
    article.save()
    _revision(article, by=by, note=note)
    if article.status == Article.Status.PUBLISHED:
        _invalidate_on_commit()
    return article, True


@transaction.atomic
def article_submit(*, article: Article, by: User | None) -> Article:
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.status != Article.Status.DRAFT:
        raise DomainError(_("Hanya draf yang dapat diajukan untuk ditinjau."))
    _record(article, to=Article.Status.IN_REVIEW, by=by)
    article.save(update_fields=["status", "updated_at"])
    return article


@transaction.atomic
def article_publish(*, article: Article, by: User | None, publish_at: datetime | None = None) -> Article:
    """Publish now, or at ``publish_at`` (the public sees nothing before that time)."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.status != Article.Status.IN_REVIEW:
        raise DomainError(_("Hanya artikel yang sedang ditinjau yang dapat diterbitkan."))
    now = timezone.now()
    when = publish_at if publish_at and publish_at > now else now
    note = (
        _("Dijadwalkan terbit %(when)s") % {"when": timezone.localtime(when).strftime("%d/%m/%Y %H.%M")}
        if when > now
        else ""
    )
    _record(article, to=Article.Status.PUBLISHED, by=by, note=note)
    article.publish_at = when
    article.save(update_fields=["status", "publish_at", "updated_at"])
    _invalidate_on_commit()
    return article


@transaction.atomic
def article_archive(*, article: Article, by: User, reason: str) -> Article:
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.status == Article.Status.ARCHIVED:
        raise DomainError(_("Artikel ini sudah diarsipkan."))
    was_public = article.status == Article.Status.PUBLISHED
    _record(article, to=Article.Status.ARCHIVED, by=by, note=clean_text(reason)[:300])
    article.save(update_fields=["status", "updated_at"])
    if was_public:
        _invalidate_on_commit()
    return article


@transaction.atomic
def article_return_to_draft(*, article: Article, by: User, reason: str = "") -> Article:
    """Back to draft from review, from publication (withdrawn) or from the archive."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.status == Article.Status.DRAFT:
        raise DomainError(_("Artikel ini sudah berupa draf."))
    was_public = article.status == Article.Status.PUBLISHED
    _record(article, to=Article.Status.DRAFT, by=by, note=clean_text(reason)[:300])
    article.publish_at = None
    article.save(update_fields=["status", "publish_at", "updated_at"])
    if was_public:
        _invalidate_on_commit()
    return article


@transaction.atomic
def article_restore_revision(*, article: Article, revision: ArticleRevision, by: User) -> Article:
    if revision.article_id != article.pk:
        raise DomainError(_("Revisi ini bukan milik artikel tersebut."))
    content = ArticleContent(
        title=revision.title,
        summary=revision.summary,
        body=revision.body,
        sources=revision.sources,
        last_reviewed=revision.last_reviewed,
    )
    article, changed = article_update(
        article=article,
        by=by,
        content=content,
        note=_("Dipulihkan dari revisi %(number)s") % {"number": revision.number},
    )
    if not changed:
        raise DomainError(_("Isi artikel sudah sama dengan revisi ini."))
    return article


# --- Facts ---------------------------------------------------------------------------------------


def _fact_change(kind: str, obj, by: User | None, summary: str) -> None:
    FactChange.objects.create(kind=kind, object_id=obj.pk, summary=summary[:300], actor=by)
    _invalidate_on_commit()


@transaction.atomic
def fee_add(
    *,
    by: User | None,
    code: str,
    service: str,
    amount: int,
    effective_date: date,
    legal_basis: str,
    service_en: str = "",
    validity_years: int | None = None,
    note: str = "",
    note_en: str = "",
    source: str = "",
    order: int | None = None,
) -> Fee:
    """A new tariff from a date on. Earlier rows stay as history; the newest one in force applies."""
    if Fee.objects.filter(code=code, effective_date=effective_date).exists():
        raise DomainError(_("Tarif untuk layanan ini dengan tanggal berlaku yang sama sudah ada."))
    if order is None:
        previous = Fee.objects.filter(code=code).order_by("-effective_date").first()
        order = previous.order if previous else 100
    fee = Fee.objects.create(
        code=code,
        service=clean_text(service),
        service_en=clean_text(service_en),
        validity_years=validity_years,
        amount=amount,
        effective_date=effective_date,
        legal_basis=clean_text(legal_basis),
        note=clean_text(note),
        note_en=clean_text(note_en),
        source=clean_text(source),
        order=order,
        created_by=by,
    )
    _fact_change("fee", fee, by, f"{code}: Rp{amount} sejak {effective_date.isoformat()}")
    return fee


@transaction.atomic
def requirement_save(*, requirement: Requirement, by: User, fields: dict, items: list[dict]) -> Requirement:
    """Replace a situation's heading fields and its list of documents."""
    if requirement.pk is None:
        requirement.save()
    requirement = Requirement.objects.select_for_update().get(pk=requirement.pk)
    for name in ("title", "title_en", "legal_basis", "source"):
        setattr(requirement, name, clean_text(fields.get(name, "")))
    requirement.updated_by = by
    requirement.save()
    requirement.items.all().delete()
    RequirementItem.objects.bulk_create(
        RequirementItem(
            requirement=requirement,
            order=index,
            **{k: clean_text(item.get(k, "")) for k in ("text", "text_en", "note", "note_en")},
        )
        for index, item in enumerate(items)
        if item.get("text")
    )
    _fact_change("requirement", requirement, by, f"{requirement.situation}: {len(items)} dokumen")
    return requirement


HOTLINE_FIELDS = ("name", "name_en", "number", "dial", "channel", "hours", "hours_en", "note", "note_en", "source")


@transaction.atomic
def hotline_save(*, by: User, hotline: Hotline | None, fields: dict) -> Hotline:
    """Add a hotline, or change the ``fields`` given (only those that differ are written)."""
    hotline = Hotline.objects.select_for_update().get(pk=hotline.pk) if hotline is not None else Hotline()
    data = {name: clean_text(value or "") if name in HOTLINE_FIELDS else value for name, value in fields.items()}
    try:
        with transaction.atomic():
            update_fields(
                hotline,
                {**data, "updated_by": by},
                fields=[*HOTLINE_FIELDS, "order", "is_active", "updated_by"],
            )
    except IntegrityError as exc:
        raise DomainError(_("Nomor ini sudah terdaftar untuk saluran yang sama.")) from exc
    _fact_change("hotline", hotline, by, f"{hotline.name} {hotline.number}")
    return hotline


# --- Office facts --------------------------------------------------------------------------------
# Proposed by the office's own staff or an editor, public only after someone else reviewed them.


def _office_fact_event(fact: OfficeFact, *, to: str, by: User | None, note: str = "") -> None:
    OfficeFactEvent.objects.create(
        fact=fact, from_status=fact.status if fact.pk else "", to_status=to, actor=by, note=clean_text(note)[:300]
    )


@transaction.atomic
def office_fact_propose(
    *,
    office,
    by: User | None,
    kind: str,
    value: str,
    effective_date: date,
    source: str,
    source_url: str = "",
    value_en: str = "",
    note: str = "",
) -> OfficeFact:
    """A new version of one fact of ``office``, waiting for review; the current one stays public meanwhile."""
    if kind not in OfficeFact.Kind.values:
        raise DomainError(_("Jenis data tidak dikenal."), field="kind")
    if effective_date > timezone.localdate():
        raise DomainError(_("Tanggal berlaku tidak boleh di masa depan."), field="effective_date")
    source = clean_text(source).strip()
    if not source:
        raise DomainError(_("Tulis sumber data ini."), field="source")
    value = clean_text(value).strip()
    pending = OfficeFact.objects.select_for_update().filter(
        office=office, kind=kind, status=OfficeFact.Status.IN_REVIEW, value=value, effective_date=effective_date
    )
    if pending.exists():
        # A double submission of the same proposal: one row waits for review, not two.
        raise Conflict(_("Usulan yang sama sudah menunggu tinjauan."))
    fact = OfficeFact(
        office=office,
        kind=kind,
        value=value,
        value_en=clean_text(value_en).strip(),
        source=source,
        source_url=clean_text(source_url).strip(),
        effective_date=effective_date,
        status=OfficeFact.Status.IN_REVIEW,
        created_by=by,
    )
    fact.save()
    OfficeFactEvent.objects.create(
        fact=fact, from_status="", to_status=fact.status, actor=by, note=clean_text(note)[:300] or _("Diusulkan")
    )
    return fact


@transaction.atomic
def office_fact_publish(*, fact: OfficeFact, by: User | None, note: str = "") -> OfficeFact:
    """Make a reviewed proposal public; the reviewer is never its author (the seed loader has no author)."""
    fact = OfficeFact.objects.select_for_update().get(pk=fact.pk)
    if fact.status != OfficeFact.Status.IN_REVIEW:
        raise DomainError(_("Hanya usulan yang menunggu tinjauan yang dapat diterbitkan."))
    if by is not None and fact.created_by_id == by.pk:
        raise Forbidden(_("Usulan tidak dapat ditinjau oleh pengusulnya sendiri."))
    if fact.effective_date > timezone.localdate():
        raise DomainError(_("Tanggal berlaku tidak boleh di masa depan."))
    _office_fact_event(fact, to=OfficeFact.Status.PUBLISHED, by=by, note=note)
    fact.status = OfficeFact.Status.PUBLISHED
    fact.reviewed_by, fact.reviewed_at = by, timezone.now()
    fact.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    _invalidate_on_commit()
    return fact


@transaction.atomic
def office_fact_reject(*, fact: OfficeFact, by: User, reason: str) -> OfficeFact:
    fact = OfficeFact.objects.select_for_update().get(pk=fact.pk)
    if fact.status != OfficeFact.Status.IN_REVIEW:
        raise DomainError(_("Hanya usulan yang menunggu tinjauan yang dapat ditolak."))
    reason = clean_text(reason).strip()
    if not reason:
        raise DomainError(_("Tulis alasan penolakan."), field="reason")
    _office_fact_event(fact, to=OfficeFact.Status.REJECTED, by=by, note=reason)
    fact.status = OfficeFact.Status.REJECTED
    fact.reviewed_by, fact.reviewed_at = by, timezone.now()
    fact.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return fact
