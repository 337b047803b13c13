"""Reading the shipped reference data of ``models/rules/data/`` (UTF-8, LF, RFC 4180 CSV).

Every value is read as a string: region codes such as ``33.10`` must never become numbers.
Callers convert the columns they know and cache the result (``functools.lru_cache``).

A file may be overridden by newer reference data from the server (``models.rules.reference``
installs it after validating it): every reader here looks at the override first.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from contextvars import ContextVar
from pathlib import Path

from core.errors import JangkauError

DATA_DIR = Path(__file__).parent / "data"


class ReferenceDataError(JangkauError):
    """A shipped data file is missing, malformed or self-contradictory (a release defect)."""

    default_code = "reference-data-invalid"


# Installed overrides (relative path -> text), replaced whole by ``models.rules.reference``.
_installed: Mapping[str, str] = {}
# Texts being validated in this thread/context only (``reference.validate``); they win.
_candidate: ContextVar[Mapping[str, str] | None] = ContextVar("reference_candidate", default=None)


def set_overrides(texts: Mapping[str, str]) -> None:
    """Replace every installed override (``models.rules.reference`` only)."""
    global _installed
    _installed = dict(texts)


def override(relative: str) -> str | None:
    """The text that replaces ``data/<relative>``, if any."""
    candidate = _candidate.get()
    if candidate is not None and relative in candidate:
        return candidate[relative]
    return _installed.get(relative)


def _parse_csv(
    handle: io.TextIOBase, relative: str, columns: tuple[str, ...]
) -> list[dict[str, str]]:
    reader = csv.DictReader(handle)
    header = tuple(reader.fieldnames or ())
    missing = [name for name in columns if name not in header]
    if missing:
        raise ReferenceDataError(
            params={"file": relative, "missing_columns": missing},
            detail=f"{relative}: missing columns {missing}",
        )
    return [
        {key: (value or "").strip() for key, value in row.items() if key is not None}
        for row in reader
    ]


def read_csv(relative: str, *, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """All rows of ``data/<relative>`` as dicts of stripped strings; checks the header."""
    text = override(relative)
    if text is not None:
        try:
            return _parse_csv(io.StringIO(text, newline=""), relative, columns)
        except csv.Error as exc:
            raise ReferenceDataError(params={"file": relative}, detail=str(exc)) from exc
    path = DATA_DIR / relative
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return _parse_csv(handle, relative, columns)
    except OSError as exc:
        raise ReferenceDataError(params={"file": relative}, detail=str(exc)) from exc


def read_text(relative: str) -> str:
    text = override(relative)
    if text is not None:
        return text
    path = DATA_DIR / relative
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReferenceDataError(params={"file": relative}, detail=str(exc)) from exc


def read_bytes(relative: str) -> bytes:
    """The exact bytes (an override's UTF-8 encoding): notice hashes are taken over them."""
    text = override(relative)
    if text is not None:
        return text.encode("utf-8")
    try:
        return (DATA_DIR / relative).read_bytes()
    except OSError as exc:
        raise ReferenceDataError(params={"file": relative}, detail=str(exc)) from exc
