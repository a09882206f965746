"""Fixtures for the tests through nginx: one prepared directory per test run, one running stack per process.

The prepared directory (migrated SQLite template, collected static files, certificate) is built once per run,
also under pytest-xdist: the workers share the run's base temporary directory and take a file lock. Each
worker then starts its own gunicorn and nginx on ports the kernel picks, in its own directory, with its own
copy of the database, so two workers never share a port, a file or a lockout.
"""

import fcntl
import os
import shutil

import pytest

from tests.deploy import harness

NEEDS_NGINX = "needs nginx (apt-get install nginx-light)"


@pytest.fixture(scope="session")
def nginx_binary() -> str:
    found = harness.find_nginx()
    if found is None:
        pytest.skip(NEEDS_NGINX)
    if shutil.which("openssl") is None:
        pytest.skip("needs openssl (apt-get install openssl)")
    return found


@pytest.fixture(scope="session")
def deploy_prepared(nginx_binary, tmp_path_factory):
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    directory = shared / "deploy-prepared"
    with open(shared / "deploy-prepared.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (directory / "ready").exists():
            shutil.rmtree(directory, ignore_errors=True)
            directory.mkdir()
            harness.prepare(directory)
            (directory / "ready").write_text("ok\n")
    return directory


@pytest.fixture(scope="session")
def stack(nginx_binary, deploy_prepared, tmp_path_factory):
    running = harness.start_stack(nginx_binary, deploy_prepared, tmp_path_factory.mktemp("stack"))
    try:
        yield running
    finally:
        running.stop()
