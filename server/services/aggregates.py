"""Coverage aggregates for supervisors: ``GET /api/v1/review/dashboard`` (UI.md §3.10).

Counts, for the caller's scope (a supervisor's areas, an admin's everything, narrowed by an
optional ``area`` that must overlap it, else 404 as in review), a period of WIB calendar days
and a breakdown (village, district, regency, occupation, agent, week):

- *Prospek*: live prospects first received in the period (the cohort; ``created_at``), and
  *Disetujui*: how many of them are approved now, so a row's approvals never exceed its
  prospects. The server only holds submitted prospects: its funnel is submitted → approved.
- *Tindak lanjut*: prospects whose newest follow-up (visit record, by date then id) is open
  (not ``ENROLLED``/``REFUSED``) and due on or before the period's end.
- *Kegiatan*: outreach events dated in the period.

The same rules as the laptop's ``models/services/dashboard.py``; the reply has the same shape
(``DashboardData.to_json``). Payload facts come from generated columns and the queries read
partial covering indexes (migration ``0004_dashboard``): one grouped scan for prospects, one
newest-visit-per-prospect pass for follow-ups, one count for events, in one read snapshot.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from models.rules.baseline import baseline_for, branch_baseline
from models.rules.occupations import occupation
from models.rules.regions import regions
from server.db import Database
from server.models.identity import User
from server.services.context import UserAuth
from server.services.review import check_area_filter, reader_areas

__all__ = ["BY_OPTIONS", "DashboardReply", "dashboard"]

WIB = timezone(timedelta(hours=7), "WIB")
By = Literal["village", "district", "regency", "occupation", "agent", "week"]
BY_OPTIONS: tuple[str, ...] = ("village", "district", "regency", "occupation", "agent", "week")
CLOSING_OUTCOMES = ("ENROLLED", "REFUSED")
LIVE_PROSPECT = "entity_type = 'prospect' AND deleted = false"  # as in the partial indexes
LIVE_VISIT = "entity_type = 'visit' AND deleted = false"
LIVE_EVENT = "entity_type = 'outreach_event' AND deleted = false"


# -- reply ------------------------------------------------------------------------------------


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TotalsOut(_Out):
    events: int
    prospects: int
    approved: int
    follow_ups: int


class FunnelOut(_Out):
    stage: Literal["contacted", "interested", "printed", "submitted", "approved"]
    count: int


class RowOut(_Out):
    key: str
    label: str | None
    prospects: int
    approved: int
    follow_ups: int | None
    target: int | None


class BaselineOut(_Out):
    code: str
    name: str
    bpu_active: int | None
    all_active: int | None
    as_of: date | None
    status: str
    note: str


class DashboardReply(_Out):
    """Coverage counts; ``rows`` follow ``by`` (weeks by their Monday ``YYYY-MM-DD``)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    by: By
    from_: date | None = Field(default=None, alias="from")
    to: date | None = None
    area: str | None = None
    totals: TotalsOut
    funnel: list[FunnelOut]
    rows: list[RowOut]
    baseline: BaselineOut
    source: Literal["server"] = "server"
    generated_at: datetime

    def wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


# -- SQL pieces ---------------------------------------------------------------------------------


def _scope(
    areas: Sequence[str] | None,
    area: str | None,
    params: dict[str, Any],
    *,
    column: str = "area_code",
) -> str:
    """§2.4 ``in_scope(column, S)`` as index-friendly ranges (``s.`` ≤ code < ``s/``)."""
    clauses = []
    for group, codes in (("s", areas), ("a", [area] if area else None)):
        if codes is None:
            continue
        if not codes:
            return "1 = 0"
        parts = []
        for i, code in enumerate(codes):
            params[f"{group}{i}"] = code
            params[f"{group}{i}_lo"] = code + "."
            params[f"{group}{i}_hi"] = code + "/"
            parts.append(
                f"({column} = :{group}{i} OR "
                f"({column} >= :{group}{i}_lo AND {column} < :{group}{i}_hi))"
            )
        clauses.append("(" + " OR ".join(parts) + ")")
    return " AND ".join(clauses) if clauses else "1 = 1"


# Payload facts: generated columns on PostgreSQL (migration 0004_dashboard), JSON on SQLite.
_FACTS = {
    "dash_place": ("village_code", "district_code"),
    "dash_occupation": ("occupation_1",),
    "dash_date": ("date",),
    "dash_due": ("due_date",),
    "dash_outcome": ("outcome",),
}


def _fact(name: str, postgres: bool, alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    if postgres:
        return prefix + name
    parts = [f"json_extract({prefix}payload, '$.{key}')" for key in _FACTS[name]]
    return parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"


def _day_expression(postgres: bool, column: str = "created_at") -> str:
    if postgres:
        return f"CAST(timezone('Asia/Jakarta', {column}) AS date)"
    return f"date({column}, '+7 hours')"


def _bound(day: date, *, postgres: bool) -> Any:
    """WIB midnight of ``day`` as the database stores ``created_at`` (SQLite: naive UTC)."""
    moment = datetime.combine(day, time(0), tzinfo=WIB).astimezone(UTC)
    return moment if postgres else moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _group_column(by: str, postgres: bool, alias: str = "") -> str:
    if by in ("village", "district", "regency"):
        return _fact("dash_place", postgres, alias)
    if by == "occupation":
        return _fact("dash_occupation", postgres, alias)
    if by == "agent":
        return f"{alias}.agent_id" if alias else "agent_id"
    return _day_expression(postgres, f"{alias}.created_at" if alias else "created_at")


def _fold(by: str, raw: Any) -> str:
    if raw is None:
        return ""
    if by == "district":
        return str(raw)[:8]
    if by == "regency":
        return str(raw)[:5]
    if by == "week":
        day = raw if isinstance(raw, date) else date.fromisoformat(str(raw)[:10])
        return (day - timedelta(days=day.weekday())).isoformat()
    if by == "agent":
        return str(raw if isinstance(raw, uuid.UUID) else uuid.UUID(str(raw)))
    return str(raw)


# -- queries ------------------------------------------------------------------------------------


def _prospects(
    session: Session, *, by: str, where: str, params: dict[str, Any], postgres: bool
) -> dict[str, list[int]]:
    group = _group_column(by, postgres)
    stmt = text(
        f"SELECT {group} AS k, count(*) AS n, "
        "sum(CASE WHEN review_state = 'approved' THEN 1 ELSE 0 END) AS approved "
        f"FROM records WHERE {LIVE_PROSPECT} AND {where} GROUP BY {group}"
    )
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for key, n, approved in session.execute(stmt, params):
        row = out[_fold(by, key)]
        row[0] += int(n)
        row[1] += int(approved or 0)
    return out


def _follow_ups(
    session: Session,
    *,
    by: str,
    scope: str,
    params: dict[str, Any],
    end: date | None,
    postgres: bool,
) -> dict[str, int]:
    """Prospects whose newest visit is open and due by ``end``, keyed like the breakdown."""
    if postgres:
        latest = (
            "SELECT DISTINCT ON (parent_id) parent_id, dash_due, dash_outcome FROM records "
            f"WHERE {LIVE_VISIT} AND {scope} ORDER BY parent_id, dash_date DESC, id DESC"
        )
    else:  # SQLite: bare columns of a max() aggregate come from the row holding the max
        latest = (
            f"SELECT parent_id, {_fact('dash_due', False)} AS dash_due, "
            f"{_fact('dash_outcome', False)} AS dash_outcome, "
            f"max(coalesce({_fact('dash_date', False)}, '') || '|' || id) AS newest "
            f"FROM records WHERE {LIVE_VISIT} AND {scope} GROUP BY parent_id"
        )
    group = "v.dash_due" if by == "week" else _group_column(by, postgres, "p")
    due = "" if end is None else " AND v.dash_due <= :due_end"
    params = {**params, "due_end": end.isoformat()} if end is not None else params
    stmt = text(
        f"WITH v AS ({latest}) SELECT {group} AS k, count(*) AS n "
        "FROM v JOIN records p ON p.id = v.parent_id "
        f"WHERE v.dash_due IS NOT NULL{due} "
        "AND coalesce(v.dash_outcome, '') NOT IN ('ENROLLED', 'REFUSED') "
        "AND p.entity_type = 'prospect' AND p.deleted = false "
        f"GROUP BY {group}"
    )
    out: dict[str, int] = defaultdict(int)
    for key, n in session.execute(stmt, params):
        out[_fold(by, key)] += int(n)
    return out


def _events(
    session: Session,
    *,
    scope: str,
    params: dict[str, Any],
    start: date | None,
    end: date | None,
    postgres: bool,
) -> int:
    where = f"{LIVE_EVENT} AND {scope}"
    params = dict(params)
    day = _fact("dash_date", postgres)
    if start is not None:
        where += f" AND {day} >= :ev_start"
        params["ev_start"] = start.isoformat()
    if end is not None:
        where += f" AND {day} <= :ev_end"
        params["ev_end"] = end.isoformat()
    return int(
        session.execute(text(f"SELECT count(*) FROM records WHERE {where}"), params).scalar_one()
    )


def _labels(session: Session, by: str, keys: Sequence[str]) -> dict[str, str | None]:
    if by == "agent":
        ids = [uuid.UUID(k) for k in keys if k]
        names = (
            {
                str(u.id): u.display_name
                for u in session.scalars(select(User).where(User.id.in_(ids)))
            }
            if ids
            else {}
        )
        return {k: names.get(k) for k in keys}
    out: dict[str, str | None] = {}
    for key in keys:
        if not key or by == "week":
            out[key] = None
        elif by == "occupation":
            found = occupation(key)
            out[key] = found.label_id if found else key
        else:
            out[key] = regions().name(key) or key
    return out


def _target(by: str, key: str) -> int | None:
    if by != "regency" or not key:
        return None
    found = baseline_for(key)
    return found.bpu_active if found is not None else None


def _sorted(by: str, rows: list[RowOut]) -> list[RowOut]:
    if by == "week":
        return sorted(rows, key=lambda r: r.key)
    return sorted(rows, key=lambda r: (-r.prospects, -r.approved, r.label or "", r.key))


# -- the summary (PostgreSQL, migration 0006_dashboard_summary) -----------------------------------


def summary_usable(areas: Sequence[str] | None, area: str | None) -> bool:
    """The summary keys scope by kecamatan: usable when no scope code is finer than that."""
    codes = [*(areas or ()), *([area] if area else [])]
    return all(code.count(".") <= 2 for code in codes)


def _month_after(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def split_period(
    kind: str, start: date | None, end: date | None
) -> tuple[tuple[date | None, date | None] | None, list[tuple[date | None, date | None]]]:
    """The whole buckets (months ``m`` or ISO weeks ``w``) inside [start, end] as a range of
    bucket starts, and the leftover day ranges at either end (read from the records)."""

    def floor(day: date) -> date:
        return day.replace(day=1) if kind == "m" else day - timedelta(days=day.weekday())

    def following(bucket: date) -> date:
        return _month_after(bucket) if kind == "m" else bucket + timedelta(days=7)

    first = None if start is None else (start if floor(start) == start else following(floor(start)))
    last = None
    if end is not None:
        bucket = floor(end)
        last = bucket if following(bucket) - timedelta(days=1) == end else None
        if last is None:  # the bucket of ``end`` is partial: the one before is the last whole
            last = floor(bucket - timedelta(days=1))
    if first is not None and last is not None and first > last:
        return None, [(start, end)]
    edges: list[tuple[date | None, date | None]] = []
    if start is not None and first is not None and start < first:
        edges.append((start, first - timedelta(days=1)))
    if end is not None and last is not None and following(last) <= end:
        edges.append((following(last), end))
    return (first, last), edges


_SUMMARY_DIM = {"village": "p", "district": "p", "regency": "p", "agent": "p", "occupation": "o"}


def _summary_prospects(
    session: Session, *, by: str, scope: str, params: dict[str, Any], buckets: tuple[Any, Any]
) -> dict[str, list[int]]:
    kind, dim = ("w", "a") if by == "week" else ("m", _SUMMARY_DIM[by])
    group = {"week": "bucket", "agent": "agent_id"}.get(by, "value")
    where = f"bucket_kind = '{kind}' AND dim = '{dim}' AND {scope}"
    values = dict(params)
    if buckets[0] is not None:
        where += " AND bucket >= :b_first"
        values["b_first"] = buckets[0]
    if buckets[1] is not None:
        where += " AND bucket <= :b_last"
        values["b_last"] = buckets[1]
    stmt = text(
        f"SELECT {group}, sum(prospects), sum(approved) FROM dashboard_counts "
        f"WHERE {where} GROUP BY {group}"
    )
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for key, n, approved in session.execute(stmt, values):
        row = out[_fold(by, key)]
        row[0] += int(n or 0)
        row[1] += int(approved or 0)
    return out


def _summary_follow_ups(
    session: Session, *, by: str, scope: str, params: dict[str, Any], end: date | None
) -> dict[str, int]:
    group = {"week": "due", "agent": "agent_id", "occupation": "occupation"}.get(by, "place")
    where = f"open AND prospect_live AND {scope}"
    values = dict(params)
    if end is not None:
        where += " AND due <= :due_end"
        values["due_end"] = end.isoformat()
    stmt = text(f"SELECT {group}, count(*) FROM follow_up_state WHERE {where} GROUP BY {group}")
    out: dict[str, int] = defaultdict(int)
    for key, n in session.execute(stmt, values):
        out[_fold(by, key)] += int(n)
    return out


def _counts_from_summary(
    session: Session,
    *,
    by: str,
    areas: Sequence[str] | None,
    area: str | None,
    start: date | None,
    end: date | None,
) -> tuple[dict[str, list[int]], dict[str, int]]:
    """Whole months (weeks for ``by=week``) from ``dashboard_counts``, the partial ones at the
    ends from the records, open follow-ups from ``follow_up_state``."""
    params: dict[str, Any] = {}
    by_district = _scope(areas, area, params, column="district")
    buckets, edges = split_period("w" if by == "week" else "m", start, end)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    if buckets is not None:
        counts.update(
            _summary_prospects(session, by=by, scope=by_district, params=params, buckets=buckets)
        )
    raw_params: dict[str, Any] = {}
    by_area = _scope(areas, area, raw_params)
    for lo, hi in edges:
        where, values = by_area, dict(raw_params)
        if lo is not None:
            where += " AND created_at >= :lo"
            values["lo"] = _bound(lo, postgres=True)
        if hi is not None:
            where += " AND created_at < :hi"
            values["hi"] = _bound(hi + timedelta(days=1), postgres=True)
        for key, row in _prospects(
            session, by=by, where=where, params=values, postgres=True
        ).items():
            counts[key][0] += row[0]
            counts[key][1] += row[1]
    follow = _summary_follow_ups(session, by=by, scope=by_district, params=params, end=end)
    return counts, follow


# -- the use case -------------------------------------------------------------------------------


def dashboard(
    db: Database,
    *,
    by_user: UserAuth,
    by: str,
    area: str | None,
    start: date | None,
    end: date | None,
    now: datetime,
) -> DashboardReply:
    """The dashboard in the caller's scope (``ProblemError("not-found")`` for an ``area``
    outside it). ``start``/``end`` are inclusive WIB days; ``None`` leaves that side open."""
    if by not in BY_OPTIONS:
        raise ValueError(f"unknown breakdown {by!r}")
    check_area_filter(by_user, area)
    areas = reader_areas(by_user)
    with db.read() as session:
        postgres = session.get_bind().dialect.name == "postgresql"
        if postgres:  # compiling these short queries costs more than running them
            session.execute(text("SET LOCAL jit = off"))
        params: dict[str, Any] = {}
        scope = _scope(areas, area, params)
        if postgres and summary_usable(areas, area):
            counts, follow = _counts_from_summary(
                session, by=by, areas=areas, area=area, start=start, end=end
            )
        else:
            where = scope
            raw = dict(params)
            if start is not None:
                where += " AND created_at >= :lo"
                raw["lo"] = _bound(start, postgres=postgres)
            if end is not None:
                where += " AND created_at < :hi"
                raw["hi"] = _bound(end + timedelta(days=1), postgres=postgres)
            counts = _prospects(session, by=by, where=where, params=raw, postgres=postgres)
            follow = _follow_ups(
                session, by=by, scope=scope, params=params, end=end, postgres=postgres
            )
        for key, n in follow.items():
            counts[key][2] += n
        events = _events(
            session, scope=scope, params=params, start=start, end=end, postgres=postgres
        )
        labels = _labels(session, by, list(counts))
    rows = [
        RowOut(
            key=key,
            label=labels.get(key),
            prospects=values[0],
            approved=values[1],
            follow_ups=values[2],
            target=_target(by, key),
        )
        for key, values in counts.items()
    ]
    prospects = sum(r.prospects for r in rows)
    approved = sum(r.approved for r in rows)
    base = branch_baseline()
    return DashboardReply(
        by=by,  # type: ignore[arg-type]
        from_=start,  # type: ignore[call-arg]  # the field's alias is the JSON key "from"
        to=end,
        area=area,
        totals=TotalsOut(
            events=events,
            prospects=prospects,
            approved=approved,
            follow_ups=sum(follow.values()),
        ),
        funnel=[
            FunnelOut(stage="submitted", count=prospects),
            FunnelOut(stage="approved", count=approved),
        ],
        rows=_sorted(by, rows),
        baseline=BaselineOut(
            code=base.code,
            name=base.name,
            bpu_active=base.bpu_active,
            all_active=base.all_active,
            as_of=base.as_of,
            status=base.status,
            note=base.note,
        ),
        generated_at=now,
    )
