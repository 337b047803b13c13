"""Device enrollment: one-time code + account → device id and token, kept in the store (§2.3).

The agent types the server address, the enrollment code from the supervisor, the account
username and password and a laptop name. The ``enrollment_request_id`` is stored *before* the
request leaves, so retrying after a lost reply reuses it and the server answers with the same
device (SYNC_PROTOCOL.md §2.3 step 3). The token is stored in ``sync_state`` inside the
SQLCipher-encrypted store, never in settings or logs. Re-wrapping the store key with the
account password (UI.md setup wizard) is ``models.db.Database.change_password``, the caller's
step after a successful enrollment.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from models.base import new_id
from models.repositories import sync_state as sync_state_repo
from sync import log as sync_log
from sync import protocol
from sync.client import SyncClient
from sync.engine import RunDb

__all__ = ["EnrollResult", "client_for_store", "enroll", "normalise_server_url"]


@dataclass(frozen=True, slots=True)
class EnrollResult:
    device_id: uuid.UUID
    agent: protocol.UserInfo
    server_url: str


def normalise_server_url(url: str) -> str:
    """``"https://sync.example/ "`` → ``"https://sync.example"`` (no trailing slash or API path)."""
    cleaned = url.strip().rstrip("/")
    if cleaned.endswith(protocol.API_PREFIX):
        cleaned = cleaned[: -len(protocol.API_PREFIX)]
    return cleaned


def enroll(
    run_db: RunDb[Any],
    *,
    server_url: str,
    code: str,
    username: str,
    password: str,
    device_name: str,
    client: SyncClient | None = None,
    now: datetime | None = None,
) -> EnrollResult:
    """Enroll this store's laptop; raises the client's typed errors (``AuthError``
    ``invalid-credentials`` for any wrong element, ``OfflineError``…) and stores nothing then
    except the retry id."""
    url = normalise_server_url(server_url)

    def request_id(session: Session) -> uuid.UUID:
        state = sync_state_repo.get_or_create(session)
        extra = dict(state.extra or {})
        pending = extra.get("enrollment_request")
        if isinstance(pending, dict) and pending.get("code") == code.strip().upper():
            return uuid.UUID(pending["id"])
        fresh = new_id()
        extra["enrollment_request"] = {"id": str(fresh), "code": code.strip().upper()}
        state.extra = extra
        return fresh

    rid = run_db(request_id)
    owned = client is None
    api = client or SyncClient(url)
    try:
        reply = api.enroll(
            protocol.EnrollRequest(
                enrollment_code=code,
                enrollment_request_id=rid,
                username=username,
                password=password,
                device_name=device_name,
            )
        )
    finally:
        if owned:
            api.close()
    stamp = now or datetime.now(UTC)

    def store(session: Session) -> None:
        state = sync_state_repo.get_or_create(session)
        extra = dict(state.extra or {})
        extra.pop("enrollment_request", None)
        previous_agent = state.agent_id
        fields: dict[str, Any] = {
            "server_url": url,
            "device_id": reply.device_id,
            "agent_id": reply.agent.id,
            "device_name": device_name,
            "device_token": reply.device_token,
            "token_rotate_after": reply.token_rotate_after,
            "next_token": None,
            "rotation_id": None,
            "revoked": False,
            "attempt": 0,
            "last_error_code": None,
            "extra": extra,
        }
        if previous_agent is not None and previous_agent != reply.agent.id:
            fields["pull_cursor"] = None  # another account: its feed starts from the beginning
            fields["last_pulled_seq"] = None
        sync_state_repo.update(session, **fields)
        sync_log.append(session, at=stamp, event="enroll", status="ok")

    run_db(store)
    return EnrollResult(device_id=reply.device_id, agent=reply.agent, server_url=url)


def client_for_store(
    run_db: RunDb[Any],
    *,
    server_url: str | None = None,
    timeout: tuple[float, float] | None = None,
    verify: str | bool = True,
) -> SyncClient | None:
    """A ``SyncClient`` for the enrolled server with the stored token, or ``None`` before
    enrollment. ``server_url`` (from Settings) wins over the stored one when given."""

    def read(session: Session) -> tuple[str | None, str | None]:
        state = sync_state_repo.get(session)
        if state is None:
            return None, None
        return state.server_url, state.device_token

    stored_url, token = run_db(read)
    url = server_url or stored_url
    if not url or not token:
        return None
    kwargs: dict[str, Any] = {"token": token, "verify": verify}
    if timeout is not None:
        kwargs["timeout"] = timeout
    return SyncClient(normalise_server_url(url), **kwargs)
