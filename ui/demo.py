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
