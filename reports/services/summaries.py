"""Generating summary PDFs: the request (in the web process) and the render (in a worker).

A summary is a background job (``reports.services.jobs``: queued, running, done or failed, swept when a dead
worker abandoned it). It is rendered completely in memory, written under a temporary name next to its final
place and moved into place with ``os.replace`` only when complete, so a worker killed mid-render leaves no
partial file; the sweep removes the temporary file of an abandoned one, and the user generates it again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import uuid
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from villages.models import Office, Unit

from ..aggregation import Scope, compute_figures, offices_for_letterhead
from ..models import Summary
from ..pdf import Letterhead, Signatory, SummaryDocument, render_summary_pdf
from .jobs import job_fail, job_finish, job_progress, job_request, job_start, jobs_fail_stale

logger = logging.getLogger(__name__)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: codes are read aloud and typed
CODE_LENGTH = 10
# A verification code that collides (1 in 32^10) is drawn again.
CODE_ATTEMPTS = 5


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def verification_url(code: str) -> str:
    return settings.SITE_URL + reverse("reports:verify", args=[code])


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
    client_token: uuid.UUID | None = None,
) -> Summary:
    """Record a summary to generate and queue its render once the row is committed.

    A token already used by this user returns their first summary; the same token from another user is no
    concern of theirs (tokens are unique per user), so it makes that user's own summary.
    """
    return job_request(
        Summary,
        by=by,
        client_token=client_token,
        attempts=CODE_ATTEMPTS,
        create=lambda: Summary.objects.create(
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
        ),
    )


def summary_regenerate(*, summary: Summary, by: User, client_token: uuid.UUID | None = None) -> Summary:
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


def _remove_temporary(summary: Summary) -> None:
    temporary = _temporary_path(summary.file.storage, _file_name(summary))
    if temporary is not None and temporary.exists():
        temporary.unlink()


def summary_generate(*, summary_id: int) -> Summary:
    """Render a queued summary (called by the task). Never raises for a bad render: it records it."""
    if job_start(Summary, job_id=summary_id, progress=5) is None:
        return Summary.objects.get(pk=summary_id)  # already rendered, failed or taken: a task may come twice
    summary = Summary.objects.select_related("office", "unit__region", "generated_by").get(pk=summary_id)
    storage = summary.file.storage
    try:
        with translation.override(summary.language):
            document = build_document(summary)
            job_progress(Summary, job_id=summary_id, progress=35)
            content = render_summary_pdf(document)
        job_progress(Summary, job_id=summary_id, progress=90)
        name = _store(storage, _file_name(summary), content)
    except Exception:
        logger.exception("summary %s failed to render", summary_id)
        _remove_temporary(summary)
        message = _("Ringkasan gagal dibuat karena kesalahan sistem. Silakan buat ulang.")
        return job_fail(Summary, job_id=summary_id, message=message)
    values = {"file": name, "sha256": hashlib.sha256(content).hexdigest(), "message": ""}
    summary = job_finish(Summary, job_id=summary_id, values=values)
    if summary.state != Summary.State.DONE:  # swept as abandoned meanwhile: its verdict stands, the file goes
        storage.delete(name)
    return summary


def summaries_fail_stale(*, now: datetime | None = None) -> int:
    """Mark summaries abandoned by a dead worker as failed; run whenever summaries are looked at."""
    message = _("Pembuatan ringkasan terhenti (pekerja latar berhenti di tengah jalan). Silakan buat ulang.")
    return jobs_fail_stale(
        Summary, message=message, now=now, related=("office", "unit__region"), on_failed=_remove_temporary
    )
