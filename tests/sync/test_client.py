"""SyncClient against a real loopback HTTP server: headers, gzip, status → error mapping."""

from __future__ import annotations

import gzip
import json
import socket
import time
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sync import errors, protocol
from sync.client import CLIENT_VERSION, SyncClient, gzip_body
from tests.sync.cannedserver import CannedServer, Reply, jangkau_json

NOW = datetime(2026, 3, 12, 2, 41, 9, tzinfo=UTC)


def health_body(*, server_time: datetime = NOW, min_version: str = "0.1.0") -> dict:
    return {
        "service": "jangkau",
        "protocol_versions": [1],
        "server_time": server_time.isoformat(),
        "min_client_version": min_version,
        "latest_client_version": "0.2.0",
        "schema": {"min_push": 1, "current": 1},
        "limits": {"max_changes": 200, "max_body_bytes": 524288, "max_page": 500},
    }


def problem(status: int, code: str, **extra: object) -> dict:
    return {"type": protocol.problem_type(code), "title": code, "status": status, **extra}


@pytest.fixture
def canned():
    with CannedServer() as server:
        yield server


def make_client(url: str, **kw) -> SyncClient:
    kw.setdefault("timeout", (0.5, 1.0))
    return SyncClient(url, token="jkd_test", **kw)


def test_client_version_matches_pyproject() -> None:
    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert CLIENT_VERSION == project["project"]["version"]


def test_health_reports_clock_offset_and_sends_headers(canned: CannedServer) -> None:
    canned.routes[("GET", "/api/v1/health")] = jangkau_json(200, health_body(server_time=NOW))
    laptop_clock = NOW - timedelta(minutes=7)  # the laptop is 7 minutes behind
    client = make_client(canned.url, clock=lambda: laptop_clock)
    reply = client.health()
    assert reply.health.limits.max_changes == 200
    assert reply.clock_offset_s == pytest.approx(420.0)
    seen = canned.seen[-1]
    assert seen.headers["Jangkau-Client"] == CLIENT_VERSION
    assert seen.headers["Authorization"] == "Bearer jkd_test"


def test_push_is_gzipped_and_deterministic(canned: CannedServer) -> None:
    batch = {"batch_id": "0196f3a2-0000-7000-8000-000000000000", "changes": []}
    canned.routes[("POST", "/api/v1/sync/push")] = jangkau_json(
        200, {"batch_id": batch["batch_id"], "results": []}
    )
    client = make_client(canned.url)
    body = json.dumps(batch).encode()
    client.push(body)
    client.push(gzip_body(body), gzipped=True)
    first, second = canned.seen[-2:]
    assert first.headers["Content-Encoding"] == "gzip"
    assert first.headers["Content-Type"] == "application/json"
    assert first.body == second.body == body
    assert gzip_body(body) == gzip_body(body)  # no timestamp in the gzip header
    assert client.bytes_sent == 2 * len(gzip_body(body))


@pytest.mark.parametrize(
    ("reply", "expected", "code"),
    [
        (
            Reply(200, b"<html>Login WiFi</html>", {"Content-Type": "text/html"}),
            errors.CaptivePortal,
            "captive-portal",
        ),
        (
            Reply(302, b"", {"Location": "http://10.0.0.1/", "Content-Type": "text/html"}),
            errors.CaptivePortal,
            "captive-portal",
        ),
        (
            Reply(200, b'{"ok": true}', {"Content-Type": "application/json"}),
            errors.ProtocolError,
            "missing-protocol-header",
        ),
        (
            Reply(200, b"<html></html>", {"Content-Type": "text/html", "Jangkau-Protocol": "1"}),
            errors.ProtocolError,
            "not-json",
        ),
        (
            Reply(200, b"{not json", {"Content-Type": "application/json", "Jangkau-Protocol": "1"}),
            errors.ProtocolError,
            "not-json",
        ),
        (
            Reply(200, b"{}", {"Content-Type": "application/json", "Jangkau-Protocol": "2"}),
            errors.ProtocolError,
            "protocol-mismatch",
        ),
        (
            Reply(502, b"<html>Bad gateway</html>", {"Content-Type": "text/html"}),
            errors.ServerError,
            "unavailable",
        ),
        (Reply(429, b"", {"Retry-After": "3"}), errors.RateLimited, "rate-limited"),
        (
            jangkau_json(401, problem(401, "device-revoked"), problem=True),
            errors.AuthError,
            "device-revoked",
        ),
        (
            jangkau_json(401, problem(401, "device-wipe"), problem=True),
            errors.AuthError,
            "device-wipe",
        ),
        (
            jangkau_json(401, problem(401, "unauthenticated"), problem=True),
            errors.AuthError,
            "unauthenticated",
        ),
        (jangkau_json(403, problem(403, "forbidden"), problem=True), errors.AuthError, "forbidden"),
        (
            jangkau_json(409, problem(409, "stale-revision"), problem=True),
            errors.RequestRejected,
            "stale-revision",
        ),
        (
            jangkau_json(410, problem(410, "cursor-expired"), problem=True),
            errors.CursorExpired,
            "cursor-expired",
        ),
        (
            jangkau_json(
                413,
                problem(413, "payload-too-large", limits={"max_body_bytes": 1024}),
                problem=True,
            ),
            errors.PayloadTooLarge,
            "payload-too-large",
        ),
        (
            jangkau_json(
                422,
                problem(422, "validation-failed", errors=[{"field": "changes", "code": "x"}]),
                problem=True,
            ),
            errors.BatchRejected,
            "validation-failed",
        ),
        (
            jangkau_json(
                426, problem(426, "client-too-old", min_client_version="1.3.0"), problem=True
            ),
            errors.ClientTooOld,
            "client-too-old",
        ),
        (
            jangkau_json(429, problem(429, "rate-limited"), problem=True, **{"Retry-After": "7"}),
            errors.RateLimited,
            "rate-limited",
        ),
        (
            jangkau_json(503, problem(503, "unavailable"), problem=True),
            errors.ServerError,
            "unavailable",
        ),
        (
            jangkau_json(200, {"batch_id": "nope", "results": "x"}),
            errors.ProtocolError,
            "bad-schema",
        ),
    ],
)
def test_push_status_mapping(canned: CannedServer, reply: Reply, expected: type, code: str) -> None:
    canned.routes[("POST", "/api/v1/sync/push")] = reply
    client = make_client(canned.url)
    with pytest.raises(expected) as info:
        client.push(b'{"batch_id": "x", "changes": []}')
    assert info.value.code == code
    exc = info.value
    if isinstance(exc, errors.RateLimited):
        assert exc.retry_after in (3.0, 7.0)
    if isinstance(exc, errors.PayloadTooLarge):
        assert exc.limits == {"max_body_bytes": 1024}
    if isinstance(exc, errors.ClientTooOld):
        assert exc.min_version == "1.3.0"
    if isinstance(exc, errors.BatchRejected):
        assert exc.errors == [{"field": "changes", "code": "x"}]
    if isinstance(exc, errors.AuthError):
        assert exc.revoked == (code in {"device-revoked", "device-wipe", "forbidden"})
    # nothing that is not a Jangkau answer may ever count as an acknowledgement
    assert exc.transient == isinstance(
        exc, errors.OfflineError | errors.ProtocolError | errors.ServerError | errors.RateLimited
    )


def test_connection_refused_is_offline() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = make_client(f"http://127.0.0.1:{port}")
    with pytest.raises(errors.OfflineError) as info:
        client.health()
    assert info.value.code == "offline"


def test_read_timeout_is_sync_timeout(canned: CannedServer) -> None:
    def slow(_seen) -> Reply:
        time.sleep(0.6)
        return jangkau_json(200, health_body())

    canned.routes[("GET", "/api/v1/health")] = slow
    client = make_client(canned.url, timeout=(0.5, 0.2))
    with pytest.raises(errors.SyncTimeout):
        client.health()


def test_changes_sends_cursor_and_limit(canned: CannedServer) -> None:
    canned.routes[("GET", "/api/v1/sync/changes")] = jangkau_json(
        200,
        {
            "changes": [
                {"seq": 5, "type": "reference", "data": {"dataset": "occupations", "version": "v"}}
            ],
            "next_cursor": "5",
            "has_more": False,
        },
    )
    client = make_client(canned.url)
    page = client.changes("4", 50)
    assert page.next_cursor == "5" and page.changes[0].seq == 5
    assert "cursor=4" in canned.seen[-1].path and "limit=50" in canned.seen[-1].path
    client.changes(None)
    assert "cursor" not in canned.seen[-1].path


def test_enroll_sends_no_token_and_parses(canned: CannedServer) -> None:
    answer = {
        "device_id": "0196f0aa-0000-7000-8000-000000000001",
        "device_token": "jkd_new",
        "agent": {
            "id": "0196f0aa-0000-7000-8000-000000000002",
            "username": "agen07",
            "display_name": "Agen",
            "roles": ["agent"],
            "areas": ["33.75"],
        },
        "token_rotate_after": (NOW + timedelta(days=30)).isoformat(),
    }
    canned.routes[("POST", "/api/v1/devices/enroll")] = jangkau_json(201, answer)
    client = SyncClient(canned.url, timeout=(0.5, 1.0))
    request = protocol.EnrollRequest(
        enrollment_code="7kq2-m9xd",
        enrollment_request_id="0196f0aa-0000-7000-8000-000000000003",
        username="agen07",
        password="rahasia-sekali",
        device_name="PKL-07",
    )
    reply = client.enroll(request)
    assert reply.device_token == "jkd_new"
    seen = canned.seen[-1]
    assert "Authorization" not in seen.headers
    assert json.loads(seen.body)["enrollment_code"] == "7KQ2M9XD"
    assert "Content-Encoding" not in seen.headers
    assert gzip  # gzip only for pushes


def test_system_proxy_from_the_environment_is_used(canned: CannedServer, monkeypatch) -> None:
    """Read once when the client is made (not per request); here the proxy is the canned server."""
    canned.routes[("GET", "/api/v1/health")] = jangkau_json(200, health_body())
    monkeypatch.setenv("HTTP_PROXY", canned.url)
    monkeypatch.setenv("NO_PROXY", "")
    client = make_client("http://sync.jangkau.invalid")
    assert client.health().health.service == "jangkau"
    assert canned.seen[-1].path.startswith("http://sync.jangkau.invalid/api/v1/health")
