"""Field mode (reports/views/field.py): the service worker and the manifest hold no one's data and are public
(a browser fetches a manifest without cookies); the outbox's session check answers only those who log
activities."""

from tests.matrix import Row, public, signed_in

OFFICERS = {"officer_a": 200, "coordinator_a": 200, "officer_b": 200}

ROWS = {
    "reports:field_sw": Row(public()),
    "reports:field_manifest": Row(public()),
    "reports:field_session": Row(signed_in(403, **OFFICERS)),
}
