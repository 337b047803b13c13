"""Opening and creating an agent session: the calls the unlock screen and setup wizard make.

Each function runs on the DB lane (Argon2 key derivation takes about a second by design) and
returns an ``UnlockedSession``: the open store, the profile it belongs to and the agent context
the services need. Unlocking runs in two steps so that the list appears before the ORM has
loaded: ``unlock_key`` unwraps the key and reads the first page with the plain driver
(``models.first_page``), ``finish_session`` opens the full store with that key.
``read_counts`` is what the status bar shows; ``read_enrollment`` tells whether a server is
enrolled and when the last sync succeeded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.settings import Settings
from models import profiles
from models.keyfile import KdfParams
from models.profiles import ProfileInfo

if TYPE_CHECKING:  # the store modules (SQLAlchemy) load on the DB lane, not before the window
    from models.db import Database
    from models.first_page import UnlockedKey
    from models.prospect_rows import ProspectRow
    from models.services.context import AgentContext

__all__ = [
    "CORRECTION_BADGES",
    "Enrollment",
    "OpeningSession",
    "UnlockedSession",
    "create_session",
    "finish_session",
    "read_counts",
    "read_enrollment",
    "unlock_key",
]

# Badges of the to-do list "Perlu perbaikan" (UI.md §3.7).
CORRECTION_BADGES = ("returned", "invalid", "conflict")
# Prospects saved for sending that the server has not acknowledged yet ("Belum terkirim").
UNSENT_BADGES = ("queued", "sending")


@dataclass(frozen=True, slots=True)
class UnlockedSession:
    db: Database
    profile: ProfileInfo
    agent: AgentContext


@dataclass(frozen=True, slots=True)
class Enrollment:
    server_url: str | None
    enrolled: bool
    last_success: datetime | None


class OpeningSession:
    """A profile between its key and its full session.

    ``db`` is set on the DB lane the moment the store is open, before the agent context is
    read: a job queued on that lane behind ``finish_session`` (the list's next page, its count,
    the side panel) finds the store there before the window has heard that the session is up.
    """

    def __init__(self, profile: ProfileInfo, key: UnlockedKey) -> None:
        self.profile = profile
        self.key = key
        self.db: Database | None = None

    @property
    def store(self) -> Any:
        """The store, or a stand-in for it until ``finish_session`` has opened it.

        Screens fetch their store on the GUI thread and use it in a job on the DB lane; the
        stand-in resolves there, where every job queued after ``finish_session`` finds it."""
        return self.db if self.db is not None else _PendingStore(self)

    @property
    def rows(self) -> list[ProspectRow] | None:
        """The list's first page read at unlock (``None``: load it once the session is open)."""
        return self.key.rows


class _PendingStore:
    def __init__(self, opening: OpeningSession) -> None:
        self._opening = opening

    def __getattr__(self, name: str) -> Any:
        db = self._opening.db
        if db is None:  # the opening failed (or this ran before it, off the DB lane)
            from core.errors import ConflictError

            raise ConflictError("store-closed")
        return getattr(db, name)


def unlock_key(profile: ProfileInfo, password: str, *, first_page: int) -> OpeningSession:
    """Step 1 (DB lane): ``WrongPasswordError`` on a wrong password, else the key and rows."""
    return OpeningSession(
        profile, profiles.unlock_profile(profile, password, first_page=first_page)
    )


def finish_session(opening: OpeningSession, *, settings: Settings) -> UnlockedSession:
    """Step 2 (DB lane): the full store (upgraded if older) and the agent context."""
    from models.db import Database

    key = opening.key
    db = Database.open_with_key(opening.profile.path, dek=key.dek, store_id=key.store_id)
    opening.db = db
    try:
        return _with_agent(db, opening.profile, settings)
    except BaseException:
        opening.db = None  # closed by _with_agent
        raise


def _with_agent(db: Database, profile: ProfileInfo, settings: Settings) -> UnlockedSession:
    """The session of an open store; the store is closed again if its agent cannot be read."""
    from models.services.context import load_agent_context

    try:
        agent = load_agent_context(db, settings=settings)
    except BaseException:
        db.close()
        raise
    return UnlockedSession(db=db, profile=profile, agent=agent)


def create_session(
    *,
    display_name: str,
    username: str,
    password: str,
    agent_kind: str,
    settings: Settings,
    base: Path | None = None,
    argon2_params: KdfParams | None = None,
) -> UnlockedSession:
    """Create a profile with its encrypted store and return it unlocked."""
    info, db = profiles.create_profile(
        display_name,
        username,
        password,
        agent_kind,
        base=base,
        argon2_params=argon2_params,
    )
    return _with_agent(db, info, settings)


def read_counts(db: Database) -> dict[str, int]:
    """Status bar numbers: prospects not sent yet, prospects to correct, all live prospects.

    "Belum terkirim" counts prospects, not outbox rows (a prospect travels with its consent
    record; the agent thinks in people)."""
    from models.repositories import search

    with db.read_scope() as session:
        by_badge = search.live_badge_counts(session)
    return {
        "unsent": sum(by_badge.get(badge, 0) for badge in UNSENT_BADGES),
        "corrections": sum(by_badge.get(badge, 0) for badge in CORRECTION_BADGES),
        "total": sum(by_badge.values()),
    }


def read_enrollment(db: Database) -> Enrollment:
    from models.repositories import sync_state as sync_state_repo

    with db.read_scope() as session:
        state = sync_state_repo.get(session)
        if state is None:
            return Enrollment(server_url=None, enrolled=False, last_success=None)
        return Enrollment(
            server_url=state.server_url,
            enrolled=bool(state.device_token and state.device_id),
            last_success=state.last_success_at,
        )
