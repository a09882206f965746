"""Shared pieces of the operations scripts (two_nodes.py, bench/load_mixed.py).

- ``Client``: a tiny HTTP client on the standard library with its own cookie jar, that talks to a local
  gunicorn the way nginx does (``X-Forwarded-Proto: https``, so the portal runs with its production
  settings: secure cookies, CSRF origin checks). Only ever used against 127.0.0.1.
- ``prepare_database``: a fresh PostgreSQL database with the migrations, the demo data and the users the
  scripts drive (units with officers, office staff), made with the test factories.
- ``start_gunicorn`` / ``start_worker`` / ``stop``: processes with the production settings.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str
    elapsed: float

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def csrf(self) -> str | None:
        match = CSRF_RE.search(self.body)
        return match.group(1) if match else None


class Client:
    """One browser: a cookie jar and the headers nginx would add. ``port`` may change between requests."""

    def __init__(self, port: int, *, timeout: float = 15.0):
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def _headers(self, path: str, extra: dict[str, str] | None) -> dict[str, str]:
        origin = f"https://{HOST}:{self.port}"
        headers = {
            "Host": f"{HOST}:{self.port}",
            "X-Forwarded-Proto": "https",
            "Accept-Language": "id",
            "User-Agent": "desabinaan-ops/1",
            "Origin": origin,
            "Referer": origin + path,
            "Connection": "close",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.update(extra or {})
        return headers

    def _store_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def request(
        self, method: str, path: str, *, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        started = time.monotonic()
        try:
            conn.request(method, path, body=body, headers=self._headers(path, headers))
            raw = conn.getresponse()
            data = raw.read()
            self._store_cookies(raw)
            return Response(
                raw.status,
                {k.lower(): v for k, v in raw.getheaders()},
                data.decode("utf-8", "replace"),
                time.monotonic() - started,
            )
        finally:
            conn.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, fields: dict | list, files: list[tuple[str, str, str, bytes]] | None = None) -> Response:
        """POST a form; ``files`` as (field, filename, content type, bytes) sends multipart/form-data."""
        items = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if not files:
            body = urlencode(items).encode()
            return self.request("POST", path, body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        boundary = "----ops" + secrets.token_hex(12)
        parts: list[bytes] = []
        for name, value in items:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, filename, content_type, payload in files:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n".encode()
                + payload
                + b"\r\n"
            )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            "POST", path, body=b"".join(parts), headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )

    def login(self, username: str, password: str) -> Response:
        form = self.get("/akun/masuk/")
        token = form.csrf()
        if form.status != 200 or not token:
            return form
        return self.post("/akun/masuk/", {"csrfmiddlewaretoken": token, "username": username, "password": password})


# --- The portal's forms, as the scripts fill them (tests/ops/test_opskit.py keeps them in step) --------------


def activity_fields(csrf: str, *, unit: int, day: str, token: str | None = None, **values) -> dict:
    """The officer's activity form (``/laporan/kegiatan/baru/``) with plausible numbers."""
    fields = {
        "csrfmiddlewaretoken": csrf,
        "client_token": token or new_token(),
        "unit": unit,
        "date": day,
        "kind": "sosialisasi",
        "place": "Balai warga",
        "participants_male": 10,
        "participants_female": 12,
        "calon_pmi_reached": 3,
        "passport_consultations": 2,
        "referrals": 1,
        "notes": "",
    }
    fields.update(values)
    return fields


def verify_fields(csrf: str) -> dict:
    """Staff's decision on a log (``/laporan/kegiatan/<pk>/keputusan/``): verify."""
    return {"csrfmiddlewaretoken": csrf, "decision": "verify", "comment": ""}


def summary_fields(csrf: str, *, office: int, unit: int | str = "", year: int, month: int) -> dict:
    """A monthly summary of an office (or of one unit) on ``/laporan/ringkasan/``."""
    return {
        "csrfmiddlewaretoken": csrf,
        "client_token": new_token(),
        "office": office,
        "unit": unit,
        "period_kind": "month",
        "year": year,
        "month": month,
        "quarter": "",
        "start": "",
        "end": "",
    }


def jpeg_bytes(width: int = 800, height: int = 600) -> bytes:
    """A real JPEG photo (stripes, so it does not compress to nothing)."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (30, 90, 160))
    draw = ImageDraw.Draw(image)
    for i in range(0, width, 40):
        draw.line([(i, 0), (width - i, height)], fill=(240, 200, 40), width=3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


# --- Databases --------------------------------------------------------------------------------------------


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def recreate_database(server_url: str, name: str) -> str:
    """Drop and create ``name`` on the server of ``server_url``; returns its URL."""
    import psycopg2
    from psycopg2 import sql

    conn = psycopg2.connect(with_database(server_url, "postgres"), connect_timeout=10)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        conn.close()
    return with_database(server_url, name)


def portal_env(database_url: str, *, redis_db: int, media_root: Path, static_root: Path, **extra: str) -> dict:
    """The environment of a production node (debug off), pointed at local services."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))}
    env.update(
        {
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "ops-" + secrets.token_urlsafe(40),
            "DJANGO_ALLOWED_HOSTS": HOST,
            "CSRF_TRUSTED_ORIGINS": "",
            "SITE_URL": f"https://{HOST}",
            "DATABASE_URL": database_url,
            "CONN_MAX_AGE": "60",
            "REDIS_URL": f"redis://{HOST}:6379/{redis_db}",
            "TASK_BACKEND": "db",
            "MEDIA_ROOT": str(media_root),
            "STATIC_ROOT": str(static_root),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def flush_redis(db: int) -> None:
    """Empty the Redis database this script uses for itself (never another one)."""
    subprocess.run(["/usr/bin/redis-cli", "-h", HOST, "-n", str(db), "FLUSHDB"], check=True, capture_output=True)  # noqa: S603


def manage(env: dict, *args: str, quiet: bool = True) -> str:
    result = subprocess.run(  # noqa: S603 (fixed argv, no shell)
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return result.stdout


SEED_CODE = """
import json, django
django.setup()
from villages.models import Office, OfficeMembership, UnitMembership
from tests import factories as f
office = Office.objects.get(slug="kanim-tanjung-priok")
prefix, n_officers, n_staff = {prefix!r}, {officers}, {staff}
officers = []
for i in range(n_officers):
    code = "31.01.99.%04d" % (2001 + i)
    unit = f.make_unit(office=office, region=f.make_village(code, "Uji Beban %d" % (i + 1)))
    user = f.make_unit_member(unit, UnitMembership.Role.OFFICER, "%s.petugas%d" % (prefix, i + 1))
    officers.append({{"username": user.username, "unit": unit.pk}})
staff = [
    f.make_office_member(office, OfficeMembership.Role.STAFF, "%s.staf%d" % (prefix, i + 1)).username
    for i in range(n_staff)
]
print("SEED:" + json.dumps({{"password": f.PASSWORD, "office": office.pk, "officers": officers, "staff": staff}}))
"""


def prepare_database(env: dict, *, prefix: str, officers: int, staff: int, say=print) -> dict:
    """Migrate, load the demo, collect static files and create the scripted users. Returns the seed."""
    t = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--force")  # a load-test installation: demo data on purpose, DEBUG off
    manage(env, "collectstatic", "--noinput", "-v0")
    result = subprocess.run(  # noqa: S603 (fixed argv, no shell)
        [PYTHON, "-c", SEED_CODE.format(prefix=prefix, officers=officers, staff=staff)],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "desabinaan.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("SEED:")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"seeding failed:\n{result.stderr[-3000:]}")
    took = time.monotonic() - t
    say(f"  database ready: migrate, load_demo, collectstatic, {officers} officers, {staff} staff ({took:.1f} s)")
    return json.loads(lines[-1][5:])


# --- Processes --------------------------------------------------------------------------------------------


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex((HOST, port)) != 0


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not port_is_free(port):
            return
        time.sleep(0.2)
    raise RuntimeError(f"nothing is listening on {HOST}:{port} after {timeout:.0f} s")


def start_gunicorn(env: dict, port: int, *, workers: int = 2, log: Path) -> subprocess.Popen:
    if not port_is_free(port):
        raise RuntimeError(f"port {port} is taken")
    handle = open(log, "wb")  # noqa: SIM115 (lives as long as the process)
    proc = subprocess.Popen(  # noqa: S603 (fixed argv, no shell)
        [GUNICORN, "--config", str(ROOT / "deploy" / "gunicorn.conf.py")],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"{HOST}:{port}", "GUNICORN_WORKERS": str(workers)},
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_for_port(port)
    return proc


def start_worker(env: dict, worker_id: str, *, log: Path) -> subprocess.Popen:
    handle = open(log, "wb")  # noqa: SIM115 (lives as long as the process)
    return subprocess.Popen(  # noqa: S603 (fixed argv, no shell)
        [PYTHON, "manage.py", "db_worker", "--interval", "1", "--no-reload", "--worker-id", worker_id],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def start_rq_worker(env: dict, name: str, *, log: Path) -> subprocess.Popen:
    handle = open(log, "wb")  # noqa: SIM115 (lives as long as the process)
    return subprocess.Popen(  # noqa: S603 (fixed argv, no shell)
        [PYTHON, "manage.py", "rqworker", "default", "--job-class", "django_tasks_rq.Job", "--name", name],
        cwd=ROOT,
        env={**env, "TASK_BACKEND": "rq"},
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(procs: list[subprocess.Popen], timeout: float = 20.0) -> None:
    """Stop the processes this script started (each in its own process group), TERM then KILL."""
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for proc in procs:
        try:
            proc.wait(max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def new_token() -> str:
    return str(uuid.uuid4())


def fail(message: str) -> None:
    print(message, file=sys.stderr)
