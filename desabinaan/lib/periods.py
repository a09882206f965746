"""Reporting periods: months, triwulan (quarters) and years as closed date ranges ``(first day, last day)``."""

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
