"""Import the heavy, Qt-free parts of the app in the background while the unlock screen waits.

The unlock screen needs little; the session needs SQLAlchemy's SQLite dialect and the list
search (``SESSION_MODULES``), later the services and ReportLab (``LATER_MODULES``: editor, side
panel, print screens). Importing them in a daemon thread while the agent types the password takes
them off the path from *Buka* to the list. Only modules without Qt are imported here; Qt screen
modules are imported on the GUI thread when used.

Python runs one thread at a time, so an import in the background is CPU taken from the GUI
thread and the DB lane. The thread therefore starts importing only after ``START_DELAY_S`` (no
one types a password faster), and once *Buka* is pressed (``hold()``) every module not yet
imported waits until the session is on screen (``release()``): an unlock is never slowed by
ReportLab or by SQLAlchemy being imported beside it (the DB lane imports what it needs itself).
"""

from __future__ import annotations

import gc
import importlib
import logging
import threading
import time

log = logging.getLogger(__name__)

__all__ = [
    "LATER_MODULES",
    "SESSION_MODULES",
    "START_DELAY_S",
    "hold",
    "preload_in_background",
    "release",
]

SESSION_MODULES = (
    "_argon2_cffi_bindings",  # the key derivation and unwrapping at Buka (models.first_page)
    "cryptography.hazmat.bindings._rust",  # AES-GCM (models.keyfile.aes_gcm_class)
    "cryptography.exceptions",
    "sqlcipher3",
    "models.first_page",
    "models.migrate",
    "models.repositories.search",
)
LATER_MODULES = (
    "models.services.prospects",
    "models.services.sync_apply",
    "printing.enrollment_form",
    "printing.info_sheet",
)

START_DELAY_S = 0.4
_go = threading.Event()
_go.set()


def hold() -> None:
    """A session is opening: later modules wait (the one being imported finishes)."""
    _go.clear()


def release() -> None:
    """The first list page is shown: later modules may load."""
    _go.set()


def _import(name: str) -> None:
    try:
        importlib.import_module(name)
    except ImportError:
        log.debug("preload: %s not available", name)
    except Exception:  # noqa: BLE001 - a failing preload must not stop the app; import again later
        log.warning("preload of %s failed", name, exc_info=True)


def freeze_modules() -> None:
    """Move every object alive now (modules, classes, the ORM's tables) out of the collector's
    sight: ``gc.freeze``. Once SQLAlchemy, pydantic and ReportLab are loaded, an old-generation
    collection walks some 400,000 objects that live as long as the process, 10–40 ms of GIL
    that landed on the first paint of the list or on a keystroke. Then the collector is on:
    ``main.py`` starts the app with it off."""
    gc.freeze()
    gc.enable()


def _run(modules: tuple[str, ...], later: tuple[str, ...], delay: float) -> None:
    try:
        time.sleep(delay)
        for name in (*modules, *later):
            _go.wait()
            _import(name)
    finally:
        freeze_modules()


def preload_in_background(
    modules: tuple[str, ...] = SESSION_MODULES,
    later: tuple[str, ...] = LATER_MODULES,
    *,
    delay: float = START_DELAY_S,
) -> threading.Thread:
    thread = threading.Thread(
        target=_run, args=(modules, later, delay), name="preload", daemon=True
    )
    thread.start()
    return thread
