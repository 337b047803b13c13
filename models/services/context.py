"""Who is saving, and with which rule settings: passed to every use case of ``models.services``.

``AgentContext`` names the local agent (audit rows, outbox envelopes) and carries the configured
rule parameters (``core.settings.Settings``: branch regencies, maximum age, below-minimum income
policy, payment periods). ``load_agent_context`` builds it from the open store.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from models.repositories import profile as profile_repo
from models.repositories import sync_state as sync_state_repo
from models.rules.regions import DEFAULT_BRANCH_REGENCIES
from models.services import reference_data

if TYPE_CHECKING:
    from core.settings import Settings
    from models.db import Database

__all__ = ["AgentContext", "load_agent_context"]


@dataclass(frozen=True, slots=True)
class AgentContext:
    username: str
    display_name: str = ""
    agent_kind: str | None = None
    agent_id: uuid.UUID | None = None
    device_id: uuid.UUID | None = None
    branch_code: str | None = None
    area_code: str | None = None
    branch_regencies: tuple[str, ...] = tuple(DEFAULT_BRANCH_REGENCIES)
    max_age: int = 65
    below_minimum: Literal["warn", "refuse"] = "warn"
    payment_periods: tuple[int, ...] = (1, 3, 6, 12)

    def with_settings(self, settings: Settings) -> AgentContext:
        """A copy whose rule parameters and branch code come from ``settings``."""
        from dataclasses import replace

        return replace(
            self,
            branch_code=self.branch_code or settings.branch_code,
            branch_regencies=tuple(settings.branch_regencies),
            max_age=settings.max_age,
            below_minimum=settings.income_below_minimum,
            payment_periods=tuple(settings.payment_periods),
        )


def load_agent_context(db: Database, *, settings: Settings | None = None) -> AgentContext:
    """The context of the store's agent (profile row + enrollment ids), optionally with settings."""
    with db.read_scope() as session:
        profile = profile_repo.get(session)
        state = sync_state_repo.get(session)
        context = AgentContext(
            username=profile.username or "",
            display_name=profile.display_name,
            agent_kind=profile.agent_kind,
            agent_id=state.agent_id if state else None,
            device_id=state.device_id if state else None,
            branch_code=profile.branch_code,
            area_code=profile.area_codes[0] if profile.area_codes else None,
        )
        reference_data.install_stored(session)  # this store's downloaded rules data, or shipped
    return context.with_settings(settings) if settings is not None else context
