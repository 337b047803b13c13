"""Saving a synthetic prospect (``models.services.demo_seed``) the way most tests do: one
helper, free of pytest, so the kill -9 writer process and the store bench call it too."""

from __future__ import annotations

from datetime import date
from typing import Any

from models.db import Database
from models.services import prospects
from models.services.context import AgentContext
from models.services.demo_seed import SyntheticProspect

__all__ = ["save_item"]


def save_item(
    db: Database,
    item: SyntheticProspect,
    *,
    agent: AgentContext,
    today: date,
    submit: bool = False,
    **changes: Any,
) -> prospects.SaveResult:
    """``prospects.save`` of ``item`` with its own payload and consent; ``changes`` replace
    any of the call's keywords (another ``payload``, ``consent=None``, ``acknowledged``)."""
    call: dict[str, Any] = {"payload": item.payload, "consent": item.consent, **changes}
    return prospects.save(db, prospect_id=item.id, submit=submit, agent=agent, today=today, **call)
