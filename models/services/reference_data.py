"""Reference data in the rules: what an unlock and a download put into ``models.rules``.

``install_stored`` (called by ``load_agent_context`` as a session starts) puts the newest valid
downloaded version of each dataset into the rules, after a reset, so one profile's data never
leaks into the next. A stored version the rules now refuse (say, after an app update) is
skipped: the shipped data stays. Cheap with nothing stored: one small query, and the rules'
loaders are not even imported when nothing was ever installed in this process.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

from sqlalchemy.orm import Session

from models.repositories import reference_data as reference_repo
from models.rules.datafiles import ReferenceDataError

__all__ = ["files_of", "install_stored"]

log = logging.getLogger(__name__)


def files_of(content: str | bytes, *, dataset: str, version: str) -> dict[str, str]:
    """The ``files`` of one served version (SYNC_PROTOCOL.md §4.7); ``ReferenceDataError`` if
    it is not that dataset's version in that shape."""
    try:
        text = content.decode("utf-8") if isinstance(content, bytes) else content
        body: Any = json.loads(text)
    except ValueError as exc:  # UnicodeDecodeError included
        raise ReferenceDataError(params={"dataset": dataset}, detail=f"not JSON: {exc}") from exc
    if not isinstance(body, dict) or not isinstance(body.get("files"), dict):
        raise ReferenceDataError(params={"dataset": dataset}, detail="no files object")
    if body.get("dataset") != dataset or body.get("version") != version:
        raise ReferenceDataError(
            params={"dataset": dataset},
            detail=f"content is {body.get('dataset')}/{body.get('version')}, "
            f"not {dataset}/{version}",
        )
    files = body["files"]
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        raise ReferenceDataError(params={"dataset": dataset}, detail="files must be texts")
    return files


def install_stored(session: Session) -> dict[str, str]:
    """Reset the rules to the shipped data, then install each dataset's newest valid stored
    version; returns dataset → version installed."""
    rows = reference_repo.newest_valid(session)
    if not rows and "models.rules.reference" not in sys.modules:
        return {}  # nothing stored, nothing installed: the rules read the shipped files
    from models.rules import reference as rules_reference

    rules_reference.reset()
    out: dict[str, str] = {}
    for row in rows:
        try:
            files = files_of(row.content or "", dataset=row.dataset, version=row.version)
            rules_reference.install(row.dataset, files, version=row.version)
        except ReferenceDataError as exc:
            log.warning("stored reference %s/%s refused: %s", row.dataset, row.version, exc)
            continue
        out[row.dataset] = row.version
    return out
