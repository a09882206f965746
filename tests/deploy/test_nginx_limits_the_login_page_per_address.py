"""nginx's own limit on sign-in submissions (30 a minute per address, burst 10) answers 429 before the portal.

Only POSTs count: a whole class opening the sign-in page behind one school address is never refused.
"""

import pytest

pytestmark = pytest.mark.deploy

# Not the addresses of the lockout test: each address has its own allowance in nginx's zone.
HAMMER, BYSTANDER, CLASSROOM = "127.0.0.4", "127.0.0.5", "127.0.0.6"


def test_a_burst_of_sign_in_submissions_from_one_address_is_cut_off_by_nginx(stack):
    hammer = stack.visitor(HAMMER)
    hammer.open_form("/akun/masuk/")
    responses = [hammer.login(f"tidak-ada-{i}", "salah-sekali") for i in range(20)]
    codes = [r.status for r in responses]

    # The first submission and a burst of 10 reach the portal; later ones get nginx's 429, not the portal's page.
    assert codes[:11] == [200] * 11, codes
    refused = [r for r in responses if r.status == 429]
    assert refused, codes
    assert all(b"Terlalu banyak" not in r.body and b"nginx" in r.body for r in refused)
    # Other addresses are not affected, nor are other pages from that address.
    assert stack.get("/akun/masuk/", source=BYSTANDER).status == 200
    assert stack.get("/kesehatan/", source=HAMMER).status == 200


def test_many_people_opening_the_sign_in_page_from_one_address_are_all_served(stack):
    codes = [stack.get("/akun/masuk/", source=CLASSROOM).status for _ in range(40)]
    assert codes == [200] * 40
