"""Server test fixtures: the real app under uvicorn on a loopback port, on SQLite and PostgreSQL.

``live_server`` is parametrised over the two backends (session scope: tests are grouped per
backend). PostgreSQL gets a throwaway schema in the ``test`` database, migrated with Alembic and
dropped at the end. The server's clock is a ``MovableClock`` tests may move (and must reset).
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
import sqlalchemy as sa
import uuid6

from server import embedded
from server.config import ServerSettings, load_settings
from server.db import Database
from server.security import hash_password
from server.services import devices as devices_service
from server.services import users as users_service
from server.services.context import Caller
from sync import protocol
from tests.server import factories

PG_ENV = "JANGKAU_TEST_PG_URL"
PASSWORD = "correct-horse-battery-9"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


class MovableClock:
    """Real time plus an offset tests can change (session idle, code expiry, throttling)."""

    def __init__(self) -> None:
        self.offset = timedelta()
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return datetime.now(UTC) + self.offset

    def advance(self, **kwargs: float) -> None:
        with self._lock:
            self.offset += timedelta(**kwargs)

    def reset(self) -> None:
        with self._lock:
            self.offset = timedelta()


def server_settings(**overrides: Any) -> ServerSettings:
    values: dict[str, Any] = {
        "rate_push_per_min": 1_000_000,
        "rate_changes_per_min": 1_000_000,
        "rate_login_per_ip_per_min": 100_000,
        "rate_session_per_min": 1_000_000,
        "db_pool_size": 10,
        "db_max_overflow": 50,
    }
    values.update(overrides)
    return load_settings(environ={}, **values)


@dataclass
class Live:
    backend: str
    url: str
    settings: ServerSettings
    db: Database
    clock: MovableClock
    handle: embedded.Handle

    def api(self, path: str) -> str:
        return f"{self.url}{protocol.API_PREFIX}{path}"


def pg_settings_for(schema: str, **overrides: Any) -> ServerSettings:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL not available ({PG_ENV} unset)")
    return server_settings(db_url=url, db_schema=schema, **overrides)


def drop_pg_schema(settings: ServerSettings) -> None:
    engine = sa.create_engine(settings.db_url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{settings.db_schema}" CASCADE'))
    finally:
        engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def backend_settings(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerSettings]:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("server") / "server.sqlite3"
        yield server_settings(db_url=f"sqlite:///{path}")
        return
    settings = pg_settings_for(f"jt_{uuid.uuid4().hex[:12]}")
    try:
        yield settings
    finally:
        drop_pg_schema(settings)


@pytest.fixture(scope="session")
def live_server(backend_settings: ServerSettings) -> Iterator[Live]:
    clock = MovableClock()
    sock = socket.create_server(("127.0.0.1", 0))
    handle = embedded.start(settings=backend_settings, sock=sock, clock=clock)
    backend = "sqlite" if backend_settings.is_sqlite else "postgres"
    try:
        yield Live(backend, handle.url, handle.settings, handle.database, clock, handle)
    finally:
        handle.stop(timeout=10)


@pytest.fixture
def live(live_server: Live) -> Iterator[Live]:
    """The session server, with its clock reset after each test."""
    yield live_server
    live_server.clock.reset()


# ---------------------------------------------------------------------------------------------
# Accounts and devices
# ---------------------------------------------------------------------------------------------


@dataclass
class Account:
    username: str
    user_id: uuid.UUID
    roles: tuple[str, ...]
    areas: tuple[str, ...]
    password: str = PASSWORD


@dataclass
class Accounts:
    admin: Account
    spv: Account  # supervisor of 33.75
    spv2: Account  # supervisor of 33.26
    a1: Account  # agent 33.75.01
    a2: Account  # agent 33.75.01
    a3: Account  # agent 33.26.05
    extra: dict[str, Account] = field(default_factory=dict)


_SHARED_HASH: list[str] = []


def shared_hash() -> str:
    if not _SHARED_HASH:
        _SHARED_HASH.append(hash_password(PASSWORD))
    return _SHARED_HASH[0]


def make_user(live: Live, username: str, roles: tuple[str, ...], areas: tuple[str, ...]) -> Account:
    user = users_service.create_user(
        live.db,
        username=username,
        password=PASSWORD,
        roles=roles,
        areas=areas,
        display_name=username.upper(),
        now=live.clock(),
        min_length=10,
        password_hash=shared_hash(),
    )
    return Account(username, user.id, roles, areas)


@pytest.fixture(scope="session")
def accounts(live_server: Live) -> Accounts:
    return Accounts(
        admin=make_user(live_server, "admin", ("admin",), ()),
        spv=make_user(live_server, "spv01", ("supervisor",), ("33.75",)),
        spv2=make_user(live_server, "spv02", ("supervisor",), ("33.26",)),
        a1=make_user(live_server, "agen01", ("agent",), ("33.75.01",)),
        a2=make_user(live_server, "agen02", ("agent",), ("33.75.01",)),
        a3=make_user(live_server, "agen03", ("agent",), ("33.26.05",)),
    )


_agent_counter = iter(range(1, 1_000_000))


def new_agent(live: Live, areas: tuple[str, ...] = ("33.75.01",)) -> Account:
    return make_user(live, f"agent{next(_agent_counter):04d}", ("agent",), areas)


@dataclass
class Device:
    """An enrolled device and a ``requests.Session`` speaking for it."""

    live: Live
    account: Account
    device_id: uuid.UUID
    agent_id: uuid.UUID
    token: str
    http: requests.Session

    def headers(self, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", **extra}

    def push(
        self, changes: list[dict[str, Any]], *, gzip: bool = True, batch_id: str | None = None
    ) -> requests.Response:
        body = factories.batch(changes, batch_id)
        return self.push_body(body, gzip=gzip)

    def push_body(self, body: dict[str, Any], *, gzip: bool = True) -> requests.Response:
        if gzip:
            return self.http.post(
                self.live.api("/sync/push"),
                data=factories.gzipped(body),
                headers=self.headers(
                    **{"Content-Encoding": "gzip", "Content-Type": "application/json"}
                ),
                timeout=60,
            )
        return self.http.post(
            self.live.api("/sync/push"), json=body, headers=self.headers(), timeout=60
        )

    def changes(self, cursor: str | None = None, limit: int | None = None) -> requests.Response:
        params: dict[str, Any] = {}
        if cursor is not None:
            params["cursor"] = cursor
        if limit is not None:
            params["limit"] = limit
        return self.http.get(
            self.live.api("/sync/changes"), params=params, headers=self.headers(), timeout=30
        )

    def change(self, payload: dict[str, Any] | None = None, **kwargs: Any) -> dict[str, Any]:
        return factories.change(self, payload, **kwargs)


def issue_code(live: Live, account: Account) -> str:
    issued = devices_service.issue_code(
        live.db,
        agent_id=account.user_id,
        by=None,
        caller=Caller(now=live.clock()),
        settings=live.settings,
    )
    return issued.code


def enroll(live: Live, account: Account, *, name: str = "PKL-T") -> Device:
    code = issue_code(live, account)
    http = requests.Session()
    response = http.post(
        live.api("/devices/enroll"),
        json={
            "enrollment_code": code,
            "enrollment_request_id": str(uuid6.uuid7()),
            "username": account.username,
            "password": account.password,
            "device_name": name,
        },
        timeout=30,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    return Device(
        live,
        account,
        uuid.UUID(body["device_id"]),
        uuid.UUID(body["agent"]["id"]),
        body["device_token"],
        http,
    )


def provision(live: Live, account: Account, *, name: str = "PKL-P") -> Device:
    """A device registered directly (no Argon2 check): for tests about other things."""
    with live.db.write() as session:
        device_id, token = devices_service.register_device(
            session, agent_id=account.user_id, name=name, now=live.clock()
        )
    return Device(live, account, device_id, account.user_id, token, requests.Session())


@dataclass
class Devices:
    a1: Device
    a2: Device
    a3: Device


@pytest.fixture(scope="session")
def devices(live_server: Live, accounts: Accounts) -> Devices:
    return Devices(
        a1=enroll(live_server, accounts.a1, name="PKL-01"),
        a2=enroll(live_server, accounts.a2, name="PKL-02"),
        a3=enroll(live_server, accounts.a3, name="PKL-03"),
    )


def login(live: Live, account: Account) -> requests.Session:
    http = requests.Session()
    response = http.post(
        live.api("/auth/login"),
        json={"username": account.username, "password": account.password},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    http.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
    return http


@pytest.fixture(scope="session")
def admin_http(live_server: Live, accounts: Accounts) -> requests.Session:
    return login(live_server, accounts.admin)


@pytest.fixture(scope="session")
def spv_http(live_server: Live, accounts: Accounts) -> requests.Session:
    return login(live_server, accounts.spv)


def assert_problem(response: requests.Response, status: int, code: str) -> dict[str, Any]:
    """RFC 9457 shape, stable type, protocol header: every refusal looks like this."""
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers.get("Jangkau-Protocol") == "1"
    assert response.headers["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["type"] == f"urn:jangkau:problem:{code}", body
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    return body
