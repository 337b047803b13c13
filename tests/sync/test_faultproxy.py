"""The fault proxy itself: each fault reaches the client as the error it imitates, seeded runs repeat."""

from __future__ import annotations

import time

import pytest

from sync import errors
from sync.client import SyncClient
from tests.sync.cannedserver import CannedServer, jangkau_json
from tests.sync.faultproxy import Fault, FaultProxy
from tests.sync.test_client import health_body

# A reply cut inside its head still parses as a head without our protocol header: ProtocolError.
_CUT = (errors.OfflineError, errors.ProtocolError)
EXPECTED: dict[Fault, type[Exception] | tuple[type[Exception], ...] | None] = {
    Fault.PASS: None,
    Fault.DELAY: None,
    Fault.SLICE: None,
    Fault.IDLE_CLOSE: None,
    Fault.DUPLICATE: None,
    Fault.DROP_BEFORE: errors.OfflineError,
    Fault.DROP_AFTER: errors.OfflineError,
    Fault.TRUNCATE: _CUT,
    Fault.RESET: _CUT,
    Fault.BLACKHOLE: errors.SyncTimeout,
    Fault.ERROR_5XX: errors.ServerError,
    Fault.RATE_LIMIT: errors.RateLimited,
    Fault.CAPTIVE_PORTAL: errors.CaptivePortal,
}
# how many copies of the request the server sees
SERVER_SEES = {
    Fault.DROP_BEFORE: 0,
    Fault.RATE_LIMIT: 0,
    Fault.CAPTIVE_PORTAL: 0,
    Fault.DUPLICATE: 3,
}


@pytest.fixture
def canned():
    with CannedServer() as server:
        server.routes[("GET", "/api/v1/health")] = jangkau_json(200, health_body())
        yield server


@pytest.mark.parametrize("fault", list(Fault))
def test_each_fault_reaches_the_client_as_intended(canned: CannedServer, fault: Fault) -> None:
    with FaultProxy(canned.address, seed=1, blackhole_s=0.4, duplicate_copies=2) as proxy:
        proxy.quiet()  # only the scripted faults
        client = SyncClient(proxy.url, token="jkd_x", timeout=(0.5, 0.2))
        for attempt in range(4):  # 5xx and portal have two variants each
            before = len(canned.seen)
            proxy.script.append(fault)
            expected = EXPECTED[fault]
            if expected is None:
                assert client.health().health.service == "jangkau"
                if fault == Fault.IDLE_CLOSE:
                    time.sleep(0.2)  # let the FIN arrive: urllib3 then reconnects, as in the field
            else:
                with pytest.raises(expected):
                    client.health()
            if fault == Fault.ERROR_5XX:
                assert len(canned.seen) - before in (0, 1)
            else:
                assert len(canned.seen) - before == SERVER_SEES.get(fault, 1)
            assert proxy.counts[fault] == (0 if fault == Fault.PASS else attempt + 1)
        # after any fault the next plain request works again
        assert client.health().health.service == "jangkau"


def _outcomes(canned: CannedServer, seed: int, n: int) -> list[str]:
    # idle_close races the client's reuse of the connection (timing, by design): left out here
    weights = {f: 1.0 for f in Fault if f not in (Fault.BLACKHOLE, Fault.IDLE_CLOSE)}
    with FaultProxy(canned.address, seed=seed, weights=weights) as proxy:
        client = SyncClient(proxy.url, timeout=(0.5, 1.0))
        out = []
        for _ in range(n):
            try:
                client.health()
                out.append("ok")
            except errors.SyncError as exc:
                out.append(type(exc).__name__)
        assert proxy.requests >= n
        assert proxy.total_faults > n // 2
        return out


def test_seeded_runs_are_reproducible(canned: CannedServer) -> None:
    first = _outcomes(canned, 42, 60)
    assert first == _outcomes(canned, 42, 60)
    assert first != _outcomes(canned, 43, 60)
    assert len(set(first)) >= 5


def test_only_loopback_targets() -> None:
    with pytest.raises(ValueError):
        FaultProxy(("10.1.2.3", 80), seed=0)
