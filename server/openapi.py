"""The committed OpenAPI schema (``server/openapi.json``), generated from the app itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

COMMITTED = Path(__file__).parent / "openapi.json"


def schema() -> dict[str, Any]:
    """The schema of the app's routes and models (no database needed)."""
    from server.app import make_fastapi

    return make_fastapi().openapi()


def schema_text() -> str:
    return json.dumps(schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
