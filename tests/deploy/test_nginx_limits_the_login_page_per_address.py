"""nginx's own limit on /akun/masuk/ (30 a minute per address, burst 10) answers 429 before the portal does."""

import pytest

pytestmark = pytest.mark.deploy

# Not the addresses of the lockout test: each address has its own allowance in nginx's zone.
HAMMER, BYSTANDER = "127.0.0.4", "127.0.0.5"


def test_a_burst_of_login_page_requests_from_one_address_is_cut_off_by_nginx(stack):
    statuses = [stack.get("/akun/masuk/", source=HAMMER) for _ in range(20)]
    codes = [r.status for r in statuses]

    # The first request and a burst of 10 pass without delay; later ones get nginx's 429, not the portal's page.
    assert codes[:11] == [200] * 11, codes
    refused = [r for r in statuses if r.status == 429]
    assert refused, codes
    assert all(b"Terlalu banyak" not in r.body and b"nginx" in r.body for r in refused)
    # Other addresses are not affected, nor are other pages from that address.
    assert stack.get("/akun/masuk/", source=BYSTANDER).status == 200
    assert stack.get("/kesehatan/", source=HAMMER).status == 200
