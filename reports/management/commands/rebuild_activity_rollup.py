"""Measure the monthly activity rollup again from the logs: after a bulk load, or to repair it."""

from django.core.management.base import BaseCommand, CommandError

from reports.services.rollups import rollup_differences, rollup_rebuild
from villages.models import Office


class Command(BaseCommand):
    help = (
        "Membangun ulang rekap kegiatan bulanan dari data kegiatan. Rebuilds the monthly activity rollup from the logs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--office", action="append", default=[], help="slug kantor (boleh berulang) / office slug")
        parser.add_argument(
            "--check", action="store_true", help="hanya periksa, tidak menulis / only compare, write nothing"
        )

    def handle(self, *args, office, check, **options):
        office_ids = None
        if office:
            found = dict(Office.objects.filter(slug__in=office).values_list("slug", "pk"))
            missing = sorted(set(office) - found.keys())
            if missing:
                raise CommandError(f"Kantor tidak dikenal / unknown office: {', '.join(missing)}")
            office_ids = list(found.values())
        if check:
            differences = rollup_differences(office_ids=office_ids)
            for (unit, office_id, month), kept, fresh in differences[:20]:
                changed = {name: (kept[name], fresh[name]) for name in kept if kept[name] != fresh[name]}
                self.stdout.write(f"unit {unit}, office {office_id}, {month:%Y-%m}: {changed}")
            if differences:
                raise CommandError(f"{len(differences)} sel rekap berbeda / rollup cells differ")
            self.stdout.write("Rekap sesuai dengan data kegiatan. The rollup matches the logs.")
            return
        made = rollup_rebuild(office_ids=office_ids)
        self.stdout.write(f"{made} sel rekap dibangun / rollup cells built")
