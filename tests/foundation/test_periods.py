"""Reporting periods: a month, a triwulan and a year as closed date ranges, whatever the calendar does."""

from datetime import date, timedelta
from itertools import pairwise

import pytest

from desabinaan.lib.periods import (
    month_bounds,
    month_key,
    month_starts,
    period_bounds,
    quarter_bounds,
    quarter_key,
    quarter_numeral,
    quarter_of,
    year_bounds,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 1), (2026, 1)),
        (date(2026, 3, 31), (2026, 1)),
        (date(2026, 4, 1), (2026, 2)),
        (date(2026, 9, 30), (2026, 3)),
        (date(2026, 10, 1), (2026, 4)),
        (date(2026, 12, 31), (2026, 4)),
    ],
)
def test_quarter_of_a_day_names_its_year_and_triwulan(day, expected):
    assert quarter_of(day) == expected


def test_quarter_bounds_cover_each_triwulan_from_its_first_to_its_last_day():
    assert quarter_bounds(2026, 1) == (date(2026, 1, 1), date(2026, 3, 31))
    assert quarter_bounds(2026, 2) == (date(2026, 4, 1), date(2026, 6, 30))
    assert quarter_bounds(2026, 3) == (date(2026, 7, 1), date(2026, 9, 30))
    assert quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))


def test_the_four_quarters_tile_the_year_without_gap_or_overlap():
    for year in (2024, 2026):
        bounds = [quarter_bounds(year, q) for q in (1, 2, 3, 4)]
        assert bounds[0][0] == year_bounds(year)[0] and bounds[-1][1] == year_bounds(year)[1]
        for (_, end), (start, _) in pairwise(bounds):
            assert start - end == timedelta(days=1)


def test_month_bounds_know_february_in_leap_years_and_december():
    assert month_bounds(2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))
    assert month_bounds(2026, 2) == (date(2026, 2, 1), date(2026, 2, 28))
    assert month_bounds(2026, 12) == (date(2026, 12, 1), date(2026, 12, 31))


def test_a_day_lies_within_the_bounds_of_its_own_quarter():
    day = date(2025, 1, 1)
    while day.year == 2025:
        start, end = quarter_bounds(*quarter_of(day))
        assert start <= day <= end
        day += timedelta(days=1)


def test_year_bounds_and_numerals():
    assert year_bounds(2026) == (date(2026, 1, 1), date(2026, 12, 31))
    assert [quarter_numeral(q) for q in (1, 2, 3, 4)] == ["I", "II", "III", "IV"]


def test_month_starts_list_every_month_a_range_touches_across_a_new_year():
    assert month_starts(date(2025, 11, 15), date(2026, 2, 1)) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert month_starts(date(2026, 3, 5), date(2026, 3, 6)) == [date(2026, 3, 1)]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("2026-11", (date(2026, 11, 1), date(2026, 11, 30))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2026-T4", (date(2026, 10, 1), date(2026, 12, 31))),
        ("2026-t1", (date(2026, 1, 1), date(2026, 3, 31))),
        (month_key(2026, 7), (date(2026, 7, 1), date(2026, 7, 31))),
        (quarter_key(2026, 3), (date(2026, 7, 1), date(2026, 9, 30))),
    ],
)
def test_a_period_key_names_a_month_or_a_triwulan(key, expected):
    assert period_bounds(key) == expected


@pytest.mark.parametrize(
    "key", ["", "2026", "2026-13", "2026-00", "2026-T5", "2026-T0", "0000-01", "26-11", "2026-11\n", "2026-11 "]
)
def test_anything_else_is_not_a_period(key):
    assert period_bounds(key) is None
