"""Public guidance: topics, articles and the structured facts they embed."""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from villages.models import whatsapp_url


def _english() -> bool:
    return (get_language() or "id").startswith("en")


class Topic(models.Model):
    """A theme of the guidance (passport, working abroad safely, trafficking, foreigners)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    name_en = models.CharField(_("nama (Inggris)"), max_length=120)
    description = models.TextField(_("deskripsi"), blank=True)
    description_en = models.TextField(_("deskripsi (Inggris)"), blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("topik")
        verbose_name_plural = _("topik")

    def __str__(self) -> str:
        return self.localized_name

    def get_absolute_url(self) -> str:
        return reverse("edukasi:topic_detail", args=[self.slug])

    @property
    def localized_name(self) -> str:
        return self.name_en if _english() and self.name_en else self.name

    @property
    def localized_description(self) -> str:
        return self.description_en if _english() and self.description_en else self.description


class Language(models.TextChoices):
    ID = "id", _("Bahasa Indonesia")
    EN = "en", _("Bahasa Inggris")


class ArticleQuerySet(models.QuerySet):
    def visible(self, now=None):
        """Published and past its scheduled time: what the public may see."""
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=now)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        IN_REVIEW = "in_review", _("Ditinjau")
        PUBLISHED = "published", _("Terbit")
        ARCHIVED = "archived", _("Diarsipkan")

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles", verbose_name=_("topik"))
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    language = models.CharField(_("bahasa"), max_length=2, choices=Language.choices, default=Language.ID)
    # Set on both articles of a pair by the services, so either side finds the other without a join.
    translation = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("terjemahan")
    )
    title = models.CharField(_("judul"), max_length=200)
    summary = models.CharField(_("ringkasan"), max_length=400)
    body = models.TextField(_("isi (Markdown)"))
    # Body as plain text (shortcodes and markup removed) for search and snippets; written by the services.
    plain_text = models.TextField(_("teks polos"), blank=True, editable=False)
    sources = models.TextField(_("sumber"), blank=True, help_text=_("Satu sumber per baris."))
    last_reviewed = models.DateField(_("terakhir ditinjau"), default=date.today)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(_("terbit pada"), null=True, blank=True)
    version = models.PositiveIntegerField(_("versi"), default=0)
    order = models.PositiveSmallIntegerField(_("urutan"), default=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("artikel")
        verbose_name_plural = _("artikel")
        indexes = [models.Index(fields=["status", "language", "publish_at"], name="edukasi_article_public")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(publish_at__isnull=False),
                name="edukasi_article_published_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("edukasi:article_detail", args=[self.slug])

    @property
    def source_list(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]

    def is_visible(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.PUBLISHED and self.publish_at is not None and self.publish_at <= now

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.publish_at is not None and self.publish_at > timezone.now()

    @property
    def review_overdue(self) -> bool:
        return (timezone.localdate() - self.last_reviewed).days > REVIEW_AFTER_DAYS


REVIEW_AFTER_DAYS = 180


class ArticleRevision(models.Model):
    """The article as it stood after one save; ``author`` is empty for the seed loader."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("nomor"))
    title = models.CharField(_("judul"), max_length=200)
    summary = models.CharField(_("ringkasan"), max_length=400)
    body = models.TextField(_("isi"))
    sources = models.TextField(_("sumber"), blank=True)
    last_reviewed = models.DateField(_("terakhir ditinjau"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("revisi artikel")
        verbose_name_plural = _("revisi artikel")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="edukasi_revision_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} r{self.number}"


class ArticleEvent(models.Model):
    """One row per status change of an article (from, to, actor, time, reason)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("dari"), max_length=12, choices=Article.Status.choices, blank=True)
    to_status = models.CharField(_("menjadi"), max_length=12, choices=Article.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    note = models.CharField(_("alasan"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("riwayat status artikel")
        verbose_name_plural = _("riwayat status artikel")

    def __str__(self) -> str:
        return f"{self.article_id}: {self.from_status} -> {self.to_status}"


class Fee(models.Model):
    """One tariff of one service from a date on; earlier rows of the same code are its history."""

    code = models.SlugField(_("kode layanan"), max_length=60)
    service = models.CharField(_("layanan"), max_length=200)
    service_en = models.CharField(_("layanan (Inggris)"), max_length=200, blank=True)
    validity_years = models.PositiveSmallIntegerField(_("masa berlaku (tahun)"), null=True, blank=True)
    amount = models.PositiveBigIntegerField(_("tarif (rupiah)"))
    effective_date = models.DateField(_("berlaku sejak"))
    legal_basis = models.CharField(_("dasar hukum"), max_length=200)
    note = models.TextField(_("catatan"), blank=True)
    note_en = models.TextField(_("catatan (Inggris)"), blank=True)
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        ordering = ["order", "code", "-effective_date"]
        verbose_name = _("tarif")
        verbose_name_plural = _("tarif")
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_date"], name="edukasi_fee_one_per_code_and_date"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.amount} ({self.effective_date})"

    @property
    def localized_service(self) -> str:
        return self.service_en if _english() and self.service_en else self.service

    @property
    def localized_note(self) -> str:
        return self.note_en if _english() and self.note_en else self.note


class Requirement(models.Model):
    """The documents to bring for one applicant situation."""

    class Situation(models.TextChoices):
        FIRST_ADULT = "first_adult", _("Paspor pertama (dewasa)")
        REPLACEMENT_ADULT = "replacement_adult", _("Penggantian paspor (dewasa)")
        CHILD = "child", _("Paspor anak")
        CALON_PMI = "calon_pmi", _("Calon pekerja migran (calon PMI)")

    situation = models.CharField(_("situasi"), max_length=30, choices=Situation.choices, unique=True)
    title = models.CharField(_("judul"), max_length=200)
    title_en = models.CharField(_("judul (Inggris)"), max_length=200, blank=True)
    legal_basis = models.CharField(_("dasar hukum"), max_length=300, blank=True)
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        ordering = ["order", "situation"]
        verbose_name = _("persyaratan")
        verbose_name_plural = _("persyaratan")

    def __str__(self) -> str:
        return self.localized_title

    @property
    def localized_title(self) -> str:
        return self.title_en if _english() and self.title_en else self.title


class RequirementItem(models.Model):
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="items")
    text = models.CharField(_("dokumen"), max_length=300)
    text_en = models.CharField(_("dokumen (Inggris)"), max_length=300, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    note_en = models.CharField(_("catatan (Inggris)"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("dokumen persyaratan")
        verbose_name_plural = _("dokumen persyaratan")

    def __str__(self) -> str:
        return self.text

    @property
    def localized_text(self) -> str:
        return self.text_en if _english() and self.text_en else self.text

    @property
    def localized_note(self) -> str:
        return self.note_en if _english() and self.note_en else self.note


class Hotline(models.Model):
    class Channel(models.TextChoices):
        PHONE = "phone", _("Telepon")
        WHATSAPP = "whatsapp", _("WhatsApp")
        WEB = "web", _("Situs web")

    name = models.CharField(_("nama"), max_length=200)
    name_en = models.CharField(_("nama (Inggris)"), max_length=200, blank=True)
    number = models.CharField(_("nomor seperti ditulis"), max_length=100)
    # What the link dials: digits (phone), international digits without "+" (WhatsApp) or an https URL (web).
    dial = models.CharField(_("nomor untuk tautan"), max_length=200)
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices, default=Channel.PHONE)
    hours = models.CharField(_("jam layanan"), max_length=120, blank=True)
    hours_en = models.CharField(_("jam layanan (Inggris)"), max_length=120, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    note_en = models.CharField(_("catatan (Inggris)"), max_length=300, blank=True)
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_active = models.BooleanField(_("ditampilkan"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("layanan pengaduan")
        verbose_name_plural = _("layanan pengaduan")
        constraints = [
            models.UniqueConstraint(fields=["channel", "dial"], name="edukasi_hotline_unique_channel_dial"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.number}"

    @property
    def localized_name(self) -> str:
        return self.name_en if _english() and self.name_en else self.name

    @property
    def localized_hours(self) -> str:
        return self.hours_en if _english() and self.hours_en else self.hours

    @property
    def localized_note(self) -> str:
        return self.note_en if _english() and self.note_en else self.note

    @property
    def href(self) -> str:
        if self.channel == self.Channel.WHATSAPP:
            return f"https://wa.me/{self.dial}"
        if self.channel == self.Channel.WEB:
            return self.dial
        return f"tel:{self.dial}"


class FactChange(models.Model):
    """Audit row for every edit of a fee, requirement list or hotline made through the portal."""

    kind = models.CharField(_("jenis"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("id objek"))
    summary = models.CharField(_("ringkasan"), max_length=300)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("perubahan data")
        verbose_name_plural = _("perubahan data")

    def __str__(self) -> str:
        return self.summary


# --- What each immigration office serves -----------------------------------------------------------


class PassportKinds(models.TextChoices):
    """The value of an office's ``passport_kinds`` fact."""

    ELECTRONIC_ONLY = "electronic_only", _("Hanya paspor elektronik")
    ELECTRONIC_AND_NON = "electronic_and_non", _("Paspor elektronik dan non-elektronik")


class OfficeFactQuerySet(models.QuerySet):
    def current(self, on: date | None = None):
        """Reviewed facts in force on ``on`` (today); the caller keeps the newest per (office, kind)."""
        on = on or timezone.localdate()
        return self.filter(status=OfficeFact.Status.PUBLISHED, effective_date__lte=on).order_by(
            "office_id", "kind", "-effective_date", "-reviewed_at", "-pk"
        )


class OfficeFact(models.Model):
    """One fact about what an office serves, as proposed by its staff or an editor and then reviewed.

    Rows are never edited: a change is a new row. The public sees, per office and kind, the newest
    published row whose ``effective_date`` has come; older published rows are the fact's history.
    """

    class Kind(models.TextChoices):
        PASSPORT_KINDS = "passport_kinds", _("Jenis paspor yang dilayani")
        ADDRESS = "address", _("Alamat")
        PHONE = "phone", _("Telepon")
        WHATSAPP = "whatsapp", _("WhatsApp")
        HOURS = "hours", _("Jam layanan")
        WEBSITE = "website", _("Situs web kantor")
        MPASPOR_NAME = "mpaspor_name", _("Nama kantor di M-Paspor")
        PRIORITY = "priority", _("Layanan prioritas")

    class Status(models.TextChoices):
        IN_REVIEW = "in_review", _("Menunggu tinjauan")
        PUBLISHED = "published", _("Berlaku")
        REJECTED = "rejected", _("Ditolak")

    office = models.ForeignKey(
        "villages.Office", on_delete=models.CASCADE, related_name="facts", verbose_name=_("kantor")
    )
    kind = models.CharField(_("jenis data"), max_length=20, choices=Kind.choices)
    value = models.CharField(_("isi"), max_length=500)
    value_en = models.CharField(_("isi (Inggris)"), max_length=500, blank=True)
    source = models.CharField(_("sumber"), max_length=300)
    source_url = models.URLField(_("alamat sumber"), max_length=500, blank=True)
    effective_date = models.DateField(_("berlaku sejak"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.IN_REVIEW)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("diusulkan"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("ditinjau"), null=True, blank=True)

    objects = OfficeFactQuerySet.as_manager()

    class Meta:
        ordering = ["office_id", "kind", "-effective_date", "-pk"]
        verbose_name = _("data layanan kantor")
        verbose_name_plural = _("data layanan kantor")
        indexes = [models.Index(fields=["office", "status", "kind"], name="edukasi_officefact_public")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(reviewed_at__isnull=False),
                name="edukasi_officefact_published_is_reviewed",
            ),
            models.CheckConstraint(condition=~models.Q(source=""), name="edukasi_officefact_has_source"),
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.kind}: {self.value}"

    @property
    def localized_value(self) -> str:
        if self.kind == self.Kind.PASSPORT_KINDS and self.value in PassportKinds.values:
            return str(PassportKinds(self.value).label)
        return self.value_en if _english() and self.value_en else self.value

    @property
    def href(self) -> str:
        """The link a reader taps: ``tel:``, ``wa.me`` or the site; empty for the other kinds."""
        digits = "".join(ch for ch in self.value if ch.isdigit())
        if self.kind == self.Kind.PHONE and digits:
            return "tel:+62" + digits[1:] if digits.startswith("0") else "tel:+" + digits
        if self.kind == self.Kind.WHATSAPP:
            return whatsapp_url(self.value)
        if self.kind == self.Kind.WEBSITE and self.value.startswith("https://"):
            return self.value
        return ""


class OfficeFactEvent(models.Model):
    """One row per step of an office fact (proposed, published, rejected, superseded): actor, time, reason."""

    fact = models.ForeignKey(OfficeFact, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("dari"), max_length=12, choices=OfficeFact.Status.choices, blank=True)
    to_status = models.CharField(_("menjadi"), max_length=12, choices=OfficeFact.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    note = models.CharField(_("alasan"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("riwayat data layanan kantor")
        verbose_name_plural = _("riwayat data layanan kantor")

    def __str__(self) -> str:
        return f"{self.fact_id}: {self.from_status} -> {self.to_status}"
