"""RFC 9457 problem details with stable ``urn:jangkau:problem:<code>`` types (SYNC_PROTOCOL.md §4.2).

Services raise ``ProblemError(code, …)``; ``server.app`` turns it into an
``application/problem+json`` response carrying ``Jangkau-Protocol: 1`` like every other response.
Titles are short, fixed English strings for operators; clients switch on ``type``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi.responses import JSONResponse

from sync import protocol

# code → (HTTP status, title)
PROBLEMS: dict[str, tuple[int, str]] = {
    "bad-request": (400, "Bad request"),
    "unauthenticated": (401, "Authentication required"),
    "invalid-credentials": (401, "Invalid credentials"),
    "session-expired": (401, "Session expired"),
    "device-revoked": (401, "Device revoked"),
    "device-wipe": (401, "Device revoked; wipe local data"),
    "forbidden": (403, "Forbidden"),
    "role-not-permitted": (403, "Role not permitted"),
    "not-found": (404, "Not found"),
    "method-not-allowed": (405, "Method not allowed"),
    "stale-revision": (409, "Stale revision"),
    "invalid-transition": (409, "Invalid state transition"),
    "duplicate-unresolved": (409, "Duplicate not resolved"),
    "undo-unavailable": (409, "Decision can no longer be undone"),
    "not-clean": (409, "Record needs individual review"),
    "upload-offset-mismatch": (409, "Upload offset mismatch"),
    "cursor-expired": (410, "Cursor expired"),
    "payload-too-large": (413, "Body too large"),
    "unsupported-media-type": (415, "Unsupported media type"),
    "validation-failed": (422, "Validation failed"),
    "client-too-old": (426, "Client too old"),
    "rate-limited": (429, "Too many requests"),
    "login-throttled": (429, "Too many failed logins"),
    "server-error": (500, "Server error"),
    "unavailable": (503, "Service unavailable"),
}


class ProblemError(Exception):
    """A request-level refusal. ``extensions`` become extra members of the body."""

    def __init__(
        self,
        code: str,
        *,
        detail: str | None = None,
        headers: Mapping[str, str] | None = None,
        audit: bool = True,
        **extensions: Any,
    ) -> None:
        if code not in PROBLEMS:
            raise ValueError(f"unknown problem code {code!r}")
        super().__init__(code)
        self.code = code
        self.status, self.title = PROBLEMS[code]
        self.detail = detail
        self.headers = dict(headers or {})
        self.audit = audit
        self.extensions = extensions


def problem_body(
    code: str, *, detail: str | None = None, extensions: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    status, title = PROBLEMS[code]
    body: dict[str, Any] = {"type": protocol.problem_type(code), "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extensions or {})
    return body


def problem_response(
    code: str,
    *,
    detail: str | None = None,
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, Any] | None = None,
) -> JSONResponse:
    status = PROBLEMS[code][0]
    all_headers = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION), **(headers or {})}
    return JSONResponse(
        problem_body(code, detail=detail, extensions=extensions),
        status_code=status,
        headers=all_headers,
        media_type=protocol.PROBLEM_CONTENT_TYPE,
    )


def from_error(error: ProblemError) -> JSONResponse:
    return problem_response(
        error.code, detail=error.detail, headers=error.headers, extensions=error.extensions
    )
