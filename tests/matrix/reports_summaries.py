"""Summaries, dashboard, exports and the public verification page."""

from tests.matrix import Row, expect, public, signed_in


def _summary(world):
    from tests.reports.factories import make_summary

    return make_summary(world.office_x, by=world.user("staff_x"))


def _export(world):
    from tests.reports.factories import make_export_job

    return make_export_job(world.user("staff_x"))


# Anyone with a reporting scope: unit members (their unit), office staff (their office), oversight, admin.
REPORTERS = signed_in(200, editor=403)
# A summary of office X: its staff and the Kanwil's oversight; everyone else is an outsider to it.
OFFICE_X_SUMMARY = signed_in(404, staff_x=200, pimpasa_x=200, head_x=200, oversight=200, admin=200)

ROWS = {
    "reports:dashboard": Row(REPORTERS),
    "reports:summary_list": Row(REPORTERS),
    "reports:summary_detail": Row(OFFICE_X_SUMMARY, kwargs=lambda w: {"pk": _summary(w).pk}),
    "reports:summary_download": Row(OFFICE_X_SUMMARY, kwargs=lambda w: {"pk": _summary(w).pk}),
    "reports:summary_regenerate": Row(signed_in(405), kwargs=lambda w: {"pk": _summary(w).pk}, note="POST only"),
    "reports:verify_lookup": Row(public()),
    "reports:verify": Row(public(), kwargs=lambda w: {"code": _summary(w).verification_code}),
    "reports:export_activities": Row(REPORTERS),
    "reports:export_activities_csv": Row(REPORTERS),
    "reports:export_activities_xlsx": Row(REPORTERS),
    "reports:export_start": Row(signed_in(405), note="POST only"),
    # An export file is its requester's alone (it holds what they could see when they asked).
    "reports:export_detail": Row(signed_in(404, staff_x=200), kwargs=lambda w: {"pk": _export(w).pk}),
    "reports:export_download": Row(signed_in(404, staff_x=200), kwargs=lambda w: {"pk": _export(w).pk}),
    # Incidents are confidential: only the office's own staff, PIMPASA and head.
    "reports:export_incidents": Row(expect(403, anon="login", staff_x=200, pimpasa_x=200, head_x=200, staff_y=200)),
}
