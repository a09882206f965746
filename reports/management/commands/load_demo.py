from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from edukasi import demo as edukasi_demo
from reports import demo as reports_demo
from villages import demo as villages_demo


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent) and list the demo accounts."

    def handle(self, *args, **options):
        villages_demo.load()
        edukasi_demo.load()
        reports_demo.load()
        self.stdout.write(self.style.SUCCESS(_("Data demo dimuat.")))
        self.stdout.write(_("Akun demo:"))
        for account in villages_demo.DEMO_ACCOUNTS:
            password = account.password if settings.DEBUG else _("(disembunyikan: DEBUG mati)")
            self.stdout.write(f"  {account.username:<18} {password:<28} {account.description}")
