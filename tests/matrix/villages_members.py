"""Members, invitations and activation."""

from tests.matrix import LOGIN, Row, expect, public, signed_in

UNIT_A = lambda w: {"pk": w.unit_a.pk}  # noqa: E731

# Staff (and head, PIMPASA) of office X manage; the coordinator and oversight read; officer_a is a member
# without the role (403); everyone else is an outsider to unit A (404).
MEMBERS_PAGE = expect(
    404,
    anon=LOGIN,
    officer_a=403,
    coordinator_a=200,
    staff_x=200,
    pimpasa_x=200,
    head_x=200,
    oversight=200,
    admin=200,
)

ROWS = {
    "villages:unit_members": Row(MEMBERS_PAGE, kwargs=UNIT_A),
    "villages:invitation_create": Row(signed_in(405), kwargs=UNIT_A, note="POST only"),
    "villages:invitation_resend": Row(
        signed_in(405), kwargs=lambda w: {"pk": w.unit_a.pk, "invitation_pk": 1}, note="POST only"
    ),
    "villages:invitation_revoke": Row(
        signed_in(405), kwargs=lambda w: {"pk": w.unit_a.pk, "invitation_pk": 1}, note="POST only"
    ),
    "villages:membership_remove": Row(
        signed_in(405), kwargs=lambda w: {"pk": w.unit_a.pk, "membership_pk": 1}, note="POST only"
    ),
    "villages:pimpasa_add": Row(signed_in(405), kwargs=UNIT_A, note="POST only"),
    "villages:pimpasa_remove": Row(
        signed_in(405), kwargs=lambda w: {"pk": w.unit_a.pk, "user_pk": 1}, note="POST only"
    ),
    "villages:invitation_accept": Row(
        public(404), kwargs=lambda w: {"token": "tidak-dikenal"}, note="an unknown token; the life cycle is tested"
    ),
}
