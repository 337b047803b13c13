"""Demo mode (``make run`` → ``main.py --demo``): a ready agent profile with synthetic prospects.

The demo agent's store lives under ``.demo/`` like everything else of the demo. Its password is
the demo server account's password, as a real enrollment would make it (SYNC_PROTOCOL.md §8).
A few hundred synthetic prospects across the Pekalongan-branch villages are seeded once
(``models.services.demo_seed``); later runs reuse the store.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import date

from core.settings import Settings
from models import profiles
from models.profiles import ProfileInfo
from models.services import demo_seed
from models.services.context import load_agent_context

log = logging.getLogger(__name__)

__all__ = ["DEMO_AGENT", "DemoProfile", "ensure_demo_profile"]


@dataclass(frozen=True, slots=True)
class DemoProfile:
    profile: ProfileInfo
    password: str
    seeded: int


DEMO_AGENT = {
    "display_name": "Agen Demo 01",
    "username": "agen01",
    "password": "demo-agen01-2026",
    "agent_kind": "PERISAI",
}
DEMO_PROSPECTS = 320


def ensure_demo_profile(
    settings: Settings, *, today: date | None = None, count: int = DEMO_PROSPECTS
) -> DemoProfile:
    """Create the demo agent's profile and seed it, unless it exists already."""
    for info in profiles.list_profiles():
        if info.username == DEMO_AGENT["username"]:
            return DemoProfile(info, DEMO_AGENT["password"], 0)
    info, db = profiles.create_profile(
        DEMO_AGENT["display_name"],
        DEMO_AGENT["username"],
        DEMO_AGENT["password"],
        DEMO_AGENT["agent_kind"],
    )
    try:
        agent = load_agent_context(db, settings=settings)
        result = demo_seed.seed(
            db, count=count, rng=random.Random(2026), agent=agent, today=today or date.today()
        )
        log.info("demo profile seeded with %d prospects", result.created)
    finally:
        db.close()
    return DemoProfile(info, DEMO_AGENT["password"], result.created)


def enroll_demo_profile(
    profile: ProfileInfo,
    password: str,
    *,
    server_url: str,
    code: str | None,
    device_name: str = "Laptop demo",
) -> bool:
    """Enroll the demo agent's store against the embedded demo server once (``make run`` syncs
    out of the box). The store's work runs on the DB lane, the request on the network lane.
    Returns whether the store is enrolled afterwards; a failure is logged, never fatal."""
    from core import lanes
    from models.repositories import sync_state as sync_state_repo
    from sync.engine import db_runner
    from sync.enrollment import enroll

    db = lanes.db().submit(profiles.open_profile, profile, password).result()
    try:
        run_db = db_runner(db, lanes.db())

        def enrolled(session: object) -> bool:
            state = sync_state_repo.get(session)  # type: ignore[arg-type]
            return bool(state is not None and state.device_token and not state.revoked)

        if run_db(enrolled):
            return True
        if not code:
            return False
        try:
            lanes.net().submit(
                lambda: enroll(
                    run_db,
                    server_url=server_url,
                    code=code,
                    username=DEMO_AGENT["username"],
                    password=password,
                    device_name=device_name,
                )
            ).result()
        except Exception as exc:  # noqa: BLE001 - the demo still starts, just not enrolled
            log.warning("demo enrollment failed: %r", exc)
            return False
        log.info("demo profile enrolled at %s", server_url)
        return True
    finally:
        lanes.db().submit(db.close).result()
