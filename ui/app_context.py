"""What every screen of an unlocked session needs, handed over in one object.

The main window builds one ``AppContext`` after a profile is unlocked and gives it to the views
it creates (the prospect list, the editor, the to-do list, settings). Screens read the open
store, the settings, who is signed in, today's date and the sync controller from here instead of
reaching for globals, so tests can build a context with a temporary store and a fixed date.
Settings are frozen: a screen that changes them calls ``replace_settings`` so every reader of the
context sees the new object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from core.settings import Settings

if TYPE_CHECKING:
    from models.db import Database
    from models.services.context import AgentContext
    from ui.sync_controller import SyncController

__all__ = ["AppContext"]


@dataclass
class AppContext:
    """The open agent session: store, settings, agent, clock and sync status source.

    ``agent`` is ``models.services.context.load_agent_context(db, settings=settings)`` of the
    unlocked store (who saves, plus the rule parameters from settings); every service call takes
    it. ``profile_dir`` is the profile's folder.
    """

    db: Database
    settings: Settings
    agent: AgentContext
    today: Callable[[], date] = date.today
    sync: SyncController | None = None
    profile_dir: Any = None
    _listeners: list[Callable[[Settings], None]] = field(default_factory=list, repr=False)

    def replace_settings(self, settings: Settings) -> None:
        """Swap in changed settings and tell whoever subscribed (language, contrast, auto-lock)."""
        self.settings = settings
        for listener in list(self._listeners):
            listener(settings)

    def on_settings_changed(self, listener: Callable[[Settings], None]) -> None:
        self._listeners.append(listener)
