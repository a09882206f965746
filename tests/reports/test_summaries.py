"""Generating summaries through the pages: the form, its refusals, progress, download, history."""

import hashlib
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from reports.models import Summary
from reports.services import summaries as summary_service
from tests import factories as f
from tests.reports.factories import make_activity, make_summary

LIST = reverse("reports:summary_list")


def quarter_form(office, **overrides) -> dict:
    data = {
        "office": office.pk,
        "unit": "",
        "period_kind": "quarter",
        "year": 2026,
        "quarter": 1,
        "month": "",
        "start": "",
        "end": "",
    }
    data.update(overrides)
    return data


def post(client, data, capture):
    with capture(execute=True):
        return client.post(LIST, data)


def test_staff_generate_an_office_summary_and_download_it(world, client_for, django_capture_on_commit_callbacks):
    make_activity(world.unit_a, day=date(2026, 2, 2))
    client = client_for("staff_x")
    assert Summary.objects.count() == 0

    response = post(client, quarter_form(world.office_x), django_capture_on_commit_callbacks)

    summary = Summary.objects.get()
    assert response.status_code == 302
    assert response["Location"] == summary.get_absolute_url()
    assert (summary.office, summary.unit, summary.generated_by) == (world.office_x, None, world.user("staff_x"))
    assert (summary.period_start, summary.period_end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert summary.state == Summary.State.DONE
    content = Path(summary.file.path).read_bytes()
    assert content.startswith(b"%PDF-")
    assert summary.sha256 == hashlib.sha256(content).hexdigest()

    page = client.get(summary.get_absolute_url())
    assert 'http-equiv="refresh"' not in page.content.decode()
    assert reverse("reports:summary_download", args=[summary.pk]) in page.content.decode()
    download = client.get(reverse("reports:summary_download", args=[summary.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == content


def test_queued_summary_page_refreshes_itself_and_shows_progress(world, client_for):
    summary = make_summary(world.office_x, by=world.user("staff_x"), state=Summary.State.QUEUED)

    body = client_for("staff_x").get(summary.get_absolute_url()).content.decode()

    assert '<meta http-equiv="refresh" content="3">' in body
    assert "<progress" in body
    assert reverse("reports:summary_download", args=[summary.pk]) not in body
    assert client_for("staff_x").get(reverse("reports:summary_download", args=[summary.pk])).status_code == 404


def test_earlier_summaries_are_listed_with_who_and_when(world, client_for):
    staff = world.user("staff_x")
    staff.first_name, staff.last_name = "Petugas", "Kantor X"
    staff.save()
    make_summary(world.office_x, by=staff)
    make_summary(world.office_y, by=world.user("staff_y"))

    body = client_for("head_x").get(LIST).content.decode()

    assert "Petugas Kantor X" in body
    assert "Triwulan I 2026" in body
    assert "Tanjung Priok" not in body.split("Ringkasan sebelumnya")[1]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"period_kind": "custom", "start": "2026-03-01", "end": "2026-02-01"},
            "Tanggal akhir tidak boleh sebelum tanggal awal.",
        ),
        ({"period_kind": "custom", "start": "2020-01-01", "end": "2023-01-01"}, "Rentang periode paling lama 3 tahun."),
        ({"period_kind": "month", "month": ""}, "Isian ini wajib untuk jenis periode yang dipilih."),
        ({"period_kind": "custom", "start": "31/02/2026", "end": ""}, "Masukkan tanggal yang valid."),
    ],
)
def test_a_bad_period_is_refused_with_a_clear_message_and_nothing_created(
    world, client_for, django_capture_on_commit_callbacks, overrides, message
):
    client = client_for("staff_x")

    response = post(client, quarter_form(world.office_x, **overrides), django_capture_on_commit_callbacks)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Summary.objects.count() == 0
    # What the user typed is kept.
    if overrides.get("start") and "/" not in overrides["start"]:
        assert f'value="{overrides["start"]}"' in response.content.decode()
    fixed = post(client, quarter_form(world.office_x), django_capture_on_commit_callbacks)
    assert fixed.status_code == 302
    assert Summary.objects.count() == 1


def test_a_range_of_exactly_three_years_is_accepted(world, client_for, django_capture_on_commit_callbacks):
    data = quarter_form(world.office_x, period_kind="custom", start="2023-01-01", end="2025-12-31")

    response = post(client_for("staff_x"), data, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert Summary.objects.get().period_kind == "custom"


def test_oversight_cannot_pick_a_unit_of_another_office_than_the_one_chosen(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for("oversight")

    response = post(client, quarter_form(world.office_x, unit=world.unit_b.pk), django_capture_on_commit_callbacks)

    assert response.status_code == 400
    assert "Desa binaan ini bukan binaan kantor yang dipilih." in response.content.decode()
    assert Summary.objects.count() == 0
    ok = post(client, quarter_form(world.office_y, unit=world.unit_b.pk), django_capture_on_commit_callbacks)
    assert ok.status_code == 302
    assert Summary.objects.get().unit == world.unit_b


def test_staff_cannot_summarise_a_unit_or_an_office_not_theirs(world, client_for, django_capture_on_commit_callbacks):
    client = client_for("staff_y")

    unit = post(client, quarter_form(world.office_y, unit=world.unit_a.pk), django_capture_on_commit_callbacks)
    office = post(client, quarter_form(world.office_x), django_capture_on_commit_callbacks)

    assert unit.status_code == office.status_code == 400
    assert "Desa binaan ini tidak termasuk desa binaan yang dapat Anda laporkan." in unit.content.decode()
    assert "Kantor ini tidak termasuk kantor yang dapat Anda laporkan." in office.content.decode()
    assert Summary.objects.count() == 0
    assert (
        post(client_for("staff_x"), quarter_form(world.office_x), django_capture_on_commit_callbacks).status_code == 302
    )


def test_unit_officer_summarises_their_own_unit_only(world, client_for, django_capture_on_commit_callbacks):
    client = client_for("officer_a")

    whole_office = post(client, quarter_form(world.office_x), django_capture_on_commit_callbacks)
    own_unit = post(client, quarter_form(world.office_x, unit=world.unit_a.pk), django_capture_on_commit_callbacks)

    assert whole_office.status_code == 400
    assert "pilih desa binaannya" in whole_office.content.decode()
    assert own_unit.status_code == 302
    assert Summary.objects.get().unit == world.unit_a


def test_editor_without_a_reporting_role_is_refused(world, client_for, django_capture_on_commit_callbacks):
    response = post(client_for("editor"), quarter_form(world.office_x), django_capture_on_commit_callbacks)

    assert response.status_code == 403
    assert Summary.objects.count() == 0


def test_sending_the_form_twice_creates_one_summary(world, client_for, django_capture_on_commit_callbacks):
    client = client_for("staff_x")
    data = quarter_form(world.office_x, client_token="0b6d1c1e-8a9e-4a55-8f59-7a7f2a0c1d11")

    first = post(client, data, django_capture_on_commit_callbacks)
    second = post(client, data, django_capture_on_commit_callbacks)

    assert Summary.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_failed_render_is_recorded_and_generating_again_works(
    world, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    client = client_for("staff_x")

    def broken(document):
        raise RuntimeError("font missing")

    monkeypatch.setattr(summary_service, "render_summary_pdf", broken)
    post(client, quarter_form(world.office_x), django_capture_on_commit_callbacks)
    failed = Summary.objects.get()
    assert failed.state == Summary.State.FAILED
    assert "gagal dibuat" in failed.message
    assert not failed.file
    assert "gagal dibuat" in client.get(failed.get_absolute_url()).content.decode()

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:summary_regenerate", args=[failed.pk]))

    again = Summary.objects.exclude(pk=failed.pk).get()
    assert response["Location"] == again.get_absolute_url()
    assert again.state == Summary.State.DONE
    assert (again.office, again.period_start, again.period_end) == (
        failed.office,
        failed.period_start,
        failed.period_end,
    )
    assert again.verification_code != failed.verification_code


def test_staff_of_another_office_cannot_open_or_regenerate_a_summary(world, client_for):
    summary = make_summary(world.office_x, by=world.user("staff_x"))

    assert client_for("staff_y").get(summary.get_absolute_url()).status_code == 404
    assert client_for("staff_y").post(reverse("reports:summary_regenerate", args=[summary.pk])).status_code == 404
    assert Summary.objects.count() == 1
    assert client_for("head_x").post(reverse("reports:summary_regenerate", args=[summary.pk])).status_code == 302
    assert Summary.objects.count() == 2


def test_oversight_of_another_kanwil_sees_no_summary_of_this_one(world, client_for):
    summary = make_summary(world.office_x, by=world.user("staff_x"))
    other = f.make_oversight(f.make_kanwil("Kanwil Ditjen Imigrasi Bali", slug="bali"), "oversight_bali")
    client = client_for("anon")
    client.force_login(other)

    assert client.get(summary.get_absolute_url()).status_code == 404
    assert client_for("oversight").get(summary.get_absolute_url()).status_code == 200


def test_summary_list_paginates_with_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    client = client_for("staff_x")
    for _ in range(3):
        make_summary(world.office_x, by=world.user("staff_x"))
    with django_assert_max_num_queries(30) as small:
        client.get(LIST)

    for _ in range(30):
        make_summary(world.office_x, by=world.user("staff_x"))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 25
    assert 'href="?page=2"' in response.content.decode()
    assert len(client.get(LIST, {"page": 2}).context["page"].object_list) == 8


def test_pressing_regenerate_twice_creates_one_new_summary(world, client_for, django_capture_on_commit_callbacks):
    summary = make_summary(world.office_x, by=world.user("staff_x"))
    client = client_for("staff_x")
    token = client.get(summary.get_absolute_url()).context["client_token"]
    url = reverse("reports:summary_regenerate", args=[summary.pk])

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"client_token": str(token)})
        second = client.post(url, {"client_token": str(token)})

    assert Summary.objects.count() == 2
    assert first["Location"] == second["Location"]
