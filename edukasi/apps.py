from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EdukasiConfig(AppConfig):
    verbose_name = _("Edukasi publik")
    name = "edukasi"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals

        signals.connect()
