"""The region register: reading a Kemendagri ``kode,nama`` CSV, importing it, and searching it.

The import is all or nothing: every row is checked first and any bad row (reported with its line number)
stops the whole file. Re-running a file writes nothing; a newer file renames and adds regions but never
deletes one, because units point at regions and old codes must keep resolving.
"""

import csv
import hashlib
import io
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext as _

from .models import Region, RegionImport

HEADER = ["kode", "nama"]
NAME_MAX_LENGTH = cast(int, Region._meta.get_field("name").max_length)  # a CharField always has one
CODE_PART_WIDTHS = (2, 2, 2, 4)
_CODE_CHARS_RE = re.compile(r"^[0-9.]+$")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_LOOKS_LIKE_CODE_RE = re.compile(r"^\d{1,2}(\.\d{0,4})*$")
# Rows per INSERT/UPDATE statement: big enough to keep round trips few, small enough for SQLite's limits.
BATCH_SIZE = 2000
SEARCH_MAX_LENGTH = 100


@dataclass(frozen=True)
class RegionRow:
    line: int
    code: str
    name: str

    @property
    def level(self) -> int:
        return Region.level_of(self.code)

    @property
    def parent_code(self) -> str | None:
        return Region.parent_code_of(self.code)


@dataclass(frozen=True, order=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Baris %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class RegionImportError(Exception):
    """The file was refused; nothing was written. ``errors`` lists every bad row."""

    def __init__(self, errors: list[RowError]):
        self.errors = sorted(errors)
        super().__init__(_("%(count)s baris bermasalah; tidak ada yang disimpan.") % {"count": len(self.errors)})


@dataclass
class ImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Regions in the database that the file does not list: kept, since units may point at them.
    not_in_file: int = 0
    seconds: float = 0.0
    dry_run: bool = False
    created_by_level: dict[int, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


# --- Reading -----------------------------------------------------------------------------------


def code_error(code: str) -> str | None:
    """Why ``code`` is not a Kemendagri region code, or None when it is one."""
    if not code:
        return _("Kode kosong.")
    if not _CODE_CHARS_RE.match(code):
        return _("Kode «%(code)s» tidak sah: hanya angka dan titik, misalnya 31.72.03.1004.") % {"code": code}
    parts = code.split(".")
    if len(parts) > len(CODE_PART_WIDTHS):
        return _(
            "Kode «%(code)s» terdiri atas %(parts)s bagian; tingkat wilayah hanya 1 sampai 4 "
            "(provinsi, kabupaten/kota, kecamatan, kelurahan/desa)."
        ) % {"code": code, "parts": len(parts)}
    if any(len(part) != width for part, width in zip(parts, CODE_PART_WIDTHS, strict=False)):
        return _("Kode «%(code)s» tidak sesuai pola PP, PP.KK, PP.KK.CC atau PP.KK.CC.DDDD.") % {"code": code}
    return None


def _undecodable_lines(data: bytes) -> list[RowError]:
    errors = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            errors.append(RowError(number, _("Bukan teks UTF-8. Simpan berkas sebagai «CSV UTF-8».")))
    # A BOM-less file in another encoding may still fail only as a whole (e.g. UTF-16).
    return errors or [RowError(1, _("Berkas bukan teks UTF-8. Simpan berkas sebagai «CSV UTF-8»."))]


def parse_region_csv(data: bytes) -> tuple[list[RegionRow], list[RowError]]:
    """Every well-formed row and every problem found in the file alone (parents in the database aside)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], _undecodable_lines(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[RegionRow] = []
    errors: list[RowError] = []
    first_line: dict[str, int] = {}
    try:
        header = next(reader, None)
        if header is None:
            return [], [RowError(1, _("Berkas kosong; baris pertama harus «kode,nama»."))]
        if [cell.strip().lower() for cell in header] != HEADER:
            shown = ",".join(header)[:80]
            return [], [RowError(1, _("Baris judul harus «kode,nama», bukan «%(header)s».") % {"header": shown})]
        for cells in reader:
            line = reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if len(cells) != 2:
                errors.append(
                    RowError(line, _("Harus 2 kolom (kode,nama), ditemukan %(count)s.") % {"count": len(cells)})
                )
                continue
            code, name = cells[0].strip(), cells[1].strip()
            problem = code_error(code)
            if problem:
                errors.append(RowError(line, problem))
                continue
            if code in first_line:
                errors.append(
                    RowError(
                        line,
                        _("Kode %(code)s ganda: sudah ada di baris %(first)s.")
                        % {"code": code, "first": first_line[code]},
                    )
                )
                continue
            first_line[code] = line
            if not name:
                errors.append(RowError(line, _("Nama wilayah %(code)s kosong.") % {"code": code}))
                continue
            if _CONTROL_RE.search(name):
                errors.append(RowError(line, _("Nama wilayah %(code)s berisi karakter kendali.") % {"code": code}))
                continue
            if len(name) > NAME_MAX_LENGTH:
                too_long = _("Nama wilayah %(code)s lebih dari %(max)s karakter.")
                errors.append(RowError(line, too_long % {"code": code, "max": NAME_MAX_LENGTH}))
                continue
            rows.append(RegionRow(line, code, name))
    except csv.Error as exc:
        errors.append(RowError(reader.line_num, _("Format CSV rusak: %(error)s") % {"error": exc}))
    return rows, errors


def _missing_parent_errors(rows: list[RegionRow], codes_in_file: set[str]) -> list[RowError]:
    """A parent must be in the file (even on a bad row, reported there) or already in the database."""
    wanted: dict[str, list[RegionRow]] = {}
    for row in rows:
        parent = row.parent_code
        if parent and parent not in codes_in_file:
            wanted.setdefault(parent, []).append(row)
    if not wanted:
        return []
    found: set[str] = set()
    parents = list(wanted)
    for start in range(0, len(parents), BATCH_SIZE):
        found.update(Region.objects.filter(code__in=parents[start : start + BATCH_SIZE]).values_list("code", flat=True))
    return [
        RowError(
            row.line,
            _("Induk %(parent)s dari kode %(code)s tidak ada di berkas maupun di basis data.")
            % {
                "parent": parent,
                "code": row.code,
            },
        )
        for parent, children in wanted.items()
        if parent not in found
        for row in children
    ]


# --- Importing ---------------------------------------------------------------------------------


def regions_import(*, data: bytes, by: User | None, source: str = "", dry_run: bool = False) -> ImportSummary:
    """Validate the whole file, then create new regions and rename changed ones in one transaction.

    Raises ``RegionImportError`` (nothing written) when any row is bad.
    """
    started = time.monotonic()
    rows, errors = parse_region_csv(data)
    codes_in_file = {row.code for row in rows}
    # Codes on bad rows still count as "present" so that their children are not reported twice.
    errors_lines = {e.line for e in errors}
    if rows or errors:
        codes_in_file |= _codes_on_lines(data, errors_lines)
    errors += _missing_parent_errors(rows, codes_in_file)
    if errors:
        raise RegionImportError(errors)

    with transaction.atomic():
        _lock_region_table()
        summary = _apply(rows, dry_run=dry_run)
        summary.seconds = time.monotonic() - started
        if summary.changed and not dry_run:
            RegionImport.objects.create(
                actor=by,
                source=source[:255],
                sha256=hashlib.sha256(data).hexdigest(),
                rows=summary.rows,
                created=summary.created,
                updated=summary.updated,
                unchanged=summary.unchanged,
                not_in_file=summary.not_in_file,
                seconds=round(summary.seconds, 3),
            )
            if connection.vendor == "postgresql" and summary.created > 1000:
                # Fresh statistics, so that the region search plans well right after a national import.
                with connection.cursor() as cursor:
                    cursor.execute(f"ANALYZE {Region._meta.db_table}")
    summary.seconds = time.monotonic() - started
    return summary


def regions_import_file(*, path: str | Path, by: User | None, dry_run: bool = False) -> ImportSummary:
    path = Path(path)
    return regions_import(data=path.read_bytes(), by=by, source=path.name, dry_run=dry_run)


def _codes_on_lines(data: bytes, lines: set[int]) -> set[str]:
    if not lines:
        return set()
    text = data.decode("utf-8-sig", errors="replace")
    codes = set()
    for number, line in enumerate(text.split("\n"), start=1):
        if number in lines:
            code = line.split(",", 1)[0].strip().strip('"')
            if code_error(code) is None:
                codes.add(code)
    return codes


def _lock_region_table() -> None:
    """Two imports at once would race on the same codes: the second waits. Readers are not blocked."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Region._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")


def _apply(rows: list[RegionRow], *, dry_run: bool) -> ImportSummary:
    existing: dict[str, tuple[str, int, str | None]] = {
        code: (name, level, parent_id)
        for code, name, level, parent_id in Region.objects.values_list("code", "name", "level", "parent_id")
        .order_by()
        .iterator(chunk_size=10_000)
    }
    to_create: list[Region] = []
    to_update: list[tuple[str, str, int, str | None]] = []
    summary = ImportSummary(rows=len(rows), dry_run=dry_run)
    for row in rows:
        wanted = (row.name, row.level, row.parent_code)
        current = existing.get(row.code)
        if current is None:
            to_create.append(Region(code=row.code, name=row.name, level=row.level, parent_id=row.parent_code))
            summary.created_by_level[row.level] = summary.created_by_level.get(row.level, 0) + 1
        elif current != wanted:
            to_update.append((row.code, *wanted))
        else:
            summary.unchanged += 1
    summary.created = len(to_create)
    summary.updated = len(to_update)
    summary.not_in_file = len(existing.keys() - {row.code for row in rows})
    if dry_run:
        return summary
    # Parents first, so that the foreign key holds row by row on databases that check it at once.
    to_create.sort(key=lambda region: (region.level, region.code))
    Region.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    _update_regions(to_update)
    return summary


def _update_regions(changes: list[tuple[str, str, int, str | None]]) -> None:
    if not changes:
        return
    table = Region._meta.db_table
    if connection.vendor == "postgresql":
        # One UPDATE ... FROM (VALUES ...) per batch: bulk_update's CASE WHEN grows slow with thousands of rows.
        with connection.cursor() as cursor:
            for start in range(0, len(changes), BATCH_SIZE):
                batch = changes[start : start + BATCH_SIZE]
                values = ", ".join(["(%s, %s, %s::smallint, %s)"] * len(batch))
                cursor.execute(
                    f"UPDATE {table} AS r SET name = v.name, level = v.level, parent_id = v.parent "  # noqa: S608
                    f"FROM (VALUES {values}) AS v(code, name, level, parent) WHERE r.code = v.code",
                    [value for change in batch for value in change],
                )
        return
    Region.objects.bulk_update(
        [Region(code=code, name=name, level=level, parent_id=parent) for code, name, level, parent in changes],
        ["name", "level", "parent"],
        batch_size=500,
    )


# --- Searching ---------------------------------------------------------------------------------


def region_children(code: str | None = None) -> QuerySet[Region]:
    """The regions directly below ``code`` (the provinces when empty), by name: one cascade step."""
    if not code:
        return Region.objects.filter(level=Region.Level.PROVINCE).order_by("name")
    if code_error(code) is not None:
        return Region.objects.none()
    return Region.objects.filter(parent_id=code).order_by("name")


def clean_search_text(q: str) -> str:
    """Collapse whitespace and drop control characters (PostgreSQL refuses NUL in text)."""
    return " ".join(_CONTROL_RE.sub(" ", q or "").split())[:SEARCH_MAX_LENGTH]


def regions_search(
    *,
    q: str = "",
    province: str = "",
    regency: str = "",
    district: str = "",
    level: int | None = Region.Level.VILLAGE,
) -> QuerySet[Region]:
    """Regions for a picker: narrowed to the most precise of district, regency, province; matched by code
    (prefix) or by name (anywhere in it; a text shorter than 3 characters only at the start of the name).
    With text, exact and leading matches come first.

    No joins here: sorting and paging happen on the region table alone (a join on every match made a
    broad search ten times slower); ``regions_with_trail`` adds the parents' names to the page afterwards.
    """
    qs = Region.objects.all()
    if level:
        qs = qs.filter(level=level)
    prefix = _narrowest_prefix(province=province, regency=regency, district=district)
    if prefix:
        qs = qs.filter(code__startswith=prefix + ".")
    q = clean_search_text(q)
    if not q:
        return qs.order_by("name", "code")
    if _LOOKS_LIKE_CODE_RE.match(q):
        return qs.filter(code__startswith=q).order_by("code")
    # One or two letters match half the country anywhere in a name, and no trigram index helps there.
    qs = qs.filter(name__icontains=q) if len(q) >= 3 else qs.filter(name__istartswith=q)
    return qs.annotate(
        match_rank=Case(
            When(name__iexact=q, then=Value(0)),
            When(name__istartswith=q, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("match_rank", "name", "code")


def regions_with_trail(regions: Iterable[Region]) -> list[Region]:
    """The regions, each given ``trail``: the names of its province, regency and district (one query)."""
    regions = list(regions)
    wanted = {region.code[:length] for region in regions for length in (2, 5, 8)}
    wanted -= {region.code for region in regions if region.level < Region.Level.VILLAGE}
    names = dict(Region.objects.filter(code__in=wanted).values_list("code", "name")) if wanted else {}
    for region in regions:
        region.trail = RegionTrail(  # type: ignore[attr-defined]  # the picker's annotation, not a model field
            province=names.get(region.code[:2], ""),
            regency=names.get(region.code[:5], "") if region.level > Region.Level.REGENCY else "",
            district=names.get(region.code[:8], "") if region.level > Region.Level.DISTRICT else "",
        )
    return regions


@dataclass(frozen=True)
class RegionTrail:
    province: str
    regency: str
    district: str


def _narrowest_prefix(*, province: str, regency: str, district: str) -> str:
    """The most precise well-formed code among the three; one that does not nest inside a broader
    one given with it is ignored (a stale select after the user changed the province)."""
    prefix = ""
    for code, level in ((province, 1), (regency, 2), (district, 3)):
        code = (code or "").strip()
        if not code or code_error(code) is not None or Region.level_of(code) != level:
            continue
        if prefix and not code.startswith(prefix + "."):
            continue
        prefix = code
    return prefix
