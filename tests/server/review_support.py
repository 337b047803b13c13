"""Helpers of the review and export tests: a small world per test (agent, device, supervisor in
a village nobody else uses), clean and flagged prospects, decisions, feed reads.

Each world lives in its own village so counts, queues and exports are exact although every
test shares the session's server (SQLite and PostgreSQL alike).
"""

from __future__ import annotations

import csv
import itertools
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import requests
import uuid6

from models.rules.consent import current_notice
from models.rules.datafiles import DATA_DIR
from server.clock import local_today
from server.ids import new_id
from server.repositories import devices as devices_repo
from server.security import SESSION_PREFIX, digest, new_token
from server.services import devices as devices_service
from tests.server import factories
from tests.server.conftest import Account, Device, Live, make_user

_RESERVED = ("33.75.01", "33.26.05")  # the shared accounts' districts (other tests push there)


def _villages() -> list[str]:
    with (DATA_DIR / "regions" / "villages_pekalongan_branch.csv").open(encoding="utf-8") as f:
        codes = [row["code"] for row in csv.DictReader(f)]
    return [
        c for c in codes if c.startswith(("33.75.", "33.26.", "33.25.")) and c[:8] not in _RESERVED
    ]


_village_iter = itertools.cycle(_villages())
_names = itertools.count(1)


def fresh_village(*, outside: str | None = None) -> str:
    """A village no other test uses; ``outside``: not within that area code."""
    while True:
        village = next(_village_iter)
        if outside is None or not (village == outside or village.startswith(outside + ".")):
            return village


def unique(prefix: str) -> str:
    return f"{prefix}{next(_names):05d}{uuid.uuid4().hex[:4]}"


def new_decision_id() -> str:
    return str(uuid6.uuid7())


def in_village(village: str, **overrides: Any) -> dict[str, Any]:
    """A prospect payload captured in ``village`` (region codes consistent)."""
    district = village[:8]
    values: dict[str, Any] = {
        "nik": factories.nik(district.replace(".", "")),
        "province_code": village[:2],
        "regency_code": village[:5],
        "district_code": district,
        "village_code": village,
        "area_code": village,
    }
    values.update(overrides)
    return factories.prospect(**values)


def clean_payload(village: str, today: date, **overrides: Any) -> dict[str, Any]:
    """A prospect no rule objects to (given a consent record)."""
    values: dict[str, Any] = {
        "sex": "L",
        "birth_date": "1990-01-01",
        "mobile": "+6281234567890",
        "registration_date": today.isoformat(),
        "first_contribution_month": today.strftime("%Y-%m"),
        "occupation_1": "PDG_PASAR",
        "signature_participant": "SCREEN",
        "signature_agent": "SCREEN",
    }
    values.update(overrides)
    return in_village(village, **values)


def consent_payload(prospect_id: str, today: date) -> dict[str, Any]:
    return {
        "prospect_id": prospect_id,
        "notice_version": current_notice(today).version,
        "purposes": ["ENROLMENT"],
        "method": "SCREEN_SIGNATURE",
        "consented_at": f"{today.isoformat()}T10:00:00+07:00",
    }


@dataclass
class World:
    """One agent with a device and one supervisor of the agent's village."""

    live: Live
    village: str
    agent: Account
    device: Device
    spv: Account
    http: requests.Session
    cursor: str | None = None
    records: dict[str, int] = field(default_factory=dict)  # id → revision pushed

    @property
    def today(self) -> date:
        return local_today(self.live.clock())

    def api(self, path: str) -> str:
        return self.live.api(path)

    # -- capture ---------------------------------------------------------------------------

    def push(self, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        response = self.device.push(changes)
        assert response.status_code == 200, response.text
        results = response.json()["results"]
        for change, result in zip(changes, results, strict=True):
            assert result["status"] in ("accepted", "duplicate"), result
            self.records[change["id"]] = change["revision"]
        return results

    def prospect(self, payload: dict[str, Any] | None = None, **kwargs: Any) -> str:
        change = self.device.change(payload or in_village(self.village), **kwargs)
        self.push([change])
        return str(change["id"])

    def clean_prospect(self, **overrides: Any) -> str:
        """A prospect plus its consent record: no error-level rule, no flag."""
        record_id = factories.new_id()
        payload = clean_payload(self.village, self.today, **overrides)
        consent_id = factories.new_id()
        payload["consent_id"] = consent_id
        prospect = self.device.change(payload, record_id=record_id)
        consent = self.device.change(
            consent_payload(record_id, self.today), record_id=consent_id, entity_type="consent"
        )
        self.push([prospect, consent])
        return record_id

    def revise(self, record_id: str, payload: dict[str, Any], revision: int) -> None:
        self.push([self.device.change(payload, record_id=record_id, revision=revision)])

    # -- review ----------------------------------------------------------------------------

    def detail(self, record_id: str, http: requests.Session | None = None) -> requests.Response:
        return (http or self.http).get(self.api(f"/review/records/{record_id}"), timeout=30)

    def decide(
        self,
        record_id: str,
        outcome: str,
        *,
        revision: int = 1,
        note: str | None = None,
        decision_id: str | None = None,
        http: requests.Session | None = None,
        **extra: Any,
    ) -> requests.Response:
        body: dict[str, Any] = {
            "decision_id": decision_id or new_decision_id(),
            "record_revision": revision,
            "outcome": outcome,
            **extra,
        }
        if note is not None:
            body["note"] = note
        elif outcome != "approve":
            body["note"] = "Periksa lagi."
        if outcome == "reject" and "reason_code" not in extra:
            body["reason_code"] = "DATA_INVALID"
        return (http or self.http).post(
            self.api(f"/review/records/{record_id}/decisions"), json=body, timeout=30
        )

    def approve(self, record_id: str, revision: int = 1) -> dict[str, Any]:
        response = self.decide(record_id, "approve", revision=revision)
        assert response.status_code == 201, response.text
        return response.json()

    # -- the agent's feed ------------------------------------------------------------------

    def pull(self) -> list[dict[str, Any]]:
        """Every new feed entry since the last pull (the cursor is kept, so the server's
        ``last_pulled_seq`` follows on the next call)."""
        entries: list[dict[str, Any]] = []
        while True:
            response = self.device.changes(self.cursor, limit=500)
            assert response.status_code == 200, response.text
            body = response.json()
            entries += body["changes"]
            self.cursor = body["next_cursor"]
            if not body["has_more"]:
                return entries

    def confirm_pull(self) -> None:
        """Send the cursor once more: the server records it as ``last_pulled_seq``."""
        response = self.device.changes(self.cursor, limit=1)
        assert response.status_code == 200, response.text


def session_for(live: Live, account: Account) -> requests.Session:
    """A logged-in ``requests.Session`` without the Argon2 verification of a real login (the
    login endpoint has its own tests; here it would cost ~1 s per supervisor on 2 cores)."""
    now = live.clock()
    token = new_token(SESSION_PREFIX)
    with live.db.write() as session:
        devices_repo.add_session(
            session,
            session_id=new_id(),
            token_hash=digest(token),
            user_id=account.user_id,
            now=now,
            expires_at=now + timedelta(hours=live.settings.session_absolute_hours),
            ip="127.0.0.1",
        )
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    return http


def device_for(live: Live, account: Account) -> Device:
    """An enrolled device straight from the service layer (enrollment has its own tests)."""
    with live.db.write() as session:
        device_id, token = devices_service.register_device(
            session, agent_id=account.user_id, name="PKL-R", now=live.clock()
        )
    return Device(live, account, device_id, account.user_id, token, requests.Session())


def new_supervisor(live: Live, areas: tuple[str, ...]) -> tuple[Account, requests.Session]:
    account = make_user(live, unique("spv"), ("supervisor",), areas)
    return account, session_for(live, account)


def new_agent(live: Live, village: str) -> tuple[Account, Device]:
    agent = make_user(live, unique("agt"), ("agent",), (village,))
    return agent, device_for(live, agent)


def new_world(live: Live, *, village: str | None = None) -> World:
    village = village or fresh_village()
    agent, device = new_agent(live, village)
    spv, http = new_supervisor(live, (village,))
    return World(live, village, agent, device, spv, http)


def feed_of(entries: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {e["data"]["id"]: e for e in entries if e["type"] == kind}
