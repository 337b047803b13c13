"""The app's name and version as shown in the unlock screen, Settings › Tentang and the log."""

from __future__ import annotations

import re
from functools import cache

from core import paths

__all__ = ["APP_NAME", "app_version"]

APP_NAME = "Jangkau"

_VERSION = re.compile(r'^version\s*=\s*"([^"\n]+)"', re.MULTILINE)


@cache
def app_version() -> str:
    """The ``[project] version`` of pyproject.toml (the app runs from the checkout).

    Read with a pattern rather than ``tomllib``: the unlock screen shows it, and importing and
    running the TOML parser was ~3 ms of the start for one string (a test holds the two equal).
    """
    try:
        text = (paths.PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "0"
    _before, found, rest = ("\n" + text).partition("\n[project]\n")
    if not found:
        return "0"
    match = _VERSION.search(rest.split("\n[", 1)[0])
    return match.group(1) if match else "0"
