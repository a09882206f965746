"""Thin task wrappers: they take ids, and the services do the work (and record failures).

The services never import this module: ``ReportsConfig.ready`` registers each task for its kind of job, and
``reports.services.jobs.enqueue_on_commit`` finds it there.
"""

from django_tasks import task

from .services.exports import export_build
from .services.summaries import summary_generate


@task()
def generate_summary(summary_id: int) -> None:
    summary_generate(summary_id=summary_id)


@task()
def build_activity_export(job_id: int) -> None:
    export_build(job_id=job_id)
