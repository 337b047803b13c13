"""Differences between two prospect payloads, field by field, for the review screen.

Nested values are flattened to dotted paths (``heirs.0.name``, ``quote.total``) so the screen
can mark exactly what changed between the revision a supervisor judged and the current one,
or between two prospects sharing a NIK ("Bandingkan", UI.md §3.8).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

_ABSENT = object()


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    before: Any  # ``None`` when absent
    after: Any


def flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Leaves of a JSON value as ``(path, value)``; empty lists and objects are leaves."""
    if isinstance(value, Mapping) and value:
        for key in sorted(value):
            yield from flatten(value[key], f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            yield from flatten(item, f"{prefix}.{index}" if prefix else str(index))
    else:
        yield prefix, value


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    """Every path whose value differs, appears or disappears, in path order."""
    old = dict(flatten(before))
    new = dict(flatten(after))
    out = []
    for path in sorted(old.keys() | new.keys(), key=_path_key):
        a = old.get(path, _ABSENT)
        b = new.get(path, _ABSENT)
        if a is _ABSENT or b is _ABSENT or a != b or type(a) is not type(b):
            out.append(Change(path, None if a is _ABSENT else a, None if b is _ABSENT else b))
    return out


def _path_key(path: str) -> tuple[tuple[int, int | str], ...]:
    """Numeric segments sort as numbers (``heirs.2`` before ``heirs.10``)."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in path.split("."))
