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

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from core.formatting import WIB
from models.base import utcnow
from models.db import Database
from models.outreach_event import OutreachEvent
from models.prospect import Prospect
from models.rules.baseline import Baseline, baseline_for, branch_baseline
from models.rules.occupations import occupation
from models.rules.regions import regions
from models.services.funnel import INTERESTED_OUTCOMES, STAGES
from models.visit import Visit

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


def _bounds(query: DashboardQuery) -> tuple[datetime | None, datetime | None]:
    """The period's WIB calendar days as aware bounds [lo, hi)."""
    lo = hi = None
    if query.start is not None:
        lo = datetime.combine(query.start, time(0), tzinfo=WIB)
    if query.end is not None:
        hi = datetime.combine(query.end + timedelta(days=1), time(0), tzinfo=WIB)
    return lo, hi


def _key(by: str) -> ColumnElement[Any]:
    place = func.coalesce(Prospect.village_code, Prospect.district_code)
    if by == "village":
        return func.coalesce(place, literal(""))
    if by == "district":
        return func.coalesce(func.substr(place, 1, 8), literal(""))
    if by == "regency":
        return func.coalesce(func.substr(place, 1, 5), literal(""))
    if by == "occupation":
        return func.coalesce(Prospect.occupation_1, literal(""))
    if by == "week":  # the WIB calendar day; folded into weeks in Python
        return func.date(func.substr(Prospect.created_at, 1, 19), "+7 hours")
    raise ValueError(f"breakdown {by!r} is not available on the laptop")


def _cohort(query: DashboardQuery) -> list[ColumnElement[bool]]:
    lo, hi = _bounds(query)
    where: list[ColumnElement[bool]] = [Prospect.deleted_at.is_(None)]
    if lo is not None:
        where.append(Prospect.created_at >= lo)
    if hi is not None:
        where.append(Prospect.created_at < hi)
    return where


def _fold(by: str, key: Any) -> str:
    if by == "week":
        return week_start(date.fromisoformat(str(key))).isoformat() if key else ""
    return str(key or "")


def load_dashboard(db: Database, *, query: DashboardQuery) -> DashboardData:
    """The agent's dashboard for ``query`` (one read snapshot)."""
    if query.by not in BY_LOCAL:
        raise ValueError(f"breakdown {query.by!r} is not available on the laptop")
    with db.read_scope() as session:
        return dashboard_in(session, query=query)


def dashboard_in(session: Session, *, query: DashboardQuery) -> DashboardData:
    by = query.by
    key = _key(by)
    approved = func.coalesce(Prospect.review_state, "") == "approved"  # never NULL: see ~printed
    submitted = or_(Prospect.revision > 0, approved)
    printed = or_(Prospect.printed_count > 0, submitted)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    stmt = (
        select(
            key,
            func.count(),
            func.sum(case((approved, 1), else_=0)),
            func.sum(case((submitted, 1), else_=0)),
            func.sum(case((printed, 1), else_=0)),
        )
        .where(*_cohort(query))
        .group_by(key)
    )
    for raw, n, n_approved, n_submitted, n_printed in session.execute(stmt):
        row = counts[_fold(by, raw)]
        row[0] += n
        row[1] += int(n_approved or 0)
        row[2] += int(n_submitted or 0)
        row[3] += int(n_printed or 0)
    # Interested without later evidence: a visit or call said so (few rows; driven by visits).
    interested = (
        select(key, func.count(func.distinct(Prospect.id)))
        .join(Visit, Visit.prospect_id == Prospect.id)
        .where(
            *_cohort(query),
            Visit.deleted_at.is_(None),
            Visit.outcome.in_(INTERESTED_OUTCOMES),
            ~printed,
        )
        .group_by(key)
    )
    interested_only = sum(n for _key, n in session.execute(interested))
    follow_ups = _follow_ups(session, query)
    for k, n in follow_ups.items():
        counts[k][4] += n
    totals_row = [sum(r[i] for r in counts.values()) for i in range(5)]
    funnel = (
        FunnelCount("contacted", totals_row[0]),
        FunnelCount("interested", totals_row[3] + interested_only),
        FunnelCount("printed", totals_row[3]),
        FunnelCount("submitted", totals_row[2]),
        FunnelCount("approved", totals_row[1]),
    )
    assert tuple(f.stage for f in funnel) == STAGES
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
            prospects=totals_row[0],
            approved=totals_row[1],
            follow_ups=totals_row[4],
        ),
        funnel=funnel,
        rows=sort_rows(by, rows),
        baseline=BaselineInfo.of(branch_baseline()),
        source="local",
    )


def sort_rows(by: str, rows: tuple[CoverageRow, ...]) -> tuple[CoverageRow, ...]:
    """Weeks in time order; otherwise most prospects first, then by name."""
    if by == "week":
        return tuple(sorted(rows, key=lambda r: r.key))
    return tuple(sorted(rows, key=lambda r: (-r.prospects, -r.approved, r.label or "", r.key)))


def _follow_ups(session: Session, query: DashboardQuery) -> dict[str, int]:
    """Open follow-ups due by the period's end, per breakdown key (weeks: of the due date)."""
    conditions: list[ColumnElement[bool]] = [
        Prospect.deleted_at.is_(None),
        Prospect.next_follow_up.is_not(None),
    ]
    if query.end is not None:
        conditions.append(Prospect.next_follow_up <= query.end)
    key = Prospect.next_follow_up if query.by == "week" else _key(query.by)
    stmt = select(key, func.count()).where(and_(*conditions)).group_by(key)
    out: dict[str, int] = defaultdict(int)
    for raw, n in session.execute(stmt):
        out[_fold(query.by, raw)] += n
    return out


def _events(session: Session, query: DashboardQuery) -> int:
    stmt = select(func.count()).where(OutreachEvent.deleted_at.is_(None))
    if query.start is not None:
        stmt = stmt.where(OutreachEvent.event_date >= query.start)
    if query.end is not None:
        stmt = stmt.where(OutreachEvent.event_date <= query.end)
    return int(session.scalar(stmt) or 0)
