"""Local store benchmark: 100,000 synthetic prospects in an encrypted store (``make bench``).

Prints, next to their targets: bulk import rate, database size, unlock time, save-one latency
(one ``models.services.prospects.save`` with ``submit=True``: validation, record, FTS entry,
consent, outbox rows, audit row, ``COMMIT`` with ``synchronous=FULL``), and search-as-you-type
latency (one list page per keystroke while typing real names, NIKs and mobile numbers).

``JANGKAU_BENCH_PROSPECTS`` overrides the store size for a quick local run.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import select

from models.db import Database, key_path_for
from models.keyfile import KeyFile
from models.prospect import Prospect
from models.repositories import search
from models.services import demo_seed
from models.services.context import AgentContext
from tests.models.synthetic import save_item

TODAY = date(2026, 9, 1)
PASSWORD = "bench-kata-sandi"
AGENT = AgentContext(username="bench", display_name="Bench", branch_code="PEKALONGAN")


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _line(name: str, value: str, target: str = "") -> None:
    print(f"{name}: {value}" + (f" (target {target})" if target else ""), flush=True)


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _store_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())


def main() -> None:
    count = int(os.environ.get("JANGKAU_BENCH_PROSPECTS", "100000"))
    rng = random.Random(20260901)
    with tempfile.TemporaryDirectory(prefix="jangkau-bench-") as folder:
        path = Path(folder) / "store.db"
        create = _timed(
            lambda: Database.create(path, password=PASSWORD, profile_name="Bench").close()
        )
        kdf = KeyFile.read(key_path_for(path)).kdf
        _line(
            f"create store (Argon2id tuned here to t={kdf.time_cost} m={kdf.memory_kib // 1024}MiB"
            f" p={kdf.parallelism}, + migrations)",
            _ms(create),
        )

        db = Database.open(path, password=PASSWORD)
        try:
            started = time.perf_counter()
            result = demo_seed.seed(
                db,
                count=count,
                rng=rng,
                agent=AGENT,
                today=TODAY,
                synced_share=0.9,
                submitted_share=0.5,
            )
            took = time.perf_counter() - started
            _line(
                "bulk import",
                f"{count / took:,.0f} prospects/s ({count:,} in {took:.1f} s: {result.synced:,} "
                f"synced, {result.queued:,} queued with outbox rows, {result.drafts:,} drafts)",
                ">= 1,000 prospects/s",
            )
            with db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            size = _store_size(path)
            _line("DB size", f"{size / 1e6:.1f} MB ({size / count:,.0f} bytes per prospect)")
        finally:
            db.close()

        unlock = _timed(lambda: Database.open(path, password=PASSWORD).close())
        _line("unlock + open (Argon2id, schema check)", _ms(unlock), "0.5-1 s, SYNC §8")

        db = Database.open(path, password=PASSWORD)
        try:
            _bench_saves(db, rng)
            _bench_search(db, rng)
        finally:
            db.close()


def _bench_saves(db: Database, rng: random.Random) -> None:
    items = [demo_seed.make_prospect(rng, today=TODAY, mobile_number=10**7 + i) for i in range(220)]
    times = []
    for item in items:
        times.append(
            _timed(lambda item=item: save_item(db, item, agent=AGENT, today=TODAY, submit=True))
        )
    times = times[20:]  # the first saves warm statement caches
    _line(
        "save one prospect (submit, fsync, outbox)",
        f"p50 {_ms(_pct(times, 0.5))}, p95 {_ms(_pct(times, 0.95))}, max {_ms(max(times))}",
        "p95 <= 15 ms",
    )
    drafts = []
    for item in items[:100]:
        changed = dict(item.payload, address_line="Jl. Baru No. 2")
        drafts.append(
            _timed(
                lambda item=item, changed=changed: save_item(
                    db, item, agent=AGENT, today=TODAY, payload=changed, consent=None
                )
            )
        )
    _line("save a draft edit", f"p50 {_ms(_pct(drafts, 0.5))}, p95 {_ms(_pct(drafts, 0.95))}")


def _typed(text: str) -> list[str]:
    return [text[:k] for k in range(1, len(text) + 1) if not text[:k].endswith(" ")]


def _bench_search(db: Database, rng: random.Random) -> None:
    with db.read_scope() as session:
        rows = session.execute(select(Prospect.full_name, Prospect.nik, Prospect.mobile)).all()
    sample = rng.sample(rows, 30)
    queries: list[str] = []
    for name, _nik, _mobile in sample[:20]:
        queries += _typed(name.lower())
    for _name, nik, _mobile in sample[20:25]:
        queries += _typed(nik)[:10]
    for _name, _nik, mobile in sample[25:]:
        queries += _typed("0" + (mobile or "+62")[3:])[:9]
    page_times, count_times = [], []
    with db.read_scope() as session:
        for query in queries[:10]:  # warm-up
            search.page(session, query=query)
        for query in queries:
            page_times.append(_timed(lambda q=query: search.page(session, query=q)))
            count_times.append(_timed(lambda q=query: search.count(session, query=q, cap=10_000)))
    _line(
        f"search-as-you-type page ({len(queries)} keystrokes: names, NIK and mobile prefixes)",
        f"p50 {_ms(_pct(page_times, 0.5))}, p95 {_ms(_pct(page_times, 0.95))}, "
        f"max {_ms(max(page_times))}",
        "p95 <= 30 ms",
    )
    _line(
        "search count (capped at 10,000) per keystroke",
        f"p50 {_ms(_pct(count_times, 0.5))}, p95 {_ms(_pct(count_times, 0.95))}",
    )
    with db.read_scope() as session:
        browse = []
        after = None
        for _ in range(20):
            started = time.perf_counter()
            page = search.page(session, after=after)
            browse.append(time.perf_counter() - started)
            after = page[-1].key
    _line("list page (256 rows, keyset, scrolling)", f"mean {_ms(statistics.mean(browse))}")


if __name__ == "__main__":
    main()
