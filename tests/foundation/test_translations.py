"""The English catalogue is complete: every Indonesian message has an English translation."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed (apt-get install gettext)")
def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entries():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    stats = result.stderr.strip()
    assert "untranslated" not in stats and "fuzzy" not in stats, stats


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed (apt-get install gettext)")
def test_the_compiled_catalogue_matches_its_source(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(PO)], check=True)
    assert PO.with_suffix(".mo").read_bytes() == fresh.read_bytes(), "run `make messages` and commit django.mo"


def test_english_is_served_when_chosen():
    with translation.override("en"):
        assert translation.gettext("Masuk petugas") != "Masuk petugas"
        assert translation.gettext("Desa Binaan Imigrasi") == "Desa Binaan Imigrasi"
