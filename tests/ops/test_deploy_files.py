"""The deployment files agree with the portal: upload limits, timeouts, private media, commands that exist."""

import re
import runpy
from pathlib import Path

from django.core.management import get_commands

from reports.images import MAX_PHOTOS, PHOTO_MAX_BYTES, SHEET_MAX_BYTES

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
NGINX = (DEPLOY / "nginx" / "desabinaan.conf").read_text()
PROXY = (DEPLOY / "nginx" / "desabinaan-proxy.conf").read_text()


def nginx_size(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmM]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024**2}[unit.lower()]


def nginx_seconds(text: str, directive: str) -> int:
    return int(re.search(rf"^\s*{directive}\s+(\d+)s;", text, re.MULTILINE).group(1))


def test_nginx_accepts_the_largest_legitimate_upload():
    largest = MAX_PHOTOS * PHOTO_MAX_BYTES + SHEET_MAX_BYTES
    limit = nginx_size(re.search(r"client_max_body_size\s+(\w+);", NGINX).group(1))

    assert limit >= largest + 1024**2  # room for the form fields and the multipart framing
    assert limit <= 2 * largest  # and not an open door


def test_nginx_waits_a_little_longer_than_gunicorn():
    gunicorn = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))

    assert gunicorn["timeout"] < nginx_seconds(PROXY, "proxy_read_timeout") <= gunicorn["timeout"] + 15
    assert gunicorn["wsgi_app"] == "desabinaan.wsgi:application"


def test_nginx_never_serves_media_directly_and_tells_django_about_https():
    assert re.search(r"location /media/ \{\s*return 404;\s*\}", NGINX)
    assert "alias /srv/desabinaan/media" not in NGINX
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in PROXY
    assert "return 301 https://" in NGINX


def test_systemd_units_run_commands_that_exist():
    commands = get_commands()
    worker = (DEPLOY / "systemd" / "desabinaan-worker@.service").read_text()
    rq = (DEPLOY / "systemd" / "desabinaan-rqworker@.service").read_text()

    assert "db_worker" in commands
    assert "manage.py db_worker" in worker and "TASK_BACKEND=db" in worker
    assert "manage.py rqworker default --job-class django_tasks_rq.Job" in rq and "TASK_BACKEND=rq" in rq
    for unit in (DEPLOY / "systemd").glob("*.service"):
        assert "EnvironmentFile=/etc/desabinaan/desabinaan.env" in unit.read_text(), unit.name


def test_backup_script_dumps_in_custom_format_and_keeps_a_retention():
    script = (DEPLOY / "backup.sh").read_text()
    timer = (DEPLOY / "systemd" / "desabinaan-backup.timer").read_text()

    assert "pg_dump --format=custom" in script
    assert "pg_restore --list" in script
    assert "BACKUP_KEEP_DAILY" in script and "BACKUP_KEEP_MONTHLY" in script
    assert "OnCalendar=" in timer and "Persistent=true" in timer


def test_example_environment_names_only_variables_the_settings_read():
    settings_source = (DEPLOY.parent / "desabinaan" / "settings.py").read_text()
    names = re.findall(r"^([A-Z_]+)=", (DEPLOY / "desabinaan.env.example").read_text(), re.MULTILINE)

    assert "DJANGO_SECRET_KEY" in names and "DATABASE_URL" in names
    assert [n for n in names if f'"{n}"' not in settings_source] == []
