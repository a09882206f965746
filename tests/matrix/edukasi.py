from tests.edukasi.helpers import make_article, make_hotline
from tests.matrix import Row, public, signed_in

EDITOR = signed_in(403, editor=200, admin=200)
POST_ONLY = signed_in(405)
OFFICE_FACTS_HOME = signed_in(403, staff_x=200, pimpasa_x=200, head_x=200, staff_y=200, editor=200, admin=200)
OFFICE_FACTS_X = signed_in(403, staff_x=200, pimpasa_x=200, head_x=200, staff_y=404, editor=200, admin=200)


def _article(world) -> dict:
    return {"slug": make_article().slug}


def _pk(world) -> dict:
    return {"pk": make_article().pk}


ROWS = {
    "edukasi:home": Row(public()),
    "edukasi:topic_detail": Row(public(), kwargs=lambda w: {"slug": make_article().topic.slug}),
    "edukasi:article_detail": Row(public(), kwargs=_article),
    "edukasi:article_leaflet": Row(public(), kwargs=_article),
    "edukasi:mpaspor": Row(public()),
    "edukasi:legal_path": Row(public()),
    "edukasi:checklist": Row(public()),
    "edukasi:fees": Row(public()),
    "edukasi:job_check": Row(public()),
    "edukasi:hotlines": Row(public()),
    "edukasi:search": Row(public(), query="?q=paspor"),
    "edukasi:sitemap": Row(public()),
    "edukasi:directory": Row(public()),
    "edukasi:office_list": Row(public()),
    "edukasi:editor_home": Row(EDITOR),
    "edukasi:article_create": Row(EDITOR),
    "edukasi:editor_article": Row(EDITOR, kwargs=_pk),
    "edukasi:article_edit": Row(EDITOR, kwargs=_pk),
    "edukasi:article_submit": Row(POST_ONLY, kwargs=_pk, note="POST only"),
    "edukasi:article_publish": Row(POST_ONLY, kwargs=_pk, note="POST only"),
    "edukasi:article_archive": Row(POST_ONLY, kwargs=_pk, note="POST only"),
    "edukasi:article_return": Row(POST_ONLY, kwargs=_pk, note="POST only"),
    "edukasi:article_revisions": Row(EDITOR, kwargs=_pk),
    "edukasi:revision_detail": Row(EDITOR, kwargs=lambda w: {"pk": make_article().pk, "number": 1}),
    "edukasi:revision_restore": Row(
        POST_ONLY, kwargs=lambda w: {"pk": make_article().pk, "number": 1}, note="POST only"
    ),
    "edukasi:fee_list": Row(EDITOR),
    "edukasi:requirement_list": Row(EDITOR),
    "edukasi:requirement_edit": Row(EDITOR, kwargs=lambda w: {"situation": "child"}),
    "edukasi:hotline_list": Row(EDITOR),
    "edukasi:hotline_create": Row(EDITOR),
    "edukasi:hotline_edit": Row(EDITOR, kwargs=lambda w: {"pk": make_hotline().pk}),
    # Office facts: the office's own staff (staff, PIMPASA, head) and editors; staff of another office get 404.
    "edukasi:office_facts_home": Row(OFFICE_FACTS_HOME),
    "edukasi:office_facts": Row(OFFICE_FACTS_X, kwargs=lambda w: {"slug": w.office_x.slug}),
    "edukasi:office_fact_publish": Row(POST_ONLY, kwargs=lambda w: {"pk": 1}, note="POST only"),
    "edukasi:office_fact_reject": Row(POST_ONLY, kwargs=lambda w: {"pk": 1}, note="POST only"),
}
