"""Which side owns which field of a prospect, and the per-field three-way merge
(ARCHITECTURE.md §4, SYNC_PROTOCOL.md §6.3–6.4). Used by the client and the server.

The payload (``ProspectPayload`` fields) is agent-owned: only revisions change it, and a
supervisor edit arrives as a new revision like any other. The server owns the record's review
state, flags, decisions and sequence numbers; a pull always applies those, even while the
agent has unsent changes, and the agent never sends them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from sync.protocol import ProspectPayload

Owner = Literal["agent", "server"]

AGENT_OWNED: frozenset[str] = frozenset(ProspectPayload.model_fields)
SERVER_OWNED: frozenset[str] = frozenset(
    {
        "review_state",
        "flags",
        "decisions",
        "decision",
        "seq",
        "server_rev",
        "author_role",
        "membership_status",
        "paid_through",
    }
)
_ABSENT: Any = object()


def owner(field_name: str) -> Owner:
    """``server`` for server-owned record fields, else ``agent`` (every payload field)."""
    return "server" if field_name in SERVER_OWNED else "agent"


def is_agent_owned(field_name: str) -> bool:
    return owner(field_name) == "agent"


def server_fields(record: Mapping[str, Any]) -> dict[str, Any]:
    """The server-owned part of a pulled record."""
    return {k: v for k, v in record.items() if k in SERVER_OWNED}


def apply_pulled(
    local: Mapping[str, Any], pulled: Mapping[str, Any], *, has_unsent: bool
) -> dict[str, Any]:
    """A pulled record over the local one: everything when nothing is unsent; otherwise the
    agent-owned fields stay local and only the server-owned fields are taken."""
    if not has_unsent:
        return dict(pulled)
    merged = dict(local)
    merged.update(server_fields(pulled))
    return merged


@dataclass(frozen=True, slots=True)
class MergeResult:
    merged: dict[str, Any]
    conflicts: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_three_way(
    base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]
) -> MergeResult:
    """Per-field merge of payloads on their common ``base`` (the last server copy).

    A field changed on one side only takes that side; changed identically on both, either;
    changed differently on both, it is a conflict: ``merged`` keeps *mine* and the field is
    listed so the agent picks. An absent key differs from ``None``; a removal is a change.
    Lists (heirs) and nested objects are compared as whole values. Server-owned fields always
    take *theirs*.
    """
    merged: dict[str, Any] = {}
    conflicts: list[str] = []
    for key in sorted(set(base) | set(mine) | set(theirs)):
        b, m, t = base.get(key, _ABSENT), mine.get(key, _ABSENT), theirs.get(key, _ABSENT)
        if key in SERVER_OWNED:
            value = t
        elif m == t or t == b:
            value = m
        elif m == b:
            value = t
        else:
            value = m
            conflicts.append(key)
        if value is not _ABSENT:
            merged[key] = value
    return MergeResult(merged, conflicts)
