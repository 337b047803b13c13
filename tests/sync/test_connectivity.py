"""The health probe tells online, offline, captive portal, revoked and too-old apart."""

from __future__ import annotations

import socket
from datetime import timedelta

from sync.client import SyncClient
from sync.connectivity import Connectivity, probe, version_tuple
from tests.sync.cannedserver import CannedServer, Reply, jangkau_json
from tests.sync.test_client import NOW, health_body, problem

HEALTH = ("GET", "/api/v1/health")


def _probe(
    canned: CannedServer, reply: Reply, *, token: str | None = "jkd_x", version: str = "0.1.0"
):
    canned.routes[HEALTH] = reply
    client = SyncClient(
        canned.url, token=token, client_version=version, timeout=(0.5, 1.0), clock=lambda: NOW
    )
    return probe(client)


def test_probe_states() -> None:
    with CannedServer() as canned:
        ok = jangkau_json(200, health_body())
        assert _probe(canned, ok).status == Connectivity.ONLINE
        assert _probe(canned, ok, token=None).status == Connectivity.NOT_ENROLLED
        assert probe(None).status == Connectivity.NOT_ENROLLED
        old = jangkau_json(200, health_body(min_version="1.3.0"))
        result = _probe(canned, old, version="1.2.9")
        assert result.status == Connectivity.TOO_OLD and result.may_push
        assert _probe(canned, old, version="1.10.0").status == Connectivity.ONLINE
        portal = Reply(200, b"<html>login</html>", {"Content-Type": "text/html"})
        assert _probe(canned, portal).status == Connectivity.CAPTIVE_PORTAL
        revoked = jangkau_json(401, problem(401, "device-revoked"), problem=True)
        result = _probe(canned, revoked)
        assert result.status == Connectivity.REVOKED and not result.may_push
        expired = jangkau_json(401, problem(401, "unauthenticated"), problem=True)
        assert _probe(canned, expired).status == Connectivity.AUTH_REQUIRED
        down = jangkau_json(503, problem(503, "unavailable"), problem=True)
        assert _probe(canned, down).status == Connectivity.OFFLINE


def test_clock_skew_is_flagged_over_five_minutes() -> None:
    with CannedServer() as canned:
        skewed = jangkau_json(200, health_body(server_time=NOW + timedelta(minutes=6)))
        result = _probe(canned, skewed)
        assert result.status == Connectivity.ONLINE and result.clock_wrong
        fine = jangkau_json(200, health_body(server_time=NOW + timedelta(minutes=4)))
        assert not _probe(canned, fine).clock_wrong


def test_unreachable_is_offline() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = SyncClient(f"http://127.0.0.1:{port}", token="x", timeout=(0.3, 0.3))
    assert probe(client).status == Connectivity.OFFLINE


def test_version_tuple() -> None:
    assert version_tuple("1.3.0") < version_tuple("1.10.0")
    assert version_tuple("1.3") == (1, 3, 0)
    assert version_tuple("2.0.0rc1") == (2, 0, 1)
