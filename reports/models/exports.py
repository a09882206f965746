from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    """An export of activities (a large XLSX built by a worker) or of incidents (the audit row of a download)."""

    class Kind(models.TextChoices):
        ACTIVITIES_XLSX = "activities_xlsx", _("Kegiatan (XLSX)")
        INCIDENTS_CSV = "incidents_csv", _("Laporan kejadian (CSV)")

    class State(models.TextChoices):
        QUEUED = "queued", _("Dalam antrean")
        RUNNING = "running", _("Sedang dibuat")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    kind = models.CharField(_("jenis ekspor"), max_length=16, choices=Kind.choices)
    # The filters on screen when the export was asked for, as query parameters (office, unit, dates, kind...).
    filters = models.JSONField(default=dict, blank=True)
    office = models.ForeignKey("villages.Office", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    state = models.CharField(_("status"), max_length=8, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    row_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    file = models.FileField(upload_to="exports/%Y/%m/", blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Sent with the form; a second submission by the same user with the same token returns the first job.
    client_token = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ekspor")
        verbose_name_plural = _("ekspor")
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="reports_exportjob_user")]
        constraints = [
            models.UniqueConstraint(fields=["requested_by", "client_token"], name="reports_exportjob_token_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("reports:export_detail", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)
