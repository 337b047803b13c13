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

from models.base import dump_json
from models.services.context import AgentContext
from sync.protocol import SCHEMA_CURRENT, canonical_json

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
    payload_json: str | None = None,
) -> bytes:
    """The outbox body: the envelope as canonical JSON, ``payload_hash`` included.

    The payload is encoded once and spliced into both the hashed document and the envelope.
    ``trusted=True`` (bulk imports of generated payloads) skips the canonical-form check, and
    ``payload_json`` may hand over that encoding (compact, sorted keys) when already made."""
    if trusted:
        encoded = (payload_json or dump_json(dict(payload))).encode()
    else:
        encoded = canonical_json(dict(payload))  # checks integers, keys, NFC
    hashed = b"".join(
        (
            b'{"deleted":',
            b"true" if deleted else b"false",
            b',"entity_type":',
            _enc(entity_type),
            b',"payload":',
            encoded,
            b',"schema_version":',
            str(schema_version).encode(),
            b"}",
        )
    )
    before: dict[str, Any] = {
        "base_revision": base_revision,
        "deleted": deleted,
        "entity_type": entity_type,
        "id": str(record_id),
    }
    after: dict[str, Any] = {
        "payload_hash": "sha256:" + hashlib.sha256(hashed).hexdigest(),
        "revision": revision,
        "schema_version": schema_version,
        "updated_at": updated_at.isoformat(),
    }
    if agent.agent_id is not None:
        before["agent_id"] = str(agent.agent_id)
    if agent.device_id is not None:
        before["device_id"] = str(agent.device_id)
    # Keys sort as: agent_id … id < payload < payload_hash … updated_at (JCS order).
    head = dump_json(before).encode()[:-1]
    tail = dump_json(after).encode()[1:]
    return head + b',"payload":' + encoded + b"," + tail


def _enc(text: str) -> bytes:
    return json.dumps(text, ensure_ascii=False).encode()


def parse_body(body: bytes) -> dict[str, Any]:
    value = json.loads(body)
    if not isinstance(value, dict):
        raise ValueError("outbox body is not an object")
    return value
