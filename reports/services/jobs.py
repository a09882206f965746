"""The life cycle of background jobs (summaries, large exports), written once: queued -> running -> done/failed.

A job is created with its task enqueued on commit (``job_request``); the worker takes it (``job_start``), reports
``job_progress``, and ends with ``job_finish`` or ``job_fail``. Every state change locks the row, so a task
delivered twice runs once and a job swept as abandoned keeps that verdict. A job left ``running`` past
``SUMMARY_STALE_AFTER`` was abandoned by a dead worker: ``jobs_fail_stale`` marks it failed whenever jobs are
looked at, and the user asks again.

Services never import ``reports.tasks`` (the tasks import the services): the app's ``ready()`` registers which
task runs which kind of job, and ``enqueue_on_commit`` looks it up here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from desabinaan.lib.errors import Message

from ..models.jobs import BackgroundJob

J = TypeVar("J", bound=BackgroundJob)

DEFAULT_STALE_AFTER = timedelta(minutes=15)


class JobTask(Protocol):
    """A task taking the job's id (``django_tasks.task`` objects are)."""

    def enqueue(self, job_id: int) -> object: ...


_TASKS: dict[type[BackgroundJob], JobTask] = {}


def register_task(model: type[BackgroundJob], task: JobTask) -> None:
    _TASKS[model] = task


def stale_after() -> timedelta:
    return getattr(settings, "SUMMARY_STALE_AFTER", DEFAULT_STALE_AFTER)


def enqueue_on_commit(job: BackgroundJob) -> None:
    """Queue the job's task once the row is committed (never before: the worker must find the row)."""
    task, job_id = _TASKS[type(job)], job.pk
    transaction.on_commit(lambda: task.enqueue(job_id))


def job_request(
    model: type[J], *, by: User, client_token: uuid.UUID | None, create: Callable[[], J], attempts: int = 1
) -> J:
    """Create a job with ``create`` and queue it; a token already used by this user returns their first job.

    Tokens are unique per user: the same token from another user makes that user's own job. ``attempts`` > 1
    retries a creation that collided on another unique value (a summary's verification code).
    """
    mine = model._default_manager.filter(**{model.owner_field: by}, client_token=client_token)
    if client_token is not None and (existing := mine.first()):
        return existing
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                job = create()
                enqueue_on_commit(job)
                return job
        except IntegrityError:
            # The same form sent twice at once by this user: the first one won.
            if client_token is not None and (existing := mine.first()):
                return existing
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover  (attempts >= 1)


def job_start(model: type[J], *, job_id: int, progress: int = 1) -> J | None:
    """Take a queued job: running from now. None when it is not queued (a task may be delivered twice)."""
    with transaction.atomic():
        job = model._default_manager.select_for_update().get(pk=job_id)
        if job.state != BackgroundJob.State.QUEUED:
            return None
        job.state, job.started_at, job.progress = BackgroundJob.State.RUNNING, timezone.now(), progress
        job.save(update_fields=["state", "started_at", "progress"])
        return job


def job_progress(model: type[BackgroundJob], *, job_id: int, progress: int) -> None:
    model._default_manager.filter(pk=job_id, state=BackgroundJob.State.RUNNING).update(progress=progress)


def job_finish(model: type[J], *, job_id: int, values: dict[str, Any]) -> J:
    """Mark a running job done with ``values`` (its file, row count...).

    A job swept as abandoned while its worker was still busy keeps the sweep's verdict: it comes back not
    ``DONE``, and the caller removes what it wrote.
    """
    with transaction.atomic():
        job = model._default_manager.select_for_update().get(pk=job_id)
        if job.state != BackgroundJob.State.RUNNING:
            return job
        for name, value in values.items():
            setattr(job, name, value)
        job.state, job.progress, job.finished_at = BackgroundJob.State.DONE, 100, timezone.now()
        job.save(update_fields=[*values, "state", "progress", "finished_at"])
        return job


def job_fail(model: type[J], *, job_id: int, message: Message) -> J:
    """Record why a queued or running job failed; a job already done or failed is left as it is."""
    with transaction.atomic():
        job = model._default_manager.select_for_update().get(pk=job_id)
        if job.is_pending:
            _fail(job, message)
        return job


def _fail(job: BackgroundJob, message: Message) -> None:
    job.state, job.message, job.finished_at = BackgroundJob.State.FAILED, str(message), timezone.now()
    job.save(update_fields=["state", "message", "finished_at"])


def jobs_fail_stale(
    model: type[J],
    *,
    message: Message,
    now: datetime | None = None,
    related: Sequence[str] = (),
    on_failed: Callable[[J], None] | None = None,
) -> int:
    """Mark jobs abandoned by a dead worker as failed; ``on_failed`` removes what each left behind.

    ``related`` is what ``on_failed`` reads of each job (joined, not locked). One query when nothing is stale.
    """
    cutoff = (now or timezone.now()) - stale_after()
    running = model._default_manager.filter(state=BackgroundJob.State.RUNNING, started_at__lt=cutoff)
    count = 0
    for job_id in list(running.values_list("pk", flat=True)):
        with transaction.atomic():
            job = model._default_manager.select_for_update(of=("self",)).select_related(*related).get(pk=job_id)
            if job.state != BackgroundJob.State.RUNNING or job.started_at is None or job.started_at >= cutoff:
                continue
            _fail(job, message)
            if on_failed is not None:
                on_failed(job)
            count += 1
    return count
