"""Checks of one pushed change that need no database: identity, hash, schema, payload, NIK.

``prepare`` turns a wire ``Change`` into a ``Prepared`` change carrying its verdict so far:
``forbidden`` (ids differ from the token), ``errors`` (→ ``invalid``), or clean with the
canonical payload text and the facts the transaction needs (NIK, area, parent, region codes).

The split of domain rules (docs/DECISIONS.md, "Server"): a NIK that cannot be a NIK
(``E_NIK_*``) makes the change ``invalid`` with codes such as ``nik-date``; every other rule
issue (age, occupation, income, phone, signatures…) is stored with the revision as a
server-side *check* for the supervisor, because the agent already acknowledged it on the
laptop, rules change between releases, and refusing would strand data on the laptop.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from core.errors import Issue
from models.rules.validation import check_prospect
from sync import protocol

HARD_RULE_PREFIXES = ("E_NIK_",)
# Rules that read the separate consent record; the review screen evaluates them from it.
CONSENT_RULES = frozenset({"E_CONSENT_MISSING", "E_GUARDIAN_CONSENT"})
REGION_FIELDS = ("area_code", "province_code", "regency_code", "district_code", "village_code")


@dataclass(slots=True)
class Prepared:
    change: protocol.Change
    today: date
    forbidden: str | None = None
    errors: list[dict[str, str]] = field(default_factory=list)
    payload_text: str = ""
    nik: str | None = None
    area_code: str | None = None
    parent_id: uuid.UUID | None = None
    outreach_event_id: uuid.UUID | None = None
    region_codes: dict[str, str] = field(default_factory=dict)
    checks: list[dict[str, Any]] = field(default_factory=list)
    rules_pending: bool = False

    @property
    def key(self) -> tuple[uuid.UUID, int, str]:
        return (self.change.id, self.change.revision, self.change.payload_hash)

    def run_rules(self) -> None:
        """The domain rules (``check_prospect``), run only for changes not answered before:
        a resent batch costs no rule evaluation."""
        if not self.rules_pending:
            return
        self.rules_pending = False
        for issue in check_prospect(self.change.payload, today=self.today):
            if issue.code.startswith(HARD_RULE_PREFIXES):
                self.errors.append(
                    {"field": f"payload.{issue.field}", "code": kebab(issue.code[2:])}
                )
            elif issue.code not in CONSENT_RULES:
                self.checks.append(issue_json(issue))


def kebab(code: str) -> str:
    return code.replace("_", "-").lower()


def field_errors(exc: ValidationError, *, prefix: str) -> list[dict[str, str]]:
    out = []
    for err in exc.errors(include_url=False, include_input=False):
        loc = ".".join(str(part) for part in err["loc"])
        out.append({"field": f"{prefix}.{loc}" if loc else prefix, "code": kebab(err["type"])})
    return out


def issue_json(issue: Issue) -> dict[str, Any]:
    return {"code": issue.code, "field": issue.field, "params": dict(issue.params)}


def prepare(
    change: protocol.Change,
    *,
    device_id: uuid.UUID,
    agent_id: uuid.UUID,
    today: date,
    max_payload_bytes: int,
) -> Prepared:
    item = Prepared(change=change, today=today)
    if change.device_id != device_id or change.agent_id != agent_id:
        item.forbidden = "identity-mismatch"
        return item
    errors = item.errors
    if not protocol.is_uuid7(change.id):
        errors.append({"field": "id", "code": "not-uuid7"})
    if not protocol.SCHEMA_MIN_PUSH <= change.schema_version <= protocol.SCHEMA_CURRENT:
        errors.append({"field": "schema_version", "code": "schema-unsupported"})
    try:
        canonical = protocol.canonical_json(change.payload)
    except protocol.CanonicalError:
        errors.append({"field": "payload", "code": "not-canonical"})
        return item
    if len(canonical) > max_payload_bytes:
        errors.append({"field": "payload", "code": "too-large"})
        return item
    item.payload_text = canonical.decode("utf-8")
    computed = protocol.payload_hash_of_canonical(
        entity_type=change.entity_type,
        canonical_payload=canonical,
        schema_version=change.schema_version,
        deleted=change.deleted,
    )
    if computed != change.payload_hash:
        errors.append({"field": "payload_hash", "code": "hash-mismatch"})
    if change.deleted:
        return item  # a tombstone may carry no personal data at all
    try:
        payload = protocol.validate_payload(
            change.entity_type, change.payload, strict=True, json_bytes=canonical
        )
    except ValidationError as exc:
        errors.extend(field_errors(exc, prefix="payload"))
        return item
    _facts(item, payload)
    return item


def _facts(item: Prepared, payload: protocol._Payload) -> None:
    wire = item.change.payload
    if isinstance(payload, protocol.ProspectPayload):
        item.nik = "".join(payload.nik.split())
        item.area_code = payload.area_code
        item.outreach_event_id = payload.outreach_event_id
        item.rules_pending = True
    elif isinstance(payload, protocol.OutreachEventPayload):
        item.area_code = payload.area_code
    elif isinstance(payload, protocol.VisitPayload | protocol.ConsentPayload):
        item.parent_id = payload.prospect_id
    elif isinstance(payload, protocol.AttachmentPayload):
        item.parent_id = payload.owner_id
    for name in REGION_FIELDS:
        value = wire.get(name)
        if isinstance(value, str):
            item.region_codes[name] = value
