from django.db import models
from django.utils.translation import gettext_lazy as _

from .activities import Activity


class ActivityMonth(models.Model):
    """The figures of one unit's logs (made under one office) dated in one month, kept as the logs change.

    A rollup, never the truth: every column is ``reports.aggregation.activity_measures()`` over the source
    rows of the cell, rewritten in the same transaction as any change to one of them
    (``reports.services.rollups.rollup_refresh``) and rebuilt from the source rows by
    ``manage.py rebuild_activity_rollup``. The dashboards and the summary PDF read it for whole months.
    """

    unit = models.ForeignKey("villages.Unit", on_delete=models.CASCADE, related_name="+")
    # The office the logs were made under (``Activity.office``), which a unit moved to another office keeps.
    office = models.ForeignKey("villages.Office", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="The first day of the month.")
    verified = models.PositiveIntegerField(default=0)
    pending = models.PositiveIntegerField(default=0)
    participants_male = models.PositiveBigIntegerField(default=0)
    participants_female = models.PositiveBigIntegerField(default=0)
    calon_pmi = models.PositiveBigIntegerField(default=0)
    consultations = models.PositiveBigIntegerField(default=0)
    referrals = models.PositiveBigIntegerField(default=0)
    # Verified logs of each kind: one column per ``Activity.Kind`` (tests/reports/test_rollups.py checks them).
    kind_sosialisasi = models.PositiveIntegerField(default=0)
    kind_penyuluhan = models.PositiveIntegerField(default=0)
    kind_consultation = models.PositiveIntegerField(default=0)
    kind_pmi_data = models.PositiveIntegerField(default=0)
    kind_home_visit = models.PositiveIntegerField(default=0)
    kind_coordination = models.PositiveIntegerField(default=0)
    kind_other = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rekap kegiatan bulanan")
        verbose_name_plural = _("rekap kegiatan bulanan")
        constraints = [
            models.UniqueConstraint(fields=["unit", "office", "month"], name="reports_activitymonth_cell"),
        ]
        indexes = [
            # The dashboards: an office's (or several offices') months; a unit's months use the constraint.
            models.Index(fields=["office", "month"], name="reports_activitymonth_office"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.office_id} {self.month:%Y-%m}: {self.verified}+{self.pending}"


KIND_COLUMNS = {kind: f"kind_{kind}" for kind in Activity.Kind.values}
