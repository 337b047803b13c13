"""The branch baseline the coverage dashboard measures against (DOMAIN.md §1, UI.md §3.10).

``data/branch_baseline.csv`` holds, per level (``branch``, ``regency``), the active BPU and all
active participants on a date, with a ``status`` and a source note. Only the branch figure is
published (BPU 31,546 of 154,453 on 30 Nov 2025); the regency rows exist with empty numbers
and say so, so a verified per-regency figure later is a data edit, never a code change.

*Sasaran* (target) of a row is its known BPU baseline; *Cakupan* (coverage) is the approved
enrolments as a share of it (``coverage``). Pure: standard library only, shared with the server
and the PDF report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from models.rules.datafiles import ReferenceDataError, read_csv

__all__ = [
    "BRANCH_LEVEL",
    "Baseline",
    "all_baselines",
    "baseline_for",
    "branch_baseline",
    "coverage",
]

BRANCH_LEVEL = "branch"
_COLUMNS = (
    "level",
    "code",
    "name",
    "bpu_active",
    "all_active",
    "as_of",
    "status",
    "source",
    "note",
)
_STATUSES = ("confirmed", "uncertain", "inferred", "unknown")


@dataclass(frozen=True, slots=True)
class Baseline:
    level: str
    code: str
    name: str
    bpu_active: int | None
    all_active: int | None
    as_of: date | None
    status: str
    source: str
    note: str

    @property
    def known(self) -> bool:
        """True when the BPU figure is published for this area."""
        return self.bpu_active is not None

    @property
    def bpu_share(self) -> float | None:
        """BPU participants as a share of all active participants (0.204 for the branch)."""
        if self.bpu_active is None or not self.all_active:
            return None
        return self.bpu_active / self.all_active


def _int(value: str, *, code: str, column: str) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        raise ReferenceDataError(params={"code": code, "column": column}, detail="not a count")
    return int(value)


@lru_cache(maxsize=1)
def all_baselines() -> tuple[Baseline, ...]:
    rows = read_csv("branch_baseline.csv", columns=_COLUMNS)
    out: list[Baseline] = []
    seen: set[str] = set()
    for row in rows:
        code = row["code"]
        if not code or code in seen:
            raise ReferenceDataError(params={"code": code}, detail="duplicate or empty code")
        if row["status"] not in _STATUSES:
            raise ReferenceDataError(params={"code": code}, detail="unknown status")
        seen.add(code)
        bpu = _int(row["bpu_active"], code=code, column="bpu_active")
        total = _int(row["all_active"], code=code, column="all_active")
        if bpu is not None and total is not None and bpu > total:
            raise ReferenceDataError(params={"code": code}, detail="BPU above all participants")
        out.append(
            Baseline(
                level=row["level"],
                code=code,
                name=row["name"],
                bpu_active=bpu,
                all_active=total,
                as_of=date.fromisoformat(row["as_of"]) if row["as_of"] else None,
                status=row["status"],
                source=row["source"],
                note=row["note"],
            )
        )
    if sum(1 for b in out if b.level == BRANCH_LEVEL) != 1:
        raise ReferenceDataError(detail="exactly one branch row expected")
    return tuple(out)


def branch_baseline() -> Baseline:
    """The branch-level baseline (always present; its numbers are the reference line)."""
    return next(b for b in all_baselines() if b.level == BRANCH_LEVEL)


def baseline_for(code: str) -> Baseline | None:
    """The row of a region code or the branch code, ``None`` if the file does not list it."""
    return next((b for b in all_baselines() if b.code == code), None)


def coverage(approved: int, target: int | None) -> float | None:
    """Approved enrolments as a share of the target; ``None`` when no target is known."""
    if target is None or target <= 0:
        return None
    return approved / target
