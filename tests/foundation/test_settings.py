"""Production settings: check --deploy is clean and a missing secret key stops the start."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "PYTEST"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "desabinaan.imigrasi.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://desabinaan.imigrasi.go.id",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
}


def test_check_deploy_reports_no_issues_with_production_variables():
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_portal_refuses_to_start_without_a_secret_key_when_debug_is_off():
    env = {**PRODUCTION, "DJANGO_SECRET_KEY": ""}
    result = _run(["check"], **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY wajib diisi" in result.stderr


def test_an_unknown_task_backend_is_refused_with_a_clear_message():
    result = _run(["check"], TASK_BACKEND="celery")
    assert result.returncode != 0
    assert "TASK_BACKEND must be one of" in result.stderr
