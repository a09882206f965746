"""What every export shares: columns by name, rows, and the CSV and XLSX writers.

An exporter names the ``fields`` its records hold, declares its ``columns`` (a header, and the fields the cell
is made of, by name, never by position) and yields its ``records`` (tuples from ``values_list(*fields)``:
a dict a row would cost more than the rest of the row). ``Exporter.rows`` gives the header and then one list of
typed values a record (dates as dates, numbers as ints); ``write_csv`` and ``write_xlsx`` write any rows. Text
that would start a formula in a spreadsheet is kept text in both.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, tzinfo
from operator import itemgetter
from typing import IO, Any, TypeVar

from django.db import models

from desabinaan.lib.errors import Message
from villages.models import Unit

Record = Sequence[Any]  # the values of ``Exporter.fields``, in that order
Getter = Callable[[Record], object]

CHUNK_SIZE = 2000
FORMULA_START = frozenset("=+-@\t\r")
# Rows are sent in blocks of about this many characters: one write per row would cost more than the row.
CSV_BLOCK = 64 * 1024


class Column:
    """A header and the cell under it: one field as it is, or ``compute`` of the named fields' values."""

    def __init__(self, header: Message, *fields: str, compute: Callable[..., object] | None = None):
        if not fields or (compute is None and len(fields) != 1):
            raise ValueError("a column shows one field, or computes its cell from one or more")
        self.header, self.fields, self.compute = header, fields, compute

    def getter(self, position: Mapping[str, int]) -> Getter:
        """Read the cell from a record whose field ``name`` is at ``position[name]``."""
        compute = self.compute
        if compute is None:
            return itemgetter(position[self.fields[0]])
        if len(self.fields) == 1:
            index = position[self.fields[0]]
            return lambda record: compute(record[index])
        values = itemgetter(*(position[name] for name in self.fields))
        return lambda record: compute(*values(record))


class Exporter:
    """Subclasses set ``title`` and ``fields`` and implement ``columns`` and ``records``."""

    title: Message
    fields: tuple[str, ...]

    def columns(self) -> Sequence[Column]:
        raise NotImplementedError

    def records(self) -> Iterator[Record]:
        """Tuples of ``fields``' values, in that order."""
        raise NotImplementedError

    def rows(self) -> Iterator[list]:
        """The header, then one row a record."""
        columns = self.columns()
        yield [str(column.header) for column in columns]
        position = {name: index for index, name in enumerate(self.fields)}
        getters = [column.getter(position) for column in columns]
        for record in self.records():
            yield [get(record) for get in getters]

    def csv(self) -> Iterator[bytes]:
        return write_csv(self.rows())

    def xlsx(
        self, target: IO[bytes], *, total: int | None = None, on_progress: Callable[[int], None] | None = None
    ) -> int:
        """Write the workbook to ``target``; returns the number of data rows."""
        return write_xlsx(self.rows(), target, title=str(self.title), total=total, on_progress=on_progress)


def label(choices: type[models.Choices]) -> Callable[[str], str]:
    """A choice's label from its value (the labels translated once for the whole export); "" for none."""
    labels = {value: str(label) for value, label in choices.choices}
    return lambda value: labels.get(value, value) if value else ""


def local(tz: tzinfo) -> Callable[[datetime | None], datetime | None]:
    """A moment in ``tz``, without the zone: spreadsheets have none (Jakarta time, as on screen)."""
    return lambda moment: moment.astimezone(tz).replace(tzinfo=None) if moment else None


def unit_name() -> Callable[[str, str, str], str]:
    """A unit as on screen, from its kind, region name and school name: "Kelurahan <region>", or the school."""
    kinds = {value: str(label) for value, label in Unit.Kind.choices}
    return lambda kind, region, school: school if kind == Unit.Kind.SCHOOL else f"{kinds.get(kind, '')} {region}"


def or_empty(value: object) -> object:
    return value or ""


T = TypeVar("T")


def chunks(iterable: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> object:
    kind = type(value)  # the exact type, not isinstance: a datetime is a date too, and this runs for every cell
    if kind is str:
        # A cell starting with = + - @ would run as a formula in a spreadsheet: keep it text.
        return "'" + value if value and value[0] in FORMULA_START else value
    if kind is datetime:
        return value.isoformat(" ", "minutes")
    if kind is date:
        return value.isoformat()
    return value


def write_csv(rows: Iterable[list]) -> Iterator[bytes]:
    """UTF-8 CSV in blocks of about 64 KB, with a BOM so that spreadsheet programs read it as UTF-8."""
    writer = csv.writer(_Echo())
    cell = _csv_cell
    block, size = ["\ufeff"], 1
    for row in rows:
        line = writer.writerow([cell(value) for value in row])
        block.append(line)
        size += len(line)
        # The header goes at once, so the download starts while the database still sorts the rows.
        if size >= CSV_BLOCK or (len(block) == 2 and block[0] == "\ufeff"):
            yield "".join(block).encode()
            block, size = [], 0
    if block:
        yield "".join(block).encode()


def write_xlsx(
    rows: Iterable[list],
    target: IO[bytes],
    *,
    title: str,
    total: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """A write-only workbook (constant memory) with typed cells; returns the number of data rows.

    With ``total`` and ``on_progress``, reports 5 to 95 (percent) every thousand rows.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    count = -1
    bold = Font(bold=True)
    cell: object  # a styled cell, or the plain value
    for row in rows:
        if count < 0:
            cells: list[object] = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                cell.font = bold
                cells.append(cell)
            sheet.append(cells)
        else:
            cells = []
            for value in row:
                if isinstance(value, datetime):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = "dd/mm/yyyy hh:mm"
                elif isinstance(value, date):
                    # openpyxl writes dates as such; its stubs know only datetime here.
                    cell = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]
                    cell.number_format = "dd/mm/yyyy"
                else:
                    cell = _csv_cell(value) if isinstance(value, str) else value
                cells.append(cell)
            sheet.append(cells)
        count += 1
        if on_progress and total and count % 1000 == 0:
            on_progress(min(95, 5 + 90 * count // total))
    workbook.save(target)
    return max(count, 0)
