"""`nginx -t` accepts the shipped site (rendered for test ports) on Debian's nginx, warning only about stapling."""

import re
import subprocess

import pytest

from tests.deploy import harness

pytestmark = pytest.mark.deploy


def test_nginx_t_accepts_the_shipped_site_and_warns_only_about_stapling(nginx_binary, tmp_path):
    cert, key = harness.make_certificate(tmp_path)
    params = harness.SiteParams(
        http_port=harness.free_port(),
        https_port=harness.free_port(),
        upstream_ports=(harness.free_port(), harness.free_port()),
        cert=cert,
        key=key,
        static_root=tmp_path / "static",
        log_dir=tmp_path / "nginx" / "logs",
        ipv6=harness.ipv6_loopback(),
    )
    prefix = tmp_path / "nginx"
    main = harness.write_nginx_config(prefix, params)

    result = subprocess.run(harness.nginx_command(nginx_binary, prefix, main, "-t"), capture_output=True, text=True)
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "syntax is ok" in output and "test is successful" in output
    warnings = [line for line in output.splitlines() if re.search(r"\[(warn|emerg|alert|crit|error)\]", line)]
    unexpected = [w for w in warnings if not any(expected in w for expected in harness.EXPECTED_NGINX_WARNINGS)]
    assert unexpected == []


def test_the_rendered_site_keeps_every_shipped_directive_and_includes_the_shipped_snippet(nginx_binary, tmp_path):
    cert, key = harness.make_certificate(tmp_path)
    params = harness.SiteParams(
        http_port=8080,
        https_port=8443,
        upstream_ports=(9000, 9001),
        cert=cert,
        key=key,
        static_root=tmp_path / "static",
        log_dir=tmp_path / "logs",
        ipv6=True,
    )
    shipped = harness.SITE.read_text()
    rendered = harness.render_site(params)

    def directives(text: str) -> list[str]:
        lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
        return [line.split()[0] for line in lines if line]

    # Only arguments change: the same directives in the same order.
    assert directives(rendered) == directives(shipped)
    assert f"include {harness.SNIPPET};" in rendered
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in harness.SNIPPET.read_text()
