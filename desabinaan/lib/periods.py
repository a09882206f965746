"""Reporting periods: months, triwulan (quarters) and years as closed date ranges ``(first day, last day)``."""

import re
from datetime import date, timedelta

QUARTER_NUMERALS = ("I", "II", "III", "IV")  # a triwulan is written in Roman numerals: "Triwulan III 2026"


def quarter_of(day: date) -> tuple[int, int]:
    """The year and the triwulan (1 to 4) of ``day``."""
    return day.year, (day.month - 1) // 3 + 1


def month_bounds(year: int, month: int) -> tuple[date, date]:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, 1), following - timedelta(days=1)


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    start, _ = month_bounds(year, 3 * quarter - 2)
    _, end = month_bounds(year, 3 * quarter)
    return start, end


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def quarter_numeral(quarter: int) -> str:
    return QUARTER_NUMERALS[quarter - 1]


def month_starts(start: date, end: date) -> list[date]:
    """The first day of every month that ``start``–``end`` touches, in order."""
    months, current = [], date(start.year, start.month, 1)
    while current <= end:
        months.append(current)
        current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def month_key(year: int, month: int) -> str:
    """A month as a URL parameter: "2026-11"."""
    return f"{year:04d}-{month:02d}"


def quarter_key(year: int, quarter: int) -> str:
    """A triwulan as a URL parameter: "2026-T4"."""
    return f"{year:04d}-T{quarter}"


_KEY = re.compile(r"(\d{4})-(?:(0[1-9]|1[0-2])|[Tt]([1-4]))")


def period_bounds(key: str) -> tuple[date, date] | None:
    """The first and last day of the month or triwulan ``key`` ("2026-11", "2026-T4"); None if it is not one."""
    match = _KEY.fullmatch(key or "")
    if match is None or int(match[1]) < 1:  # year 0 has no dates
        return None
    year = int(match[1])
    return month_bounds(year, int(match[2])) if match[2] else quarter_bounds(year, int(match[3]))
