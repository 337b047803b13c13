"""Import the heavy, Qt-free parts of the app in the background while the unlock screen waits.

The unlock screen needs little; the session needs SQLAlchemy's SQLite dialect, Alembic (schema
check on open), the services and ReportLab (print screens). Importing them in a daemon thread
while the agent types the password takes them off the path from *Buka* to the list. Only modules
without Qt are imported here; Qt screen modules are imported on the GUI thread when used.
"""

from __future__ import annotations

import importlib
import logging
import threading

log = logging.getLogger(__name__)

__all__ = ["SESSION_MODULES", "preload_in_background"]

SESSION_MODULES = (
    "models.migrate",
    "models.services.prospects",
    "models.services.sync_apply",
    "models.repositories.search",
    "printing.enrollment_form",
    "printing.info_sheet",
)


def _run(modules: tuple[str, ...]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            log.debug("preload: %s not available", name)
        except Exception:  # noqa: BLE001 - a failing preload must not stop the app; import again later
            log.warning("preload of %s failed", name, exc_info=True)


def preload_in_background(modules: tuple[str, ...] = SESSION_MODULES) -> threading.Thread:
    thread = threading.Thread(target=_run, args=(modules,), name="preload", daemon=True)
    thread.start()
    return thread
