from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from edukasi.seed import ContentError, load_guidance


class Command(BaseCommand):
    help = "Load or refresh the seed guidance (topics, facts, articles) from edukasi/content/ (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--path", help="Content folder (default: edukasi/content/)")

    def handle(self, *args, **options):
        try:
            report = load_guidance(options.get("path"))
        except ContentError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("Panduan dimuat: %(t)s topik, %(f)s tarif, %(r)s daftar persyaratan, %(h)s layanan pengaduan.")
                % {"t": report.topics, "f": report.fees, "r": report.requirements, "h": report.hotlines}
            )
        )
        self.stdout.write(
            _("Artikel: %(c)s baru, %(u)s diperbarui, %(n)s tetap.")
            % {"c": len(report.created), "u": len(report.updated), "n": len(report.unchanged)}
        )
        if report.kept_editor_changes:
            self.stdout.write(
                _("Tidak ditimpa karena sudah diubah editor: %(slugs)s")
                % {"slugs": ", ".join(report.kept_editor_changes)}
            )
