"""The shipped nginx site in front of gunicorn (with the shipped ``deploy/gunicorn.conf.py``), on test ports.

The site is ``deploy/nginx/desabinaan.conf`` with a short, explicit list of substitutions (``render_site``):
only listen addresses, the server name, file paths and upstream addresses change; every directive is the
shipped one, and the proxy snippet and ``50x.html`` are used in place. If the shipped file no longer
contains a line the list expects, rendering fails instead of silently testing something else.

Things in the shipped site that cannot run as in production here, handled explicitly:

* ``listen 80`` / ``listen 443``: test ports on 127.0.0.1 (never all addresses, never the real ports).
* ``listen [::]:…``: bound to ``[::1]`` when this machine has IPv6 loopback, commented out when it has not.
* ``ssl_stapling on``: with a self-signed certificate there is no issuer and no OCSP responder, so nginx only
  warns and ignores it (``nginx -t`` is allowed exactly that warning).
* The second upstream server (``127.0.0.1:8001``) points at a port that is held but not listening: a stopped
  gunicorn instance, so every test also exercises ``proxy_next_upstream`` (requests must still succeed).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
SITE = DEPLOY / "nginx" / "desabinaan.conf"
SNIPPET = DEPLOY / "nginx" / "desabinaan-proxy.conf"
GUNICORN_CONF = DEPLOY / "gunicorn.conf.py"
HOST = "127.0.0.1"

# Users of the portal behind nginx (created in the prepared database).
USER_A, USER_B = "pengguna_a", "pengguna_b"
PASSWORD = "Kata-sandi-uji-2026"
WRONG_PASSWORD = "salah-sekali-123"

# The only warnings `nginx -t` may print for the shipped site, and why they are expected here.
EXPECTED_NGINX_WARNINGS = (
    # Self-signed test certificate: no issuer, no OCSP responder. A real certificate has both.
    '"ssl_stapling" ignored',
)


def find_nginx() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def ipv6_loopback() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
    except OSError:
        return False
    return True


def free_port(ipv6: bool = False) -> int:
    """A port free on 127.0.0.1 (and on ::1 when ``ipv6``). The kernel picks it, so xdist workers never collide."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind((HOST, 0))
            port = s.getsockname()[1]
        if not ipv6:
            return port
        try:
            with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s6:
                s6.bind(("::1", port))
        except OSError:
            continue
        return port
    raise RuntimeError("no free port found")


def held_port() -> socket.socket:
    """A bound socket that never listens: connections to its port are refused and nobody else can take it."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((HOST, 0))
    return s


# --- Configuration -----------------------------------------------------------------------------


@dataclass
class SiteParams:
    http_port: int
    https_port: int
    upstream_ports: tuple[int, int]
    cert: Path
    key: Path
    static_root: Path
    log_dir: Path
    ipv6: bool


def _substitute(text: str, old: str, new: str, count: int) -> str:
    found = text.count(old)
    if found != count:
        raise AssertionError(
            f"{SITE.relative_to(REPO)} has {found} x {old!r}, the test expects {count}: update tests/deploy/harness.py"
        )
    return text.replace(old, new)


def render_site(p: SiteParams) -> str:
    text = SITE.read_text()
    if p.ipv6:
        text = _substitute(text, "listen [::]:80;", f"listen [::1]:{p.http_port};", 1)
        text = _substitute(text, "listen [::]:443 ", f"listen [::1]:{p.https_port} ", 1)
    else:
        text = _substitute(text, "listen [::]:", "# no IPv6 loopback on this machine: listen [::]:", 2)
    substitutions = [
        ("listen 80;", f"listen {HOST}:{p.http_port};", 1),
        ("listen 443 ", f"listen {HOST}:{p.https_port} ", 1),
        ("server_name desabinaan.imigrasi.go.id;", f"server_name {HOST};", 2),
        ("/etc/letsencrypt/live/desabinaan.imigrasi.go.id/fullchain.pem", str(p.cert), 1),
        ("/etc/letsencrypt/live/desabinaan.imigrasi.go.id/privkey.pem", str(p.key), 1),
        ("/var/log/nginx/", f"{p.log_dir}/", 2),
        ("alias /srv/desabinaan/static/;", f"alias {p.static_root}/;", 1),
        ("root /srv/desabinaan/app/deploy/nginx;", f"root {DEPLOY / 'nginx'};", 1),
        ("include /etc/nginx/snippets/desabinaan-proxy.conf;", f"include {SNIPPET};", 2),
        ("server 127.0.0.1:8000 ", f"server {HOST}:{p.upstream_ports[0]} ", 1),
        ("server 127.0.0.1:8001 ", f"server {HOST}:{p.upstream_ports[1]} ", 1),
    ]
    for old, new, count in substitutions:
        text = _substitute(text, old, new, count)
    return text


def render_main(prefix: Path, site_file: Path) -> str:
    """The smallest main nginx.conf around the site: Debian's http defaults, everything else in ``prefix``.

    Debian's /etc/nginx/nginx.conf also says ``gzip on`` for every site; it is left out here on purpose, so the
    tests prove that the site turns compression on by itself.
    """
    tmp = prefix / "tmp"
    # As root, nginx's workers would run as "nobody" and could not read pytest's 0700 temporary directories.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{user}daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {site_file};
}}
"""


def write_nginx_config(prefix: Path, params: SiteParams) -> Path:
    """Write site and main config under ``prefix``; returns the main config file."""
    for sub in ("logs", "tmp"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    site_file = prefix / "desabinaan.conf"
    site_file.write_text(render_site(params))
    main = prefix / "nginx.conf"
    main.write_text(render_main(prefix, site_file))
    return main


def nginx_command(nginx: str, prefix: Path, main: Path, *extra: str) -> list[str]:
    return [nginx, "-p", f"{prefix}/", "-e", str(prefix / "logs" / "startup.log"), "-c", str(main), *extra]


def make_certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "3",
            "-subj",
            f"/CN={HOST}",
            "-addext",
            f"subjectAltName=IP:{HOST},IP:::1,DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


# --- Processes ---------------------------------------------------------------------------------


class Process:
    """A child process with its output in a log file; ``stop`` always reaps it."""

    def __init__(self, args: list[str], log: Path, *, env: dict[str, str] | None = None, cwd: Path | None = None):
        self.log = log
        self._out = open(log, "wb")  # noqa: SIM115 (closed in stop)
        self.popen = subprocess.Popen(
            args, stdout=self._out, stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True
        )

    def alive(self) -> bool:
        return self.popen.poll() is None

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
        try:
            if self.alive():
                self.popen.send_signal(sig)
                try:
                    self.popen.wait(timeout)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(self.popen.pid, signal.SIGKILL)
                    self.popen.wait(10)
            else:
                self.popen.wait()
        finally:
            self._out.close()


def portal_env(*, database: Path, static_root: Path, media_root: Path, site_url: str) -> dict[str, str]:
    """Production-like settings (debug off), with nothing inherited from the test run but PATH and HOME."""
    origin = site_url.rstrip("/")
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/root"),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": os.urandom(32).hex(),
        "SITE_URL": origin,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": origin,
        "PROXY_COUNT": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "TASK_BACKEND": "immediate",
        "REDIS_URL": "",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


# One Django start for both: migrate, then the two users.
PREPARE_DATABASE = f"""
from django.contrib.auth.models import User
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
for name in ({USER_A!r}, {USER_B!r}):
    User.objects.create_user(name, name + "@example.test", {PASSWORD!r})
"""


def prepare(directory: Path) -> None:
    """What every stack shares: a migrated SQLite template with two users, collected static files, a certificate.

    collectstatic runs beside migrate, with the portal's storage minus brotli (see collectstatic_settings.py).
    """
    env = portal_env(
        database=directory / "template.sqlite3",
        static_root=directory / "static",
        media_root=directory / "media-unused",
        site_url=f"https://{HOST}",
    )
    with open(directory / "collectstatic.log", "wb") as log:
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput"],
            cwd=REPO,
            env={**env, "DJANGO_SETTINGS_MODULE": "tests.deploy.collectstatic_settings"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            manage(env, "shell", "-c", PREPARE_DATABASE)
        finally:
            collect.wait()
    if collect.returncode != 0:
        raise RuntimeError("collectstatic failed:\n" + (directory / "collectstatic.log").read_text())
    make_certificate(directory)


# --- HTTP --------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def all(self, name: str) -> list[str]:
        return self.headers.get_all(name) or []

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def request(
    port: int,
    path: str,
    *,
    method: str = "GET",
    tls: bool = True,
    cafile: Path | None = None,
    source: str = HOST,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 30,
) -> Response:
    """One request on a fresh connection from the given source address (any 127.x address is local)."""
    if tls:
        context = ssl.create_default_context(cafile=str(cafile) if cafile else None)
        conn = http.client.HTTPSConnection(HOST, port, timeout=timeout, source_address=(source, 0), context=context)
    else:
        conn = http.client.HTTPConnection(HOST, port, timeout=timeout, source_address=(source, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return Response(response.status, response.msg, response.read())
    finally:
        conn.close()


@dataclass
class Stack:
    root: Path
    http_port: int
    https_port: int
    gunicorn_port: int
    cert: Path
    static_root: Path
    media_root: Path
    gunicorn: Process
    nginx: Process
    down_instance: socket.socket
    ipv6: bool

    @property
    def origin(self) -> str:
        return f"https://{HOST}:{self.https_port}"

    def get(self, path: str, **kwargs) -> Response:
        return request(self.https_port, path, cafile=self.cert, **kwargs)

    def http(self, path: str, **kwargs) -> Response:
        return request(self.http_port, path, tls=False, **kwargs)

    def visitor(self, source: str = HOST) -> Visitor:
        return Visitor(self, source)

    def stop(self) -> None:
        try:
            self.nginx.stop(signal.SIGQUIT, timeout=15)
        finally:
            try:
                self.gunicorn.stop(signal.SIGTERM, timeout=40)
            finally:
                self.down_instance.close()


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Visitor:
    """One browser at one source address: keeps its cookies and posts forms as a browser does (CSRF included)."""

    stack: Stack
    source: str
    cookies: dict[str, str] = field(default_factory=dict)
    set_cookies: list[str] = field(default_factory=list)
    token: str = ""

    def send(self, path: str, *, method: str = "GET", headers: dict[str, str] | None = None, body=None) -> Response:
        all_headers = dict(headers or {})
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.stack.get(path, method=method, source=self.source, headers=all_headers, body=body)
        for raw in response.all("Set-Cookie"):
            self.set_cookies.append(raw)
            for name, morsel in SimpleCookie(raw).items():
                self.cookies[name] = morsel.value
        return response

    def open_form(self, path: str) -> Response:
        response = self.send(path)
        match = CSRF_FIELD.search(response.text)
        assert match, f"no CSRF token in {path} ({response.status})"
        self.token = match.group(1)
        return response

    def post_form(self, path: str, fields: dict[str, str]) -> Response:
        """POST like the form on ``path``: its token, the cookie, and the Origin and Referer a browser sends."""
        body = urlencode({"csrfmiddlewaretoken": self.token, **fields}).encode()
        return self.send(
            path,
            method="POST",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.stack.origin,
                "Referer": f"{self.stack.origin}{path}",
            },
        )

    def login(self, username: str, password: str) -> Response:
        if not self.token:
            self.open_form("/akun/masuk/")
        return self.post_form("/akun/masuk/", {"username": username, "password": password, "next": ""})


def wait_until(check, *, timeout: float, what: str, process: Process | None = None) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if process is not None and not process.alive():
            code = process.popen.returncode
            raise RuntimeError(f"{what}: the process exited ({code}):\n{process.log_text()[-4000:]}")
        try:
            if check():
                return
        except (OSError, http.client.HTTPException) as exc:
            last = exc
        time.sleep(0.2)
    log = process.log_text()[-4000:] if process else ""
    raise RuntimeError(f"{what}: no answer after {timeout} s (last error: {last})\n{log}")


def start_stack(nginx: str, prepared: Path, root: Path) -> Stack:
    """gunicorn (shipped config, 2 workers) and nginx (shipped site) on free ports; stopped by ``Stack.stop``."""
    root.mkdir(parents=True, exist_ok=True)
    database = root / "portal.sqlite3"
    shutil.copyfile(prepared / "template.sqlite3", database)
    media_root = root / "media"
    media_root.mkdir(exist_ok=True)
    ipv6 = ipv6_loopback()
    gunicorn_port = free_port()
    http_port, https_port = free_port(ipv6), free_port(ipv6)
    down_instance = held_port()
    env = portal_env(
        database=database,
        static_root=prepared / "static",
        media_root=media_root,
        site_url=f"https://{HOST}:{https_port}",
    )
    env.update(GUNICORN_BIND=f"{HOST}:{gunicorn_port}", GUNICORN_WORKERS="2")
    gunicorn = Process(
        [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONF)], root / "gunicorn.log", env=env, cwd=REPO
    )
    nginx_process = None
    try:

        def gunicorn_answers() -> bool:
            headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
            return request(gunicorn_port, "/kesehatan/", tls=False, headers=headers, timeout=5).status == 200

        wait_until(gunicorn_answers, timeout=90, what="gunicorn", process=gunicorn)
        prefix = root / "nginx"
        params = SiteParams(
            http_port=http_port,
            https_port=https_port,
            upstream_ports=(gunicorn_port, down_instance.getsockname()[1]),
            cert=prepared / "cert.pem",
            key=prepared / "key.pem",
            static_root=prepared / "static",
            log_dir=prefix / "logs",
            ipv6=ipv6,
        )
        main = write_nginx_config(prefix, params)
        nginx_process = Process(nginx_command(nginx, prefix, main), prefix / "logs" / "master.log")

        def nginx_answers() -> bool:
            return request(https_port, "/kesehatan/", cafile=params.cert, timeout=5).status == 200

        wait_until(nginx_answers, timeout=30, what="nginx", process=nginx_process)
    except BaseException:
        if nginx_process is not None:
            nginx_process.stop(signal.SIGTERM, timeout=10)
        gunicorn.stop(signal.SIGTERM, timeout=40)
        down_instance.close()
        raise
    return Stack(
        root=root,
        http_port=http_port,
        https_port=https_port,
        gunicorn_port=gunicorn_port,
        cert=prepared / "cert.pem",
        static_root=prepared / "static",
        media_root=media_root,
        gunicorn=gunicorn,
        nginx=nginx_process,
        down_instance=down_instance,
        ipv6=ipv6,
    )
