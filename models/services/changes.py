"""The body an outbox row holds for a record revision (SYNC_PROTOCOL.md §3 envelope).

A save writes the envelope as canonical JSON (``sync.protocol.canonical_json``) with everything
the store knows: id, entity type, schema version, revision, base revision, tombstone flag,
``updated_at``, payload and ``payload_hash``; plus ``device_id``/``agent_id`` once the laptop is
enrolled. ``sync/outbox.py`` parses it, fills in the identity of the enrolled device if absent,
and freezes the exact bytes it sends.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from models.services.context import AgentContext
from sync.protocol import SCHEMA_CURRENT, payload_hash

__all__ = ["change_body", "parse_body"]


def change_body(
    *,
    record_id: uuid.UUID,
    entity_type: str,
    revision: int,
    base_revision: int,
    payload: Mapping[str, Any],
    deleted: bool,
    updated_at: datetime,
    agent: AgentContext,
    schema_version: int = SCHEMA_CURRENT,
    trusted: bool = False,
) -> bytes:
    """The outbox body. ``trusted=True`` skips the canonical-form check of the payload (bulk
    imports of generated ASCII/integer payloads); the bytes are the same either way."""
    body = dict(payload)
    envelope: dict[str, Any] = {
        "id": str(record_id),
        "entity_type": entity_type,
        "schema_version": schema_version,
        "revision": revision,
        "base_revision": base_revision,
        "deleted": deleted,
        "updated_at": updated_at.isoformat(),
        "payload": body,
        # payload_hash checks the payload is canonical-safe (integers, snake_case keys, NFC).
        "payload_hash": (_fast_hash if trusted else payload_hash)(
            entity_type=entity_type, payload=body, schema_version=schema_version, deleted=deleted
        ),
    }
    if agent.device_id is not None:
        envelope["device_id"] = str(agent.device_id)
    if agent.agent_id is not None:
        envelope["agent_id"] = str(agent.agent_id)
    # The rest of the envelope is ASCII ids, ints and bools: plain JCS serialisation suffices.
    return json.dumps(envelope, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _fast_hash(
    *, entity_type: str, payload: dict[str, Any], schema_version: int, deleted: bool
) -> str:
    doc = {
        "deleted": deleted,
        "entity_type": entity_type,
        "payload": payload,
        "schema_version": schema_version,
    }
    data = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return "sha256:" + hashlib.sha256(data).hexdigest()


def parse_body(body: bytes) -> dict[str, Any]:
    value = json.loads(body)
    if not isinstance(value, dict):
        raise ValueError("outbox body is not an object")
    return value
