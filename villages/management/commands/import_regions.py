"""``manage.py import_regions PATH``: load a Kemendagri ``kode,nama`` CSV into the region register."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from villages.models import Region
from villages.regions import RegionImportError, regions_import_file


class Command(BaseCommand):
    help = _(
        "Mengimpor kode wilayah Kemendagri dari berkas CSV «kode,nama». Semua baris diperiksa dulu; "
        "bila ada satu saja yang salah, tidak ada yang disimpan."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("Berkas CSV, misalnya wilayah.csv"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Periksa dan hitung perubahan tanpa menyimpan apa pun.")
        )

    def handle(self, *args, path: str, dry_run: bool, **options):
        try:
            summary = regions_import_file(path=path, by=None, dry_run=dry_run)
        except FileNotFoundError as exc:
            raise CommandError(_("Berkas %(path)s tidak ditemukan.") % {"path": path}) from exc
        except IsADirectoryError as exc:
            raise CommandError(_("%(path)s adalah folder, bukan berkas CSV.") % {"path": path}) from exc
        except PermissionError as exc:
            raise CommandError(_("Berkas %(path)s tidak dapat dibaca (izin ditolak).") % {"path": path}) from exc
        except RegionImportError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("Impor dibatalkan: %(count)s baris bermasalah. Tidak ada wilayah yang disimpan.")
                % {"count": len(exc.errors)}
            ) from exc

        levels = dict(Region.Level.choices)
        title = _("Pemeriksaan selesai (tanpa menyimpan)") if dry_run else _("Impor wilayah selesai")
        self.stdout.write(self.style.SUCCESS(f"{title}: {path}"))
        lines = [
            (_("Baris dibaca"), summary.rows),
            (_("Dibuat"), summary.created),
            (_("Diperbarui"), summary.updated),
            (_("Tidak berubah"), summary.unchanged),
            (_("Ada di basis data, tidak ada di berkas (dibiarkan)"), summary.not_in_file),
        ]
        for label, value in lines:
            self.stdout.write(f"  {label}: {_thousands(value)}")
        for level, count in sorted(summary.created_by_level.items()):
            self.stdout.write(f"    {levels[level]}: {_thousands(count)}")
        self.stdout.write(_("  Waktu: %(seconds).1f detik") % {"seconds": summary.seconds})


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")
