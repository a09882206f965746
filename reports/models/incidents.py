from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Incident(models.Model):
    """A confidential report: visible only to its author and the office's staff; every view is logged."""

    class Category(models.TextChoices):
        TRAFFICKING = "trafficking", _("Dugaan perdagangan orang (TPPO)")
        NON_PROCEDURAL = "non_procedural", _("Keberangkatan PMI non-prosedural")
        FOREIGNER = "foreigner", _("Orang asing mencurigakan")

    class Urgency(models.TextChoices):
        LOW = "low", _("Rendah")
        MEDIUM = "medium", _("Sedang")
        HIGH = "high", _("Tinggi")
        IMMEDIATE = "immediate", _("Segera (ada orang dalam bahaya)")

    class Status(models.TextChoices):
        NEW = "new", _("Baru")
        ACKNOWLEDGED = "acknowledged", _("Diterima petugas")
        REFERRED = "referred", _("Dirujuk")
        CLOSED = "closed", _("Selesai")

    class ReferredTo(models.TextChoices):
        POLRES_PPA = "polres_ppa", _("Polres (Unit PPA-PPO)")
        KP2MI = "kp2mi", _("KP2MI/BP3MI")
        DISNAKER = "disnaker", _("Disnaker")
        OTHER = "other", _("Lainnya")

    unit = models.ForeignKey("villages.Unit", on_delete=models.PROTECT, related_name="incidents")
    office = models.ForeignKey("villages.Office", on_delete=models.PROTECT, related_name="incidents")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="incidents")
    category = models.CharField(_("kategori"), max_length=16, choices=Category.choices)
    urgency = models.CharField(_("tingkat urgensi"), max_length=10, choices=Urgency.choices)
    occurred_on = models.DateField(_("tanggal kejadian"))
    place = models.CharField(_("tempat kejadian"), max_length=200)
    description = models.TextField(_("apa yang terjadi"))
    people_involved = models.TextField(_("siapa yang terlibat"), blank=True)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.NEW)
    referred_to = models.CharField(_("dirujuk ke"), max_length=12, choices=ReferredTo.choices, blank=True)
    referred_to_detail = models.CharField(_("keterangan rujukan"), max_length=200, blank=True)
    # Sent with the form; a second submission by the same author with the same token returns the first report.
    client_token = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("laporan kejadian")
        verbose_name_plural = _("laporan kejadian")
        indexes = [
            models.Index(fields=["office", "status", "-created_at"], name="reports_incident_office_queue"),
            models.Index(fields=["author", "-created_at"], name="reports_incident_author"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["author", "client_token"], name="reports_incident_token_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} · {self.occurred_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("reports:incident_detail", args=[self.pk])


class IncidentEvent(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=14, choices=Incident.Status.choices, blank=True)
    to_status = models.CharField(max_length=14, choices=Incident.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.incident_id}: {self.from_status} → {self.to_status}"


class IncidentView(models.Model):
    """Who read an incident, when and how (its page, or a CSV export): confidential reports keep a read log."""

    class Reason(models.TextChoices):
        OPENED = "opened", _("Dibuka")
        CSV_EXPORT = "csv_export", _("Ekspor CSV")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(_("cara"), max_length=10, choices=Reason.choices, default=Reason.OPENED)
    # The export that carried the report out (its filters and requester are on the audit row).
    export = models.ForeignKey("reports.ExportJob", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user_id} viewed {self.incident_id}"
