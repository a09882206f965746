"""gunicorn settings for the Desa Binaan Imigrasi portal (see docs/deploy.md).

Every value can be overridden from the environment of the systemd unit, so one file serves every node:
GUNICORN_BIND, GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_TIMEOUT.
"""

import multiprocessing
import os

wsgi_app = "desabinaan.wsgi:application"

# nginx talks to gunicorn on loopback (or a private network address on a multi-node setup).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: every request holds one worker; PDFs and exports run in the task workers, never here.
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# A request that takes longer than this is killed and answered 502 by nginx. The longest legitimate
# request is an upload of 5 photos + 1 sheet (35 MB, re-encoded); nginx buffers the body first, so the
# worker only spends CPU time on it. Keep nginx's proxy_read_timeout a little above this value.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then so that a slow leak cannot grow forever; jitter avoids all at once.
max_requests = 2000
max_requests_jitter = 200

# Load the app once in the master: faster worker forks, and a broken deployment fails at start.
# Database connections are opened lazily per worker, so nothing is shared across the fork.
preload_app = True

# Trust X-Forwarded-* only from nginx on the same host (or list the proxies' addresses).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs go to stdout/stderr and so to the journal (journalctl -u desabinaan-web@8000).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
proc_name = "desabinaan"

# /dev/shm for the heartbeat files: a slow disk must not make workers look dead.
SHM = "/dev/shm"  # noqa: S108 (tmpfs for heartbeats, not a temporary file)
worker_tmp_dir = SHM if os.path.isdir(SHM) else None
