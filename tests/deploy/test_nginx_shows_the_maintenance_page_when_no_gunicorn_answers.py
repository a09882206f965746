"""With every gunicorn instance down, nginx answers 502 with the shipped Indonesian page (deploy/nginx/50x.html)."""

import signal
import socket

import pytest

from tests.deploy import harness

pytestmark = pytest.mark.deploy


def test_nginx_answers_with_the_maintenance_page_when_no_instance_answers(nginx_binary, tmp_path):
    cert, key = harness.make_certificate(tmp_path)
    stopped = [harness.held_port(), harness.held_port()]
    ipv6 = harness.ipv6_loopback()
    params = harness.SiteParams(
        http_port=harness.free_port(ipv6),
        https_port=harness.free_port(ipv6),
        upstream_ports=(stopped[0].getsockname()[1], stopped[1].getsockname()[1]),
        cert=cert,
        key=key,
        static_root=tmp_path / "static",
        log_dir=tmp_path / "nginx" / "logs",
        ipv6=ipv6,
    )
    prefix = tmp_path / "nginx"
    main = harness.write_nginx_config(prefix, params)
    nginx = harness.Process(harness.nginx_command(nginx_binary, prefix, main), prefix / "logs" / "master.log")
    try:

        def listening() -> bool:
            with socket.create_connection((harness.HOST, params.https_port), timeout=2):
                return True

        harness.wait_until(listening, timeout=30, what="nginx", process=nginx)
        response = harness.request(params.https_port, "/akun/masuk/", cafile=cert)
    finally:
        nginx.stop(signal.SIGQUIT, timeout=15)
        for sock in stopped:
            sock.close()

    assert response.status == 502
    assert response.header("Content-Type").startswith("text/html")
    assert "Layanan sedang tidak tersedia" in response.text
    assert response.body == (harness.DEPLOY / "nginx" / "50x.html").read_bytes()
