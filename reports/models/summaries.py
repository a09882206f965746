from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from desabinaan.lib.periods import quarter_numeral, quarter_of

from .jobs import BackgroundJob


class Summary(BackgroundJob):
    """A generated PDF summary of an office or a unit over a period, verifiable by its code."""

    class PeriodKind(models.TextChoices):
        MONTH = "month", _("Bulan")
        QUARTER = "quarter", _("Triwulan")
        YEAR = "year", _("Tahun")
        CUSTOM = "custom", _("Rentang tanggal")

    owner_field = "generated_by"

    office = models.ForeignKey("villages.Office", on_delete=models.PROTECT, related_name="summaries")
    unit = models.ForeignKey("villages.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="summaries")
    period_kind = models.CharField(_("jenis periode"), max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField(_("awal periode"))
    period_end = models.DateField(_("akhir periode"))
    language = models.CharField(max_length=5, default="id")
    include_appendix = models.BooleanField(_("lampirkan daftar kegiatan"), default=False)
    file = models.FileField(upload_to="summaries/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    verification_code = models.CharField(max_length=16, unique=True)
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="summaries")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ringkasan")
        verbose_name_plural = _("ringkasan")
        indexes = [models.Index(fields=["office", "-created_at"], name="reports_summary_office")]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="reports_summary_period_order"),
            # A token is one user's: someone else's token in a form never returns (or blocks) their summary.
            models.UniqueConstraint(fields=["generated_by", "client_token"], name="reports_summary_token_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.office} {self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("reports:summary_detail", args=[self.pk])

    @property
    def is_done(self) -> bool:
        return self.state == self.State.DONE and bool(self.file)

    @property
    def period_label(self) -> str:
        """ "Triwulan I 2026", "November 2026", "Tahun 2026", or "1 Januari 2026 – 15 Maret 2026"."""
        if self.period_kind == self.PeriodKind.MONTH:
            return formats.date_format(self.period_start, "F Y")
        if self.period_kind == self.PeriodKind.QUARTER:
            year, quarter = quarter_of(self.period_start)
            return gettext("Triwulan %(q)s %(year)s") % {"q": quarter_numeral(quarter), "year": year}
        if self.period_kind == self.PeriodKind.YEAR:
            return gettext("Tahun %(year)s") % {"year": self.period_start.year}
        start = formats.date_format(self.period_start, "DATE_FORMAT")
        return f"{start} – {formats.date_format(self.period_end, 'DATE_FORMAT')}"

    @property
    def scope_name(self) -> str:
        return self.unit.display_name if self.unit is not None else self.office.name
