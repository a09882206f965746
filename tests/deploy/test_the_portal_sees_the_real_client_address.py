"""Behind nginx the login throttle counts the real client address (X-Forwarded-For, PROXY_COUNT=1).

Two clients at 127.0.0.2 and 127.0.0.3 (every 127.x address is local). Locking one username out from one
address leaves that address free for other usernames and every other address free for that username.
"""

import pytest

from tests.deploy.harness import PASSWORD, USER_A, USER_B, WRONG_PASSWORD

pytestmark = pytest.mark.deploy

CLIENT_1, CLIENT_2 = "127.0.0.2", "127.0.0.3"
LOCKOUT_PAGE = "Terlalu banyak percobaan"


def assert_signs_in(visitor, username: str) -> None:
    response = visitor.login(username, PASSWORD)
    who = f"{username} from {visitor.source}"
    assert response.status == 302, f"{who}: {response.status} {LOCKOUT_PAGE in response.text=}"
    # Signed in: sent on to the person's own home (/tugas/), not back to the sign-in page.
    assert response.header("Location") == "/tugas/", who
    assert any(cookie.startswith("sessionid=") for cookie in response.all("Set-Cookie")), who


def test_a_lockout_at_one_address_leaves_other_clients_able_to_sign_in(stack):
    attacker = stack.visitor(CLIENT_1)
    # The page and its cookies come over HTTPS only (Secure cookies), as a browser would see them.
    attacker.open_form("/akun/masuk/")
    assert any("csrftoken=" in c and "Secure" in c for c in attacker.set_cookies)

    # Wrong passwords for A from client 1 until the portal locks (5 allowed). At most 7 tries, so nginx's own
    # limit on /akun/masuk/ (burst 10 per address) is never what answers: the 429 must be the portal's page.
    statuses = []
    for _ in range(7):
        response = attacker.login(USER_A, WRONG_PASSWORD)
        statuses.append(response.status)
        if response.status == 429:
            break
    assert statuses[-1] == 429, statuses
    assert len(statuses) == 5, statuses
    assert statuses[:-1] == [200] * 4
    assert LOCKOUT_PAGE in response.text

    # The lock is real: even the right password for A from client 1 is refused.
    locked = attacker.login(USER_A, PASSWORD)
    assert locked.status == 429
    assert LOCKOUT_PAGE in locked.text

    # It holds one username at one address: B still signs in from client 1 ...
    assert_signs_in(stack.visitor(CLIENT_1), USER_B)
    # ... and client 2, a different address behind the same nginx, signs in as B and as A.
    assert_signs_in(stack.visitor(CLIENT_2), USER_B)
    assert_signs_in(stack.visitor(CLIENT_2), USER_A)
