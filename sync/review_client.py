"""ReviewClient: the supervisor's HTTP door to the review and export API (SYNC_PROTOCOL.md §2.2,
§4.4, §4.9, §4.10).

It is a :class:`sync.client.SyncClient` with a session token instead of a device token, so every
call shares the sync client's plumbing: one ``requests.Session``, ``(connect, read)`` timeouts,
the ``Jangkau-Client`` header, the ``Jangkau-Protocol``/JSON checks (a Wi-Fi login page is never
an answer) and the problem+json → typed error mapping of :mod:`sync.errors` (``session-expired``
is an ``AuthError``, ``stale-revision`` a ``RequestRejected`` with that code…).

The token lives in this object only: it is never written anywhere (SYNC §2.2, UI.md §3.2). Not
thread-safe: use one client on the network lane. Exports stream to a ``.part`` file beside the
target, report progress per chunk, stop between chunks when cancelled and replace the target
atomically only when complete.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import requests
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from core.errors import Cancelled
from sync import protocol
from sync.client import SyncClient, check_reply
from sync.errors import OfflineError, ProtocolError, SyncTimeout
from sync.review_schemas import (
    AgentInfo,
    AuditEvent,
    AuditPage,
    BatchFilters,
    BatchOut,
    BatchPage,
    BulkResult,
    DecisionDraft,
    DecisionOut,
    ExportRequest,
    ExportResult,
    RecordDetail,
    RecordFilters,
    RecordPage,
    ResolutionOut,
    RevisionOut,
    SupervisorSession,
)

__all__ = ["ExportProgress", "ReviewClient", "EXPORT_CHUNK"]

EXPORT_CHUNK = 64 * 1024
_M = TypeVar("_M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class ExportProgress:
    """Where a running export stands. ``rows_total`` is the server's ``X-Jangkau-Rows``;
    ``rows_done`` is counted for CSV only (an XLSX arrives as one zip: bytes only)."""

    bytes_written: int
    rows_done: int | None
    rows_total: int | None


class ReviewClient(SyncClient):
    """One supervisor session against one server. ``login`` first; every call needs the token."""

    session: SupervisorSession | None = None

    # ---------------------------------------------------------------- sign-in (§4.4)

    def login(self, username: str, password: str) -> SupervisorSession:
        """``POST /auth/login``; 401 ``invalid-credentials``, 403 ``role-not-permitted`` (an
        agent account), 429 ``login-throttled`` arrive as the sync errors."""
        body = protocol.LoginRequest(username=username, password=password)
        data = self._call(
            "POST", "/auth/login", body=body.model_dump_json().encode("utf-8"), auth=False
        )
        reply = _parse(protocol.LoginResponse, data)
        self.session = SupervisorSession(
            token=reply.access_token, expires_at=reply.expires_at, user=reply.user
        )
        self.set_token(reply.access_token)
        return self.session

    def logout(self) -> None:
        """``POST /auth/logout``; the token is forgotten even when the server cannot be told."""
        try:
            if self.token:
                self._call("POST", "/auth/logout", body=b"{}")
        finally:
            self.session = None
            self.set_token(None)

    # ---------------------------------------------------------------- queue and records (§4.9)

    def batches(
        self, filters: BatchFilters | None = None, *, cursor: str | None = None, limit: int = 100
    ) -> BatchPage:
        params: dict[str, Any] = {**(filters or BatchFilters()).params(), "limit": limit}
        if cursor:
            params["cursor"] = cursor
        return _parse(BatchPage, self._call("GET", "/review/batches", params=params))

    def all_batches(
        self, filters: BatchFilters | None = None, *, max_pages: int = 20
    ) -> list[BatchOut]:
        """Every batch of the queue (pages of 100 until ``next_cursor`` is empty)."""
        out: list[BatchOut] = []
        cursor: str | None = None
        for _ in range(max_pages):
            page = self.batches(filters, cursor=cursor)
            out.extend(page.batches)
            cursor = page.next_cursor
            if not cursor:
                break
        return out

    def records(
        self, filters: RecordFilters, *, cursor: str | None = None, limit: int = 100
    ) -> RecordPage:
        params: dict[str, Any] = {**filters.params(), "limit": limit}
        if cursor:
            params["cursor"] = cursor
        return _parse(RecordPage, self._call("GET", "/review/records", params=params))

    def record(self, record_id: uuid.UUID) -> RecordDetail:
        return _parse(RecordDetail, self._call("GET", f"/review/records/{record_id}"))

    def revision(self, record_id: uuid.UUID, revision: int) -> RevisionOut:
        data = self._call("GET", f"/review/records/{record_id}/revisions/{revision}")
        return _parse(RevisionOut, data)

    # ---------------------------------------------------------------- decisions (§4.9, §5)

    def decide(self, record_id: uuid.UUID, draft: DecisionDraft) -> DecisionOut:
        """201 (new) or 200 (a repeat of ``draft.decision_id``: the stored decision); 409
        ``stale-revision``/``invalid-transition``/``duplicate-unresolved`` raise."""
        data = self._call(
            "POST", f"/review/records/{record_id}/decisions", body=_json(draft.body())
        )
        return _parse(DecisionOut, data)

    def decide_bulk(self, items: Iterable[tuple[uuid.UUID, DecisionDraft]]) -> list[BulkResult]:
        """Up to 200 decisions, one result each ("Setujui yang dipilih")."""
        body = {"items": [{"record_id": str(rid), **draft.body()} for rid, draft in items]}
        data = self._call("POST", "/review/decisions:bulk", body=_json(body))
        if not isinstance(data, dict) or not isinstance(data.get("results"), list):
            raise ProtocolError("bad-schema", detail="bulk: no results")
        return [_parse(BulkResult, item) for item in data["results"]]

    def undo(self, decision_id: uuid.UUID) -> DecisionOut:
        """Undo one's own latest decision within the window (409 ``undo-unavailable`` after)."""
        data = self._call("POST", f"/review/decisions/{decision_id}/undo", body=b"{}")
        return _parse(DecisionOut, data)

    def resolve_duplicate(
        self,
        record_id: uuid.UUID,
        *,
        resolution: Literal["not_duplicate", "duplicate"],
        candidate_id: uuid.UUID | None = None,
        draft: DecisionDraft | None = None,
    ) -> ResolutionOut:
        """*Bukan duplikat* (a pair, or every open pair), or *Tolak sebagai duplikat* (this
        record is rejected as DUPLICATE with ``draft``'s id, revision and note)."""
        body: dict[str, Any] = {"resolution": resolution}
        if candidate_id is not None:
            body["candidate_id"] = str(candidate_id)
        if draft is not None:
            body.update(
                decision_id=str(draft.decision_id),
                record_revision=draft.record_revision,
                note=draft.note,
            )
        data = self._call(
            "POST", f"/review/records/{record_id}/duplicate-resolution", body=_json(body)
        )
        return _parse(ResolutionOut, data)

    # ---------------------------------------------------------------- people, audit (§4.10)

    def agents(self) -> list[AgentInfo]:
        """The agents in the supervisor's scope (``GET /admin/users``)."""
        data = self._call("GET", "/admin/users")
        users = data.get("users") if isinstance(data, dict) else None
        if not isinstance(users, list):
            raise ProtocolError("bad-schema", detail="users: no list")
        return [a for a in (_parse(AgentInfo, u) for u in users) if "agent" in a.roles]

    def audit(self, *, entity_id: uuid.UUID | str, limit: int = 200) -> list[AuditEvent]:
        """The audit trail of one record (``GET /audit?entity_id=``), oldest first."""
        params = {"entity_id": str(entity_id), "limit": limit}
        return _parse(AuditPage, self._call("GET", "/audit", params=params)).events

    # ---------------------------------------------------------------- export (§4.10)

    def export(
        self,
        request: ExportRequest,
        dest: Path,
        *,
        progress: Callable[[ExportProgress], None] | None = None,
        cancel: threading.Event | None = None,
        chunk_size: int = EXPORT_CHUNK,
    ) -> ExportResult:
        """Stream ``GET /exports/records`` into ``dest`` (atomically replaced when complete)."""
        dest = Path(dest)
        part = dest.with_name(dest.name + ".part")
        where = "GET /exports/records"
        url = f"{self.base_url}{protocol.API_PREFIX}/exports/records"
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            response = self._session.get(
                url,
                params=request.params(),
                headers={**headers, "Accept": "*/*"},
                timeout=self.timeout,
                allow_redirects=False,
                stream=True,
            )
        except requests.Timeout as exc:
            raise SyncTimeout(detail=f"{where}: {exc}") from exc
        except requests.RequestException as exc:
            raise OfflineError(detail=f"{where}: {type(exc).__name__}: {exc}") from exc
        with response:
            marker = response.headers.get(protocol.PROTOCOL_HEADER)
            if response.status_code != 200 or marker != str(protocol.PROTOCOL_VERSION):
                content = _read_all(response, where)
                check_reply(response, content, where=where)  # raises the matching error
                raise ProtocolError("bad-schema", detail=f"{where}: {response.status_code}")
            rows_total = _int_header(response, "X-Jangkau-Rows")
            counting = request.fmt == "csv"
            written = lines = 0
            try:
                with part.open("wb") as out:
                    for piece in response.iter_content(chunk_size):
                        if cancel is not None and cancel.is_set():
                            raise Cancelled(detail="export cancelled")
                        out.write(piece)
                        written += len(piece)
                        if counting:
                            lines += piece.count(b"\n")
                        if progress is not None:
                            progress(
                                ExportProgress(
                                    written,
                                    max(0, lines - 1) if counting else None,  # minus the header
                                    rows_total,
                                )
                            )
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(part, dest)
            except requests.RequestException as exc:
                part.unlink(missing_ok=True)
                raise OfflineError(detail=f"{where}: cut after {written} bytes: {exc}") from exc
            except BaseException:
                part.unlink(missing_ok=True)
                raise
        self.bytes_received += written
        return ExportResult(path=dest, rows=rows_total, bytes_written=written)


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _read_all(response: requests.Response, where: str) -> bytes:
    try:
        return response.content
    except requests.RequestException as exc:
        raise OfflineError(detail=f"{where}: {type(exc).__name__}: {exc}") from exc


def _int_header(response: requests.Response, name: str) -> int | None:
    raw = response.headers.get(name)
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def _parse(model: type[_M], data: Any) -> _M:
    try:
        return model.model_validate(data)
    except PydanticValidationError as exc:
        raise ProtocolError(
            "bad-schema", detail=f"{model.__name__}: {exc.error_count()} errors"
        ) from exc
