"""The print screens' work off the GUI thread: load, render, record, verify (no widgets here).

Each function runs on a lane (ARCHITECTURE.md §3, §4 "Print a form"): ``load_items`` reads the
prospects' snapshots on the DB lane and turns them into ``printing.form_data.FormData`` (the QR
carries the record id, its revision and the first 16 hex digits of ``sync.protocol.payload_hash``
of the stored payload); ``render_*`` draw PDFs **in memory** on the render lane
(``core.lanes.render``; a prepared form holds NIK, KK and mobile numbers, so it never sits
unencrypted on disk unless the agent saves it); ``record_prints`` counts the print and writes the
audit row in one DB-lane transaction, after the PDF was saved or queued; ``lookup``/``verify_text``
check printed QR text against the store.

Restricted records (UU PDP restriction) and withdrawn ones are loaded but marked ``excluded``:
they are listed, never drawn. Drafts (revision 0) print without a QR: no revision exists yet that
paper could be checked against.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import tempfile
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

from core.errors import NotFoundError
from core.settings import Settings
from models.db import Database
from models.rules.consent import current_notice
from models.services import prospects as prospect_service
from models.services.context import AgentContext
from models.services.prospects import ProspectSnapshot
from printing import cups, qr
from printing.batch import render_batch
from printing.blank_form import render_blank_form
from printing.enrollment_form import render_enrollment_form
from printing.form_data import FormData
from printing.info_sheet import render_info_sheet
from sync.protocol import SCHEMA_CURRENT, CanonicalError, payload_hash

log = logging.getLogger(__name__)

__all__ = [
    "BatchOutcome",
    "Excluded",
    "PrintItem",
    "VerifyOutcome",
    "branch_name",
    "content_hash",
    "load_info_subject",
    "load_items",
    "lookup",
    "record_prints",
    "render_blank",
    "render_form",
    "render_forms",
    "render_info",
    "spool_pdf",
    "verify_text",
    "write_pdf",
]

Excluded = Literal["restricted", "withdrawn"]


@dataclass(frozen=True, slots=True)
class PrintItem:
    """One prospect in the print list; ``form`` is what would be drawn (``None`` if excluded)."""

    id: uuid.UUID
    name: str
    printed_count: int
    revision: int
    excluded: Excluded | None
    form: FormData | None

    @property
    def printable(self) -> bool:
        return self.excluded is None and self.form is not None

    @property
    def draft(self) -> bool:
        return self.revision == 0

    @property
    def next_print(self) -> int:
        """Which print this would be: 2 shows "(2x)" in the list (the paper says CETAK ULANG)."""
        return self.printed_count + 1


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """A batch drawn in memory; ``pdf`` is ``None`` when *Batal* stopped it."""

    pdf: bytes | None
    ids: tuple[uuid.UUID, ...]
    pages: int

    @property
    def cancelled(self) -> bool:
        return self.pdf is None


@dataclass(frozen=True, slots=True)
class VerifyOutcome:
    """``printing.qr.verify``'s answer plus the name of the record it found (if any)."""

    verification: qr.Verification
    name: str | None = None


# -- hashing, loading -----------------------------------------------------------------------------


def content_hash(payload: dict[str, Any], *, deleted: bool = False) -> str:
    """``sync.protocol.payload_hash`` of the stored payload: the fingerprint the server keeps for
    the same revision, so paper can be checked on either side. A draft payload that is not in
    canonical form (it never travels) gets a plain SHA-256 of its sorted JSON instead."""
    try:
        return payload_hash(
            entity_type="prospect", payload=payload, schema_version=SCHEMA_CURRENT, deleted=deleted
        )
    except CanonicalError:
        text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
        return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def branch_name(settings: Settings) -> str:
    """``PEKALONGAN`` → ``Pekalongan`` (the paper says "Kantor Cabang Pekalongan")."""
    return settings.branch_code.replace("_", " ").title()


def _excluded(snap: ProspectSnapshot) -> Excluded | None:
    if snap.payload.get("restricted") or "restricted" in snap.flags:
        return "restricted"
    if snap.deleted or snap.badge == "withdrawn":
        return "withdrawn"
    return None


def _form(
    snap: ProspectSnapshot, *, agent: AgentContext, settings: Settings, today: date
) -> FormData:
    consent = snap.consent or {}
    notice = consent.get("notice_version") or current_notice(today).version
    form = FormData.from_payload(
        snap.payload,
        record_id=snap.id,
        revision=max(snap.revision, 1),
        content_hash=content_hash(snap.payload, deleted=snap.deleted),
        agent_name=agent.display_name or agent.username or None,
        branch_name=branch_name(settings),
        printed_count=snap.printed_count,
        quote=None,  # the quote frozen with the registration is what the person agreed to
        notice_version=str(notice),
        printed_on=today,
    )
    # A draft has no revision yet: print no QR and no revision line rather than a made-up one.
    return replace(form, revision=None) if snap.revision == 0 else form


def item_of(
    snap: ProspectSnapshot, *, agent: AgentContext, settings: Settings, today: date
) -> PrintItem:
    excluded = _excluded(snap)
    return PrintItem(
        id=snap.id,
        name=str(snap.payload.get("full_name") or "").strip(),
        printed_count=snap.printed_count,
        revision=snap.revision,
        excluded=excluded,
        form=None if excluded else _form(snap, agent=agent, settings=settings, today=today),
    )


def load_items(
    db: Database,
    ids: Sequence[uuid.UUID],
    *,
    agent: AgentContext,
    settings: Settings,
    today: date,
) -> tuple[list[PrintItem], list[uuid.UUID]]:
    """DB lane: the print list in the order asked, and the ids not (yet) in the store."""
    items: list[PrintItem] = []
    missing: list[uuid.UUID] = []
    with db.read_scope() as session:
        for prospect_id in dict.fromkeys(ids):
            try:
                snap = prospect_service.snapshot(session, prospect_id=prospect_id)
            except NotFoundError:
                missing.append(prospect_id)
                continue
            items.append(item_of(snap, agent=agent, settings=settings, today=today))
    return items, missing


def load_info_subject(db: Database, prospect_id: uuid.UUID) -> tuple[str | None, Any]:
    """DB lane: (name, stored quote) that personalise the information sheet."""
    snap = prospect_service.load(db, prospect_id=prospect_id)
    if _excluded(snap) == "restricted":
        return None, None  # a restricted record is not processed: the sheet stays generic
    return (str(snap.payload.get("full_name") or "").strip() or None, snap.payload.get("quote"))


def record_prints(
    db: Database, ids: Sequence[uuid.UUID], *, agent: AgentContext
) -> dict[uuid.UUID, int]:
    """DB lane, one transaction: printed_count + 1 and a PRINT audit row for each prospect."""
    return prospect_service.record_print(db, prospect_ids=list(ids), agent=agent)


# -- rendering (render lane) ----------------------------------------------------------------------


def render_form(form: FormData) -> bytes:
    out = io.BytesIO()
    render_enrollment_form(form, out)
    return out.getvalue()


def render_forms(
    items: Sequence[PrintItem],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> BatchOutcome:
    """Every printable item into one PDF, in memory; stops between forms once ``cancel`` is set."""
    chosen = [item for item in items if item.printable and item.form is not None]
    forms = [item.form for item in chosen if item.form is not None]
    out = io.BytesIO()
    result = render_batch(forms, out, progress=progress, cancel=cancel)
    ids = tuple(item.id for item in chosen)
    if result.cancelled:
        return BatchOutcome(pdf=None, ids=ids, pages=0)
    return BatchOutcome(pdf=out.getvalue(), ids=ids, pages=result.pages)


def render_blank(settings: Settings, today: date) -> bytes:
    out = io.BytesIO()
    render_blank_form(
        out, branch_name=branch_name(settings), notice_version=current_notice(today).version
    )
    return out.getvalue()


def render_info(*, name: str | None, quote: Any, today: date) -> bytes:
    out = io.BytesIO()
    render_info_sheet(out, quote=quote, name=name, on=today)
    return out.getvalue()


# -- files and the print queue (render lane) ------------------------------------------------------


def write_pdf(pdf: bytes, target: Path) -> Path:
    """Write atomically (a temporary file beside ``target`` replaces it at the end)."""
    target = Path(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pdf)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return target


def spool_pdf(pdf: bytes, *, printer: str | None, copies: int, title: str) -> str:
    """Queue the vector PDF with CUPS ``lp``; returns the job id. The file handed to ``lp`` is
    private (0600) and removed once CUPS has its own copy, whatever the outcome."""
    fd, name = tempfile.mkstemp(prefix="jangkau-print-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pdf)
        return cups.print_pdf(Path(name), printer=printer, copies=copies, title=title)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


# -- verification (DB lane) -----------------------------------------------------------------------


def lookup(db: Database, record_id: uuid.UUID) -> tuple[int, str, str] | None:
    """(revision, payload hash, name) of the record as stored here, or ``None``."""
    try:
        snap = prospect_service.load(db, prospect_id=record_id)
    except NotFoundError:
        return None
    name = str(snap.payload.get("full_name") or "").strip()
    return snap.revision, content_hash(snap.payload, deleted=snap.deleted), name


def verify_text(db: Database, text: str) -> VerifyOutcome:
    """``printing.qr.verify`` of pasted QR text against this laptop's store."""
    names: dict[uuid.UUID, str] = {}

    def find(record_id: uuid.UUID) -> tuple[int, str] | None:
        found = lookup(db, record_id)
        if found is None:
            return None
        revision, digest, name = found
        names[record_id] = name
        return revision, digest

    verification = qr.verify(text, lookup=find)
    printed = verification.printed
    return VerifyOutcome(verification, names.get(printed.record_id) if printed else None)
