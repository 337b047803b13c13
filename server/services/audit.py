"""Audit log use cases: record facts in their own transaction, verify the hash chain."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import DBAPIError

from server.db import Database, is_retryable
from server.repositories import audit as repo
from server.repositories.audit import GENESIS_HASH, AuditEntry, chain_hash, row_text

log = logging.getLogger(__name__)


def record(db: Database, entries: Sequence[AuditEntry], *, now: datetime) -> None:
    """Append entries in a transaction of their own (refusals, logins, admin actions)."""
    for attempt in range(4):
        try:
            with db.write() as session:
                repo.append(session, entries, now=now)
            return
        except DBAPIError as exc:
            if not is_retryable(exc) or attempt == 3:
                raise


@dataclass(frozen=True, slots=True)
class ChainReport:
    ok: bool
    rows: int
    first_bad_seq: int | None = None


def verify_chain(db: Database) -> ChainReport:
    """Recompute every row's hash from its predecessor; report the first break, if any."""
    with db.read() as session:
        prev = GENESIS_HASH
        expected_seq = 0
        rows = 0
        for event in repo.iterate(session):
            expected_seq += 1
            row = {
                "at": event.at,
                "actor_id": event.actor_id,
                "actor_role": event.actor_role,
                "device_id": event.device_id,
                "action": event.action,
                "entity_type": event.entity_type,
                "entity_id": event.entity_id,
                "revision": event.revision,
                "result": event.result,
                "ip": event.ip,
                "detail": event.detail,
            }
            if (
                event.seq != expected_seq
                or chain_hash(prev, event.seq, row_text(row)) != event.hash
            ):
                return ChainReport(False, rows, event.seq)
            prev = event.hash
            rows += 1
        head_seq, head_hash = repo.head(session)
        if head_seq != rows or head_hash != prev:
            return ChainReport(False, rows, rows + 1)
    return ChainReport(True, rows)
