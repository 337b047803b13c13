"""Exports of approved enrollments for the branch office: CSV and XLSX (SYNC_PROTOCOL.md §4.10).

``GET /exports/records?format=&area=&from=&to=``: the approved, non-restricted prospects in the
caller's scope (a supervisor's areas, or everything for an admin), narrowed to ``area`` and to
an approval period (``from``/``to``, calendar days in WIB, inclusive). 10 exports per hour per
user; every export is audited (filters and row count, no personal data).

Consistency: one write transaction first stamps ``exported_at`` on the approved records the
export covers (a record once exported can no longer be reopened, §5) and writes the audit row;
the rows are then streamed from a read snapshot taking exactly the approved records with an
``exported_at``. A record approved after the stamp waits for the next export; nothing exported
can change state afterwards (approved records are locked to pushes and reopening needs no
export), so the file holds exactly the set counted in the audit row.

Cells are text except amounts and counts, so NIKs and region codes (``33.10``) survive a
spreadsheet; cells that a spreadsheet would read as a formula are neutralised (CSV: a leading
apostrophe; XLSX: stored as strings). The XLSX has a summary sheet first ("Ringkasan": counts
per regency, district, occupation and agent) and the records after it; it is built in a
temporary file (openpyxl write-only mode, constant memory) and then streamed in chunks. The CSV
(UTF-8 with BOM, comma-separated) streams row by row.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from models.rules.occupations import occupation
from server.clock import WIB
from server.config import ServerSettings
from server.db import Database
from server.models.identity import Area, User
from server.models.records import Record
from server.problems import ProblemError
from server.repositories import audit as audit_repo
from server.repositories import review as repo
from server.repositories import throttle
from server.repositories.audit import AuditEntry
from server.services.context import Caller, UserAuth
from server.services.review import check_area_filter, reader_areas
from sync import protocol

Format = Literal["csv", "xlsx"]
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CHUNK = 64 * 1024

HEAD_COLUMNS = (
    "record_id",
    "revision",
    "approved_at",
    "agent_username",
    "agent_name",
    "area_code",
)
SKIP_FIELDS = frozenset(
    {
        "area_code",
        "acknowledged_warnings",
        "quote",
        "notes",
        "restricted",
        "outreach_event_id",
        "consent_id",
        "signature_participant",
        "signature_agent",
        "heirs",
    }
)
NAMED_REGIONS = {"regency_code": "regency_name", "district_code": "district_name"}
NAMED_VILLAGE = ("village_code", "village_name")
NAMED_OCCUPATIONS = {"occupation_1": "occupation_1_name", "occupation_2": "occupation_2_name"}
NUMBER_FIELDS = frozenset({"declared_income", "payment_period_months"})
TAIL_COLUMNS = ("heirs", "monthly_contribution", "quote_total")


def _payload_columns() -> tuple[str, ...]:
    out: list[str] = []
    for name in protocol.ProspectPayload.model_fields:
        if name in SKIP_FIELDS:
            continue
        out.append(name)
        if name in NAMED_REGIONS:
            out.append(NAMED_REGIONS[name])
        elif name == NAMED_VILLAGE[0]:
            out.append(NAMED_VILLAGE[1])
        elif name in NAMED_OCCUPATIONS:
            out.append(NAMED_OCCUPATIONS[name])
    return tuple(out)


COLUMNS = HEAD_COLUMNS + _payload_columns() + TAIL_COLUMNS


@dataclass(frozen=True, slots=True)
class Export:
    """An export that has been stamped and audited; ``rows()`` streams its bytes."""

    fmt: Format
    areas: tuple[str, ...] | None
    area: str | None
    date_from: date | None
    date_to: date | None
    count: int
    created_at: datetime
    export_id: uuid.UUID

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.fmt]

    @property
    def filename(self) -> str:
        scope = (self.area or "semua").replace(".", "-")
        stamp = self.created_at.astimezone(WIB).strftime("%Y%m%d-%H%M")
        return f"jangkau-disetujui-{scope}-{stamp}.{self.fmt}"


def _period(date_from: date | None, date_to: date | None) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if date_from is not None:
        clauses.append(Record.approved_at >= datetime.combine(date_from, time(0), WIB))
    if date_to is not None:
        end = datetime.combine(date_to + timedelta(days=1), time(0), WIB)
        clauses.append(Record.approved_at < end)
    return clauses


def _selection(session: Session, export: Export | _Filter) -> list[ColumnElement[bool]]:
    clauses = repo.prospects_filter(areas=export.areas, area=export.area, state="approved")
    clauses += [Record.deleted.is_(False), ~repo.payload_true(session, "restricted")]
    return clauses + _period(export.date_from, export.date_to)


@dataclass(frozen=True, slots=True)
class _Filter:
    areas: tuple[str, ...] | None
    area: str | None
    date_from: date | None
    date_to: date | None


def start_export(
    db: Database,
    *,
    by: UserAuth,
    fmt: Format,
    area: str | None,
    date_from: date | None,
    date_to: date | None,
    caller: Caller,
    settings: ServerSettings,
) -> Export:
    """Check, rate-limit, stamp and audit an export; the bytes come from ``stream``."""
    if not (by.is_admin or by.is_supervisor):
        raise ProblemError("role-not-permitted")
    check_area_filter(by, area)
    if date_from and date_to and date_from > date_to:
        raise ProblemError("validation-failed", errors=[{"field": "from", "code": "after-to"}])
    now = caller.now
    hour = int(now.timestamp() // 3600)
    wanted = _Filter(reader_areas(by), area, date_from, date_to)
    export_id = uuid.UUID(bytes=uuid.uuid4().bytes)
    with db.write() as session:
        count = throttle.hit(session, bucket=f"export:{by.user_id}", window_start=hour)
        if count > settings.rate_exports_per_hour:
            retry = str(3600 - int(now.timestamp()) % 3600)
            raise ProblemError("rate-limited", headers={"Retry-After": retry}, audit=False)
        clauses = _selection(session, wanted)
        session.execute(
            update(Record)
            .where(*clauses, Record.exported_at.is_(None))
            .values(exported_at=now)
            .execution_options(synchronize_session=False)
        )
        rows = int(
            session.execute(
                select(func.count())
                .select_from(Record)
                .where(*clauses, Record.exported_at.isnot(None))
            ).scalar_one()
        )
        audit_repo.append(
            session,
            [
                AuditEntry(
                    action="export.records",
                    result=fmt,
                    actor_id=by.user_id,
                    actor_role=by.role,
                    entity_type="export",
                    entity_id=str(export_id),
                    ip=caller.ip,
                    detail={
                        "area": area,
                        "scope": sorted(wanted.areas) if wanted.areas is not None else None,
                        "from": date_from.isoformat() if date_from else None,
                        "to": date_to.isoformat() if date_to else None,
                        "rows": rows,
                    },
                )
            ],
            now=now,
        )
    return Export(fmt, wanted.areas, area, date_from, date_to, rows, now, export_id)


# ---------------------------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------------------------


@dataclass
class Summary:
    regencies: Counter[str] = field(default_factory=Counter)
    districts: Counter[str] = field(default_factory=Counter)
    occupations: Counter[str] = field(default_factory=Counter)
    agents: Counter[tuple[str, str]] = field(default_factory=Counter)
    total: int = 0

    def add(self, payload: dict[str, Any], area_code: str, agent: tuple[str, str]) -> None:
        self.total += 1
        regency = payload.get("regency_code") or area_code[:5]
        district = payload.get("district_code") or (area_code[:8] if len(area_code) >= 8 else "")
        self.regencies[str(regency)] += 1
        if district:
            self.districts[str(district)] += 1
        self.occupations[str(payload.get("occupation_1") or "")] += 1
        self.agents[agent] += 1


def _heirs(payload: dict[str, Any]) -> str:
    parts = []
    for heir in payload.get("heirs") or []:
        if isinstance(heir, dict):
            parts.append(
                f"{heir.get('order', '')}. {heir.get('name', '')} ({heir.get('relationship', '')})"
            )
    return "; ".join(parts)


def _row(
    record: Record, agent: tuple[str, str], names: dict[str, str]
) -> tuple[list[Any], dict[str, Any]]:
    payload = json.loads(record.payload)
    values: dict[str, Any] = {
        "record_id": str(record.id),
        "revision": record.revision,
        "approved_at": record.approved_at.astimezone(WIB).strftime("%Y-%m-%d %H:%M")
        if record.approved_at
        else "",
        "agent_username": agent[0],
        "agent_name": agent[1],
        "area_code": record.area_code or "",
    }
    for name in _payload_columns():
        if name in NAMED_REGIONS.values() or name == NAMED_VILLAGE[1]:
            continue
        if name in NAMED_OCCUPATIONS.values():
            continue
        value = payload.get(name)
        values[name] = value
        if name in NAMED_REGIONS:
            values[NAMED_REGIONS[name]] = names.get(str(value), "") if value else ""
        elif name == NAMED_VILLAGE[0]:
            values[NAMED_VILLAGE[1]] = names.get(str(value), "") if value else ""
        elif name in NAMED_OCCUPATIONS:
            values[NAMED_OCCUPATIONS[name]] = _occupation_label(str(value)) if value else ""
    quote = payload.get("quote") if isinstance(payload.get("quote"), dict) else {}
    values["heirs"] = _heirs(payload)
    values["monthly_contribution"] = quote.get("monthly_first") if quote else None
    values["quote_total"] = quote.get("total") if quote else None
    return [values.get(c) for c in COLUMNS], payload


def _records(session: Session, export: Export) -> Iterator[tuple[Record, tuple[str, str]]]:
    stmt = (
        select(Record, User.username, User.display_name)
        .join(User, User.id == Record.agent_id)
        .where(*_selection(session, export), Record.exported_at.isnot(None))
        .order_by(Record.area_code, Record.approved_at, Record.id)
        .execution_options(yield_per=500)
    )
    for record, username, display_name in session.execute(stmt):
        yield record, (username, display_name)


def _area_names(session: Session) -> dict[str, str]:
    return {code: name for code, name in session.execute(select(Area.code, Area.name))}


def _occupation_label(code: str) -> str:
    found = occupation(code) if code else None
    return found.label_id if found else ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def csv_safe(text: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (``=``, ``@``, tab,
    CR, or ``+``/``-`` not followed by a digit: ``+62812…`` and ``-5`` stay as they are)."""
    if not text:
        return text
    first = text[0]
    if first in "=@\t\r" or (first in "+-" and not text[1:2].isdigit()):
        return "'" + text
    return text


def stream(db: Database, export: Export) -> Iterator[bytes]:
    """The export's bytes, chunk by chunk."""
    if export.fmt == "csv":
        yield from _csv(db, export)
    else:
        yield from _xlsx(db, export)


def _csv(db: Database, export: Export) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(COLUMNS)
    with db.read() as session:
        names = _area_names(session)
        for record, agent in _records(session, export):
            row, _ = _row(record, agent, names)
            writer.writerow([csv_safe(_text(v)) for v in row])
            if buffer.tell() >= CHUNK:
                yield buffer.getvalue().encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def _xlsx(db: Database, export: Export) -> Iterator[bytes]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    summary_sheet = book.create_sheet("Ringkasan")
    sheet = book.create_sheet("Peserta")
    sheet.append(list(COLUMNS))
    numeric = {COLUMNS.index(c) for c in (*NUMBER_FIELDS, "revision", *TAIL_COLUMNS[1:])}

    def cell(index: int, value: Any) -> Any:
        if index in numeric and isinstance(value, int) and not isinstance(value, bool):
            return value
        text = _text(value)
        written = WriteOnlyCell(sheet, value=text)
        written.data_type = "s"  # never a formula, never a number (NIK, 33.10)
        return written

    summary = Summary()
    with db.read() as session:
        names = _area_names(session)
        for record, agent in _records(session, export):
            row, payload = _row(record, agent, names)
            sheet.append([cell(i, v) for i, v in enumerate(row)])
            summary.add(payload, record.area_code or "", agent)
    _write_summary(summary_sheet, export, summary, names)
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as handle:
        book.save(handle)
        handle.seek(0)
        while chunk := handle.read(CHUNK):
            yield chunk


def _write_summary(sheet: Any, export: Export, summary: Summary, names: dict[str, str]) -> None:
    period = " – ".join(d.isoformat() if d else "…" for d in (export.date_from, export.date_to))
    scope = export.area or (", ".join(export.areas) if export.areas is not None else "semua")
    sheet.append(["Peserta BPU disetujui"])
    sheet.append(["Wilayah", scope])
    sheet.append(
        ["Periode persetujuan", period if (export.date_from or export.date_to) else "semua"]
    )
    sheet.append(["Dibuat", export.created_at.astimezone(WIB).strftime("%Y-%m-%d %H:%M WIB")])
    sheet.append(["Jumlah peserta", summary.total])
    tables: Sequence[tuple[str, list[tuple[str, str, int]]]] = (
        (
            "Kabupaten/Kota",
            [(code, names.get(code, ""), n) for code, n in sorted(summary.regencies.items())],
        ),
        (
            "Kecamatan",
            [(code, names.get(code, ""), n) for code, n in sorted(summary.districts.items())],
        ),
        (
            "Pekerjaan",
            [(code, _occupation_label(code), n) for code, n in sorted(summary.occupations.items())],
        ),
        (
            "Petugas",
            [(user, name, n) for (user, name), n in sorted(summary.agents.items())],
        ),
    )
    for title, rows in tables:
        sheet.append([])
        sheet.append([title, "Nama", "Jumlah"])
        for code, name, n in rows:
            sheet.append([code, name, n])
