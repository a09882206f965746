"""`manage.py load_demo` loads the demo world once, however often it runs."""

from django.contrib.auth.models import User
from django.core.management import call_command

from villages.models import Kanwil, Office, OfficeMembership, Region


def test_load_demo_is_idempotent_and_lists_the_accounts(db, capsys, settings):
    settings.DEBUG = True
    call_command("load_demo")
    first = (User.objects.count(), Office.objects.count(), OfficeMembership.objects.count(), Region.objects.count())
    out = capsys.readouterr().out
    assert "kepala.priok" in out and "demo-kepala.priok-2026" in out
    call_command("load_demo")
    assert first == (
        User.objects.count(),
        Office.objects.count(),
        OfficeMembership.objects.count(),
        Region.objects.count(),
    )
    assert Kanwil.objects.get().name == "Kantor Wilayah Direktorat Jenderal Imigrasi Daerah Khusus Jakarta"
    assert set(Office.objects.values_list("slug", flat=True)) >= {"kanim-jakarta-utara", "kanim-tanjung-priok"}


def test_load_demo_hides_passwords_when_debug_is_off(db, capsys, settings):
    settings.DEBUG = False
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "demo-kepala.priok-2026" not in out
    assert "kepala.priok" in out
