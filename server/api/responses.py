"""OpenAPI documentation of problem responses, so the schema names every refusal a route gives."""

from __future__ import annotations

from typing import Any

from server.problems import PROBLEMS
from sync import protocol

# Every route can answer these.
COMMON = ("bad-request", "rate-limited", "server-error", "unavailable")


def problems(*codes: str) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for FastAPI: one entry per status, listing its problem codes."""
    by_status: dict[int, list[str]] = {}
    for code in (*codes, *COMMON):
        by_status.setdefault(PROBLEMS[code][0], []).append(code)
    return {
        status: {
            "description": ", ".join(sorted(set(names))),
            "content": {
                protocol.PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}
            },
        }
        for status, names in sorted(by_status.items())
    }


AUTH = ("unauthenticated", "device-revoked", "device-wipe", "session-expired", "role-not-permitted")
BODY = ("payload-too-large", "unsupported-media-type", "validation-failed")
