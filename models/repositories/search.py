"""Prospect lists: search, filters, keyset pages, counts; and the FTS index writes.

Search (ARCHITECTURE.md §5; every term must match):

- a word of three or more characters: anywhere in name, NIK, mobile (E.164 and ``08…``) or
  village name, through the FTS5 trigram index;
- a shorter word: a word prefix of the name or the village (``LIKE``);
- a number (``0812-3456``, ``3326…``): a prefix of the NIK or of the mobile, however the mobile
  is typed; a number that starts none is searched as a word.

Tombstones are left out unless the caller asks for withdrawn records (``badge="withdrawn"``).
How rows are found (index candidates or a walk of the list order) never changes which rows.

Pages are keyset pages (STYLE.md §4): ``page(..., after=last_row.key)`` continues where the last
page ended; rows are plain frozen ``ProspectRow`` objects for table models on the GUI thread.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    tuple_,
    union,
)
from sqlalchemy.orm import Session

from models.prospect import Prospect
from models.prospect_rows import ProspectFilters, ProspectRow, prospect_row

__all__ = [
    "FTS_PROBE",
    "MIN_TRIGRAM",
    "RANGE_PROBE",
    "SORTS",
    "live_badge_counts",
    "ProspectFilters",
    "ProspectRow",
    "count",
    "exists_any",
    "index_entry",
    "index_many",
    "mobile_forms",
    "next_search_rowid",
    "index_prospect",
    "page",
    "unindex_prospect",
]

MIN_TRIGRAM = 3
# Up to this many FTS hits are ordered as a list; above it a term is "common" and the list
# order is walked instead, testing each entry (see ``_plan``). Ordering reads one index entry
# per hit (scattered pages, each decrypted once), a walk about 64 * N / hits consecutive entries
# of the order index: on 100,000 prospects the walk is cheaper from ~1,000 hits. With 5,000 and
# 30,000 the 60 keystrokes of bench/app_start (names, NIK, mobile, village typed one key at a
# time) took p95 14 ms and up to 28 ms ("IND": 2,700 hits ordered); with 1,000 and 3,000 p95
# 6 ms, max 10 ms. Matches clustered late in the list order make a walk longer (a whole walk
# of 100k entries: ~10 ms with the pages cached).
FTS_PROBE = 1000
# With a second term or a filter, a walk tests entries that match the common term but not the
# rest: its length depends on how rare the combination is, which nothing tells in advance
# ("wahyu l" walked ~50,000 entries for a 256-row page: 0.4-0.6 s). Ordering up to 16x the
# probe's hits bounds such a query (worst of 1,028 typed prefixes on 100k prospects: 126 ->
# 49 ms per 256-row page, 128 -> 48 ms per first page; p95 unchanged); beyond it the term is so
# common that the walk fills a page quickly anyway.
RESTRICTED_FACTOR = 16
# Prefix ranges of the NIK and mobile indexes are read in order, and the range is counted up to
# this size to choose the plan (counting 30,000 entries alone took up to 9 ms).
RANGE_PROBE = 3000
# A count has no page to fill early: counting index candidates beats testing every row of
# the list up to many more matches.
COUNT_PROBE = 30_000
FTS_TABLE = "prospect_fts"
SORTS = ("updated_desc", "updated_asc", "name_asc", "name_desc")


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


def _is_number(term: str) -> bool:
    return term.lstrip("+").isdigit() and term.count("+") <= 1 and not term.endswith("+")


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _starts_with(column: Any, prefix: str) -> ColumnElement[bool]:
    """``column`` begins with ``prefix``, as an index range (digits and ``+`` only)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)


def _mobile_prefix(number: str) -> str | None:
    """The E.164 prefix of a typed mobile number: ``0812…``, ``62812…``, ``+62812…``, ``812…``."""
    if number.startswith("+"):
        return number if number.startswith("+62") else None
    if number.startswith("62"):
        return "+" + number
    if number.startswith("0"):
        return "+62" + number[1:]
    if number.startswith("8"):
        return "+62" + number
    return None


def _number_ranges(number: str) -> list[ColumnElement[bool]]:
    ranges = [] if number.startswith("+") else [_starts_with(Prospect.nik, number)]
    mobile = _mobile_prefix(number)
    if mobile is not None:
        ranges.append(_starts_with(Prospect.mobile, mobile))
    return ranges


def _number_term(number: str) -> ColumnElement[bool]:
    """The row-by-row test of a number: ``LIKE`` prefixes, which no index serves, so the
    planner keeps walking the list order instead of collecting every prefix match."""
    conditions = [] if number.startswith("+") else [Prospect.nik.like(f"{number}%")]
    mobile = _mobile_prefix(number)
    if mobile is not None:
        conditions.append(Prospect.mobile.like(f"{mobile}%"))
    return or_(*conditions) if conditions else false()


def _short_term(term: str) -> ColumnElement[bool]:
    """A 1–2 letter term: word prefix of the name or the village."""
    esc = _like_escape(term)
    return or_(
        Prospect.full_name.like(f"{esc}%", escape="\\"),
        Prospect.full_name.like(f"% {esc}%", escape="\\"),
        Prospect.village_name.like(f"{esc}%", escape="\\"),
    )


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


@dataclass(frozen=True, slots=True)
class _Plan:
    """How a query filters.

    ``where``: every condition. ``hits``: FTS row ids holding every match (few enough to order
    through ``ix_prospects_search``). ``ranges``: NIK/mobile prefix ranges holding every match
    (few enough to order through ``ix_prospects_nik``/``ix_prospects_mobile``). With neither,
    the list order is walked and each entry tested.
    """

    where: list[ColumnElement[bool]]
    hits: Sequence[int] | None = None
    ranges: list[ColumnElement[bool]] | None = None
    range_where: list[ColumnElement[bool]] | None = None  # ``where`` minus the ranges' own term


def _fts_hits(session: Session, terms: list[str], probe: int) -> Sequence[int] | None:
    """FTS row ids matching every term, or ``None`` when there are more than ``probe``."""
    match = " AND ".join(_fts_phrase(t) for t in terms)
    ids = (
        session.connection()
        .scalars(
            text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q LIMIT :n"),
            {"q": match, "n": probe + 1},
        )
        .all()  # one fetchall: iterating fetched up to 1,001 ids one row at a time
    )
    return ids if len(ids) <= probe else None


def _range_size(session: Session, ranges: list[ColumnElement[bool]], probe: int) -> int:
    """Index entries in the prefix ranges, each counted up to ``probe + 1`` (index only; one
    statement for all of them)."""
    counts = [
        select(func.count())
        .select_from(
            select(literal(1)).select_from(Prospect).where(condition).limit(probe + 1).subquery()
        )
        .scalar_subquery()
        for condition in ranges
    ]
    if not counts:
        return 0
    total: ColumnElement[Any] = counts[0]
    for more in counts[1:]:
        total = total + more
    return int(session.connection().scalar(select(total)) or 0)


def _filters(filters: ProspectFilters) -> list[ColumnElement[bool]]:
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
    return where


def _plan(
    session: Session,
    query: str,
    filters: ProspectFilters,
    probe: int,
    range_probe: int = RANGE_PROBE,
) -> _Plan:
    """The conditions of a search, and the cheapest way to find its rows.

    - Numbers (NIK, mobile; separators dropped) match as prefixes of the NIK and of the mobile
      (typed ``08…``, ``62…``, ``+62…`` or ``8…``), through index ranges. A number that
      starts no NIK or mobile is searched as text, so the end of a NIK still finds it.
    - Text of three or more characters goes to FTS5 (trigram): anywhere in the name, NIK,
      mobile or village.
    - Shorter text matches word prefixes of the name and the village (``LIKE``).

    When the FTS index (or a prefix range) holds at most ``probe`` candidates, their list keys
    are read from a covering index, ordered, and full rows are read for one page only. When it
    holds more, the term is common ("0812", "sri"): walking the list order and testing each
    entry of the order's covering index fills a page sooner. Extra restrictive terms or filters
    make a walk slower, so they raise the probe.
    """
    live = filters.badge != "withdrawn"
    where = _filters(filters)
    terms = [t for t in (_normalise_term(t) for t in query.split()) if t]
    numbers = [t for t in terms if _is_number(t)]
    words = [t for t in terms if not _is_number(t)]
    long_words = [t for t in words if len(t) >= MIN_TRIGRAM]
    where.extend(_short_term(t) for t in words if len(t) < MIN_TRIGRAM)
    restricted = len(terms) > 1 or len(where) > 1
    wide = probe * RESTRICTED_FACTOR if restricted else probe

    ranges_for: dict[str, list[ColumnElement[bool]]] = {}
    number_terms: dict[str, ColumnElement[bool]] = {}
    sizes: dict[str, int] = {}  # counted once: whether a number starts anything, and how much
    for number in numbers:
        ranges = _number_ranges(number)
        if len(number) >= MIN_TRIGRAM:
            sizes[number] = _range_size(session, ranges, range_probe)
            if sizes[number] == 0:
                long_words.append(number)  # not a prefix of anything: search it as text
                continue
        ranges_for[number] = ranges
        number_terms[number] = _number_term(number)
    where.extend(number_terms.values())

    if long_words:
        hits = _fts_hits(session, long_words, wide)
        if hits is not None:
            rows: Select[Any] = select(literal_column("value")).select_from(
                func.json_each(literal(json.dumps(hits)))
            )
            where.append(Prospect.search_rowid.in_(rows))
            return _Plan(where, hits=hits if live else None)
        where.extend(_substring(t) for t in long_words)
    if ranges_for and live:
        longest = max(ranges_for, key=len)
        size = sizes.get(longest)
        if size is None:
            size = _range_size(session, ranges_for[longest], range_probe)
        if size <= range_probe:
            own = number_terms[longest]
            rest = [c for c in where if c is not own]
            return _Plan(where, ranges=ranges_for[longest], range_where=rest)
    return _Plan(where)


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


def _candidates(plan: _Plan, extra: list[ColumnElement[bool]]) -> Any:
    """The matching rows' keys, from covering indexes only (``None`` for a walk)."""
    keys = (Prospect.id, Prospect.updated_at, Prospect.full_name)
    if plan.ranges is not None:
        rest = [*(plan.range_where or []), *extra]
        arms = [select(*keys).where(r, *rest) for r in plan.ranges]
        return union(*arms).subquery() if len(arms) > 1 else arms[0].subquery()
    if plan.hits is not None:
        return select(*keys).where(*plan.where, *extra).subquery()
    return None


def page(
    session: Session,
    *,
    query: str = "",
    filters: ProspectFilters = ProspectFilters(),  # noqa: B008 - frozen, shared safely
    after: tuple[Any, ...] | None = None,
    limit: int = 256,
    sort: str = "updated_desc",
    fts_probe: int = FTS_PROBE,
    range_probe: int = RANGE_PROBE,
) -> list[ProspectRow]:
    """One keyset page of matching prospects; pass the last row's ``key`` as ``after``.

    The probes tune when a term counts as common (see ``_plan``); results never change."""
    keys, descending = _sort(sort)
    plan = _plan(session, query, filters, fts_probe, range_probe)
    extra = []
    if after is not None:
        bound = tuple_(*keys)
        last = tuple_(*(literal(v, k.type) for v, k in zip(after, keys, strict=True)))
        extra.append(bound < last if descending else bound > last)
    where = [*plan.where, *extra]
    order = [k.desc() for k in keys] if descending else list(keys)
    found = _candidates(plan, extra)
    if found is not None:
        # Order the candidates on their index entries, read full rows for one page only.
        by = (
            [found.c.updated_at, found.c.id]
            if keys[0] is Prospect.updated_at
            else [
                found.c.full_name,
                found.c.id,
            ]
        )
        chosen = (
            select(found.c.id).order_by(*(c.desc() if descending else c for c in by)).limit(limit)
        )
        stmt = select(*_ROW_COLUMNS).where(Prospect.id.in_(chosen.scalar_subquery()))
    else:
        stmt = select(*_ROW_COLUMNS).where(*where).limit(limit)
    stmt = stmt.order_by(*order)
    by_name = sort.startswith("name")
    # Core execution (the ORM adds ~1 ms per statement here: a list page is plain columns).
    return [prospect_row(values, by_name=by_name) for values in session.connection().execute(stmt)]


def count(
    session: Session,
    *,
    query: str = "",
    filters: ProspectFilters = ProspectFilters(),  # noqa: B008
    cap: int | None = None,
    fts_probe: int = COUNT_PROBE,
    range_probe: int = COUNT_PROBE,
) -> int:
    """How many prospects match (the status bar's total; the list only holds loaded pages).

    ``cap`` stops counting there (the UI may show "10.000+"): a common search term matches
    most of the store, and counting all of those is a full scan. Candidates found through an
    index are few and always counted exactly."""
    plan = _plan(session, query, filters, fts_probe, range_probe)
    found = _candidates(plan, [])
    if found is not None:
        stmt = select(func.count()).select_from(found)
    elif cap is None:
        stmt = select(func.count()).select_from(Prospect).where(*plan.where)
    else:
        limited = select(Prospect.id).where(*plan.where).limit(cap).subquery()
        stmt = select(func.count()).select_from(limited)
    return int(session.scalar(stmt) or 0)


def live_badge_counts(session: Session) -> dict[str, int]:
    """How many live (not withdrawn or deleted) prospects carry each badge; absent badges have
    none. One grouped scan of ``ix_prospects_live_badge``: the status bar's counts."""
    stmt = (
        select(Prospect.badge, func.count())
        .where(Prospect.deleted_at.is_(None))
        .group_by(Prospect.badge)
    )
    return {str(badge): int(n) for badge, n in session.execute(stmt)}


def exists_any(session: Session) -> bool:
    return bool(session.scalar(select(exists().where(Prospect.deleted_at.is_(None)))))
