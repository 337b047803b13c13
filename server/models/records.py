"""Synced records, their revisions, the exactly-once ledger, quarantine, decisions, duplicates.

``records`` holds the current state of each entity (one row per UUIDv7 id); every accepted
revision is kept in ``record_revisions`` with ``UNIQUE(record_id, revision)``.
``applied_mutations`` remembers the answer given to each ``(agent, id, revision, payload_hash)``
so a resend gets the same answer (SYNC_PROTOCOL.md §7).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, BigInt, UtcDateTime


class Record(Base):
    __tablename__ = "records"
    __table_args__ = (Index("ix_records_entity_type_nik", "entity_type", "nik"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(20))
    agent_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    area_code: Mapped[str | None] = mapped_column(String(16), index=True)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    outreach_event_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    revision: Mapped[int] = mapped_column(Integer)
    schema_version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON
    payload_hash: Mapped[str] = mapped_column(String(71))
    review_state: Mapped[str | None] = mapped_column(String(16), index=True)
    flags: Mapped[list[str]] = mapped_column(JSON)
    checks: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # rule issues for the supervisor
    nik: Mapped[str | None] = mapped_column(String(32))
    author_role: Mapped[str] = mapped_column(String(16))
    device_id: Mapped[uuid.UUID | None] = mapped_column()
    client_updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Review (migration 0002): the approval in force, and the first export that carried it.
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    exported_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class RecordRevision(Base):
    __tablename__ = "record_revisions"

    record_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("records.id"), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    payload_hash: Mapped[str] = mapped_column(String(71))
    payload: Mapped[str] = mapped_column(Text)
    schema_version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    author_role: Mapped[str] = mapped_column(String(16))
    author_id: Mapped[uuid.UUID] = mapped_column()
    device_id: Mapped[uuid.UUID | None] = mapped_column()
    batch_id: Mapped[uuid.UUID | None] = mapped_column()
    client_updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    checks: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)  # supervisor edit note


class AppliedMutation(Base):
    """The answer given to one change; the key makes every resend idempotent."""

    __tablename__ = "applied_mutations"

    agent_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    payload_hash: Mapped[str] = mapped_column(String(71), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    problem: Mapped[str | None] = mapped_column(String(40))
    current_revision: Mapped[int | None] = mapped_column(Integer)
    errors: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    device_id: Mapped[uuid.UUID] = mapped_column()
    batch_id: Mapped[uuid.UUID] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Quarantine(Base):
    """A change that was processed but not stored: the raw envelope and why (§4.6)."""

    __tablename__ = "quarantine"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    agent_id: Mapped[uuid.UUID] = mapped_column(index=True)
    device_id: Mapped[uuid.UUID] = mapped_column()
    batch_id: Mapped[uuid.UUID] = mapped_column()
    record_id: Mapped[uuid.UUID] = mapped_column(index=True)
    revision: Mapped[int] = mapped_column(Integer)
    entity_type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16))
    problem: Mapped[str | None] = mapped_column(String(40))
    errors: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    change: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Decision(Base):
    """A supervisor's judgement of one revision (§3, §5); the id comes from the caller."""

    __tablename__ = "decisions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("records.id"), index=True)
    record_revision: Mapped[int] = mapped_column(Integer)
    agent_id: Mapped[uuid.UUID] = mapped_column(index=True)  # the record's owner (feed)
    outcome: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    reason_code: Mapped[str | None] = mapped_column(String(40))
    field_notes: Mapped[dict[str, str]] = mapped_column(JSON)
    decided_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Migration 0002: the review state this decision replaced, and its undo (if any).
    previous_state: Mapped[str | None] = mapped_column(String(16))
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    undone_by: Mapped[uuid.UUID | None] = mapped_column()


class DuplicateCandidate(Base):
    """Two prospects sharing a NIK (both directions are stored); resolved by a supervisor."""

    __tablename__ = "duplicate_candidates"

    record_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    candidate_id: Mapped[uuid.UUID] = mapped_column(primary_key=True, index=True)
    match_kind: Mapped[str] = mapped_column(String(16))  # "nik"
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolution: Mapped[str | None] = mapped_column(String(20))
    resolved_by: Mapped[uuid.UUID | None] = mapped_column()


class FeedEntry(Base):
    """One entity in one agent's feed at its latest seq (§4.7)."""

    __tablename__ = "feed"
    __table_args__ = (Index("ix_feed_agent_id_seq", "agent_id", "seq"),)

    agent_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # record | decision
    entity_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInt, unique=True)


class FeedCounter(Base):
    """The single row whose ``UPDATE … RETURNING`` hands out seqs in commit order (§1)."""

    __tablename__ = "feed_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInt)


class ReferenceVersion(Base):
    """A published reference dataset (regions, occupations…); immutable once published."""

    __tablename__ = "reference_versions"

    dataset: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInt, unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(UtcDateTime)
    published_by: Mapped[uuid.UUID | None] = mapped_column()
