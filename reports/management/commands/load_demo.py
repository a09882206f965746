from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from edukasi import demo as edukasi_demo
from reports import demo as reports_demo
from villages import demo as villages_demo


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent) and list the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off (a production database then holds demo units and accounts).",
        )

    def handle(self, *args, **options):
        # Demo units, offices and accounts with known passwords have no place in a live database by accident.
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _(
                    "load_demo menolak berjalan karena DJANGO_DEBUG mati: data contoh (unit, kantor, akun dengan "
                    "kata sandi yang diketahui) akan masuk ke basis data ini. Jika memang disengaja, jalankan lagi "
                    "dengan --force."
                )
            )
        villages_demo.load()
        edukasi_demo.load()
        reports_demo.load()
        self.stdout.write(self.style.SUCCESS(_("Data demo dimuat.")))
        self.stdout.write(_("Akun demo:"))
        for account in villages_demo.DEMO_ACCOUNTS:
            password = account.password if settings.DEBUG else _("(disembunyikan: DEBUG mati)")
            self.stdout.write(f"  {account.username:<18} {password:<28} {account.description}")
