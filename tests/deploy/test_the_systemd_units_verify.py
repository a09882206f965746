"""`systemd-analyze verify` finds nothing to say about the shipped units.

The units name /srv/desabinaan/app, which does not exist here. They are verified in a copy where that path is
this checkout (and its virtualenv), so verify also checks that every ExecStart= program exists and is
executable. verify exits 0 even for unknown keys or unparsable values, so the test requires it to print
nothing at all. The user "desabinaan" and /etc/desabinaan/desabinaan.env are not checked by verify.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.harness import DEPLOY, REPO

pytestmark = pytest.mark.deploy

UNITS = DEPLOY / "systemd"


def test_systemd_analyze_verify_prints_nothing_for_any_unit(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("needs systemd-analyze (apt-get install systemd)")
    venv_bin = Path(sys.executable).parent
    copies = []
    for unit in sorted(UNITS.iterdir()):
        text = unit.read_text()
        assert "/srv/desabinaan/app" in text or unit.suffix == ".timer", unit.name
        text = text.replace("/srv/desabinaan/app/.venv/bin/", f"{venv_bin}/").replace("/srv/desabinaan/app", str(REPO))
        copy = tmp_path / unit.name
        copy.write_text(text)
        copies.append(str(copy))
    assert len(copies) == 5

    result = subprocess.run([analyze, "verify", "--man=no", *copies], capture_output=True, text=True, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout + result.stderr == ""
