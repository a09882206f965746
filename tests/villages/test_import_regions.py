"""The region importer: every rejection with its line number and nothing written, idempotent re-runs,
new file versions that rename and add without breaking units, and the management command."""

import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests import factories as f
from villages.demo import FIXTURE
from villages.models import Region, RegionImport, Unit
from villages.regions import RegionImportError, regions_import, regions_import_file

NATIONAL = Path("/work/shared/data/wilayah/wilayah.csv")

GOOD = """kode,nama
31,Daerah Khusus Jakarta
31.72,Kota Administrasi Jakarta Utara
31.72.03,Koja
31.72.03.1004,Rawa Badak Utara
31.72.03.1005,Rawa Badak Selatan
"""


def csv_bytes(text: str) -> bytes:
    return text.encode("utf-8")


def refused(text: str | bytes) -> list[tuple[int, str]]:
    data = text if isinstance(text, bytes) else csv_bytes(text)
    with pytest.raises(RegionImportError) as info:
        regions_import(data=data, by=None, source="uji.csv")
    return [(e.line, e.message) for e in info.value.errors]


def assert_nothing_written():
    assert Region.objects.count() == 0
    assert RegionImport.objects.count() == 0


@pytest.mark.django_db
def test_a_good_file_creates_every_region_with_level_and_parent():
    summary = regions_import(data=csv_bytes(GOOD), by=None, source="uji.csv")

    assert (summary.rows, summary.created, summary.updated, summary.unchanged) == (5, 5, 0, 0)
    village = Region.objects.get(code="31.72.03.1004")
    assert (village.name, village.level, village.parent_id) == ("Rawa Badak Utara", Region.Level.VILLAGE, "31.72.03")
    assert Region.objects.get(code="31").parent_id is None
    audit = RegionImport.objects.get()
    assert (audit.source, audit.created, audit.rows, audit.actor) == ("uji.csv", 5, 5, None)


@pytest.mark.django_db
def test_bad_codes_are_reported_with_their_line_numbers_and_nothing_is_written():
    errors = refused(GOOD + "31.7,Salah\n31.72.03.10O4,Huruf O\n31.72.03.104,Tiga angka\nabc,Bukan kode\n,Tanpa kode\n")

    assert [line for line, _ in errors] == [7, 8, 9, 10, 11]
    assert "31.7" in errors[0][1] and "PP.KK.CC.DDDD" in errors[0][1]
    assert "hanya angka dan titik" in errors[1][1]
    assert "Kode kosong" in errors[4][1]
    assert_nothing_written()


@pytest.mark.django_db
def test_a_code_deeper_than_four_levels_is_refused():
    errors = refused(GOOD + "31.72.03.1004.01,RW 01\n")

    assert errors == [(7, errors[0][1])]
    assert "tingkat wilayah hanya 1 sampai 4" in errors[0][1]
    assert_nothing_written()


@pytest.mark.django_db
def test_a_missing_parent_is_refused_unless_it_is_already_in_the_database():
    text = "kode,nama\n31.72.04,Cilincing\n31.72.04.1001,Cilincing\n"

    errors = refused(text)
    assert errors == [(2, errors[0][1])]
    assert "Induk 31.72" in errors[0][1]
    assert_nothing_written()

    f.make_region("31.72", "Kota Administrasi Jakarta Utara")
    summary = regions_import(data=csv_bytes(text), by=None)
    assert summary.created == 2
    assert Region.objects.get(code="31.72.04.1001").parent_id == "31.72.04"


@pytest.mark.django_db
def test_a_duplicate_code_names_the_line_of_the_first():
    errors = refused(GOOD + "31.72.03.1004,Rawa Badak Utara Lagi\n")

    assert errors == [(7, "Kode 31.72.03.1004 ganda: sudah ada di baris 5.")]
    assert_nothing_written()


@pytest.mark.django_db
def test_an_empty_name_is_refused_and_its_children_are_not_blamed_twice():
    errors = refused("kode,nama\n31,Jakarta\n31.72,   \n31.72.03,Koja\n")

    assert errors == [(3, "Nama wilayah 31.72 kosong.")]
    assert_nothing_written()


@pytest.mark.django_db
def test_a_row_with_the_wrong_number_of_columns_is_refused():
    errors = refused(GOOD + "31.72.03.1006,Tugu,Utara\n31.72.03.1007\n")

    assert [line for line, _ in errors] == [7, 8]
    assert "Harus 2 kolom" in errors[0][1]
    assert_nothing_written()


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["code,name", "kode;nama", "31,Daerah Khusus Jakarta", "kode,nama,tingkat"], ids=str)
def test_a_missing_or_wrong_header_is_refused(header):
    errors = refused(header + "\n" + GOOD.split("\n", 1)[1])

    assert len(errors) == 1
    assert errors[0][0] == 1
    assert "Baris judul harus «kode,nama»" in errors[0][1]
    assert_nothing_written()


@pytest.mark.django_db
def test_an_empty_file_is_refused():
    assert refused(b"") == [(1, "Berkas kosong; baris pertama harus «kode,nama».")]
    assert_nothing_written()


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_names_the_bad_lines():
    data = GOOD.encode("utf-8") + "31.72.03.1006,Tugu Selatan é\n".encode("latin-1")

    errors = refused(data)

    assert [line for line, _ in errors] == [7]
    assert "UTF-8" in errors[0][1]
    assert_nothing_written()


@pytest.mark.django_db
def test_a_utf8_bom_and_quoted_names_with_commas_are_read():
    data = "\ufeffkode,nama\n12,Sumatera Utara\n12.07,Deli Serdang\n12.07.28,Lubuk Pakam\n"
    data += '12.07.28.1007,"Lubuk Pakam I,II"\n'

    regions_import(data=data.encode("utf-8"), by=None)

    assert Region.objects.get(code="12.07.28.1007").name == "Lubuk Pakam I,II"


@pytest.mark.django_db
def test_every_bad_row_is_reported_at_once():
    errors = refused(GOOD + "99.01,Tanpa provinsi\n31.72.03.1004,Ganda\n31.72.03.1009,\n31.72.03.1.2.3,Dalam\n")

    assert [line for line, _ in errors] == [7, 8, 9, 10]
    assert_nothing_written()


@pytest.mark.django_db
def test_re_running_the_same_file_changes_nothing():
    regions_import(data=csv_bytes(GOOD), by=None)
    before = list(Region.objects.values_list("code", "name", "level", "parent_id"))

    summary = regions_import(data=csv_bytes(GOOD), by=None)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 5)
    assert list(Region.objects.values_list("code", "name", "level", "parent_id")) == before
    assert RegionImport.objects.count() == 1, "an import that changed nothing leaves no audit row"


@pytest.mark.django_db
def test_a_new_version_renames_and_adds_codes_without_breaking_a_unit():
    regions_import(data=csv_bytes(GOOD), by=None)
    office = f.make_office()
    unit = f.make_unit(office=office, region=Region.objects.get(code="31.72.03.1004"))
    staff = f.make_user("importer")
    # The new version renames a village, adds one, and no longer lists the unit's old sibling.
    new_version = GOOD.replace("Rawa Badak Utara", "Rawa Badak Utara Baru").replace(
        "31.72.03.1005,Rawa Badak Selatan\n", "31.72.03.1006,Tugu Utara\n"
    )

    summary = regions_import(data=csv_bytes(new_version), by=staff, source="wilayah-2026.csv")

    assert (summary.created, summary.updated, summary.unchanged, summary.not_in_file) == (1, 1, 3, 1)
    unit.refresh_from_db()
    assert unit.region_id == "31.72.03.1004"
    assert unit.region.name == "Rawa Badak Utara Baru"
    assert Unit.objects.get(pk=unit.pk).display_name == "Kelurahan Rawa Badak Utara Baru"
    assert Region.objects.filter(code="31.72.03.1005").exists(), "regions missing from the file are kept"
    assert Region.objects.get(code="31.72.03.1006").parent_id == "31.72.03"
    audit = RegionImport.objects.latest("at")
    assert (audit.actor, audit.source, audit.created, audit.updated) == (staff, "wilayah-2026.csv", 1, 1)


@pytest.mark.django_db
def test_a_dry_run_counts_changes_but_writes_nothing():
    summary = regions_import(data=csv_bytes(GOOD), by=None, dry_run=True)

    assert (summary.created, summary.dry_run) == (5, True)
    assert_nothing_written()


@pytest.mark.django_db
def test_the_shipped_fixture_loads_jakarta_utara_and_kepulauan_seribu():
    summary = regions_import_file(path=FIXTURE, by=None)

    assert summary.created == Region.objects.count() > 40
    assert Region.objects.filter(parent_id="31.72").count() == 6, "Jakarta Utara has 6 kecamatan"
    assert Region.objects.filter(level=4, code__startswith="31.72.").count() == 31, "and 31 kelurahan"
    assert Region.objects.get(code="31.01.02.1001").name == "Pulau Untung Jawa"
    assert regions_import_file(path=FIXTURE, by=None).unchanged == summary.created


@pytest.mark.django_db
def test_the_command_prints_the_summary(tmp_path, capsys):
    path = tmp_path / "wilayah.csv"
    path.write_text(GOOD, encoding="utf-8")

    call_command("import_regions", str(path))

    out = capsys.readouterr().out
    assert "Impor wilayah selesai" in out
    assert "Dibuat: 5" in out
    assert Region.objects.count() == 5


@pytest.mark.django_db
def test_the_command_prints_every_error_and_fails(tmp_path, capsys):
    path = tmp_path / "wilayah.csv"
    path.write_text(GOOD + "31.72.03.1004,Ganda\n31.99.01,Tanpa induk\n", encoding="utf-8")

    with pytest.raises(CommandError, match="2 baris bermasalah"):
        call_command("import_regions", str(path))

    err = capsys.readouterr().err
    assert "Baris 7: Kode 31.72.03.1004 ganda" in err
    assert "Baris 8: Induk 31.99" in err
    assert_nothing_written()


@pytest.mark.django_db
def test_the_command_explains_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("import_regions", str(tmp_path / "tidak-ada.csv"))
    with pytest.raises(CommandError, match="folder"):
        call_command("import_regions", str(tmp_path))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.skipif(not NATIONAL.exists(), reason="the national file is not on this machine")
@pytest.mark.django_db
def test_the_national_file_imports_quickly_on_postgresql_and_reruns_unchanged():
    started = time.monotonic()
    summary = regions_import_file(path=NATIONAL, by=None)
    first = time.monotonic() - started

    assert summary.created == 91_599
    assert summary.created_by_level == {1: 38, 2: 514, 3: 7_285, 4: 83_762}
    assert first < 30

    started = time.monotonic()
    again = regions_import_file(path=NATIONAL, by=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 91_599)
    assert time.monotonic() - started < 15


@pytest.mark.django_db
def test_windows_line_endings_are_read_and_line_numbers_still_match():
    errors = refused((GOOD + "31.72.03.1004,Ganda\n").replace("\n", "\r\n"))

    assert errors == [(7, "Kode 31.72.03.1004 ganda: sudah ada di baris 5.")]
    assert regions_import(data=GOOD.replace("\n", "\r\n").encode(), by=None).created == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_run_one_after_the_other():
    import threading

    from django.db import connections

    barrier = threading.Barrier(2)
    results, failures = [], []

    def run():
        try:
            barrier.wait()
            results.append(regions_import(data=csv_bytes(GOOD), by=None))
        except Exception as exc:  # the test reports any failure below
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert sorted((r.created, r.unchanged) for r in results) == [(0, 5), (5, 0)]
    assert Region.objects.count() == 5
    assert RegionImport.objects.count() == 1
