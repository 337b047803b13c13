"""Reading the shipped reference data of ``models/rules/data/`` (UTF-8, LF, RFC 4180 CSV).

Every value is read as a string: region codes such as ``33.10`` must never become numbers.
Callers convert the columns they know and cache the result (``functools.lru_cache``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from core.errors import JangkauError

DATA_DIR = Path(__file__).parent / "data"


class ReferenceDataError(JangkauError):
    """A shipped data file is missing, malformed or self-contradictory (a release defect)."""

    default_code = "reference-data-invalid"


def read_csv(relative: str, *, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """All rows of ``data/<relative>`` as dicts of stripped strings; checks the header."""
    path = DATA_DIR / relative
    try:
        with path.open(encoding="utf-8", newline="") as handle:
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
    except OSError as exc:
        raise ReferenceDataError(params={"file": relative}, detail=str(exc)) from exc


def read_text(relative: str) -> str:
    path = DATA_DIR / relative
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReferenceDataError(params={"file": relative}, detail=str(exc)) from exc
