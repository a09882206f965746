"""``update_fields``: set what differs, save only that (with ``updated_at``), say what changed."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from desabinaan.lib.models import update_fields
from edukasi.models import Hotline

FIELDS = ["name", "number", "hours", "order", "is_active", "updated_by"]


def make_hotline(**fields) -> Hotline:
    return Hotline.objects.create(**{"name": "SAPA", "number": "129", "dial": "129", **fields})


def test_only_the_fields_that_differ_are_set_saved_and_named(db):
    hotline = make_hotline(hours="24 jam")
    Hotline.objects.filter(pk=hotline.pk).update(updated_at=hotline.updated_at - timedelta(days=1))
    hotline.refresh_from_db()
    before = hotline.updated_at
    with CaptureQueriesContext(connection) as queries:
        changed = update_fields(hotline, {"number": "0800-129", "hours": "24 jam", "order": 3}, fields=FIELDS)
    assert changed == ["number", "order"]
    [update] = [q["sql"] for q in queries.captured_queries]
    assert update.startswith("UPDATE")
    assert '"number"' in update and '"order"' in update and '"updated_at"' in update
    assert '"hours"' not in update and '"name"' not in update
    hotline.refresh_from_db()
    assert (hotline.number, hotline.order, hotline.hours) == ("0800-129", 3, "24 jam")
    assert hotline.updated_at > before


def test_nothing_different_means_no_query_and_no_change(db, django_assert_num_queries):
    hotline = make_hotline()
    with django_assert_num_queries(0):
        assert update_fields(hotline, {"name": "SAPA", "number": "129"}, fields=FIELDS) == []


def test_keys_outside_the_allowed_fields_are_left_alone(db):
    hotline = make_hotline()
    assert update_fields(hotline, {"dial": "0800", "name": "SAPA 129"}, fields=FIELDS) == ["name"]
    hotline.refresh_from_db()
    assert (hotline.name, hotline.dial) == ("SAPA 129", "129")


def test_a_foreign_key_compares_by_primary_key_without_a_query(db, django_assert_num_queries):
    editor = User.objects.create(username="editor-x")
    hotline = make_hotline(updated_by=editor)
    hotline = Hotline.objects.get(pk=hotline.pk)
    with django_assert_num_queries(0):
        assert update_fields(hotline, {"updated_by": editor}, fields=FIELDS, save=False) == []
    other = User.objects.create(username="editor-y")
    assert update_fields(hotline, {"updated_by": other}, fields=FIELDS) == ["updated_by"]
    hotline.refresh_from_db()
    assert hotline.updated_by == other


def test_save_false_sets_without_writing(db):
    hotline = make_hotline()
    assert update_fields(hotline, {"name": "Baru"}, fields=FIELDS, save=False) == ["name"]
    assert hotline.name == "Baru"
    hotline.refresh_from_db()
    assert hotline.name == "SAPA"


def test_a_new_row_is_inserted_whole(db):
    hotline = Hotline(dial="110")
    changed = update_fields(hotline, {"name": "Polisi", "number": "110", "dial": "ignored"}, fields=FIELDS)
    assert changed == ["name", "number"]
    hotline.refresh_from_db()
    assert (hotline.name, hotline.number, hotline.dial) == ("Polisi", "110", "110")
