from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .jobs import BackgroundJob


class ExportJob(BackgroundJob):
    """An export of activities (a large XLSX built by a worker) or of incidents (the audit row of a download)."""

    class Kind(models.TextChoices):
        ACTIVITIES_XLSX = "activities_xlsx", _("Kegiatan (XLSX)")
        INCIDENTS_CSV = "incidents_csv", _("Laporan kejadian (CSV)")

    owner_field = "requested_by"

    kind = models.CharField(_("jenis ekspor"), max_length=16, choices=Kind.choices)
    # The filters on screen when the export was asked for, as query parameters (office, unit, dates, kind...).
    filters = models.JSONField(default=dict, blank=True)
    office = models.ForeignKey("villages.Office", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    row_count = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/%Y/%m/", blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

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
