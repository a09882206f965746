"""Production settings: check --deploy is clean; debug is opt-in; a missing secret key or SITE_URL stops the start."""

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
    "SITE_URL": "https://desabinaan.imigrasi.go.id",
}
PRINT_DEBUG = ["shell", "-c", "from django.conf import settings; print('DEBUG', settings.DEBUG)"]


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
    result = _run(["check"], DJANGO_DEBUG="true", TASK_BACKEND="celery")
    assert result.returncode != 0
    assert "TASK_BACKEND must be one of" in result.stderr


def test_debug_is_off_when_django_debug_is_not_set():
    env = {key: value for key, value in PRODUCTION.items() if key != "DJANGO_DEBUG"}
    result = _run(PRINT_DEBUG, **env)
    assert result.returncode == 0, result.stderr
    assert "DEBUG False" in result.stdout


def test_with_no_variables_at_all_the_portal_refuses_to_start_rather_than_run_in_debug():
    result = _run(["check"])
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY wajib diisi" in result.stderr


def test_debug_is_on_only_when_asked_for():
    result = _run(PRINT_DEBUG, DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert "DEBUG True" in result.stdout


def test_the_portal_refuses_to_start_without_site_url_when_debug_is_off():
    env = {**PRODUCTION, "SITE_URL": ""}
    result = _run(["check"], **env)
    assert result.returncode != 0
    assert "SITE_URL wajib diisi" in result.stderr
