"""SyncClient: the one HTTP door of the desktop app to the Jangkau server (SYNC_PROTOCOL.md §4).

One ``requests.Session`` per client, a ``(connect, read)`` timeout on every call, gzip request
bodies for pushes and the ``Jangkau-Client`` header. Every reply is checked before anything is
believed: it must carry ``Jangkau-Protocol: 1`` and be JSON, so a Wi-Fi login page answering 200
is a :class:`~sync.errors.CaptivePortal`, never an acknowledgement. HTTP statuses map to the typed
errors of :mod:`sync.errors`. POSTs are never retried here (urllib3's default ``allowed_methods``);
the engine resends a frozen batch instead.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar
from urllib.parse import quote

import requests
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from sync import protocol
from sync.errors import (
    AuthError,
    BatchRejected,
    CaptivePortal,
    ClientTooOld,
    CursorExpired,
    OfflineError,
    PayloadTooLarge,
    ProtocolError,
    RateLimited,
    RequestRejected,
    ServerError,
    SyncTimeout,
)

__all__ = [
    "CLIENT_VERSION",
    "DEFAULT_TIMEOUT",
    "HealthReply",
    "SyncClient",
    "check_reply",
    "gzip_body",
]

# Keep equal to [project].version in pyproject.toml (a test checks it).
CLIENT_VERSION = "0.1.0"
DEFAULT_TIMEOUT: tuple[float, float] = (10.0, 60.0)
_JSON_TYPES = {"application/json", protocol.PROBLEM_CONTENT_TYPE}
_M = TypeVar("_M", bound=BaseModel)


def gzip_body(body: bytes, *, level: int = 6) -> bytes:
    """Deterministic gzip (no timestamp): the same batch always compresses to the same bytes."""
    return gzip.compress(body, compresslevel=level, mtime=0)


@dataclass(frozen=True, slots=True)
class HealthReply:
    health: protocol.Health
    clock_offset_s: float  # server time minus laptop time, seconds (SYNC §6.5)


class SyncClient:
    """Talks to one server with one device token. Not thread-safe: use it on the network lane."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        client_version: str = CLIENT_VERSION,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        verify: str | bool = True,
        session: requests.Session | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.client_version = client_version
        self.timeout = timeout
        self._clock = clock or (lambda: datetime.now(UTC))
        self._session = session or requests.Session()
        self._session.verify = verify
        # System proxy settings are read once here, not on every request (requests scans the
        # whole environment per call otherwise); .netrc and CA bundles from the environment are
        # deliberately ignored: the app pins its own CA (SYNC §8).
        self._session.proxies.update(requests.utils.get_environ_proxies(self.base_url))
        self._session.trust_env = False
        # Only connection failures are retried (the request never left); statuses, reads and
        # Retry-After are the engine's business.
        retry = Retry(
            total=1,
            connect=1,
            read=False,
            status=0,
            other=0,
            redirect=0,
            respect_retry_after_header=False,
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers.update(
            {protocol.CLIENT_HEADER: client_version, "Accept": "application/json"}
        )
        self.bytes_sent = 0
        self.bytes_received = 0

    # ---------------------------------------------------------------- lifecycle

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def set_token(self, token: str | None) -> None:
        self.token = token

    # ---------------------------------------------------------------- endpoints

    def health(self) -> HealthReply:
        """``GET /health`` (a sent token is checked by the server: a revoked device gets 401)."""
        before = self._clock()
        data = self._call("GET", "/health", auth=self.token is not None)
        after = self._clock()
        health = _parse(protocol.Health, data)
        server_time = health.server_time
        if server_time.tzinfo is None:
            server_time = server_time.replace(tzinfo=UTC)
        midpoint = before + (after - before) / 2
        offset = (server_time - midpoint) / timedelta(seconds=1)
        return HealthReply(health=health, clock_offset_s=offset)

    def enroll(self, request: protocol.EnrollRequest) -> protocol.EnrollResponse:
        body = request.model_dump_json().encode("utf-8")
        data = self._call("POST", "/devices/enroll", body=body, auth=False)
        return _parse(protocol.EnrollResponse, data)

    def rotate_token(self, rotation_id: Any) -> protocol.RotateResponse:
        request = protocol.RotateRequest(rotation_id=rotation_id)
        data = self._call("POST", "/devices/rotate-token", body=request.model_dump_json().encode())
        return _parse(protocol.RotateResponse, data)

    def push(self, body: bytes, *, gzipped: bool = False) -> protocol.PushResponse:
        """Send one push batch. ``body`` is the exact JSON (or its gzip when ``gzipped``)."""
        wire = body if gzipped else gzip_body(body)
        data = self._call("POST", "/sync/push", body=wire, gzipped=True, raw=True)
        return _parse_json(protocol.PushResponse, data)

    def changes(
        self, cursor: str | None, limit: int = protocol.DEFAULT_PAGE
    ) -> protocol.ChangesResponse:
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        data = self._call("GET", "/sync/changes", params=params, raw=True)
        return _parse_json(protocol.ChangesResponse, data)

    def reference(self, dataset: str, version: str) -> tuple[bytes, str | None]:
        """``GET /reference/{dataset}/{version}``: the exact body (its SHA-256 is the ETag) and
        the ``ETag`` without quotes. Tokenless: the data is the same for every agent."""
        path = f"/reference/{quote(dataset, safe='')}/{quote(version, safe='')}"
        response, content = self._exchange("GET", path, auth=False)
        check_reply(response, content, where=f"GET {path}")
        etag = response.headers.get("ETag")
        return content, etag.strip().strip('"') if etag else None

    # ---------------------------------------------------------------- plumbing

    def _call(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        gzipped: bool = False,
        params: Mapping[str, Any] | None = None,
        auth: bool = True,
        raw: bool = False,
    ) -> Any:
        """The reply's JSON, parsed; ``raw``: a success's JSON bytes, unparsed (the caller
        validates them straight into its model: one pass instead of two)."""
        response, content = self._exchange(
            method, path, body=body, gzipped=gzipped, params=params, auth=auth
        )
        return check_reply(response, content, where=f"{method} {path}", raw=raw)

    def _exchange(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        gzipped: bool = False,
        params: Mapping[str, Any] | None = None,
        auth: bool = True,
    ) -> tuple[requests.Response, bytes]:
        headers: dict[str, str] = {}
        if body is not None:
            headers["Content-Type"] = "application/json"
            if gzipped:
                headers["Content-Encoding"] = "gzip"
        if auth and self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        url = f"{self.base_url}{protocol.API_PREFIX}{path}"
        try:
            response = self._session.request(
                method,
                url,
                data=body,
                params=params,
                headers=headers,
                timeout=self.timeout,
                allow_redirects=False,
            )
            content = response.content  # reads the whole body: a cut reply raises here
        except requests.Timeout as exc:
            raise SyncTimeout(detail=f"{method} {path}: {exc}") from exc
        except requests.RequestException as exc:
            raise OfflineError(detail=f"{method} {path}: {type(exc).__name__}: {exc}") from exc
        self.bytes_sent += len(body or b"")
        self.bytes_received += len(content)
        return response, content


def check_reply(
    response: requests.Response, content: bytes, *, where: str, raw: bool = False
) -> Any:
    """Trust nothing without the protocol header and a JSON body; map statuses to errors.
    ``raw``: a success returns its body bytes, checked for type but not parsed."""
    status = response.status_code
    marker = response.headers.get(protocol.PROTOCOL_HEADER)
    ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if marker is None:
        if status >= 500:
            raise ServerError(
                "unavailable", status=status, detail=f"{where}: {status} not from Jangkau"
            )
        if status == 429:
            raise RateLimited(
                retry_after=_retry_after(response, {}), detail=f"{where}: foreign 429"
            )
        if status < 400 and ("html" in ctype or 300 <= status < 400):
            raise CaptivePortal(detail=f"{where}: {status} {ctype or 'no type'}")
        raise ProtocolError("missing-protocol-header", detail=f"{where}: {status} {ctype}")
    if marker.strip() != str(protocol.PROTOCOL_VERSION):
        raise ProtocolError("protocol-mismatch", detail=f"{where}: protocol {marker}")
    data: Any = None
    if content:
        if ctype not in _JSON_TYPES:
            raise ProtocolError("not-json", detail=f"{where}: {status} {ctype}")
        if raw and 200 <= status < 300:
            return content
        try:
            data = json.loads(content)
        except ValueError as exc:
            raise ProtocolError("not-json", detail=f"{where}: {exc}") from exc
    if 200 <= status < 300:
        if data is None and status != 204:
            raise ProtocolError("empty-body", detail=where)
        return data
    raise _status_error(status, data if isinstance(data, dict) else {}, response, where)


def _status_error(
    status: int, problem: dict[str, Any], response: requests.Response, where: str
) -> Exception:
    ptype = str(problem.get("type", ""))
    code = ptype.removeprefix(protocol.PROBLEM_PREFIX) if ptype else None
    detail = f"{where}: {status} {code or ''}".strip()
    if status in (401, 403):
        return AuthError(
            code or ("unauthenticated" if status == 401 else "forbidden"),
            status=status,
            detail=detail,
        )
    if status == 410:
        return CursorExpired(code, detail=detail)
    if status == 413:
        return PayloadTooLarge(code, limits=problem.get("limits") or {}, detail=detail)
    if status == 426:
        minimum = str(problem.get("min_client_version", ""))
        return ClientTooOld(code, min_version=minimum, detail=detail)
    if status == 429:
        return RateLimited(code, retry_after=_retry_after(response, problem), detail=detail)
    if status >= 500:
        return ServerError(code or "server-error", status=status, detail=detail)
    if status == 422 and where.endswith("/sync/push"):
        return BatchRejected(code, status=status, errors=_errors(problem), detail=detail)
    if 300 <= status < 400:
        return ProtocolError("unexpected-redirect", detail=detail)
    return RequestRejected(
        code or "bad-request", status=status, errors=_errors(problem), detail=detail
    )


def _errors(problem: Mapping[str, Any]) -> list[dict[str, Any]]:
    raw = problem.get("errors")
    return [e for e in raw if isinstance(e, dict)] if isinstance(raw, list) else []


def _retry_after(response: requests.Response, problem: Mapping[str, Any]) -> float:
    """``Retry-After`` as seconds (delta or HTTP date), else the problem's ``retry_after``."""
    raw = response.headers.get("Retry-After")
    if raw:
        raw = raw.strip()
        try:
            return max(0.0, float(raw))
        except ValueError:
            try:
                when = parsedate_to_datetime(raw)
            except (TypeError, ValueError):
                return 0.0
            return max(0.0, when.timestamp() - time.time())
    value = problem.get("retry_after")
    return float(value) if isinstance(value, int | float) else 0.0


def _parse_json(model: type[_M], data: Any) -> _M:
    """``_parse`` for a body still in JSON bytes (``_call(raw=True)``)."""
    if not isinstance(data, bytes):
        return _parse(model, data)
    try:
        return model.model_validate_json(data)
    except PydanticValidationError as exc:
        if any(e["type"] == "json_invalid" for e in exc.errors()):
            raise ProtocolError("not-json", detail=f"{model.__name__}: {exc}") from exc
        raise ProtocolError(
            "bad-schema", detail=f"{model.__name__}: {exc.error_count()} errors"
        ) from exc


def _parse(model: type[_M], data: Any) -> _M:
    try:
        return model.model_validate(data)
    except PydanticValidationError as exc:
        raise ProtocolError(
            "bad-schema", detail=f"{model.__name__}: {exc.error_count()} errors"
        ) from exc
