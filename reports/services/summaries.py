"""Generating summary PDFs: the request (in the web process) and the render (in a worker).

A summary is rendered completely in memory, written under a temporary name next to its final place and
moved into place with ``os.replace`` only when complete, so a worker killed mid-render leaves no partial file.
A summary left ``running`` past ``SUMMARY_STALE_AFTER`` was abandoned by a dead worker: the sweep marks it
failed (and removes its temporary file), and the user generates it again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from villages.models import Office, Unit

from ..aggregation import Scope, compute_figures, offices_for_letterhead
from ..models import Summary
from ..pdf import Letterhead, Signatory, SummaryDocument, render_summary_pdf

logger = logging.getLogger(__name__)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: codes are read aloud and typed
CODE_LENGTH = 10
DEFAULT_STALE_AFTER = timedelta(minutes=15)


def stale_after() -> timedelta:
    return getattr(settings, "SUMMARY_STALE_AFTER", DEFAULT_STALE_AFTER)


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def verification_url(code: str) -> str:
    return settings.SITE_URL + reverse("reports:verify", args=[code])


def _enqueue(summary_id: int) -> None:
    from ..tasks import generate_summary

    transaction.on_commit(lambda: generate_summary.enqueue(summary_id))


def summary_request(
    *,
    by: User,
    office: Office,
    unit: Unit | None,
    period_kind: str,
    start: date,
    end: date,
    include_appendix: bool = False,
    language: str = "id",
    client_token=None,
) -> Summary:
    """Record a summary to generate and queue its render once the row is committed.

    A token already used by this user returns their first summary; the same token from another user is no
    concern of theirs (tokens are unique per user), so it makes that user's own summary.
    """
    if client_token is not None:
        existing = Summary.objects.filter(generated_by=by, client_token=client_token).first()
        if existing is not None:
            return existing
    for _attempt in range(5):
        try:
            with transaction.atomic():
                summary = Summary.objects.create(
                    office=office,
                    unit=unit,
                    period_kind=period_kind,
                    period_start=start,
                    period_end=end,
                    include_appendix=include_appendix,
                    language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
                    generated_by=by,
                    verification_code=new_verification_code(),
                    client_token=client_token,
                )
                _enqueue(summary.pk)
                return summary
        except IntegrityError:
            # The same form sent twice at once: the first one won.
            if client_token is not None and (
                existing := Summary.objects.filter(generated_by=by, client_token=client_token).first()
            ):
                return existing
            # Otherwise a verification code collided (1 in 32^10): draw another.
    raise RuntimeError("could not allocate a verification code")


def summary_regenerate(*, summary: Summary, by: User, client_token=None) -> Summary:
    """The same office, unit and period again, as a new summary with its own code."""
    return summary_request(
        by=by,
        office=summary.office,
        unit=summary.unit,
        period_kind=summary.period_kind,
        start=summary.period_start,
        end=summary.period_end,
        include_appendix=summary.include_appendix,
        language=summary.language,
        client_token=client_token,
    )


def _set_progress(summary_id: int, progress: int) -> None:
    Summary.objects.filter(pk=summary_id, state=Summary.State.RUNNING).update(progress=progress)


def _display_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def build_document(summary: Summary) -> SummaryDocument:
    """Everything the PDF shows, gathered in a fixed number of queries."""
    scope = Scope(
        office_ids=(summary.office_id,),
        unit_id=summary.unit_id,
        start=summary.period_start,
        end=summary.period_end,
    )
    figures = compute_figures(scope, with_appendix=summary.include_appendix)
    office = offices_for_letterhead([summary.office_id])[0]
    return SummaryDocument(
        language=summary.language,
        letterhead=Letterhead(
            kanwil=office.kanwil.name,
            office=office.name,
            address=office.address,
            phone=office.phone,
            email=office.email,
            website=office.website,
        ),
        scope_name=summary.unit.display_name if summary.unit is not None else office.name,
        unit_scope=summary.unit_id is not None,
        period_label=summary.period_label,
        figures=figures,
        signatory=Signatory(name=office.head_name, nip=office.head_nip),
        generated_at=timezone.localtime(summary.started_at or timezone.now()),
        generated_by=_display_name(summary.generated_by),
        verification_code=summary.verification_code,
        verification_url=verification_url(summary.verification_code),
        include_appendix=summary.include_appendix,
    )


def _file_name(summary: Summary) -> str:
    scope = slugify(summary.unit.display_name if summary.unit is not None else summary.office.slug)[:60]
    return (
        f"summaries/{summary.period_start:%Y}/ringkasan-{scope}-"
        f"{summary.period_start:%Y%m%d}-{summary.period_end:%Y%m%d}-{summary.verification_code}.pdf"
    )


def _temporary_path(storage: Storage, name: str) -> Path | None:
    try:
        final = Path(storage.path(name))
    except NotImplementedError:
        return None
    return final.with_name(f".{final.name}.part")


def _store(storage: Storage, name: str, content: bytes) -> str:
    """Write the whole file under a temporary name, then move it into place in one rename."""
    temporary = _temporary_path(storage, name)
    if temporary is None:  # a storage without local paths writes the complete bytes in one call
        return storage.save(name, ContentFile(content))
    name = storage.get_available_name(name)
    final = Path(storage.path(name))
    final.parent.mkdir(parents=True, exist_ok=True)
    with open(temporary, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, final)
    return name


def _remove_temporary(storage: Storage, summary: Summary) -> None:
    temporary = _temporary_path(storage, _file_name(summary))
    if temporary is not None and temporary.exists():
        temporary.unlink()


def summary_generate(*, summary_id: int) -> Summary:
    """Render a queued summary (called by the task). Never raises for a bad render: it records it."""
    with transaction.atomic():
        summary = Summary.objects.select_for_update().get(pk=summary_id)
        if summary.state != Summary.State.QUEUED:
            return summary  # already rendered, failed or taken by another worker: a task may be delivered twice
        summary.state = Summary.State.RUNNING
        summary.started_at = timezone.now()
        summary.progress = 5
        summary.save(update_fields=["state", "started_at", "progress"])

    summary = Summary.objects.select_related("office", "unit__region", "generated_by").get(pk=summary_id)
    storage = summary.file.storage
    try:
        with translation.override(summary.language):
            document = build_document(summary)
            _set_progress(summary_id, 35)
            content = render_summary_pdf(document)
        _set_progress(summary_id, 90)
        name = _store(storage, _file_name(summary), content)
    except Exception:
        logger.exception("summary %s failed to render", summary_id)
        _remove_temporary(storage, summary)
        return _finish_failed(summary_id, _("Ringkasan gagal dibuat karena kesalahan sistem. Silakan buat ulang."))

    with transaction.atomic():
        summary = Summary.objects.select_for_update().get(pk=summary_id)
        if summary.state != Summary.State.RUNNING:
            # Swept as abandoned while this worker was still rendering: keep the sweep's verdict.
            storage.delete(name)
            return summary
        summary.file.name = name
        summary.sha256 = hashlib.sha256(content).hexdigest()
        summary.state = Summary.State.DONE
        summary.progress = 100
        summary.message = ""
        summary.finished_at = timezone.now()
        summary.save(update_fields=["file", "sha256", "state", "progress", "message", "finished_at"])
    return summary


def _finish_failed(summary_id: int, message: str) -> Summary:
    with transaction.atomic():
        summary = Summary.objects.select_for_update().get(pk=summary_id)
        if summary.state in (Summary.State.QUEUED, Summary.State.RUNNING):
            summary.state = Summary.State.FAILED
            summary.message = message
            summary.finished_at = timezone.now()
            summary.save(update_fields=["state", "message", "finished_at"])
        return summary


def summaries_fail_stale(*, now=None) -> int:
    """Mark summaries abandoned by a dead worker as failed; run whenever summaries are looked at."""
    cutoff = (now or timezone.now()) - stale_after()
    stale_ids = list(
        Summary.objects.filter(state=Summary.State.RUNNING, started_at__lt=cutoff).values_list("pk", flat=True)
    )
    count = 0
    for summary_id in stale_ids:
        with transaction.atomic():
            summary = (
                Summary.objects.select_for_update(of=("self",))
                .select_related("office", "unit__region")
                .get(pk=summary_id)
            )
            if summary.state != Summary.State.RUNNING or summary.started_at is None or summary.started_at >= cutoff:
                continue
            summary.state = Summary.State.FAILED
            summary.message = _(
                "Pembuatan ringkasan terhenti (pekerja latar berhenti di tengah jalan). Silakan buat ulang."
            )
            summary.finished_at = timezone.now()
            summary.save(update_fields=["state", "message", "finished_at"])
            _remove_temporary(summary.file.storage, summary)
            count += 1
    return count
