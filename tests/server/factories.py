"""Plain factories for server tests: valid prospect payloads and push envelopes."""

from __future__ import annotations

import gzip
import itertools
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import uuid6

from sync import protocol

_serial = itertools.count(1)


def new_id() -> str:
    return str(uuid6.uuid7())


def nik(district: str = "337501", *, female: bool = False) -> str:
    """A structurally valid NIK, unique within the test session (serials 0001…9999, varied dates)."""
    n = next(_serial)
    serial = n % 9999 + 1
    day = (n // 9999) % 28 + 1 + (40 if female else 0)
    month = (n // (9999 * 28)) % 12 + 1
    return f"{district}{day:02d}{month:02d}90{serial:04d}"


def prospect(**overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "branch_code": "PEKALONGAN",
        "nik": nik(),
        "full_name": "CONTOH PESERTA",
        "birth_place": "Pekalongan",
        "sex": "L",
        "mother_maiden_name": "IBU CONTOH",
        "address_line": "Jl. Contoh 1",
        "province_code": "33",
        "regency_code": "33.75",
        "district_code": "33.75.01",
        "village_code": "33.75.01.1002",
        "area_code": "33.75.01.1002",
        "declared_income": 2000000,
        "package": "JKK_JKM",
        "payment_period_months": 1,
        "funding_source": "MANDIRI",
    }
    payload.update(overrides)
    return {k: v for k, v in payload.items() if v is not None}


def change(
    device: Any,
    payload: dict[str, Any] | None = None,
    *,
    record_id: str | None = None,
    revision: int = 1,
    entity_type: str = "prospect",
    deleted: bool = False,
    schema_version: int = 1,
    **overrides: Any,
) -> dict[str, Any]:
    body = payload if payload is not None else prospect()
    envelope: dict[str, Any] = {
        "id": record_id or new_id(),
        "entity_type": entity_type,
        "schema_version": schema_version,
        "revision": revision,
        "base_revision": revision - 1,
        "deleted": deleted,
        "updated_at": datetime.now(UTC).isoformat(),
        "device_id": str(device.device_id),
        "agent_id": str(device.agent_id),
        "payload": body,
        "payload_hash": protocol.payload_hash(
            entity_type=entity_type, payload=body, schema_version=schema_version, deleted=deleted
        ),
    }
    envelope.update(overrides)
    return envelope


def batch(changes: list[dict[str, Any]], batch_id: str | None = None) -> dict[str, Any]:
    return {"batch_id": batch_id or new_id(), "changes": changes}


def gzipped(body: dict[str, Any]) -> bytes:
    return gzip.compress(json.dumps(body).encode("utf-8"))


def as_uuid(value: str) -> uuid.UUID:
    return uuid.UUID(value)
