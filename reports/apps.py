from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    verbose_name = _("Laporan kegiatan")
    name = "reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Which task runs which kind of job: the services enqueue through this registry, so that they never
        # import the tasks (which import them).
        from .models import ExportJob, Summary
        from .services.jobs import register_task
        from .tasks import build_activity_export, generate_summary

        register_task(Summary, generate_summary)
        register_task(ExportJob, build_activity_export)
