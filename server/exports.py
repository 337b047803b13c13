"""Exports of prospects for supervisors and the branch: CSV or XLSX (openpyxl).

Columns are the ``ProspectPayload`` fields plus the server's state; region codes and NIKs stay
text (``33.10`` must never become ``33.1``; a NIK must never become a float). Restricted
prospects (UU PDP restriction) are left out. Export *scoping and auditing per supervisor*
arrives with the review API; this is the admin/CLI export.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from server.db import Database
from server.models.records import Record
from sync.protocol import ProspectPayload

STATE_COLUMNS = ("record_id", "revision", "review_state", "flags", "area_code", "updated_at")
SKIP_FIELDS = {"heirs", "acknowledged_warnings", "quote"}
PAYLOAD_COLUMNS = tuple(name for name in ProspectPayload.model_fields if name not in SKIP_FIELDS)
COLUMNS = STATE_COLUMNS + PAYLOAD_COLUMNS


def _rows(
    database: Database, *, areas: Sequence[str] | None, states: Sequence[str] | None
) -> Iterator[list[str]]:
    with database.read() as session:
        stmt = select(Record).where(Record.entity_type == "prospect", Record.deleted.is_(False))
        if areas:
            stmt = stmt.where(
                or_(
                    *(
                        or_(Record.area_code == a, Record.area_code.startswith(a + "."))
                        for a in areas
                    )
                )
            )
        if states:
            stmt = stmt.where(Record.review_state.in_(list(states)))
        for record in session.scalars(stmt.order_by(Record.area_code, Record.id)).yield_per(500):
            payload: dict[str, Any] = json.loads(record.payload)
            if payload.get("restricted"):
                continue
            head = [
                str(record.id),
                str(record.revision),
                record.review_state or "",
                ",".join(record.flags or []),
                record.area_code or "",
                record.updated_at.isoformat(),
            ]
            yield head + [_text(payload.get(name)) for name in PAYLOAD_COLUMNS]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def export_records(
    database: Database,
    *,
    out: Path,
    fmt: str = "csv",
    areas: Sequence[str] | None = None,
    states: Sequence[str] | None = None,
) -> int:
    """Write the prospects to ``out``; returns how many rows were written."""
    count = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        with out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for row in _rows(database, areas=areas, states=states):
                writer.writerow(row)
                count += 1
        return count
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("prospects")
    sheet.append(list(COLUMNS))
    for row in _rows(database, areas=areas, states=states):
        sheet.append(row)  # every cell a string: codes and NIKs stay text
        count += 1
    book.save(out)
    return count
