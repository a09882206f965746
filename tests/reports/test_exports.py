"""Exports of activities (CSV streamed, XLSX typed, a large XLSX by a worker) and of incidents (staff only)."""

import csv
import io
from datetime import date, datetime

from django.http import StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from edukasi.models import Topic
from reports.exporters import activities as export_service
from reports.models import Activity, ExportJob, IncidentView
from tests import factories as f
from tests.reports.factories import make_activity, make_incident

Q1 = {"start": "2026-01-01", "end": "2026-03-31"}


def read_csv(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def read_xlsx(content: bytes):
    return list(load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True))


def test_csv_streams_every_activity_of_the_filter_with_every_field(world, client_for):
    topic = Topic.objects.create(slug="paspor", name="Paspor", name_en="Passport")
    wanted = make_activity(world.unit_a, day=date(2026, 2, 1), notes='=HYPERLINK("x")', place="Aula RW 05")
    wanted.topics.add(topic)
    make_activity(world.unit_a, day=date(2026, 3, 1), status=Activity.Status.SUBMITTED)
    make_activity(world.unit_a, day=date(2026, 5, 1))  # outside the dates
    make_activity(world.unit_b, day=date(2026, 2, 1))  # another office

    response = client_for("staff_x").get(reverse("reports:export_activities_csv"), Q1)

    rows = read_csv(response)
    header, data = rows[0], rows[1:]
    assert response["Content-Disposition"] == 'attachment; filename="kegiatan-20260101-20260331.csv"'
    assert len(data) == Activity.objects.filter(office=world.office_x, date__range=("2026-01-01", "2026-03-31")).count()
    assert len(header) == 24
    first = dict(zip(header, data[0], strict=True))
    assert first["ID"] == str(wanted.pk)
    assert first["Tanggal kegiatan"] == "2026-02-01"
    assert first["Desa binaan"] == "Kelurahan Rawa Badak Utara"
    assert first["Topik"] == "Paspor"
    assert first["Tempat"] == "Aula RW 05"
    assert first["Jumlah peserta"] == "22"
    assert first["Catatan"] == '\'=HYPERLINK("x")'  # never a live formula in a spreadsheet


def test_filters_on_screen_apply_to_the_export(world, client_for):
    make_activity(world.unit_a, day=date(2026, 2, 1), kind=Activity.Kind.CONSULTATION)
    make_activity(world.unit_a, day=date(2026, 2, 2), kind=Activity.Kind.SOSIALISASI)
    make_activity(world.unit_a, day=date(2026, 2, 3), kind=Activity.Kind.CONSULTATION, status="submitted")
    client = client_for("staff_x")
    params = {**Q1, "kind": "consultation", "status": "verified", "unit": world.unit_a.pk}

    page = client.get(reverse("reports:export_activities"), params)
    rows = read_csv(client.get(reverse("reports:export_activities_csv"), params))

    assert page.context["count"] == 1
    link = f"{reverse('reports:export_activities_csv')}?{page.context['query']}".replace("&", "&amp;")
    assert link in page.content.decode()
    assert len(rows) == 2
    assert rows[1][7] == "Konsultasi paspor"


def test_xlsx_opens_with_every_activity_of_the_filter_and_typed_cells(world, client_for):
    for day in range(1, 8):
        make_activity(world.unit_a, day=date(2026, 1, day), participants_male=day)
    make_activity(world.unit_b, day=date(2026, 1, 3))

    response = client_for("staff_x").get(reverse("reports:export_activities_xlsx"), Q1)

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = read_xlsx(response.content)
    header, data = rows[0], rows[1:]
    expected = list(
        Activity.objects.filter(office=world.office_x, date__range=("2026-01-01", "2026-03-31"))
        .order_by("date", "pk")
        .values_list("pk", flat=True)
    )
    assert [row[0] for row in data] == expected
    by_name = dict(zip(header, data[2], strict=True))
    assert isinstance(by_name["Tanggal kegiatan"], datetime)  # a date cell (openpyxl reads dates as datetimes)
    assert by_name["Tanggal kegiatan"].date() == date(2026, 1, 3)
    assert by_name["Peserta laki-laki"] == 3
    assert isinstance(by_name["Jumlah peserta"], int)
    assert isinstance(by_name["Dicatat"], datetime)


def test_a_large_xlsx_is_built_by_a_worker_with_progress(
    world, client_for, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(export_service, "XLSX_INLINE_LIMIT", 3)
    for day in range(1, 6):
        make_activity(world.unit_a, day=date(2026, 1, day))
    client = client_for("staff_x")

    offer = client.get(reverse("reports:export_activities_xlsx"), Q1)
    assert offer.status_code == 200
    assert "di latar belakang" in offer.content.decode()
    token = offer.context["client_token"]
    assert ExportJob.objects.count() == 0

    data = {**offer.context["params"], "client_token": str(token)}
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse("reports:export_start"), data)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:export_start"), data)  # sent twice

    job = ExportJob.objects.get()
    assert started["Location"] == job.get_absolute_url()
    assert (job.state, job.progress, job.row_count) == (ExportJob.State.DONE, 100, 5)
    assert job.filters == {"start": "2026-01-01", "end": "2026-03-31"}
    download = client.get(reverse("reports:export_download", args=[job.pk]))
    rows = read_xlsx(b"".join(download.streaming_content))
    assert len(rows) == 6
    assert client_for("head_x").get(reverse("reports:export_download", args=[job.pk])).status_code == 404


def test_a_queued_export_page_refreshes_itself(world, client_for):
    job = ExportJob.objects.create(kind=ExportJob.Kind.ACTIVITIES_XLSX, requested_by=world.user("staff_x"))

    body = client_for("staff_x").get(job.get_absolute_url()).content.decode()

    assert '<meta http-equiv="refresh"' in body


def test_export_of_another_office_is_refused_with_a_message(world, client_for):
    make_activity(world.unit_b, day=date(2026, 2, 1))

    response = client_for("staff_x").get(reverse("reports:export_activities_csv"), {**Q1, "office": world.office_y.pk})

    assert response.status_code == 400
    assert "Kantor ini tidak termasuk kantor yang dapat Anda laporkan." in response.content.decode()
    assert len(read_csv(client_for("staff_y").get(reverse("reports:export_activities_csv"), Q1))) == 2


def test_unit_officer_exports_their_own_unit_only(world, client_for):
    make_activity(world.unit_a, day=date(2026, 2, 1))
    make_activity(f.make_unit(office=world.office_x), day=date(2026, 2, 1))

    rows = read_csv(client_for("officer_a").get(reverse("reports:export_activities_csv"), Q1))

    assert len(rows) == 2
    assert rows[1][3] == "Kelurahan Rawa Badak Utara"


def test_incident_export_is_a_separate_action_for_office_staff_only_and_is_recorded(world, client_for):
    make_incident(world.unit_a, day=date(2026, 2, 1), people_involved="Saksi A")
    make_incident(world.unit_b, day=date(2026, 2, 1))
    url = reverse("reports:export_incidents")
    data = {"office": world.office_x.pk, **Q1}

    assert client_for("oversight").post(url, data).status_code == 403
    assert client_for("officer_a").post(url, data).status_code == 403
    refused = client_for("staff_y").post(url, data)
    assert refused.status_code == 400
    assert ExportJob.objects.count() == 0
    assert "Laporan kejadian bersifat rahasia." in client_for("staff_x").get(url).content.decode()

    response = client_for("staff_x").post(url, data)

    rows = read_csv(response)
    assert len(rows) == 2
    assert "Saksi A" in rows[1]
    job = ExportJob.objects.get()
    assert (job.kind, job.requested_by, job.office, job.row_count) == (
        ExportJob.Kind.INCIDENTS_CSV,
        world.user("staff_x"),
        world.office_x,
        1,
    )


def test_activity_rows_fetch_topics_once_per_chunk_not_per_row(world, django_assert_max_num_queries):
    for day in range(1, 6):
        make_activity(world.unit_a, day=date(2026, 1, day))
    qs = Activity.objects.filter(office=world.office_x)

    with django_assert_max_num_queries(3):  # the rows, then one topics query for each chunk of 3
        rows = list(export_service.activity_rows(qs, chunk_size=3))
    assert len(rows) == 6


def test_an_export_abandoned_by_a_dead_worker_is_marked_failed_when_looked_at(world, client_for):
    from datetime import timedelta

    from django.utils import timezone

    job = ExportJob.objects.create(
        kind=ExportJob.Kind.ACTIVITIES_XLSX,
        requested_by=world.user("staff_x"),
        state=ExportJob.State.RUNNING,
        started_at=timezone.now() - timedelta(hours=2),
    )

    body = client_for("staff_x").get(job.get_absolute_url()).content.decode()

    job.refresh_from_db()
    assert job.state == ExportJob.State.FAILED
    assert "terhenti" in body
    assert '<meta http-equiv="refresh"' not in body


def test_exporting_incidents_logs_one_access_row_per_exported_incident_with_the_actor_and_reason(world, client_for):
    exported = [make_incident(world.unit_a, day=date(2026, 2, d)) for d in (1, 2, 3)]
    make_incident(world.unit_a, day=date(2026, 5, 1))  # outside the dates
    make_incident(world.unit_b, day=date(2026, 2, 1))  # another office
    url = reverse("reports:export_incidents")
    data = {"office": world.office_x.pk, **Q1}
    assert client_for("oversight").post(url, data).status_code == 403
    assert client_for("staff_y").post(url, data).status_code == 400
    assert not IncidentView.objects.exists()

    rows = read_csv(client_for("staff_x").post(url, data))

    job = ExportJob.objects.get()
    logged = IncidentView.objects.order_by("incident_id")
    assert [v.incident_id for v in logged] == [i.pk for i in exported] == [int(row[0]) for row in rows[1:]]
    assert {(v.user, v.reason, v.export) for v in logged} == {
        (world.user("staff_x"), IncidentView.Reason.CSV_EXPORT, job)
    }
    page = client_for("head_x").get(exported[0].get_absolute_url()).content.decode()
    assert "Ekspor CSV" in page  # the access log on the report's page names the export
    assert IncidentView.objects.filter(incident=exported[0], reason=IncidentView.Reason.OPENED).count() == 1


def test_incident_export_query_count_does_not_grow_with_the_incidents(world, client_for, django_assert_max_num_queries):
    url = reverse("reports:export_incidents")
    data = {"office": world.office_x.pk, **Q1}
    client = client_for("staff_x")
    for day in (1, 2, 3):
        make_incident(world.unit_a, day=date(2026, 2, day))
    with django_assert_max_num_queries(20) as small:
        assert len(read_csv(client.post(url, data))) == 4

    for n in range(27):
        make_incident(world.unit_a, day=date(2026, 3, 1 + n))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(read_csv(client.post(url, data))) == 31
    assert IncidentView.objects.count() == 3 + 30
