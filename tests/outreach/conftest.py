"""Fixtures of the outreach and coverage tests: the local-store fixtures of ``tests/models``
(real SQLCipher stores copied from a migrated template, a fixed date, an agent, synthetic valid
prospects) plus small helpers to record, submit, approve and print prospects."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import update

from models.db import Database
from models.decision import Decision
from models.prospect import Prospect
from models.services.context import AgentContext
from tests.models import conftest as _store
from tests.models.synthetic import save_item
from tests.server import conftest as _server
from tests.ui import conftest as _ui
from tests.ui.review import conftest as _review

# The local-store fixtures of tests/models, made visible to this folder.
agent = _store.agent
db = _store.db
db_path = _store.db_path
rng = _store.rng
synthetic = _store.synthetic
template_store = _store.template_store
today = _store.today

# The live server of tests/server (uvicorn on loopback, SQLite and PostgreSQL), for the
# supervisor dashboard endpoint; this folder gets its own instances of the session fixtures.
backend_settings = _server.backend_settings
live_server = _server.live_server
live = _server.live

# The GUI fixtures of tests/ui: main windows, profiles (tests/conftest.py resets language and theme).
fast_kdf = _ui.fast_kdf
make_main_window = _ui.make_main_window
main_window = _ui.main_window
seeded_profile_template = _ui.seeded_profile_template
seeded_profile = _ui.seeded_profile
empty_profile_template = _ui.empty_profile_template
empty_profile = _ui.empty_profile
unlocked_window = _ui.unlocked_window


@pytest.fixture(scope="session")
def jangkau_qapp(qapp: Any) -> Any:
    """The QApplication as tests/ui leave it. Not themed here: tests/ui's own fixture themes it
    once per process, and theming twice shifts the editor's layout in tests/ui/editor. These
    tests compare with ``tr()`` of the screen itself, so they hold in either language."""
    return qapp


# The review tests' loopback server and supervisor world (not their catalogue fixture: a
# translator installed for the whole session would change other folders' layouts).
review_server = _review.review_server
world = _review.world


@pytest.fixture
def record(
    db: Database, synthetic: Callable[..., Any], agent: AgentContext, today: date
) -> Callable[..., uuid.UUID]:
    """``record(submit=False, **payload_overrides)`` saves one synthetic prospect."""

    def make(*, submit: bool = False, **overrides: Any) -> uuid.UUID:
        item = synthetic(**overrides)
        save_item(db, item, agent=agent, today=today, submit=submit)
        return item.id

    return make


def approve(db: Database, prospect_id: uuid.UUID, *, decided_at: Any) -> None:
    """What a pulled approval leaves in the store: the review state and the decision row."""
    with db.session_scope() as session:
        session.execute(
            update(Prospect)
            .where(Prospect.id == prospect_id)
            .values(review_state="approved", badge="approved", server_rev=Prospect.revision)
        )
        session.add(
            Decision(
                id=uuid.uuid4(),
                record_id=prospect_id,
                record_revision=1,
                outcome="approve",
                decided_at=decided_at,
                decided_by_name="Pengawas 33.75",
            )
        )
