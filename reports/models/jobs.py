from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BackgroundJob(models.Model):
    """The life cycle of work done by a worker (a summary PDF, a large export): queued -> running -> done/failed.

    Only ``reports.services.jobs`` moves a job along it. A job still running long after ``started_at`` was
    abandoned by a dead worker; the sweep marks it failed.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Dalam antrean")
        RUNNING = "running", _("Sedang dibuat")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    # The field naming who asked for the job: their client tokens are theirs alone.
    owner_field: ClassVar[str]

    state = models.CharField(_("status"), max_length=8, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When a worker picked it up: a job still "running" long after this was abandoned by a dead worker.
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Sent with the form; a second submission by the same user with the same token returns the first job.
    client_token = models.UUIDField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_pending(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)
