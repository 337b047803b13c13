"""The *similar person* check at capture: open prospects that are probably the one being typed.

Besides the exact NIK match (``prospects.open_with_nik``), the editor warns about open prospects
of the same village (code, or the free-text name when the village is not in the table) who were
born the same day and whose name is close: rapidfuzz ``token_sort_ratio`` ≥ 85 on case-folded
names, so "Siti Aminah", "SITI AMINAH", "Aminah Siti" and "Siti Aminnah" all match. Functions
never commit; the caller owns the session.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.prospect import Prospect

__all__ = ["NAME_SIMILARITY", "SimilarProspect", "find_similar"]

NAME_SIMILARITY = 85  # token_sort_ratio on case-folded names; 100 = same words
_CLOSED_REVIEW_STATES = ("rejected", "withdrawn")


@dataclass(frozen=True, slots=True)
class SimilarProspect:
    id: uuid.UUID
    full_name: str
    badge: str
    birth_date: str | None = None
    village_name: str | None = None
    score: int = 100


def find_similar(
    session: Session,
    *,
    full_name: str,
    birth_date: str,
    village_code: str | None,
    village_name: str | None,
    exclude_id: uuid.UUID,
    limit: int = 3,
) -> list[SimilarProspect]:
    """Open prospects in the same village, born the same day, with a similar name; closest
    first (then by name), at most ``limit``. Nothing without a name, a birth date and a village."""
    wanted = default_process(full_name)
    if not wanted or not birth_date or not (village_code or village_name):
        return []
    if village_code:
        same_village = Prospect.village_code == village_code
    else:
        same_village = Prospect.village_name == village_name
    stmt = select(
        Prospect.id, Prospect.full_name, Prospect.badge, Prospect.payload, Prospect.village_name
    ).where(
        Prospect.deleted_at.is_(None),
        or_(
            Prospect.review_state.is_(None),
            Prospect.review_state.not_in(_CLOSED_REVIEW_STATES),
        ),
        Prospect.id != exclude_id,
        same_village,
    )
    found: list[SimilarProspect] = []
    for row in session.execute(stmt):
        if (row.payload or {}).get("birth_date") != birth_date:
            continue
        score = int(fuzz.token_sort_ratio(wanted, default_process(row.full_name or "")))
        if score >= NAME_SIMILARITY:
            found.append(
                SimilarProspect(
                    row.id, row.full_name, row.badge, birth_date, row.village_name, score
                )
            )
    found.sort(key=lambda s: (-s.score, s.full_name))
    return found[:limit]
