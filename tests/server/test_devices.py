"""Enrollment codes, enrollment, token rotation and revocation (SYNC_PROTOCOL.md §2.3)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from typing import Any

import requests
import sqlalchemy as sa
import uuid6

from server.models.identity import DeviceToken
from server.security import normalise_code
from tests.server.conftest import (
    Accounts,
    Live,
    assert_problem,
    issue_code,
    login,
    new_agent,
    provision,
)


def _enroll(live: Live, **body: Any) -> requests.Response:
    return requests.post(live.api("/devices/enroll"), json=body, timeout=30)


def _body(code: str, account: Any, request_id: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "enrollment_code": code,
        "enrollment_request_id": request_id or str(uuid6.uuid7()),
        "username": account.username,
        "password": account.password,
        "device_name": "PKL-T",
        **extra,
    }


def _works(live: Live, token: str) -> int:
    return requests.get(
        live.api("/sync/changes"), headers={"Authorization": f"Bearer {token}"}, timeout=10
    ).status_code


def test_codes_are_eight_crockford_characters_read_forgivingly() -> None:
    assert normalise_code("7kq2-m9xd") == "7KQ2M9XD"
    assert normalise_code("IL0O 1234") == "11001234"  # I, L → 1 and O → 0
    assert normalise_code("7KQ2M9XU") is None  # U is not Crockford
    assert normalise_code("7KQ2M9X") is None


def test_a_supervisor_issues_a_code_the_agent_enrolls_once(live: Live, accounts: Accounts) -> None:
    agent = new_agent(live)
    spv = login(live, accounts.spv)
    issued = spv.post(
        live.api("/enrollment-codes"), json={"agent_id": str(agent.user_id)}, timeout=10
    )
    assert issued.status_code == 201, issued.text
    code = issued.json()["code"]
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{8}", code)
    first = _enroll(live, **_body(code.lower(), agent))
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["device_token"].startswith("jkd_")
    assert body["agent"]["username"] == agent.username and body["agent"]["roles"] == ["agent"]
    assert _works(live, body["device_token"]) == 200
    # Single use: another request with the same code is refused.
    assert_problem(_enroll(live, **_body(code, agent)), 401, "invalid-credentials")


def test_a_lost_reply_can_be_retried_for_fifteen_minutes(live: Live) -> None:
    agent = new_agent(live)
    code = issue_code(live, agent)
    request_id = str(uuid6.uuid7())
    first = _enroll(live, **_body(code, agent, request_id)).json()
    again = _enroll(live, **_body(code, agent, request_id))
    assert again.status_code == 201
    assert again.json()["device_id"] == first["device_id"]
    assert again.json()["device_token"] != first["device_token"]
    assert _works(live, first["device_token"]) == 401  # the lost reply's token is void
    assert _works(live, again.json()["device_token"]) == 200
    live.clock.advance(minutes=16)
    assert_problem(_enroll(live, **_body(code, agent, request_id)), 401, "invalid-credentials")


def test_every_wrong_element_is_the_same_refusal(live: Live, accounts: Accounts) -> None:
    agent = new_agent(live)
    other = new_agent(live)
    code = issue_code(live, agent)
    assert_problem(
        _enroll(live, **_body(code, agent, password="wrong-password")), 401, "invalid-credentials"
    )
    assert_problem(_enroll(live, **_body(code, other)), 401, "invalid-credentials")  # not its code
    assert_problem(_enroll(live, **_body("ZZZZZZZZ", agent)), 401, "invalid-credentials")
    supervisor_code = issue_code(live, agent)
    spv_body = _body(supervisor_code, accounts.spv)  # a supervisor is not an agent
    assert_problem(_enroll(live, **spv_body), 401, "invalid-credentials")
    # The code survived the failed tries (3 < 5) and still works with the right elements.
    assert _enroll(live, **_body(code, agent)).status_code == 201


def test_five_failures_burn_a_code(live: Live) -> None:
    agent = new_agent(live)
    code = issue_code(live, agent)
    other = new_agent(live)
    for _ in range(5):  # right code, wrong agent: counts against the code, not a username
        assert_problem(_enroll(live, **_body(code, other)), 401, "invalid-credentials")
    assert_problem(_enroll(live, **_body(code, agent)), 401, "invalid-credentials")


def test_codes_expire_after_72_hours(live: Live) -> None:
    agent = new_agent(live)
    code = issue_code(live, agent)
    live.clock.advance(hours=72, seconds=1)
    assert_problem(_enroll(live, **_body(code, agent)), 401, "invalid-credentials")


def test_supervisors_manage_only_agents_in_scope(
    live: Live, accounts: Accounts, admin_http: requests.Session
) -> None:
    spv = login(live, accounts.spv)  # 33.75
    outside = spv.post(
        live.api("/enrollment-codes"), json={"agent_id": str(accounts.a3.user_id)}, timeout=10
    )
    assert_problem(outside, 404, "not-found")  # 33.26.05: out of scope looks like absence
    unknown = spv.post(
        live.api("/enrollment-codes"), json={"agent_id": str(uuid.uuid4())}, timeout=10
    )
    assert_problem(unknown, 404, "not-found")
    assert (
        admin_http.post(
            live.api("/enrollment-codes"), json={"agent_id": str(accounts.a3.user_id)}, timeout=10
        ).status_code
        == 201
    )
    device = provision(live, accounts.a3)
    assert_problem(
        spv.post(live.api(f"/devices/{device.device_id}/revoke"), json={}, timeout=10),
        404,
        "not-found",
    )
    listing = spv.get(live.api("/devices"), timeout=10).json()["devices"]
    assert all(d["agent_id"] != str(accounts.a3.user_id) for d in listing)


def test_agents_cannot_use_supervisor_endpoints(live: Live, accounts: Accounts) -> None:
    device = provision(live, accounts.a1)
    response = requests.post(
        live.api("/enrollment-codes"),
        json={"agent_id": str(accounts.a1.user_id)},
        headers=device.headers(),
        timeout=10,
    )
    assert_problem(response, 403, "role-not-permitted")
    assert_problem(
        requests.get(live.api("/devices"), headers=device.headers(), timeout=10),
        403,
        "role-not-permitted",
    )


def test_rotation_keeps_the_old_token_until_the_new_one_is_used(live: Live) -> None:
    device = provision(live, new_agent(live))
    old = device.token
    rotate = lambda token, rid: requests.post(  # noqa: E731
        live.api("/devices/rotate-token"),
        json={"rotation_id": rid},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    rid = str(uuid6.uuid7())
    lost = rotate(old, rid)
    assert lost.status_code == 200, lost.text
    rotate_after = datetime.fromisoformat(lost.json()["token_rotate_after"])
    assert timedelta(days=29) < rotate_after - live.clock() <= timedelta(days=30)
    # The reply was lost: the old token still works and the retry gets a fresh token.
    retry = rotate(old, rid)
    new = retry.json()["device_token"]
    assert new not in (old, lost.json()["device_token"])
    assert _works(live, old) == 200
    assert _works(live, lost.json()["device_token"]) == 401  # superseded before it was ever used
    assert _works(live, new) == 200  # first use of the new token retires the old one
    assert _works(live, old) == 401


def test_an_unused_new_token_leaves_the_old_one_14_days(live: Live) -> None:
    device = provision(live, new_agent(live))
    response = requests.post(
        live.api("/devices/rotate-token"),
        json={"rotation_id": str(uuid6.uuid7())},
        headers=device.headers(),
        timeout=10,
    )
    new = response.json()["device_token"]
    live.clock.advance(days=13)
    assert _works(live, device.token) == 200
    live.clock.advance(days=1, seconds=1)
    assert _works(live, device.token) == 401
    assert _works(live, new) == 200


def test_revoked_and_wiped_devices_are_told_so(live: Live, admin_http: requests.Session) -> None:
    agent = new_agent(live)
    kept, wiped = provision(live, agent), provision(live, agent)
    for device, wipe in ((kept, False), (wiped, True)):
        response = admin_http.post(
            live.api(f"/devices/{device.device_id}/revoke"),
            json={"wipe": wipe, "reason": "laptop stolen"},
            timeout=10,
        )
        assert response.status_code == 204
    assert_problem(kept.push([kept.change()]), 401, "device-revoked")
    assert_problem(wiped.changes(), 401, "device-wipe")
    assert_problem(
        requests.get(live.api("/health"), headers=kept.headers(), timeout=10), 401, "device-revoked"
    )
    # The account stays active: a new device for the same agent works.
    fresh = provision(live, agent)
    assert fresh.push([fresh.change()]).status_code == 200


def test_device_tokens_are_stored_hashed(live: Live) -> None:
    device = provision(live, new_agent(live))
    with live.db.read() as session:
        stored = session.scalars(
            sa.select(DeviceToken.token_hash).where(DeviceToken.device_id == device.device_id)
        ).all()
    assert stored and device.token not in stored
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in stored)


def test_old_clients_cannot_enroll(live: Live) -> None:
    agent = new_agent(live)
    response = requests.post(
        live.api("/devices/enroll"),
        json=_body(issue_code(live, agent), agent),
        headers={"Jangkau-Client": "0.0.1"},
        timeout=30,
    )
    body = assert_problem(response, 426, "client-too-old")
    assert body["min_client_version"] == live.settings.min_client_version
