""" "Aktif" and "melapor" on the dashboard and in the PDF: what each counts, and that they add up.

Aktif: units active on at least one day of the period, read from their history (a unit suspended or retired
since still counts; one launched after the period does not). Melapor: those of them with a verified log dated
in the period, so never more than aktif.
"""

import re
from datetime import date, datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.aggregation import Scope, compute_figures
from tests import factories as f
from tests.reports.factories import make_activity
from tests.reports.test_summary_pdf import generate, pdf_text
from villages import services
from villages.models import Unit, UnitEvent
from villages.selectors import active_spans

Q1 = (date(2026, 1, 1), date(2026, 3, 31))
DEFINITION = (
    "Melapor: desa binaan aktif yang punya sedikitnya satu kegiatan terverifikasi bertanggal dalam periode ini."
)


def _on(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def _dated(unit: Unit, to_status: str, day: date) -> None:
    """Move the unit's latest change to ``to_status`` back to ``day``, as if it had been recorded then."""
    event = UnitEvent.objects.filter(unit=unit, to_status=to_status).order_by("-at", "-pk").first()
    UnitEvent.objects.filter(pk=event.pk).update(at=_on(day))


@pytest.fixture
def units(world):
    """Office X in the first quarter of 2026, one unit per case (unit A, active all along, reports)."""
    head, office = world.user("head_x"), world.office_x
    make_activity(world.unit_a, day=date(2026, 1, 20))

    suspended_after = f.make_unit(office=office, region=f.make_village(name="Dibekukan Setelah Melapor"))
    make_activity(suspended_after, day=date(2026, 2, 10))
    services.unit_suspend(unit=suspended_after, by=head, reason="Petugas berganti.")
    _dated(suspended_after, Unit.Status.SUSPENDED, date(2026, 3, 15))

    approved = Unit.Status.APPROVED
    launched_mid = f.make_unit(office=office, status=approved, region=f.make_village(name="Dikukuhkan Tengah"))
    services.unit_launch(unit=launched_mid, by=head, launch_date=date(2026, 2, 20))
    make_activity(launched_mid, day=date(2026, 3, 1))

    launched_after = f.make_unit(office=office, status=approved, region=f.make_village(name="Dikukuhkan Mei"))
    services.unit_launch(unit=launched_after, by=head, launch_date=date(2026, 5, 4))

    retired_before = f.make_unit(office=office, region=f.make_village(name="Diakhiri Desember"))
    services.unit_retire(unit=retired_before, by=head, reason="Program dialihkan.")
    _dated(retired_before, Unit.Status.RETIRED, date(2025, 12, 1))

    retired_during = f.make_unit(office=office, region=f.make_village(name="Diakhiri Februari"))
    make_activity(retired_during, day=date(2026, 1, 12))
    services.unit_retire(unit=retired_during, by=head, reason="Program dialihkan.")
    _dated(retired_during, Unit.Status.RETIRED, date(2026, 2, 1))

    suspended_all_quarter = f.make_unit(office=office, region=f.make_village(name="Dibekukan Sepanjang"))
    services.unit_suspend(unit=suspended_all_quarter, by=head, reason="Menunggu petugas baru.")
    _dated(suspended_all_quarter, Unit.Status.SUSPENDED, date(2025, 11, 3))

    quiet = f.make_unit(office=office, region=f.make_village(name="Aktif Tanpa Laporan"))
    return {
        "reporting": {world.unit_a, suspended_after, launched_mid, retired_during},
        "active": {world.unit_a, suspended_after, launched_mid, retired_during, quiet},
        "left_out": {launched_after, retired_before, suspended_all_quarter},
    }


def test_active_counts_units_live_in_the_period_and_reporting_is_a_part_of_them(world, units):
    figures = compute_figures(Scope(office_ids=(world.office_x.pk,), start=Q1[0], end=Q1[1]))

    assert (figures.active_units, figures.units_reporting) == (5, 4)
    assert {row.name for row in figures.unit_rows} == {unit.display_name for unit in units["active"]}
    assert {row.name for row in figures.unit_rows if row.activities} == {u.display_name for u in units["reporting"]}


def test_the_dashboard_defines_active_and_reporting_next_to_the_figure(world, units, client_for):
    response = client_for("staff_x").get(reverse("reports:dashboard"), {"start": "2026-01-01", "end": "2026-03-31"})

    body = " ".join(response.content.decode().split())
    assert (response.context["figures"].active_units, response.context["figures"].units_reporting) == (5, 4)
    assert re.search(r'figure-value">5</span><span class="figure-label">Desa binaan aktif pada periode ini, 4 di', body)
    assert "Aktif: berstatus aktif (sudah dikukuhkan" in body
    assert DEFINITION in body
    table = body[body.index('class="table table-sm table-striped') :]
    table = table[: table.index("</table>")]
    for unit in units["active"]:
        assert unit.display_name in table
    for unit in units["left_out"]:
        assert unit.display_name not in table


def test_the_pdf_says_the_same_counts_with_the_same_definition(world, units, django_capture_on_commit_callbacks):
    summary = generate(world, django_capture_on_commit_callbacks)

    text = " ".join(pdf_text(summary.file.path).split())
    assert "Desa binaan aktif pada periode ini, 4 di antaranya melapor" in text
    # The figures' values come out in a row: 4 referrals, 5 active units, 0 incidents.
    assert "4 5 0 Rujukan Desa binaan aktif pada periode ini" in text
    assert DEFINITION in text
    assert "Dibekukan Setelah Melapor" in text and "Diakhiri Februari" in text
    for name in ("Dikukuhkan Mei", "Diakhiri Desember", "Dibekukan Sepanjang"):
        assert name not in text


def test_the_next_quarter_counts_the_unit_launched_in_it_and_not_those_that_stopped(world, units):
    figures = compute_figures(Scope(office_ids=(world.office_x.pk,), start=date(2026, 4, 1), end=date(2026, 6, 30)))

    # Unit A, the February and May launches and the quiet unit; the suspended and retired ones stopped in Q1.
    assert (figures.active_units, figures.units_reporting) == (4, 0)


def test_a_units_active_spans_follow_its_suspensions_and_reactivations(world):
    unit = f.make_unit(office=world.office_x, status=Unit.Status.SUSPENDED, launch_date=date(2025, 4, 29))
    changes = [
        ("approved", "active", date(2025, 5, 2)),  # the pengukuhan of 29 April, recorded on 2 May
        ("active", "suspended", date(2025, 9, 1)),
        ("suspended", "active", date(2025, 10, 6)),
        ("active", "suspended", date(2026, 1, 5)),
    ]

    assert active_spans(unit, changes) == [(date(2025, 4, 29), date(2025, 9, 1)), (date(2025, 10, 6), date(2026, 1, 5))]
    assert active_spans(unit, []) == []  # suspended with no recorded history: never counted as active
    unit.status = Unit.Status.ACTIVE
    assert active_spans(unit, []) == [(date(2025, 4, 29), date.max)]
