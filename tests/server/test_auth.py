"""Logins: Argon2id parameters, sessions, throttling per username (known or not), roles."""

from __future__ import annotations

import time
import uuid

import requests
from argon2 import PasswordHasher, Type

from server import security
from server.models.identity import User
from server.services import users as users_service
from tests.server.conftest import PASSWORD, Accounts, Live, assert_problem, login, make_user


def _login(live: Live, username: str, password: str) -> requests.Response:
    return requests.post(
        live.api("/auth/login"), json={"username": username, "password": password}, timeout=30
    )


def test_password_hasher_is_argon2id_rfc9106_low_memory() -> None:
    hasher = security.password_hasher
    assert (hasher.type, hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (
        Type.ID,
        3,
        65536,
        4,
    )
    assert hasher.salt_len == 16
    stored = security.hash_password("a-long-password")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert not security.needs_rehash(stored)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("a-long-password")
    assert security.needs_rehash(weak)


def test_supervisor_logs_in_and_uses_the_session(live: Live, accounts: Accounts) -> None:
    response = _login(live, "SPV01", accounts.spv.password)  # usernames are case-insensitive
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["access_token"].startswith("jks_")
    assert body["user"]["roles"] == ["supervisor"] and body["user"]["areas"] == ["33.75"]
    listing = requests.get(
        live.api("/devices"),
        headers={"Authorization": f"Bearer {body['access_token']}"},
        timeout=10,
    )
    assert listing.status_code == 200


def test_agents_may_not_open_sessions(live: Live, accounts: Accounts) -> None:
    assert_problem(
        _login(live, accounts.a1.username, accounts.a1.password), 403, "role-not-permitted"
    )


def test_wrong_and_unknown_logins_answer_the_same(live: Live, accounts: Accounts) -> None:
    wrong = _login(live, accounts.spv2.username, "not-the-password")
    unknown = _login(live, "nobody-" + uuid.uuid4().hex[:8], "not-the-password")
    assert_problem(wrong, 401, "invalid-credentials")
    assert_problem(unknown, 401, "invalid-credentials")
    assert wrong.json() == unknown.json()


def test_unknown_usernames_cost_a_real_hash(live: Live) -> None:
    started = time.perf_counter()
    _login(live, "ghost-" + uuid.uuid4().hex[:8], "whatever-password")
    assert time.perf_counter() - started > 0.05  # an Argon2id verify, not an early return


def test_throttling_locks_after_five_failures_and_doubles(live: Live) -> None:
    account = make_user(live, "thr" + uuid.uuid4().hex[:8], ("supervisor",), ("33.75",))
    for _ in range(4):
        assert_problem(_login(live, account.username, "wrong-password"), 401, "invalid-credentials")
    assert_problem(_login(live, account.username, "wrong-password"), 401, "invalid-credentials")
    # Locked now: even the right password is refused, with Retry-After ≈ 1 min.
    locked = _login(live, account.username, account.password)
    body = assert_problem(locked, 429, "login-throttled")
    assert 1 <= int(locked.headers["Retry-After"]) <= 61
    assert body["retry_after"] == int(locked.headers["Retry-After"])
    live.clock.advance(seconds=61)
    assert_problem(_login(live, account.username, "wrong-password"), 401, "invalid-credentials")
    again = _login(live, account.username, account.password)
    assert_problem(again, 429, "login-throttled")
    assert 61 < int(again.headers["Retry-After"]) <= 121  # doubled to 2 min
    live.clock.advance(seconds=121)
    assert _login(live, account.username, account.password).status_code == 200
    # Success resets the count: one failure does not lock again.
    assert_problem(_login(live, account.username, "wrong-password"), 401, "invalid-credentials")
    assert _login(live, account.username, account.password).status_code == 200


def test_unknown_usernames_are_throttled_too(live: Live) -> None:
    name = "ghost" + uuid.uuid4().hex[:8]
    for _ in range(5):
        assert_problem(_login(live, name, "x" * 12), 401, "invalid-credentials")
    assert_problem(_login(live, name, "x" * 12), 429, "login-throttled")


def test_sessions_expire_when_idle_and_on_logout(live: Live, accounts: Accounts) -> None:
    http = login(live, accounts.spv2)
    assert http.get(live.api("/devices"), timeout=10).status_code == 200
    live.clock.advance(minutes=31)
    assert_problem(http.get(live.api("/devices"), timeout=10), 401, "session-expired")
    live.clock.reset()
    http = login(live, accounts.spv2)
    assert http.post(live.api("/auth/logout"), timeout=10).status_code == 204
    assert_problem(http.get(live.api("/devices"), timeout=10), 401, "unauthenticated")


def test_sessions_end_after_twelve_hours_even_when_busy(live: Live, accounts: Accounts) -> None:
    http = login(live, accounts.spv2)
    for _ in range(25):  # active every 29 minutes: idle never triggers
        live.clock.advance(minutes=29)
        response = http.get(live.api("/devices"), timeout=10)
        if response.status_code != 200:
            break
    assert_problem(response, 401, "session-expired")
    assert live.clock.offset.total_seconds() >= 12 * 3600


def test_weaker_hashes_are_upgraded_at_login(live: Live) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    name = "old" + uuid.uuid4().hex[:8]
    user = users_service.create_user(
        live.db,
        username=name,
        password=PASSWORD,
        roles=["supervisor"],
        areas=["33.75"],
        display_name=None,
        now=live.clock(),
        min_length=10,
        password_hash=weak,
    )
    assert _login(live, name, PASSWORD).status_code == 200
    with live.db.read() as session:
        stored = session.get(User, user.id)
        assert stored is not None
        assert stored.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert _login(live, name, PASSWORD).status_code == 200
