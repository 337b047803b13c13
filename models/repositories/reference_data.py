"""Downloaded reference data (``models.reference_data``): which versions are stored, store one,
read the newest valid version of each dataset."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.reference_data import ReferenceData

__all__ = ["add", "known_versions", "newest_valid"]


def known_versions(session: Session) -> set[tuple[str, str]]:
    """Every stored ``(dataset, version)``, valid or rejected."""
    return {
        (r.dataset, r.version)
        for r in session.execute(select(ReferenceData.dataset, ReferenceData.version))
    }


def add(
    session: Session,
    *,
    dataset: str,
    version: str,
    sha256: str,
    now: datetime,
    content: str | None = None,
    error: str | None = None,
) -> ReferenceData:
    """Store one version: ``valid`` with its content, or ``rejected`` with the error."""
    row = ReferenceData(
        dataset=dataset,
        version=version,
        sha256=sha256,
        status="rejected" if error is not None else "valid",
        error=error[:300] if error is not None else None,
        content=content if error is None else None,
        fetched_at=now,
    )
    session.add(row)
    session.flush()
    return row


def newest_valid(session: Session) -> list[ReferenceData]:
    """The newest valid version of each dataset that has one."""
    newest = (
        select(func.max(ReferenceData.id))
        .where(ReferenceData.status == "valid")
        .group_by(ReferenceData.dataset)
    )
    return list(session.scalars(select(ReferenceData).where(ReferenceData.id.in_(newest))))
