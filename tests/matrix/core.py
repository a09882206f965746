from tests.matrix import LOGIN, Row, expect, public, signed_in

ROWS = {
    "home": Row(public()),
    # Each person's own home: office staff read their task page; everyone else is sent on to theirs.
    "my_home": Row(signed_in(302, staff_x=200, pimpasa_x=200, head_x=200, staff_y=200)),
    "health": Row(public()),
    "sitemap": Row(public()),
    "robots": Row(public()),
    "set_language": Row(public(302), note="POST sets the language; a GET is sent back"),
    # A signed-in user is sent on from the login page.
    "login": Row(expect(302, anon=200)),
    "logout": Row(signed_in(405), note="POST only"),
    "password_change": Row(signed_in(200)),
    "password_change_done": Row(signed_in(200)),
    "password_reset": Row(public()),
    "password_reset_done": Row(public()),
    "password_reset_confirm": Row(public(), kwargs=lambda w: {"uidb64": "MQ", "token": "set-password"}),
    "password_reset_complete": Row(public()),
    # The site's stable public addresses (desabinaan/urls.py).
    "unit_public": Row(public(), kwargs=lambda w: {"pk": w.unit_a.pk}),
    "unit_poster": Row(public(), kwargs=lambda w: {"pk": w.unit_a.pk}),
    "office_public": Row(public(), kwargs=lambda w: {"slug": w.office_x.slug}),
}

ADMIN_OUTCOME = expect(LOGIN, admin=200)
