"""Where Jangkau keeps its files.

Per-OS folders come from platformdirs; every one can be overridden with an environment variable
(``JANGKAU_DATA_DIR``, ``JANGKAU_CONFIG_DIR``, ``JANGKAU_CACHE_DIR``, ``JANGKAU_LOG_DIR``), which is
how the demo and the tests keep their files apart from a real installation.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Jangkau"
APP_AUTHOR = "Jangkau"

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _dir(env: str, kind: str) -> Path:
    """``$env`` if set, else platformdirs' ``user_<kind>_dir`` (imported only then)."""
    value = os.environ.get(env)
    if value:
        path = Path(value)
    else:
        import platformdirs

        path = Path(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    return _dir("JANGKAU_DATA_DIR", "data")


def config_dir() -> Path:
    return _dir("JANGKAU_CONFIG_DIR", "config")


def cache_dir() -> Path:
    return _dir("JANGKAU_CACHE_DIR", "cache")


def log_dir() -> Path:
    return _dir("JANGKAU_LOG_DIR", "log")


def profiles_dir() -> Path:
    """One sub-folder per agent profile: each agent has an encrypted store of their own."""
    path = data_dir() / "profiles"
    path.mkdir(parents=True, exist_ok=True)
    return path


def reference_data_dir() -> Path:
    """The CSV tables shipped with the app (regions, occupations, contribution tables)."""
    return PROJECT_ROOT / "models" / "rules" / "data"


def fonts_dir() -> Path:
    return PROJECT_ROOT / "printing" / "fonts"


def translations_dir() -> Path:
    return PROJECT_ROOT / "ui" / "i18n"
