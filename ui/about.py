"""The app's name and version as shown in the unlock screen, Settings › Tentang and the log."""

from __future__ import annotations

import tomllib
from functools import cache

from core import paths

__all__ = ["APP_NAME", "app_version"]

APP_NAME = "Jangkau"


@cache
def app_version() -> str:
    """The ``[project] version`` of pyproject.toml (the app runs from the checkout)."""
    try:
        with (paths.PROJECT_ROOT / "pyproject.toml").open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "0"
