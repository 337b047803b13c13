"""The coverage dashboard of the agent's own records (UI.md §3.10), from the local store.

``load_dashboard(db, query=…)`` answers, for a period and a breakdown (*Menurut* village,
district, regency, occupation or week): how many events were held, how many people were
contacted (*Prospek baru*), how many of them are approved (*Disetujui*), and how many still need
a visit (*Tindak lanjut*), plus the funnel (contacted → interested → form printed → submitted →
approved, the rule of ``models.services.funnel``) and the branch baseline.

Counting rules, the same locally and on the server (``server/services/aggregates.py``):

- Prospects follow the *cohort* of the period: those recorded in it (WIB calendar days), and
  *Disetujui* counts how many of them are approved now, so a row never shows more approvals
  than prospects and *Cakupan* stays a share.
- *Tindak lanjut* counts open follow-ups due on or before the period's end (overdue ones
  still need the visit), whenever the prospect was recorded.
- Breakdown keys: the prospect's village code (its kecamatan code when the village is free
  text), the kecamatan and regency parts of it, the primary occupation, the ISO week (Monday).

``DashboardData`` is also the wire shape of ``GET /api/v1/review/dashboard`` (``to_json`` /
``from_json``), so the supervisor's screen shows server figures with the same widgets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from core.formatting import WIB
from models.base import utc_text, utcnow
from models.db import Database
from models.outreach_event import OutreachEvent
from models.rules.baseline import Baseline, baseline_for, branch_baseline
from models.rules.occupations import occupation
from models.rules.regions import regions

__all__ = [
    "BY_LOCAL",
    "BY_OPTIONS",
    "BaselineInfo",
    "CoverageRow",
    "DashboardData",
    "DashboardQuery",
    "FunnelCount",
    "Totals",
    "load_dashboard",
    "week_start",
]

BY_OPTIONS = ("village", "district", "regency", "occupation", "agent", "week")
BY_LOCAL = ("village", "district", "regency", "occupation", "week")  # an agent sees only itself


@dataclass(frozen=True, slots=True)
class DashboardQuery:
    by: str = "village"
    start: date | None = None  # inclusive WIB calendar days; None = open
    end: date | None = None
    area: str | None = None  # server only: a region code inside the supervisor's areas

    def __post_init__(self) -> None:
        if self.by not in BY_OPTIONS:
            raise ValueError(f"unknown breakdown {self.by!r}")
        if self.start and self.end and self.start > self.end:
            raise ValueError("period starts after it ends")


@dataclass(frozen=True, slots=True)
class Totals:
    events: int = 0
    prospects: int = 0
    approved: int = 0
    follow_ups: int = 0


@dataclass(frozen=True, slots=True)
class FunnelCount:
    stage: str
    count: int


@dataclass(frozen=True, slots=True)
class CoverageRow:
    key: str
    label: str | None
    prospects: int
    approved: int
    follow_ups: int | None
    target: int | None = None

    @property
    def coverage(self) -> float | None:
        return self.approved / self.target if self.target else None


@dataclass(frozen=True, slots=True)
class BaselineInfo:
    code: str
    name: str
    bpu_active: int | None
    all_active: int | None
    as_of: date | None
    status: str
    note: str

    @classmethod
    def of(cls, baseline: Baseline) -> BaselineInfo:
        return cls(
            code=baseline.code,
            name=baseline.name,
            bpu_active=baseline.bpu_active,
            all_active=baseline.all_active,
            as_of=baseline.as_of,
            status=baseline.status,
            note=baseline.note,
        )


@dataclass(frozen=True, slots=True)
class DashboardData:
    by: str
    start: date | None
    end: date | None
    area: str | None
    totals: Totals
    funnel: tuple[FunnelCount, ...]
    rows: tuple[CoverageRow, ...]
    baseline: BaselineInfo
    source: str  # "local" or "server"
    generated_at: datetime = field(default_factory=utcnow)

    @property
    def empty(self) -> bool:
        return not self.rows and self.totals == Totals()

    def to_json(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "from": _iso(self.start),
            "to": _iso(self.end),
            "area": self.area,
            "totals": {
                "events": self.totals.events,
                "prospects": self.totals.prospects,
                "approved": self.totals.approved,
                "follow_ups": self.totals.follow_ups,
            },
            "funnel": [{"stage": f.stage, "count": f.count} for f in self.funnel],
            "rows": [
                {
                    "key": r.key,
                    "label": r.label,
                    "prospects": r.prospects,
                    "approved": r.approved,
                    "follow_ups": r.follow_ups,
                    "target": r.target,
                }
                for r in self.rows
            ],
            "baseline": {
                "code": self.baseline.code,
                "name": self.baseline.name,
                "bpu_active": self.baseline.bpu_active,
                "all_active": self.baseline.all_active,
                "as_of": _iso(self.baseline.as_of),
                "status": self.baseline.status,
                "note": self.baseline.note,
            },
            "source": self.source,
            "generated_at": self.generated_at.astimezone(UTC).isoformat(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DashboardData:
        base = data["baseline"]
        return cls(
            by=str(data["by"]),
            start=_date(data.get("from")),
            end=_date(data.get("to")),
            area=data.get("area"),
            totals=Totals(**{k: int(v) for k, v in data["totals"].items()}),
            funnel=tuple(FunnelCount(str(f["stage"]), int(f["count"])) for f in data["funnel"]),
            rows=tuple(
                CoverageRow(
                    key=str(r["key"]),
                    label=r.get("label"),
                    prospects=int(r["prospects"]),
                    approved=int(r["approved"]),
                    follow_ups=None if r.get("follow_ups") is None else int(r["follow_ups"]),
                    target=None if r.get("target") is None else int(r["target"]),
                )
                for r in data["rows"]
            ),
            baseline=BaselineInfo(
                code=str(base["code"]),
                name=str(base["name"]),
                bpu_active=base.get("bpu_active"),
                all_active=base.get("all_active"),
                as_of=_date(base.get("as_of")),
                status=str(base.get("status", "")),
                note=str(base.get("note", "")),
            ),
            source=str(data.get("source", "server")),
            generated_at=datetime.fromisoformat(str(data["generated_at"]).replace("Z", "+00:00")),
        )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def row_label(by: str, key: str) -> str | None:
    """The display name of a breakdown key from the shipped data (None: the UI words it)."""
    if not key or by in ("week", "agent"):
        return None
    if by == "occupation":
        found = occupation(key)
        return found.label_id if found else key
    return regions().name(key) or key


def row_target(by: str, key: str) -> int | None:
    """A row's *Sasaran*: its published BPU baseline (regencies, when a figure is known)."""
    if by != "regency" or not key:
        return None
    found = baseline_for(key)
    return found.bpu_active if found is not None else None


# -- local query --------------------------------------------------------------------------------


def _bounds(query: DashboardQuery) -> dict[str, str]:
    """The period's WIB calendar days as stored UTC text bounds ``lo`` ≤ created_at < ``hi``."""
    bounds = {}
    if query.start is not None:
        bounds["lo"] = utc_text(datetime.combine(query.start, time(0), tzinfo=WIB))
    if query.end is not None:
        day_after = query.end + timedelta(days=1)
        bounds["hi"] = utc_text(datetime.combine(day_after, time(0), tzinfo=WIB))
    return bounds


# Each breakdown groups along the leading columns of its covering index (migration
# 0003_dashboard): SQLite streams the GROUP BY in index order and never reads a table row.
_DAY_WIB = "date(substr(created_at, 1, 19), '+7 hours')"
_GROUPING = {  # index, grouped columns, how many
    "place": ("ix_prospects_dash_place", "village_code, district_code", 2),
    "occupation": ("ix_prospects_dash_occupation", "occupation_1", 1),
    "week": ("ix_prospects_dash_day", _DAY_WIB, 1),
}
_APPROVED = "review_state IS 'approved'"
_COUNTS = (
    f"count(*), sum({_APPROVED}), sum(revision > 0 OR {_APPROVED}), "
    f"sum(printed_count > 0 OR revision > 0 OR {_APPROVED})"
)


def _grouping(by: str) -> str:
    if by in ("village", "district", "regency"):
        return "place"
    if by in ("occupation", "week"):
        return by
    raise ValueError(f"breakdown {by!r} is not available on the laptop")


def _place_key(by: str, village: str | None, district: str | None) -> str:
    place = village or district or ""
    return {"village": place, "district": place[:8], "regency": place[:5]}.get(by, place)


def _fold(by: str, *raw: Any) -> str:
    """The breakdown key of a grouped row (places cut to their level, days to their week)."""
    if by in ("village", "district", "regency"):
        return _place_key(by, raw[0], raw[1])
    if by == "week":
        return week_start(date.fromisoformat(str(raw[0]))).isoformat() if raw[0] else ""
    return str(raw[0] or "")


def _cohort_sql(query: DashboardQuery, *, alias: str = "") -> str:
    where = "deleted_at IS NULL"
    bounds = _bounds(query)
    if "lo" in bounds:
        where += f" AND {alias}created_at >= :lo"
    if "hi" in bounds:
        where += f" AND {alias}created_at < :hi"
    return where


def load_dashboard(db: Database, *, query: DashboardQuery) -> DashboardData:
    """The agent's dashboard for ``query`` (one read snapshot)."""
    if query.by not in BY_LOCAL:
        raise ValueError(f"breakdown {query.by!r} is not available on the laptop")
    with db.read_scope() as session:
        return dashboard_in(session, query=query)


def dashboard_in(session: Session, *, query: DashboardQuery) -> DashboardData:
    by = query.by
    index, columns, width = _GROUPING[_grouping(by)]
    stmt = text(
        f"SELECT {columns}, {_COUNTS} FROM prospects INDEXED BY {index} "
        f"WHERE {_cohort_sql(query)} GROUP BY {columns}"
    )
    # key → [prospects, approved, submitted-or-later, printed-or-later, follow-ups]
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for row in session.execute(stmt, _bounds(query)):
        acc = counts[_fold(by, *row[:width])]
        for i, value in enumerate(row[width:]):
            acc[i] += int(value or 0)
    for key, n in _follow_ups(session, query).items():
        counts[key][4] += n
    totals = [sum(r[i] for r in counts.values()) for i in range(5)]
    funnel = (
        FunnelCount("contacted", totals[0]),
        FunnelCount("interested", totals[3] + _interested_only(session, query)),
        FunnelCount("printed", totals[3]),
        FunnelCount("submitted", totals[2]),
        FunnelCount("approved", totals[1]),
    )
    rows = tuple(
        CoverageRow(
            key=k,
            label=row_label(by, k),
            prospects=v[0],
            approved=v[1],
            follow_ups=v[4],
            target=row_target(by, k),
        )
        for k, v in counts.items()
    )
    return DashboardData(
        by=by,
        start=query.start,
        end=query.end,
        area=None,
        totals=Totals(
            events=_events(session, query),
            prospects=totals[0],
            approved=totals[1],
            follow_ups=totals[4],
        ),
        funnel=funnel,
        rows=sort_rows(by, rows),
        baseline=BaselineInfo.of(branch_baseline()),
        source="local",
    )


def _interested_only(session: Session, query: DashboardQuery) -> int:
    """Cohort prospects a visit or call found interested, with no later evidence. The visits
    are few: SQLite walks them first (``CROSS JOIN`` fixes the order) and looks each prospect
    up by id, instead of probing the visits for every prospect."""
    stmt = text(
        "SELECT count(DISTINCT p.id) FROM visits AS v CROSS JOIN prospects AS p "
        "ON p.id = v.prospect_id "
        "WHERE v.deleted_at IS NULL AND v.outcome IN ('INTERESTED', 'ENROLLED') "
        f"AND p.deleted_at IS NULL AND NOT (p.printed_count > 0 OR p.revision > 0 OR p.{_APPROVED}) "
        + _cohort_sql(query, alias="p.")[len("deleted_at IS NULL") :]
    )
    return int(session.execute(stmt, _bounds(query)).scalar_one())


def sort_rows(by: str, rows: tuple[CoverageRow, ...]) -> tuple[CoverageRow, ...]:
    """Weeks in time order; otherwise most prospects first, then by name."""
    if by == "week":
        return tuple(sorted(rows, key=lambda r: r.key))
    return tuple(sorted(rows, key=lambda r: (-r.prospects, -r.approved, r.label or "", r.key)))


_FOLLOW_UP_KEYS = {"place": "village_code, district_code", "occupation": "occupation_1"}


def _follow_ups(session: Session, query: DashboardQuery) -> dict[str, int]:
    """Open follow-ups due by the period's end, per breakdown key (weeks: of the due date)."""
    group = _grouping(query.by)
    columns = _FOLLOW_UP_KEYS.get(group, "next_follow_up")
    where = "deleted_at IS NULL AND next_follow_up IS NOT NULL"
    params = {}
    if query.end is not None:
        where += " AND next_follow_up <= :end"
        params["end"] = query.end.isoformat()
    stmt = text(
        f"SELECT {columns}, count(*) FROM prospects INDEXED BY ix_prospects_dash_follow_up "
        f"WHERE {where} GROUP BY {columns}"
    )
    out: dict[str, int] = defaultdict(int)
    for row in session.execute(stmt, params):
        out[_fold(query.by, *row[:-1])] += row[-1]
    return out


def _events(session: Session, query: DashboardQuery) -> int:
    stmt = select(func.count()).where(OutreachEvent.deleted_at.is_(None))
    if query.start is not None:
        stmt = stmt.where(OutreachEvent.event_date >= query.start)
    if query.end is not None:
        stmt = stmt.where(OutreachEvent.event_date <= query.end)
    return int(session.scalar(stmt) or 0)
