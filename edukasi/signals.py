"""The registry's changes that show on the public pages invalidate the page cache (``edukasi.caching``).

The directory, a unit's page and the office pages show units, their region, their office and its Kanwil
and service area. Any saved or deleted row of those models moves the content generation on once the
transaction commits (``caching.invalidate`` once per transaction however many rows it touches, and a
query-free ``caching.bump`` per row before). Memberships and invitations are not shown publicly. The
office facts kept in edukasi call ``caching.invalidate`` themselves. ``QuerySet.update`` and
``bulk_create`` send no signal: code that changes public rows that way calls ``caching.invalidate`` after
its commit (the region importer's renames reach the pages within PAGE_TIMEOUT).
"""

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from villages.models import Kanwil, Office, Region, Unit, UnitEvent

from . import caching

PUBLIC_MODELS = (Unit, UnitEvent, Office, Kanwil, Region)


def _invalidate_after_commit() -> None:
    caching.invalidate()


def invalidate_on_commit(**_kwargs: object) -> None:
    """Invalidate after the current transaction commits, once, however many rows it saved.

    The generation also moves on at once (no query), so that a page rendered later in the same transaction
    (a test, a shell session) shows the change; a page rendered from the old rows meanwhile by another
    request is dropped by the invalidation after the commit.
    """
    if not connection.in_atomic_block:
        caching.invalidate()
        return
    caching.bump()
    if not any(entry[1] is _invalidate_after_commit for entry in connection.run_on_commit):
        transaction.on_commit(_invalidate_after_commit)


def connect() -> None:
    for model in PUBLIC_MODELS:
        post_save.connect(invalidate_on_commit, sender=model, dispatch_uid=f"edukasi-page-cache-save-{model.__name__}")
        post_delete.connect(
            invalidate_on_commit, sender=model, dispatch_uid=f"edukasi-page-cache-delete-{model.__name__}"
        )
    m2m_changed.connect(
        invalidate_on_commit, sender=Office.service_area.through, dispatch_uid="edukasi-page-cache-service-area"
    )
