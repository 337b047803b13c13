"""Every ORM table of the local store, imported in one place so ``Base.metadata`` is complete.

Alembic's ``env.py`` and the schema test use this module; application code imports the table
modules it needs directly.
"""

from __future__ import annotations

from models.agent_profile import AgentProfile
from models.audit import AuditEvent
from models.base import Base
from models.consent import Consent
from models.decision import Decision
from models.heir import Heir
from models.outbox import OutboxEntry
from models.outreach_event import OutreachEvent
from models.prospect import Prospect
from models.reference_data import ReferenceData
from models.sync_state import SyncState
from models.visit import Visit

__all__ = [
    "AgentProfile",
    "AuditEvent",
    "Base",
    "Consent",
    "Decision",
    "Heir",
    "OutboxEntry",
    "OutreachEvent",
    "Prospect",
    "ReferenceData",
    "SyncState",
    "Visit",
    "metadata",
]

metadata = Base.metadata

# FTS5 shadow tables and the virtual table itself are made by migration 0002, not by the ORM.
FTS_TABLE = "prospect_fts"
