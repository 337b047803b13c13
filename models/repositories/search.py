"""Prospect lists: search, filters, keyset pages, counts; and the FTS index writes.

Search (ARCHITECTURE.md §5): FTS5 trigram for terms of three characters or more, over name,
NIK, mobile (E.164 and local ``08…`` form) and village name; shorter terms fall back to ``LIKE``
word prefixes (name, village), NIK prefix and mobile prefix. Every term must match (AND).
Tombstones are left out unless the caller asks for withdrawn records (``badge="withdrawn"``).

Pages are keyset pages (STYLE.md §4): ``page(..., after=last_row.key)`` continues where the last
page ended; rows are plain frozen ``ProspectRow`` objects for table models on the GUI thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, literal, or_, select, text, tuple_
from sqlalchemy.orm import Session

from models.prospect import Prospect

__all__ = [
    "MIN_TRIGRAM",
    "SORTS",
    "ProspectFilters",
    "ProspectRow",
    "count",
    "index_entry",
    "index_prospect",
    "page",
    "unindex_prospect",
]

MIN_TRIGRAM = 3
# Above this many FTS hits a term is "common": the list is then filtered row by row.
FTS_PROBE = 2000
FTS_TABLE = "prospect_fts"
SORTS = ("updated_desc", "updated_asc", "name_asc", "name_desc")


@dataclass(frozen=True, slots=True)
class ProspectFilters:
    """List filters; ``None``/``False`` means "any". ``follow_up_due`` needs ``today``."""

    status: str | None = None
    village_code: str | None = None
    occupation: str | None = None
    event_id: uuid.UUID | None = None
    follow_up_due: bool = False
    badge: str | None = None
    today: date | None = None


@dataclass(frozen=True, slots=True)
class ProspectRow:
    id: uuid.UUID
    badge: str
    status: str
    full_name: str
    nik: str
    mobile: str | None
    village_code: str | None
    village_name: str | None
    occupation_1: str | None
    monthly_contribution: int | None
    review_state: str | None
    flags: tuple[str, ...]
    printed_count: int
    next_follow_up: date | None
    outreach_event_id: uuid.UUID | None
    revision: int
    updated_at: datetime
    key: tuple[Any, ...]


# -- index writes -----------------------------------------------------------------------------


def mobile_forms(mobile: str | None) -> str:
    """The mobile as indexed: E.164 plus the local ``08…`` form people type."""
    if not mobile:
        return ""
    if mobile.startswith("+62"):
        return f"{mobile} 0{mobile[3:]}"
    return mobile


def index_entry(prospect: Prospect) -> dict[str, Any]:
    return {
        "rowid": prospect.search_rowid,
        "full_name": prospect.full_name or "",
        "nik": prospect.nik or "",
        "mobile": mobile_forms(prospect.mobile),
        "village": prospect.village_name or "",
    }


_INSERT = text(
    f"INSERT INTO {FTS_TABLE} (rowid, full_name, nik, mobile, village) "
    "VALUES (:rowid, :full_name, :nik, :mobile, :village)"
)
_DELETE = text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :rowid")


def next_search_rowid(session: Session) -> int:
    """A fresh index row id (callers hold the write lock: saves use ``BEGIN IMMEDIATE``)."""
    return int(session.scalar(select(func.coalesce(func.max(Prospect.search_rowid), 0))) or 0) + 1


def index_prospect(session: Session, *, prospect: Prospect, fresh: bool = False) -> None:
    """(Re)write the prospect's index entry; assigns ``search_rowid`` on first use.

    ``fresh=True`` (a row just inserted with a new ``search_rowid``) skips the delete."""
    if prospect.search_rowid is None:
        prospect.search_rowid = next_search_rowid(session)
        session.flush()
    elif not fresh:
        session.execute(_DELETE, {"rowid": prospect.search_rowid})
    session.execute(_INSERT, index_entry(prospect))


def index_many(session: Session, *, entries: Sequence[dict[str, Any]]) -> None:
    """Bulk insert of fresh entries (imports); each needs ``rowid`` and the four texts."""
    if entries:
        session.execute(_INSERT, list(entries))


def unindex_prospect(session: Session, *, search_rowid: int | None) -> None:
    if search_rowid is not None:
        session.execute(_DELETE, {"rowid": search_rowid})


# -- queries ----------------------------------------------------------------------------------


_NUMBER_SEPARATORS = str.maketrans("", "", "-.()")


def _normalise_term(term: str) -> str:
    """``0812-3456`` and ``(0812)`` are typed as numbers are written; the index holds digits."""
    bare = term.translate(_NUMBER_SEPARATORS)
    return bare if bare.lstrip("+").isdigit() else term


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _short_term(term: str) -> ColumnElement[bool]:
    """A 1–2 character term: word prefix of name/village, prefix of NIK or mobile."""
    esc = _like_escape(term)
    conditions = [
        Prospect.full_name.like(f"{esc}%", escape="\\"),
        Prospect.full_name.like(f"% {esc}%", escape="\\"),
        Prospect.village_name.like(f"{esc}%", escape="\\"),
        Prospect.nik.like(f"{esc}%", escape="\\"),
    ]
    if term.isdigit():
        local = f"+62{esc[1:]}%" if term.startswith("0") else f"+62{esc}%"
        conditions.append(Prospect.mobile.like(local, escape="\\"))
    return or_(*conditions)


def _substring(term: str) -> ColumnElement[bool]:
    """The row-by-row twin of an FTS trigram match: ``term`` anywhere in an indexed text."""
    pattern = f"%{_like_escape(term)}%"
    return or_(
        Prospect.full_name.like(pattern, escape="\\"),
        Prospect.nik.like(pattern, escape="\\"),
        Prospect.village_name.like(pattern, escape="\\"),
        Prospect.mobile.like(pattern, escape="\\"),
        ("0" + func.substr(Prospect.mobile, 4)).like(pattern, escape="\\"),
    )


def _text_condition(session: Session, query: str) -> ColumnElement[bool] | None:
    """The filter for the search text.

    Terms of three or more characters go to FTS5 (trigram). When the index finds at most
    ``FTS_PROBE`` rows, their ids are the filter (a short list, then ordered and paged). When
    it finds more, the terms are common ("0812", "sri"), and walking the list order testing
    each row (``LIKE`` on the columns carried by the order's index) fills a page sooner than
    collecting and sorting every match, so that plan is used. Shorter terms always use
    ``LIKE`` prefixes.
    """
    terms = [_normalise_term(t) for t in query.split()]
    terms = [t for t in terms if t]
    if not terms:
        return None
    long_terms = [t for t in terms if len(t) >= MIN_TRIGRAM]
    conditions = [_short_term(t) for t in terms if len(t) < MIN_TRIGRAM]
    if long_terms:
        match = " AND ".join(_fts_phrase(t) for t in long_terms)
        ids = list(
            session.scalars(
                text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q LIMIT :n"),
                {"q": match, "n": FTS_PROBE + 1},
            )
        )
        if len(ids) <= FTS_PROBE:
            conditions.append(Prospect.search_rowid.in_(ids))
        else:
            conditions.extend(_substring(t) for t in long_terms)
    return and_(*conditions)


def _where(session: Session, query: str, filters: ProspectFilters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if filters.badge == "withdrawn":
        where.append(Prospect.badge == "withdrawn")
    else:
        where.append(Prospect.deleted_at.is_(None))
        if filters.badge is not None:
            where.append(Prospect.badge == filters.badge)
    if filters.status is not None:
        where.append(Prospect.status == filters.status)
    if filters.village_code is not None:
        where.append(Prospect.village_code == filters.village_code)
    if filters.occupation is not None:
        where.append(
            or_(
                Prospect.occupation_1 == filters.occupation,
                Prospect.occupation_2 == filters.occupation,
            )
        )
    if filters.event_id is not None:
        where.append(Prospect.outreach_event_id == filters.event_id)
    if filters.follow_up_due:
        if filters.today is None:
            raise ValueError("follow_up_due needs filters.today")
        where.append(Prospect.next_follow_up <= filters.today)
    condition = _text_condition(session, query.strip())
    if condition is not None:
        where.append(condition)
    return where


def _sort(sort: str) -> tuple[list[Any], bool]:
    """Key columns and whether the order is descending."""
    match sort:
        case "updated_desc":
            return [Prospect.updated_at, Prospect.id], True
        case "updated_asc":
            return [Prospect.updated_at, Prospect.id], False
        case "name_asc":
            return [Prospect.full_name, Prospect.id], False
        case "name_desc":
            return [Prospect.full_name, Prospect.id], True
    raise ValueError(f"unknown sort {sort!r}")


_ROW_COLUMNS = (
    Prospect.id,
    Prospect.badge,
    Prospect.status,
    Prospect.full_name,
    Prospect.nik,
    Prospect.mobile,
    Prospect.village_code,
    Prospect.village_name,
    Prospect.occupation_1,
    Prospect.monthly_contribution,
    Prospect.review_state,
    Prospect.flags,
    Prospect.printed_count,
    Prospect.next_follow_up,
    Prospect.outreach_event_id,
    Prospect.revision,
    Prospect.updated_at,
)


def page(
    session: Session,
    *,
    query: str = "",
    filters: ProspectFilters = ProspectFilters(),  # noqa: B008 - frozen, shared safely
    after: tuple[Any, ...] | None = None,
    limit: int = 256,
    sort: str = "updated_desc",
) -> list[ProspectRow]:
    """One keyset page of matching prospects; pass the last row's ``key`` as ``after``."""
    keys, descending = _sort(sort)
    stmt = select(*_ROW_COLUMNS).where(*_where(session, query, filters))
    if after is not None:
        bound = tuple_(*keys)
        last = tuple_(*(literal(v, k.type) for v, k in zip(after, keys, strict=True)))
        stmt = stmt.where(bound < last if descending else bound > last)
    order = [k.desc() for k in keys] if descending else list(keys)
    stmt = stmt.order_by(*order).limit(limit)
    by_name = sort.startswith("name")
    return [
        ProspectRow(
            id=r.id,
            badge=r.badge,
            status=r.status,
            full_name=r.full_name,
            nik=r.nik,
            mobile=r.mobile,
            village_code=r.village_code,
            village_name=r.village_name,
            occupation_1=r.occupation_1,
            monthly_contribution=r.monthly_contribution,
            review_state=r.review_state,
            flags=tuple(r.flags or ()),
            printed_count=r.printed_count,
            next_follow_up=r.next_follow_up,
            outreach_event_id=r.outreach_event_id,
            revision=r.revision,
            updated_at=r.updated_at,
            key=(r.full_name, r.id) if by_name else (r.updated_at, r.id),
        )
        for r in session.execute(stmt)
    ]


def count(
    session: Session,
    *,
    query: str = "",
    filters: ProspectFilters = ProspectFilters(),  # noqa: B008
    cap: int | None = None,
) -> int:
    """How many prospects match (the status bar's total; the list only holds loaded pages).

    ``cap`` stops counting there (the UI may show "10.000+"): a common search term matches
    most of the store, and counting all of those is a full scan."""
    where = _where(session, query, filters)
    if cap is None:
        stmt = select(func.count()).select_from(Prospect).where(*where)
    else:
        limited = select(Prospect.id).where(*where).limit(cap).subquery()
        stmt = select(func.count()).select_from(limited)
    return int(session.scalar(stmt) or 0)


def exists_any(session: Session) -> bool:
    return bool(session.scalar(select(exists().where(Prospect.deleted_at.is_(None)))))
