from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desabinaan.lib.errors import Message


class Activity(models.Model):
    """An outreach activity logged by a unit officer and verified by the office's staff."""

    class Kind(models.TextChoices):
        SOSIALISASI = "sosialisasi", _("Sosialisasi")
        PENYULUHAN = "penyuluhan", _("Penyuluhan")
        CONSULTATION = "consultation", _("Konsultasi paspor")
        PMI_DATA = "pmi_data", _("Pendataan calon PMI")
        HOME_VISIT = "home_visit", _("Kunjungan rumah / pemantauan")
        COORDINATION = "coordination", _("Rapat koordinasi")
        OTHER = "other", _("Lainnya")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Diajukan")
        VERIFIED = "verified", _("Terverifikasi")
        RETURNED = "returned", _("Dikembalikan")

    unit = models.ForeignKey("villages.Unit", on_delete=models.PROTECT, related_name="activities")
    # The unit's office when the log was made; kept on the row so the office's queue is one indexed scan.
    office = models.ForeignKey("villages.Office", on_delete=models.PROTECT, related_name="activities")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="activities")
    date = models.DateField(_("tanggal kegiatan"))
    kind = models.CharField(_("jenis kegiatan"), max_length=14, choices=Kind.choices)
    topics = models.ManyToManyField("edukasi.Topic", blank=True, related_name="activities", verbose_name=_("topik"))
    place = models.CharField(_("tempat"), max_length=200)
    participants_male = models.PositiveIntegerField(_("peserta laki-laki"), default=0)
    participants_female = models.PositiveIntegerField(_("peserta perempuan"), default=0)
    calon_pmi_reached = models.PositiveIntegerField(_("calon PMI terjangkau"), default=0)
    passport_consultations = models.PositiveIntegerField(_("konsultasi paspor"), default=0)
    referrals = models.PositiveIntegerField(_("rujukan"), default=0)
    notes = models.TextField(_("catatan"), blank=True)
    attendance_sheet = models.FileField(_("daftar hadir"), upload_to="activities/attendance/%Y/%m/", blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    review_comment = models.TextField(_("catatan pemeriksa"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    # Sent with the form; a second submission by the same author with the same token returns the first activity.
    client_token = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        indexes = [
            models.Index(fields=["unit", "-date"], name="reports_activity_unit_date"),
            models.Index(fields=["office", "status", "-date"], name="reports_activity_office_queue"),
            models.Index(fields=["office", "-date"], name="reports_activity_office_date"),
            # The officer's list filtered by status, and the count of returned logs on their home.
            models.Index(fields=["unit", "status", "-date"], name="reports_activity_unit_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(calon_pmi_reached__lte=F("participants_male") + F("participants_female")),
                name="reports_activity_pmi_within_participants",
            ),
            models.CheckConstraint(
                condition=Q(participants_male__lte=100_000, participants_female__lte=100_000),
                name="reports_activity_participants_bounded",
            ),
            models.UniqueConstraint(fields=["author", "client_token"], name="reports_activity_token_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("reports:activity_detail", args=[self.pk])

    @property
    def participants_total(self) -> int:
        return self.participants_male + self.participants_female

    @property
    def is_editable(self) -> bool:
        return self.status != self.Status.VERIFIED

    @property
    def status_help(self) -> str:
        return str(STATUS_HELP[self.status])

    @classmethod
    def status_legend(cls) -> list[tuple[str, str, str]]:
        """Each status with its label and what it means for the officer, in the order a log goes through."""
        return [(status.value, str(status.label), str(STATUS_HELP[status])) for status in STATUS_ORDER]


STATUS_ORDER = (Activity.Status.SUBMITTED, Activity.Status.RETURNED, Activity.Status.VERIFIED)
# What each status means, in the words shown next to the badge, in the legends and in the list's filter.
STATUS_HELP: dict[str, Message] = {
    Activity.Status.SUBMITTED: _("Menunggu diperiksa petugas Kantor Imigrasi; sementara itu masih dapat diubah."),
    Activity.Status.RETURNED: _("Petugas meminta perbaikan: baca catatannya, ubah kegiatannya, lalu kirim lagi."),
    Activity.Status.VERIFIED: _("Sudah diperiksa dan dihitung dalam laporan; tidak dapat diubah lagi."),
}


class ActivityPhoto(models.Model):
    """A photo of an activity, re-encoded on upload with its metadata (GPS included) stripped."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="activities/photos/%Y/%m/", width_field="width", height_field="height")
    thumbnail = models.ImageField(upload_to="activities/thumbs/%Y/%m/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.image.name or ""


class ActivityEvent(models.Model):
    """Every change of an activity: who, when, and the comment. Outlives a deleted log as its audit trail."""

    DELETED = "deleted"
    STATUS_CHOICES = [*Activity.Status.choices, (DELETED, _("Dihapus"))]

    activity = models.ForeignKey(Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    unit = models.ForeignKey("villages.Unit", on_delete=models.PROTECT, null=True, related_name="+")
    from_status = models.CharField(max_length=10, choices=STATUS_CHOICES, blank=True)
    to_status = models.CharField(max_length=10, choices=STATUS_CHOICES)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.from_status} → {self.to_status}"
