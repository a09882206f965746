"""The registry: regions, immigration offices, desa binaan units and who belongs to them.

This app imports from no other app of ours; edukasi and reports build on it.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

REGION_CODE_RE = r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"
VILLAGE_CODE_RE = r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"


class Region(models.Model):
    """A Kemendagri administrative region; the code is the key (``31.72.03.1004``)."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Provinsi")
        REGENCY = 2, _("Kabupaten/Kota")
        DISTRICT = 3, _("Kecamatan")
        VILLAGE = 4, _("Kelurahan/Desa")

    code = models.CharField(_("kode"), max_length=13, primary_key=True, validators=[RegexValidator(REGION_CODE_RE)])
    name = models.CharField(_("nama"), max_length=120)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("induk")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        indexes = [
            models.Index(fields=["level", "name"], name="villages_region_level_name"),
            # Prefix search ("31.72.%") narrows by province, city and district on PostgreSQL too.
            models.Index(fields=["code"], name="villages_region_code_prefix", opclasses=["varchar_pattern_ops"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(level=1, parent__isnull=True) | Q(level__gt=1, parent__isnull=False),
                name="villages_region_parent_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @staticmethod
    def level_of(code: str) -> int:
        return code.count(".") + 1

    @staticmethod
    def parent_code_of(code: str) -> str | None:
        return code.rsplit(".", 1)[0] if "." in code else None

    @property
    def is_village(self) -> bool:
        return self.level == self.Level.VILLAGE

    @property
    def is_kelurahan(self) -> bool:
        """In the last part of a village code, ``1xxx`` is a kelurahan and ``2xxx`` a desa."""
        return self.is_village and self.code.rsplit(".", 1)[1].startswith("1")

    @property
    def village_kind_label(self) -> str:
        if not self.is_village:
            return self.get_level_display()
        return gettext("Kelurahan") if self.is_kelurahan else gettext("Desa")


class RegionImport(models.Model):
    """The audit row of a region import that changed something (who, when, which file, what changed)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pelaku"),
        help_text=_("Kosong bila dijalankan dari baris perintah."),
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    source = models.CharField(_("berkas"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    rows = models.PositiveIntegerField(_("baris"))
    created = models.PositiveIntegerField(_("dibuat"))
    updated = models.PositiveIntegerField(_("diperbarui"))
    unchanged = models.PositiveIntegerField(_("tidak berubah"))
    not_in_file = models.PositiveIntegerField(_("tidak ada di berkas"))
    seconds = models.FloatField(_("detik"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("impor wilayah")
        verbose_name_plural = _("impor wilayah")

    def __str__(self) -> str:
        return f"{self.source} · {self.at:%Y-%m-%d %H:%M}"


class Kanwil(models.Model):
    """A regional office (Kantor Wilayah Direktorat Jenderal Imigrasi)."""

    name = models.CharField(_("nama"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    province = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Region.Level.PROVINCE},
        verbose_name=_("provinsi"),
    )
    address = models.TextField(_("alamat"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kantor wilayah")
        verbose_name_plural = _("kantor wilayah")

    def __str__(self) -> str:
        return self.name


class Office(models.Model):
    """A Kantor Imigrasi (Kanim)."""

    class OfficeClass(models.TextChoices):
        I_TPI = "i_tpi", _("Kelas I TPI")
        I_NON_TPI = "i_non_tpi", _("Kelas I Non TPI")
        II_TPI = "ii_tpi", _("Kelas II TPI")
        II_NON_TPI = "ii_non_tpi", _("Kelas II Non TPI")

    kanwil = models.ForeignKey(Kanwil, on_delete=models.PROTECT, related_name="offices", verbose_name=_("kanwil"))
    name = models.CharField(_("nama"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    office_class = models.CharField(_("kelas"), max_length=12, choices=OfficeClass.choices)
    address = models.TextField(_("alamat"))
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    whatsapp = models.CharField(_("WhatsApp"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    service_area = models.ManyToManyField(
        Region,
        blank=True,
        related_name="serving_offices",
        limit_choices_to={"level__lte": Region.Level.DISTRICT},
        verbose_name=_("wilayah kerja"),
        help_text=_("Provinsi, kabupaten/kota atau kecamatan yang dilayani kantor ini."),
    )
    head_name = models.CharField(_("nama kepala kantor"), max_length=150, blank=True)
    head_nip = models.CharField(_("NIP kepala kantor"), max_length=18, blank=True)
    # Set by the demo loader (villages.demo): public pages mark such rows "CONTOH" so no one takes them as real.
    is_demo = models.BooleanField(_("data contoh"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kantor imigrasi")
        verbose_name_plural = _("kantor imigrasi")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        # A stable public address of the site (desabinaan/urls.py), not a page of this app.
        return reverse("office_public", args=[self.slug])

    @property
    def phone_link(self) -> str:
        """``tel:`` target: digits and a leading plus only."""
        return _dial_digits(self.phone, keep_plus=True)

    @property
    def whatsapp_link(self) -> str:
        return whatsapp_url(self.whatsapp)


def whatsapp_url(number: str) -> str:
    """``https://wa.me/<number>``: international digits without plus; a local 08… becomes 628…."""
    digits = _dial_digits(number, keep_plus=False)
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return f"https://wa.me/{digits}" if digits else ""


def _dial_digits(number: str, *, keep_plus: bool) -> str:
    number = (number or "").strip()
    digits = "".join(ch for ch in number if ch.isdigit())
    return ("+" + digits) if keep_plus and number.startswith("+") and digits else digits


# Fields an office may edit after proposing; identity (region, kind, office) and the workflow's own
# fields (status, decree, launch) change only through their services.
UNIT_EDITABLE_FIELDS = (
    "school_name",
    "reason",
    "reason_detail",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
)


class Unit(models.Model):
    """A desa binaan: a kelurahan, desa or school appointed by an office as its extended arm."""

    class Kind(models.TextChoices):
        KELURAHAN = "kelurahan", _("Kelurahan")
        DESA = "desa", _("Desa")
        SCHOOL = "school", _("Sekolah")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Diusulkan")
        APPROVED = "approved", _("Disetujui")
        ACTIVE = "active", _("Aktif")
        SUSPENDED = "suspended", _("Dibekukan")
        RETIRED = "retired", _("Diakhiri")
        REJECTED = "rejected", _("Ditolak")

    # A unit in one of these states still holds its region (or NPSN).
    LIVE_STATUSES = (Status.PROPOSED, Status.APPROVED, Status.ACTIVE, Status.SUSPENDED)

    class Reason(models.TextChoices):
        MIGRANT_WORKERS = "migrant_workers", _("Banyak warga bekerja di luar negeri (PMI)")
        BORDER = "border", _("Wilayah perbatasan")
        TRAFFICKING = "trafficking", _("Pernah ada kasus TPPO atau PMI non-prosedural")
        FOREIGNERS = "foreigners", _("Banyak orang asing tinggal atau bekerja")
        REMOTE = "remote", _("Jauh dari kantor imigrasi")
        POVERTY = "poverty", _("Tingkat kemiskinan atau pengangguran tinggi")
        SCHOOL = "school", _("Sekolah dengan lulusan yang berminat bekerja ke luar negeri")
        OTHER = "other", _("Lainnya")

    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="units",
        limit_choices_to={"level": Region.Level.VILLAGE},
        verbose_name=_("kelurahan/desa"),
    )
    school_name = models.CharField(_("nama sekolah"), max_length=200, blank=True)
    npsn = models.CharField(
        _("NPSN"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("NPSN terdiri atas 8 angka."))],
    )
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="units", verbose_name=_("kantor"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    reason = models.CharField(_("alasan dipilih"), max_length=20, choices=Reason.choices)
    reason_detail = models.TextField(_("keterangan alasan"), blank=True)
    address = models.TextField(_("alamat"), blank=True)
    contact_name = models.CharField(_("nama narahubung"), max_length=150, blank=True)
    contact_phone = models.CharField(_("telepon narahubung"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail narahubung"), blank=True)
    decree_number = models.CharField(_("nomor SK"), max_length=120, blank=True)
    decree_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    launch_date = models.DateField(_("tanggal pengukuhan"), null=True, blank=True)
    # The sources give only the year of the decree and launch: the stored day is a bound (a day by which it is
    # known to hold) and is never shown; pages print the year alone rather than an invented day.
    dates_year_only = models.BooleanField(_("hanya tahun yang diketahui"), default=False)
    # Set by the demo loader (villages.demo): public pages mark such rows "CONTOH" so no one takes them as real.
    is_demo = models.BooleanField(_("data contoh"), default=False)
    pimpasa = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="pimpasa_units", verbose_name=_("PIMPASA")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proposed_units",
        verbose_name=_("diusulkan oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        ordering = ["region__name", "school_name"]
        verbose_name = _("desa binaan")
        verbose_name_plural = _("desa binaan")
        indexes = [
            models.Index(fields=["office", "status"], name="villages_unit_office_status"),
            models.Index(fields=["status", "region"], name="villages_unit_status_region"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(kind__in=["kelurahan", "desa"], status__in=["proposed", "approved", "active", "suspended"]),
                name="villages_unit_one_live_per_region",
                violation_error_message=_("Wilayah ini sudah memiliki desa binaan."),
            ),
            models.UniqueConstraint(
                fields=["npsn"],
                condition=Q(kind="school", status__in=["proposed", "approved", "active", "suspended"]),
                name="villages_unit_one_live_per_npsn",
                violation_error_message=_("Sekolah dengan NPSN ini sudah terdaftar."),
            ),
            models.CheckConstraint(
                condition=Q(kind="school", npsn__regex=r"^\d{8}$") & ~Q(school_name="")
                | Q(kind__in=["kelurahan", "desa"], npsn="", school_name=""),
                name="villages_unit_school_fields",
            ),
            models.CheckConstraint(
                condition=Q(launch_date__isnull=True)
                | Q(decree_date__isnull=False, launch_date__gte=models.F("decree_date")),
                name="villages_unit_launch_after_decree",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("villages:unit_detail", args=[self.pk])

    def editable_fields(self) -> list[str]:
        """The fields an office may edit on this unit (a school name only on a school)."""
        return [name for name in UNIT_EDITABLE_FIELDS if name != "school_name" or self.kind == self.Kind.SCHOOL]

    def get_public_url(self) -> str:
        # A stable public address of the site (desabinaan/urls.py): printed posters carry it as a QR code.
        return reverse("unit_public", args=[self.pk])

    @property
    def contact_phone_link(self) -> str:
        """``tel:`` target of the contact's phone: digits and a leading plus only."""
        return _dial_digits(self.contact_phone, keep_plus=True)

    @property
    def display_name(self) -> str:
        if self.kind == self.Kind.SCHOOL:
            return self.school_name
        return f"{self.get_kind_display()} {self.region.name}"

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE_STATUSES


class UnitEvent(models.Model):
    """One row per status change or notable edit of a unit: the unit's history and audit trail."""

    class Kind(models.TextChoices):
        TRANSITION = "transition", _("Perubahan status")
        EDIT = "edit", _("Perubahan data")
        MEMBERSHIP = "membership", _("Keanggotaan")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.TRANSITION)
    from_status = models.CharField(max_length=10, choices=Unit.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Unit.Status.choices, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["unit", "-at"], name="villages_unitevent_unit_at")]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.from_status} → {self.to_status}"


class OfficeMembership(models.Model):
    class Role(models.TextChoices):
        STAFF = "staff", _("Petugas kantor")
        PIMPASA = "pimpasa", _("PIMPASA")
        HEAD = "head", _("Kepala kantor")
        EDITOR = "editor", _("Editor konten")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_memberships")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("keanggotaan kantor")
        verbose_name_plural = _("keanggotaan kantor")
        constraints = [
            models.UniqueConstraint(fields=["user", "office", "role"], name="villages_officemembership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.office}"


class UnitMembership(models.Model):
    class Role(models.TextChoices):
        OFFICER = "officer", _("Petugas desa binaan")
        COORDINATOR = "coordinator", _("Koordinator desa binaan")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unit_memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices, default=Role.OFFICER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("keanggotaan desa binaan")
        verbose_name_plural = _("keanggotaan desa binaan")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="villages_unitmembership_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit_id}"


class OversightMembership(models.Model):
    """Read-only oversight of one Kanwil's offices, or of the whole nation when ``kanwil`` is empty."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oversight_memberships")
    kanwil = models.ForeignKey(
        Kanwil,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="oversight_memberships",
        help_text=_("Kosongkan untuk pengawasan nasional (Direktorat Intelijen Keimigrasian)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("keanggotaan pengawas")
        verbose_name_plural = _("keanggotaan pengawas")
        constraints = [
            models.UniqueConstraint(fields=["user", "kanwil"], name="villages_oversight_unique"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(kanwil__isnull=True), name="villages_oversight_one_national"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kanwil or _('Nasional')}"


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An invitation to join a unit; its link activates the account. Only the token's hash is stored."""

    email = models.EmailField(_("e-mail"))
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("desa binaan"))
    role = models.CharField(_("peran"), max_length=12, choices=UnitMembership.Role.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("undangan")
        verbose_name_plural = _("undangan")
        indexes = [models.Index(fields=["unit", "accepted_at", "revoked_at"], name="villages_invitation_pending")]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="villages_invitation_one_open_per_email",
                violation_error_message=_("Undangan untuk e-mail ini masih terbuka."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.unit_id}"

    @staticmethod
    def new_token() -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        return token, _hash_token(token)

    @staticmethod
    def hash_token(token: str) -> str:
        return _hash_token(token)

    @staticmethod
    def default_expiry():
        return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired

    @property
    def state_label(self) -> str:
        if self.accepted_at:
            return gettext("Diterima")
        if self.revoked_at:
            return gettext("Dicabut")
        if self.is_expired:
            return gettext("Kedaluwarsa")
        return gettext("Menunggu")
