"""The newest schema revision of the local store, read off the migration scripts' text.

``quick_head`` reads the ``revision``/``down_revision`` lines without importing Alembic or
SQLAlchemy: ``models.migrate`` uses it to see that a store needs no upgrade, and
``models.first_page`` to see that the store it reads before the ORM loads has the schema its
query expects.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = ["MIGRATIONS_DIR", "quick_head"]

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*[\"']([^\"']+)[\"']\s*$", re.MULTILINE)
_DOWN = re.compile(
    r"^down_revision\s*(?::[^=]*)?=\s*(?:None|[\"']([^\"']+)[\"'])\s*$", re.MULTILINE
)


@lru_cache(maxsize=1)
def quick_head() -> str | None:
    """The newest revision read off the scripts' ``revision``/``down_revision`` lines.

    ``None`` when the scripts are anything but one plain chain (a merge, a branch, a line this
    reader does not understand): then ``head_revision()`` asks Alembic."""
    revisions: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        text = script.read_text(encoding="utf-8")
        found, down = _REVISION.findall(text), _DOWN.findall(text)
        if len(found) != 1 or len(down) != 1 or found[0] in revisions:
            return None
        revisions[found[0]] = down[0] or None
    parents = set(revisions.values())
    heads = [rev for rev in revisions if rev not in parents]
    roots = [rev for rev, down in revisions.items() if down is None]
    if len(heads) != 1 or len(roots) != 1 or not parents - {None} <= revisions.keys():
        return None
    return heads[0]
