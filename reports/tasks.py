"""Thin task wrappers: they take ids, and the services do the work (and record failures)."""

from django_tasks import task


@task()
def generate_summary(summary_id: int) -> None:
    from .services.summaries import summary_generate

    summary_generate(summary_id=summary_id)


@task()
def build_activity_export(job_id: int) -> None:
    from .services.exports import export_build

    export_build(job_id=job_id)
