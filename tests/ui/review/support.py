"""Helpers of the review workspace tests and the review round trip (tests/e2e).

- :class:`ReviewWorld`: one village of the shared loopback server with its own supervisor (whose
  only area is that village) and agents with real encrypted stores that capture prospects through
  ``models.services.prospects.save`` and sync with the real engine. Villages are never reused
  within a server, so queues, counts and exports are exact although tests share the server.
- ``build_catalogue``/``install_catalogue``: the Indonesian catalogue of the review screens (plus
  the editor choices, badges and error sentences they show), compiled into a temporary ``.qm``
  from the translation memory — the committed catalogue is not touched.
- ``settle(qtbot)``: wait until every background result has reached the GUI thread.
"""

from __future__ import annotations

import csv
import itertools
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTranslator

from models.db import Database
from models.rules.consent import current_notice
from models.rules.datafiles import DATA_DIR
from models.services import prospects
from models.services.context import AgentContext, load_agent_context
from sync.review_client import ReviewClient
from tests.sync.factories import make_store, prospect_payload
from tests.sync.harness import SERVER_PASSWORD, Device, LiveServer

__all__ = [
    "ReviewWorld",
    "SERVER_PASSWORD",
    "TODAY",
    "build_catalogue",
    "install_catalogue",
    "next_village",
    "settle",
]

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2026, 3, 12)


def _villages() -> Iterator[str]:
    with (DATA_DIR / "regions" / "villages_pekalongan_branch.csv").open(encoding="utf-8") as f:
        codes = [row["code"] for row in csv.DictReader(f)]
    return itertools.cycle(c for c in codes if c.startswith(("33.75.", "33.26.", "33.25.")))


_VILLAGES = _villages()
_INDEX = itertools.count(1)
_NAMES = itertools.count(1)


def next_village() -> str:
    return next(_VILLAGES)


def nik_for(village: str, index: int, *, sex: str = "L", birth: date = date(1985, 6, 15)) -> str:
    district = village[:8].replace(".", "")
    day = birth.day + (40 if sex == "P" else 0)
    return f"{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{index % 9999 + 1:04d}"


@dataclass
class Agent:
    username: str
    agent_id: uuid.UUID
    device: Device
    context: AgentContext

    @property
    def db(self) -> Database:
        return self.device.db


@dataclass
class ReviewWorld:
    """A supervisor of one fresh village and the agents capturing there."""

    server: LiveServer
    folder: Path
    village: str = field(default_factory=next_village)
    supervisor: str = ""
    agents: dict[str, Agent] = field(default_factory=dict)
    _client: ReviewClient | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.supervisor:
            self.supervisor = f"spv{next(_NAMES):04d}{uuid.uuid4().hex[:4]}"
            user_id = self.server.create_supervisor(self.supervisor, areas=(self.village,))
            self._rename(user_id, f"Pengawas {self.village}")

    def _rename(self, user_id: uuid.UUID, display_name: str) -> None:
        from server.services import users as users_service

        users_service.patch_user(
            self.server.database,
            user_id=user_id,
            changes={"display_name": display_name},
            now=datetime.now(UTC),
            min_length=self.server.settings.password_min_length,
            by=None,
        )

    # -- agents ------------------------------------------------------------------------------

    def agent(self, name: str) -> Agent:
        if name in self.agents:
            return self.agents[name]
        username = f"{name}{next(_NAMES):04d}{uuid.uuid4().hex[:4]}"
        agent_id = self.server.create_agent(username, areas=(self.village,))
        self._rename(agent_id, f"Agen {name.upper()}")
        device_id, token = self.server.register_device(agent_id)
        db = make_store(self.folder / f"{username}.db", name=name.upper())
        device = Device(db, server_url=self.server.url, timeout=(2.0, 10.0))
        device.adopt(device_id=device_id, agent_id=agent_id, token=token)
        context = load_agent_context(db)
        agent = Agent(username, agent_id, device, context)
        self.agents[name] = agent
        return agent

    def payload(self, *, index: int | None = None, **overrides: Any) -> dict[str, Any]:
        """A valid prospect captured in this village (region codes and NIK consistent)."""
        n = index if index is not None else next(_INDEX)
        village = self.village
        values: dict[str, Any] = {
            "nik": nik_for(village, n),
            "sex": "L",
            "birth_date": "1985-06-15",
            "full_name": f"PESERTA {n}",
            "province_code": village[:2],
            "regency_code": village[:5],
            "district_code": village[:8],
            "village_code": village,
            "area_code": village,
            "registration_date": TODAY.isoformat(),
            "first_contribution_month": TODAY.strftime("%Y-%m"),
        }
        values.update(overrides)
        return prospect_payload(n, **values)

    def capture(self, name: str, count: int = 1, **overrides: Any) -> list[uuid.UUID]:
        """``count`` prospects saved and submitted on the agent's laptop (real save service)."""
        agent = self.agent(name)
        ids = []
        for _ in range(count):
            pid = prospects.new_prospect_id()
            prospects.save(
                agent.db,
                prospect_id=pid,
                payload=self.payload(**overrides),
                submit=True,
                agent=agent.context,
                today=TODAY,
                consent=consent_for(pid),
            )
            ids.append(pid)
        return ids

    def sync(self, name: str) -> int:
        return self.agent(name).device.sync_until_quiet(max_cycles=10)

    def new_client(self) -> ReviewClient:
        """A fresh supervisor sign-in (each costs one server-side Argon2 check, ~0.5–1 s)."""
        client = ReviewClient(self.server.url, timeout=(2.0, 20.0))
        client.login(self.supervisor, SERVER_PASSWORD)
        return client

    def client(self) -> ReviewClient:
        """The supervisor's session for the test's own checks (signed in once per world)."""
        if self._client is None:
            self._client = self.new_client()
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        for agent in self.agents.values():
            agent.device.close()
            agent.db.close()


def consent_for(prospect_id: uuid.UUID) -> dict[str, Any]:
    return {
        "prospect_id": str(prospect_id),
        "notice_version": current_notice(TODAY).version,
        "purposes": ["ENROLMENT"],
        "method": "PAPER_FORM",
        "paper_form_number": "F1-0001",
        "read_aloud": True,
        "consented_at": f"{TODAY.isoformat()}T09:00:00+07:00",
    }


# ------------------------------------------------------------------------------ Qt helpers


def settle(qtbot: Any, timeout: int = 15_000) -> None:
    from ui.tasks import pending_count

    qtbot.waitUntil(lambda: pending_count() == 0, timeout=timeout)


SOURCES = [
    *sorted((ROOT / "ui" / "screens" / "review").glob("*.py")),
    *sorted((ROOT / "ui" / "screens" / "editor").glob("*.py")),  # the agent's side of the trip
    ROOT / "ui" / "errors.py",
    ROOT / "ui" / "badges.py",
]


def build_catalogue(folder: Path) -> Path:
    from ui.i18n.build import _tool, fill_from_memory, load_memory

    ts = folder / "review_id.ts"
    qm = folder / "review_id.qm"
    cmd = [_tool("lupdate"), "-no-obsolete", "-locations", "none", *map(str, SOURCES)]
    subprocess.run([*cmd, "-ts", str(ts)], check=True, capture_output=True, timeout=60)
    fill_from_memory(ts, load_memory())
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60)
    return qm


def install_catalogue(qm: Path) -> QTranslator:
    translator = QTranslator(QCoreApplication.instance())
    if not translator.load(str(qm)):
        raise RuntimeError(f"cannot load {qm}")
    QCoreApplication.installTranslator(translator)
    return translator
