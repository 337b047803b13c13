"""Which prospects hold autosaved edits newer than their last explicit save (crash recovery).

Autosave stores a draft through the store itself (``models.services.prospects.save`` with
``submit=False``; drafts never sync), so after a crash or a power cut the typing is in the
encrypted store. What the store cannot tell is whether its content came from autosave or from
*Simpan draf*/*Simpan & kirim*; this small file does. It holds record ids, what kind of version
an autosave covered (``new``: never saved by hand, ``draft``, ``submitted``) and the UTC time:
no personal data, so it may live beside the store in the profile folder.

The editor adds an entry after each autosave commit and removes it after an explicit save, after
*Buang* and when it closes normally. An entry still present when a record opens means the app
ended with unsaved work, and the editor offers *Lanjutkan* / *Buang*.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from core import paths

__all__ = ["Marker", "RecoveryLog"]

log = logging.getLogger(__name__)

FILE_NAME = "editor_recovery.json"
Kind = Literal["new", "draft", "submitted"]


class Marker:
    def __init__(self, kind: Kind, at: datetime) -> None:
        self.kind = kind
        self.at = at


class RecoveryLog:
    """A tiny JSON map ``{record_id: {"kind": …, "at": ISO UTC}}`` written atomically."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = Path(folder or paths.data_dir()) / FILE_NAME

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("recovery log %s unreadable; starting a new one", self.path)
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".recovery-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def mark(self, record_id: uuid.UUID, *, kind: Kind, at: datetime | None = None) -> None:
        data = self._read()
        key = str(record_id)
        previous = data.get(key)
        # The first autosave decides the kind: later ones cover the same explicit version.
        stored_kind = previous.get("kind", kind) if previous else kind
        data[key] = {"kind": stored_kind, "at": (at or datetime.now(UTC)).isoformat()}
        self._write(data)

    def clear(self, record_id: uuid.UUID) -> None:
        data = self._read()
        if data.pop(str(record_id), None) is not None:
            self._write(data)

    def get(self, record_id: uuid.UUID) -> Marker | None:
        entry = self._read().get(str(record_id))
        if not entry:
            return None
        kind = entry.get("kind")
        if kind not in ("new", "draft", "submitted"):
            return None
        try:
            at = datetime.fromisoformat(entry.get("at", ""))
        except ValueError:
            at = datetime.now(UTC)
        return Marker(kind, at)  # type: ignore[arg-type]

    def pending(self) -> list[uuid.UUID]:
        """Records with unsaved autosaved work (the shell may offer to reopen them)."""
        out = []
        for key in self._read():
            try:
                out.append(uuid.UUID(key))
            except ValueError:
                continue
        return out
