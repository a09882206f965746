"""The health check answers through nginx over HTTPS, also while one of the two gunicorn instances is down."""

import pytest

pytestmark = pytest.mark.deploy


def test_the_health_check_answers_200_through_nginx(stack):
    response = stack.get("/kesehatan/")

    assert response.status == 200
    assert response.text == "ok\n"
    # HSTS is sent only on requests Django sees as HTTPS: X-Forwarded-Proto arrived and was trusted.
    assert response.header("Strict-Transport-Security").startswith("max-age=31536000")


def test_requests_succeed_while_the_second_upstream_instance_is_down(stack):
    statuses = [stack.get("/kesehatan/").status for _ in range(8)]

    assert statuses == [200] * 8
    # nginx did try the stopped instance and moved on (proxy_next_upstream error), not luck of the round robin.
    down_port = stack.down_instance.getsockname()[1]
    error_log = (stack.root / "nginx" / "logs" / "desabinaan.error.log").read_text()
    assert f"127.0.0.1:{down_port}" in error_log
