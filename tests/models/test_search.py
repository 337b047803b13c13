"""Search and list pages (``models.repositories.search``): FTS5 trigram from 3 characters,
``LIKE`` prefixes below, filters, tombstones, keyset paging, counts."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import text

from models.repositories import search, visits
from models.repositories.search import ProspectFilters
from models.services import demo_seed, prospects

PEOPLE = [
    # name, nik, mobile, village code (Medono = 33.75.01.1002)
    ("BUDI SANTOSO", "3375011505909901", "+6281234567801", "33.75.01.1002"),
    ("SITI AMINAH", "3375014107889902", "+6285711112222", "33.75.01.1002"),
    ("AGUS SALIM", "3326081203859903", "+6287800001111", None),
    ("SRI LESTARI", "3326084506909904", "+6281399990000", None),
    ("ANTO WIBOWO", "3375010101909905", "+6282100003333", None),
]


@pytest.fixture
def people(db, synthetic, agent, today):  # type: ignore[no-untyped-def]
    ids = {}
    for name, nik, mobile, village in PEOPLE:
        item = synthetic(full_name=name, nik=nik, mobile=mobile)
        if village:
            item.payload.update(
                regency_code="33.75", district_code="33.75.01", village_code=village
            )
        prospects.save(
            db, prospect_id=item.id, payload=item.payload, submit=False, agent=agent, today=today
        )
        ids[name] = item.id
    return ids


ANY = ProspectFilters()


def _names(db, query="", filters=ANY, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    with db.read_scope() as session:
        return [r.full_name for r in search.page(session, query=query, filters=filters, **kw)]


def _set(db, query="", filters=ANY) -> set[str]:  # type: ignore[no-untyped-def]
    return set(_names(db, query, filters))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("santo", {"BUDI SANTOSO"}),  # trigram: inside a word, any case
        ("ANTO", {"BUDI SANTOSO", "ANTO WIBOWO"}),
        ("budi santo", {"BUDI SANTOSO"}),  # every term must match
        ("siti medono", {"SITI AMINAH"}),  # name and village together
        ("medono", {"BUDI SANTOSO", "SITI AMINAH"}),
        ("909905", {"ANTO WIBOWO"}),  # NIK digits anywhere
        ("3326", {"AGUS SALIM", "SRI LESTARI"}),
        ("08123456", {"BUDI SANTOSO"}),  # mobile as typed locally
        ("0812-3456-78", {"BUDI SANTOSO"}),
        ("+6285711", {"SITI AMINAH"}),  # mobile in E.164
        ("5711112222", {"SITI AMINAH"}),
        ("zzz", set()),
        ("", {p[0] for p in PEOPLE}),
    ],
)
def test_trigram_search(db, people, query, expected):
    assert _set(db, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("s", {"SITI AMINAH", "AGUS SALIM", "SRI LESTARI", "BUDI SANTOSO"}),  # word prefixes
        ("sa", {"AGUS SALIM", "BUDI SANTOSO"}),
        ("to", set()),  # "SANTOSO" contains it, but no word starts with it
        ("me", {"BUDI SANTOSO", "SITI AMINAH"}),  # village prefix
        ("33", {p[0] for p in PEOPLE}),  # NIK prefix
        ("08", {p[0] for p in PEOPLE}),  # local mobile prefix
        ("sa 08123", {"BUDI SANTOSO"}),  # a short and a long term
    ],
)
def test_short_terms_use_prefixes(db, people, query, expected):
    assert _set(db, query) == expected


def test_filters(db, people, synthetic, agent, today):
    budi = people["BUDI SANTOSO"]
    with db.session_scope() as session:
        session.execute(
            text("UPDATE prospects SET badge = 'returned', status = 'queued' WHERE id = :id"),
            {"id": budi.hex},
        )
    assert _set(db, filters=ProspectFilters(badge="returned")) == {"BUDI SANTOSO"}
    assert _set(db, filters=ProspectFilters(status="queued")) == {"BUDI SANTOSO"}
    assert _set(db, filters=ProspectFilters(village_code="33.75.01.1002")) == {
        "BUDI SANTOSO",
        "SITI AMINAH",
    }
    event = uuid.uuid4()
    item = synthetic(
        full_name="PESERTA KEGIATAN",
        occupation_1="NLY_NELAYAN",
        occupation_2="PDG_IKAN",
        outreach_event_id=str(event),
    )
    prospects.save(
        db, prospect_id=item.id, payload=item.payload, submit=False, agent=agent, today=today
    )
    assert _set(db, filters=ProspectFilters(event_id=event)) == {"PESERTA KEGIATAN"}
    assert "PESERTA KEGIATAN" in _set(db, filters=ProspectFilters(occupation="PDG_IKAN"))
    with db.session_scope() as session:
        visits.add(
            session,
            prospect_id=budi,
            payload={"kind": "CALL", "date": today, "due_date": today + timedelta(days=2)},
        )
    due = ProspectFilters(follow_up_due=True, today=today + timedelta(days=2))
    assert _set(db, filters=due) == {"BUDI SANTOSO"}
    assert _set(db, filters=ProspectFilters(follow_up_due=True, today=today)) == set()
    with pytest.raises(ValueError):
        _set(db, filters=ProspectFilters(follow_up_due=True))


def test_tombstones_are_hidden_unless_withdrawn_is_asked_for(db, people):
    with db.session_scope() as session:
        session.execute(
            text("UPDATE prospects SET deleted_at = updated_at, badge = 'withdrawn' WHERE id = :i"),
            {"i": people["SRI LESTARI"].hex},
        )
    assert "SRI LESTARI" not in _set(db)
    assert _set(db, "lestari") == set()
    assert _set(db, filters=ProspectFilters(badge="withdrawn")) == {"SRI LESTARI"}
    assert _set(db, "lestari", ProspectFilters(badge="withdrawn")) == {"SRI LESTARI"}


@pytest.mark.parametrize("sort", ["updated_desc", "updated_asc", "name_asc", "name_desc"])
def test_keyset_pages_cover_every_row_once_in_order(db, synthetic, agent, today, sort):
    for i in range(11):
        item = synthetic(full_name=f"PESERTA {i:02d}")
        prospects.save(
            db, prospect_id=item.id, payload=item.payload, submit=False, agent=agent, today=today
        )
    seen = []
    after = None
    with db.read_scope() as session:
        while True:
            rows = search.page(session, after=after, limit=4, sort=sort)
            if not rows:
                break
            seen.extend(rows)
            after = rows[-1].key
        total = search.count(session)
    assert len(seen) == len({r.id for r in seen}) == total == 11
    key = (lambda r: r.full_name) if sort.startswith("name") else (lambda r: (r.updated_at, r.id))
    assert seen == sorted(seen, key=key, reverse=sort.endswith("desc"))


def test_count_matches_and_caps(db, people):
    with db.read_scope() as session:
        assert search.count(session, query="anto") == 2
        assert search.count(session, query="s") == 4
        assert search.count(session, query="s", cap=3) == 3
        assert search.count(session, query="medono", filters=ProspectFilters(badge="draft")) == 2


def test_live_badge_counts_agree_with_counting_each_badge(db, people):
    """The status bar's grouped count: tombstones left out, every badge as count() sees it."""
    with db.session_scope() as session:
        session.execute(
            text("UPDATE prospects SET deleted_at = updated_at, badge = 'withdrawn' WHERE id = :i"),
            {"i": people["SRI LESTARI"].hex},
        )
        session.execute(
            text("UPDATE prospects SET badge = 'queued' WHERE id IN (:a, :b)"),
            {"a": people["BUDI SANTOSO"].hex, "b": people["AGUS SALIM"].hex},
        )
    with db.read_scope() as session:
        counts = search.live_badge_counts(session)
        plan = session.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT badge, count(*) FROM prospects"
                " WHERE deleted_at IS NULL GROUP BY badge"
            )
        ).all()
        each = {
            b: search.count(session, filters=ProspectFilters(badge=b)) for b in ("draft", "queued")
        }
        total = search.count(session)
    assert counts == {"draft": 2, "queued": 2} == each
    assert sum(counts.values()) == total == 4
    assert "COVERING INDEX ix_prospects_live_badge" in " ".join(str(r[-1]) for r in plan)


def test_rows_are_plain_values(db, people):
    with db.read_scope() as session:
        (row,) = search.page(session, query="siti")
    assert row.village_name == "Medono" and row.nik == "3375014107889902"
    assert row.badge == "draft" and row.flags == () and row.key == (row.updated_at, row.id)
    with pytest.raises(AttributeError):
        row.full_name = "X"  # type: ignore[misc]


def _e164_prefix(number: str) -> str | None:
    if number.startswith("+"):
        return number if number.startswith("+62") else None
    if number.startswith("62"):
        return "+" + number
    if number.startswith("0"):
        return "+62" + number[1:]
    return "+62" + number if number.startswith("8") else None


def _reference(everyone, query: str) -> list:  # type: ignore[no-untyped-def]
    """The documented search rules in plain Python: the ids that must match, in list order."""

    def starts(row, number: str) -> bool:  # type: ignore[no-untyped-def]
        e164 = _e164_prefix(number)
        on_nik = not number.startswith("+") and row.nik.startswith(number)
        return on_nik or bool(e164 and (row.mobile or "").startswith(e164))

    def texts(row) -> list[str]:  # type: ignore[no-untyped-def]
        mobile = row.mobile or ""
        return [
            row.full_name.upper(),
            row.nik,
            (row.village_name or "").upper(),
            mobile,
            "0" + mobile[3:],
        ]

    def words(row) -> list[str]:  # type: ignore[no-untyped-def]
        return row.full_name.upper().split() + (row.village_name or "").upper().split()[:1]

    keep = list(everyone)
    for term in query.upper().split():
        if term.lstrip("+").isdigit() and (len(term) < 3 or any(starts(r, term) for r in everyone)):
            keep = [r for r in keep if starts(r, term)]
        elif len(term) < 3:
            keep = [r for r in keep if any(w.startswith(term) for w in words(r))]
        else:
            keep = [r for r in keep if any(term in t for t in texts(r))]
    return [r.id for r in keep]


@pytest.mark.timeout(120)
def test_every_plan_gives_the_rows_the_rules_say(db, agent, today):
    """Index candidates and list walks are only speed choices: with probes forcing each plan,
    pages and counts equal the documented rules applied row by row."""
    demo_seed.seed(db, count=450, rng=random.Random(5), agent=agent, today=today)
    queries = [
        "0812",  # every seeded mobile
        "0812 ag",
        "+62812 santoso",
        "ag",
        "sri",
        "lestari p",
        "33",  # NIK prefixes
        "3326",
        "0812000012",
        "99",  # short digits starting no NIK or mobile: nothing
        "9901",  # starts no NIK or mobile: searched as text (the NIK serials)
        "medono",
        "pasar 33",
    ]
    with db.read_scope() as session:
        everyone, after = [], None
        while rows := search.page(session, after=after, limit=1000):
            everyone.extend(rows)
            after = rows[-1].key
        assert len(everyone) == 450
        for query in queries:
            expected = _reference(everyone, query)
            for probes in ({}, {"fts_probe": 0, "range_probe": 0}, {"fts_probe": 10**6}):
                got, after = [], None
                while rows := search.page(session, query=query, after=after, limit=70, **probes):
                    got.extend(r.id for r in rows)
                    after = rows[-1].key
                assert got == expected, (query, probes)
                assert search.count(session, query=query, **probes) == len(expected)
    assert len(_reference(everyone, "9901")) > 0  # the text fallback was exercised


def test_a_common_word_with_a_second_term_orders_its_hits_instead_of_walking(db, agent, today):
    """Alone, a word with more hits than the probe walks the list (a page fills quickly); with
    a second term the walk would test every entry of the common word that misses the second
    ("wahyu l": 0.5 s on 100k prospects), so up to RESTRICTED_FACTOR times as many hits are
    ordered instead."""
    demo_seed.seed(db, count=450, rng=random.Random(5), agent=agent, today=today)
    with db.read_scope() as session:
        hits = len(search._fts_hits(session, ["lestari"], 10**6) or [])
        assert hits >= 4
        probe = hits // 2  # more hits than the probe, fewer than the factor times it
        assert hits <= probe * search.RESTRICTED_FACTOR
        alone = search._plan(session, "lestari", ProspectFilters(), probe)
        assert alone.hits is None and alone.ranges is None  # walked
        combined = search._plan(session, "lestari p", ProspectFilters(), probe)
        assert combined.hits is not None and len(combined.hits) == hits
        filtered = search._plan(session, "lestari", ProspectFilters(status="prospect"), probe)
        assert filtered.hits is not None
