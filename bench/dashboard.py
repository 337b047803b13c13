"""Coverage dashboard speed: the agent's refresh on 100,000 local records and the supervisor's
server aggregate on 1,000,000 records in PostgreSQL (``python -m bench dashboard``).

Local: an encrypted store (real migrations, so the dashboard's covering indexes) is filled with
100,000 prospects over 365 days, spread over every village and occupation of the branch (the
worst case for grouping), 30 % submitted-and-approved, prints, follow-ups, interested visits and
events; then ``models.services.dashboard.load_dashboard`` runs per breakdown, all time and for
one month. The headline is the slowest all-time breakdown (median of 5).

Server: a throwaway PostgreSQL database migrated to head gets 1,000,000 prospects over 730 days
from 100 agents in their own kecamatan, 300,000 visits and 5,000 events (one
``INSERT … SELECT generate_series`` each; generated columns computed as on a push); then
``server.services.aggregates.dashboard`` runs per breakdown for an admin (the whole branch),
for a Kota Pekalongan supervisor, and for one month. The headline is the slowest whole-branch
all-time breakdown (median of 5).

Wall times are printed with the process CPU time beside them: on a busy machine the wall time
of the local part is mostly waiting for a core. ``JANGKAU_BENCH_PG_URL`` (default
``JANGKAU_TEST_PG_URL`` or the local server) picks PostgreSQL; without it the server part says
it was skipped. ``JANGKAU_BENCH_DASH_LOCAL`` / ``JANGKAU_BENCH_DASH_SERVER`` scale the sizes.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from models.base import new_id
from models.db import Database as Store
from models.keyfile import KdfParams
from models.outreach_event import OutreachEvent
from models.prospect import Prospect
from models.rules.occupations import load_occupations
from models.rules.regions import DEFAULT_BRANCH_REGENCIES, regions
from models.services import dashboard
from models.services.dashboard import DashboardQuery
from models.services.demo_seed import make_prospect
from models.visit import Visit

LOCAL_COUNT = int(os.environ.get("JANGKAU_BENCH_DASH_LOCAL", "100000"))
SERVER_COUNT = int(os.environ.get("JANGKAU_BENCH_DASH_SERVER", "1000000"))
LOCAL_TARGET_MS = 200.0
SERVER_TARGET_MS = 500.0
TODAY = date(2026, 9, 1)
RUNS = 5
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _line(name: str, value: str, target: str = "") -> None:
    print(f"{name}: {value}" + (f" (target {target})" if target else ""), flush=True)


def _measure(fn: Callable[[], Any]) -> tuple[float, float]:
    """Median wall and CPU milliseconds of ``RUNS`` calls (after one warm-up call)."""
    fn()
    walls, cpus = [], []
    for _ in range(RUNS):
        cpu, wall = time.process_time(), time.perf_counter()
        fn()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def _villages() -> list[Any]:
    index = regions()
    return [
        village
        for regency in DEFAULT_BRANCH_REGENCIES
        for district in index.districts(regency)
        for village in index.villages(district.code)
    ]


# -- local --------------------------------------------------------------------------------------


def _fill_store(store: Store, count: int) -> None:
    rng = random.Random(20260901)
    payload = make_prospect(rng, today=TODAY).payload  # a realistic payload size (~1.3 KB)
    villages = _villages()
    jobs = [o.code for o in load_occupations()]
    start = datetime(2025, 9, 2, tzinfo=UTC)
    now = datetime.now(UTC)
    table = Prospect.__table__
    for first in range(0, count, 5000):
        rows, visits = [], []
        for i in range(first, min(count, first + 5000)):
            village = rng.choice(villages)
            submitted = rng.random() < 0.6
            approved = submitted and rng.random() < 0.5
            pid = new_id()
            rows.append(
                {
                    "id": pid,
                    "revision": 1 if submitted else 0,
                    "created_at": start + timedelta(seconds=rng.randrange(365 * 86400)),
                    "updated_at": now,
                    "payload_json": payload,
                    "status": "queued" if submitted else "draft",
                    "badge": "approved" if approved else ("queued" if submitted else "draft"),
                    "review_state": "approved" if approved else None,
                    "flags_json": [],
                    "issues_json": [],
                    "server_errors_json": [],
                    "field_notes_json": {},
                    "acknowledged_warnings": {},
                    "full_name": f"PESERTA {i}",
                    "nik": f"{3375010000000000 + i}",
                    "village_code": village.code,
                    "village_name": village.name,
                    "district_code": village.parent,
                    "area_code": village.code,
                    "occupation_1": rng.choice(jobs),
                    "printed_count": 1 if rng.random() < 0.3 else 0,
                    "next_follow_up": TODAY + timedelta(days=rng.randrange(-30, 30))
                    if rng.random() < 0.15
                    else None,
                    "restricted": False,
                    "search_rowid": i + 1,
                }
            )
            if rng.random() < 0.05:
                visits.append(
                    {
                        "id": new_id(),
                        "prospect_id": pid,
                        "revision": 0,
                        "payload_json": {},
                        "kind": "VISIT",
                        "visit_date": TODAY - timedelta(days=rng.randrange(300)),
                        "outcome": "INTERESTED",
                        "created_at": now,
                        "updated_at": now,
                    }
                )
        with store.session_scope() as session:
            session.execute(sa.insert(table), rows)
            if visits:
                session.execute(sa.insert(Visit.__table__), visits)
    with store.session_scope() as session:
        session.execute(
            sa.insert(OutreachEvent.__table__),
            [
                {
                    "id": new_id(),
                    "payload_json": {},
                    "area_code": "33.75.01",
                    "place_kind": "MARKET",
                    "place_name": f"Pasar {i}",
                    "event_date": TODAY - timedelta(days=i),
                    "closed": True,
                    "revision": 1,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(200)
            ],
        )


def bench_local() -> None:
    with tempfile.TemporaryDirectory(prefix="jangkau-dash-") as folder:
        path = Path(folder) / "store.db"
        Store.create(
            path, password="bench-kata-sandi", profile_name="Bench", argon2_params=KdfParams.fast()
        ).close()
        store = Store.open(path, password="bench-kata-sandi")
        try:
            started = time.perf_counter()
            _fill_store(store, LOCAL_COUNT)
            _line(
                "local fill", f"{LOCAL_COUNT:,} prospects in {time.perf_counter() - started:.1f} s"
            )
            month = (TODAY - timedelta(days=30), TODAY)
            worst = 0.0
            for by in dashboard.BY_LOCAL:
                for label, (start, end) in (("all time", (None, None)), ("30 days", month)):
                    query = DashboardQuery(by=by, start=start, end=end)
                    wall, cpu = _measure(lambda q=query: dashboard.load_dashboard(store, query=q))
                    if start is None:
                        worst = max(worst, wall)
                    _line(f"local dashboard by {by}, {label}", f"{wall:.0f} ms (CPU {cpu:.0f} ms)")
            _line(
                f"dashboard refresh ({LOCAL_COUNT:,} local records, slowest breakdown)",
                f"{worst:.0f} ms",
                f"≤ {LOCAL_TARGET_MS:.0f} ms",
            )
        finally:
            store.close()


# -- server -------------------------------------------------------------------------------------

_USERS_SQL = """
INSERT INTO users (id, username, display_name, password_hash, roles, active, created_at,
    updated_at, password_changed_at)
VALUES (:id, :username, :name, 'x', :roles, true, now(), now(), now())
"""
_PROSPECTS_SQL = """
INSERT INTO records (id, entity_type, agent_id, area_code, revision, schema_version, deleted,
    payload, payload_hash, review_state, flags, checks, nik, author_role, created_at, updated_at)
SELECT md5('p' || i)::uuid, 'prospect', (:agents)[a], v.code, 1, 3, (i % 97 = 0),
    json_build_object(
        'nik', (3300000000000000 + i)::text, 'full_name', 'PESERTA ' || i,
        'birth_place', 'Pekalongan', 'birth_date', '1990-01-01', 'sex', 'L',
        'mother_maiden_name', 'IBU KANDUNG', 'mobile', '+62812' || lpad(i::text, 8, '0'),
        'address_line', 'Jl. Pasar Banjarsari Gg. 3 No. ' || i || ', dekat masjid',
        'rt', '003', 'rw', '002', 'province_code', '33', 'regency_code', left(v.code, 5),
        'district_code', left(v.code, 8), 'village_code', v.code, 'area_code', v.code,
        'occupation_1', (:jobs)[1 + (i * 7) % :n_jobs], 'declared_income', 1500000,
        'package', 'JKK_JKM', 'payment_period_months', 1, 'funding_source', 'MANDIRI',
        'channel', 'FIELD_AGENT', 'notes', repeat('catatan lapangan ', 20))::text,
    'sha256:' || md5('h' || i) || md5('g' || i),
    CASE WHEN i % 10 < 3 THEN 'approved' WHEN i % 10 = 3 THEN 'returned' ELSE 'received' END,
    '[]', '[]', (3300000000000000 + i)::text, 'agent',
    now() - make_interval(secs => ((i::bigint * 7919) % (730 * 86400))::int), now()
FROM generate_series(1, :count) AS i,
    LATERAL (SELECT 1 + i % :n_agents AS a) AS pick,
    LATERAL (SELECT (:agent_villages)[a][1 + (i / :n_agents) % :per_agent] AS code) AS v
"""
_VISITS_SQL = """
INSERT INTO records (id, entity_type, agent_id, area_code, parent_id, revision, schema_version,
    deleted, payload, payload_hash, review_state, flags, checks, author_role, created_at,
    updated_at)
SELECT md5('v' || j)::uuid, 'visit', p.agent_id, p.area_code, p.id, 1, 3, false,
    json_build_object('prospect_id', p.id, 'kind', 'VISIT',
        'date', (current_date - (j % 300))::text,
        'due_date', (current_date + (j % 40) - 20)::text,
        'outcome', (ARRAY['PLANNED', 'INTERESTED', 'NOT_FOUND', 'ENROLLED', 'REFUSED'])[1 + j % 5]
    )::text,
    'sha256:' || md5('vh' || j) || md5('vg' || j), NULL, '[]', '[]', 'agent', now(), now()
FROM generate_series(1, :visits) AS j
JOIN records p ON p.id = md5('p' || (1 + (j * 3) % :count))::uuid
"""
_EVENTS_SQL = """
INSERT INTO records (id, entity_type, agent_id, area_code, revision, schema_version, deleted,
    payload, payload_hash, flags, checks, author_role, created_at, updated_at)
SELECT md5('e' || k)::uuid, 'outreach_event', (:agents)[1 + k % :n_agents],
    left((:agent_villages)[1 + k % :n_agents][1], 8), 1, 3, false,
    json_build_object('area_code', left((:agent_villages)[1 + k % :n_agents][1], 8),
        'place_kind', 'MARKET', 'place_name', 'Pasar ' || k,
        'date', (current_date - (k % 730))::text)::text,
    'sha256:' || md5('eh' || k) || md5('eg' || k), '[]', '[]', 'agent', now(), now()
FROM generate_series(1, :events) AS k
"""


def _summary_migration() -> Any:
    """The summary migration's SQL (its triggers are off during the bulk load)."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "server" / "migrations" / "versions"
    spec = importlib.util.spec_from_file_location("summary", path / "0006_dashboard_summary.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pg_url() -> str:
    return (
        os.environ.get("JANGKAU_BENCH_PG_URL")
        or os.environ.get("JANGKAU_TEST_PG_URL")
        or DEFAULT_PG
    )


def _fill_server(engine: sa.Engine, count: int) -> uuid.UUID:
    rng = random.Random(7)
    index = regions()
    districts = [d for r in DEFAULT_BRANCH_REGENCIES for d in index.districts(r)]
    agents, areas = [], []
    for i in range(100):
        district = districts[i % len(districts)]
        codes = [v.code for v in index.villages(district.code)] or [district.code]
        villages = [rng.choice(codes) for _ in range(12)]
        agents.append(uuid.uuid4())
        areas.append(villages)
    jobs = [o.code for o in load_occupations()]
    admin = uuid.uuid4()
    arr = sa.ARRAY(sa.String())
    with engine.begin() as connection:
        for i, agent in enumerate(agents):
            connection.execute(
                sa.text(_USERS_SQL),
                {
                    "id": agent,
                    "username": f"agen{i:03d}",
                    "name": f"Agen {i:03d}",
                    "roles": '["agent"]',
                },
            )
        connection.execute(
            sa.text(_USERS_SQL),
            {"id": admin, "username": "admin", "name": "Admin", "roles": '["admin"]'},
        )
        params = {
            "agents": agents,
            "n_agents": len(agents),
            "agent_villages": areas,
            "per_agent": 12,
            "jobs": jobs,
            "n_jobs": len(jobs),
            "count": count,
            "visits": count * 3 // 10,
            "events": max(1, count // 200),
        }
        binds = [
            sa.bindparam("agents", type_=sa.ARRAY(sa.Uuid())),
            sa.bindparam("agent_villages", type_=sa.ARRAY(sa.String(), dimensions=2)),
            sa.bindparam("jobs", type_=arr),
        ]
        # Bulk load like a restore: indexes dropped first and built once at the end (a few
        # seconds each) instead of maintained row by row (many minutes for a million rows).
        indexes = connection.execute(
            sa.text(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'records' "
                "AND indexname <> 'pk_records'"
            )
        ).all()
        for name, _definition in indexes:
            connection.execute(sa.text(f'DROP INDEX "{name}"'))
        summary = _summary_migration()
        connection.execute(sa.text("ALTER TABLE records DISABLE TRIGGER USER"))
        for sql in (_PROSPECTS_SQL, _VISITS_SQL, _EVENTS_SQL):
            statement = sa.text(sql).bindparams(*[b for b in binds if f":{b.key}" in sql])
            connection.execute(statement, params)
        connection.execute(sa.text("ALTER TABLE records ENABLE TRIGGER USER"))
        connection.execute(sa.text("SET LOCAL maintenance_work_mem = '256MB'"))
        for _name, definition in indexes:
            connection.execute(sa.text(definition))
        for sql in summary.BACKFILL:  # the summary as the migration fills it from records
            connection.execute(sa.text(sql))
    with engine.connect() as connection:
        autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
        for table in ("records", "dashboard_counts", "follow_up_state"):
            autocommit.execute(sa.text(f"VACUUM ANALYZE {table}"))
    return admin


def bench_server() -> None:
    from server.config import load_settings
    from server.db import Database, upgrade
    from server.services import aggregates
    from server.services.context import UserAuth

    url = _pg_url()
    name = f"jangkau_dash_{os.getpid()}"
    admin_engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin_engine.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - no PostgreSQL here: say so and go on
        _line("server dashboard aggregate", f"skipped (PostgreSQL: {type(exc).__name__})")
        admin_engine.dispose()
        return
    try:
        bench_url = sa.make_url(url).set(database=name).render_as_string(hide_password=False)
        settings = load_settings(environ={}, db_url=bench_url)
        upgrade(settings)
        db = Database(settings)
        try:
            started = time.perf_counter()
            admin_id = _fill_server(db.engine, SERVER_COUNT)
            _line(
                "server fill",
                f"{SERVER_COUNT:,} prospects + {SERVER_COUNT * 3 // 10:,} visits in "
                f"{time.perf_counter() - started:.1f} s",
            )
            now = datetime.now(UTC)
            admin = UserAuth(uuid.uuid4(), admin_id, "admin", "Admin", ("admin",), ())
            kota = UserAuth(
                uuid.uuid4(), uuid.uuid4(), "spv", "Pengawas", ("supervisor",), ("33.75",)
            )
            worst = 0.0
            month_end = now.date()
            for who, auth in (("branch (admin)", admin), ("Kota Pekalongan supervisor", kota)):
                for by in aggregates.BY_OPTIONS:
                    periods = [("all time", None, None)]
                    if by in ("village", "week") or auth is kota:
                        periods.append(("30 days", month_end - timedelta(days=29), month_end))
                    for label, start, end in periods:
                        wall, cpu = _measure(
                            lambda a=auth, b=by, s=start, e=end: aggregates.dashboard(
                                db, by_user=a, by=b, area=None, start=s, end=e, now=now
                            )
                        )
                        if auth is admin and start is None:
                            worst = max(worst, wall)
                        _line(
                            f"server dashboard {who} by {by}, {label}",
                            f"{wall:.0f} ms (client CPU {cpu:.0f} ms)",
                        )
            _line(
                f"server dashboard aggregate ({SERVER_COUNT:,} records, PostgreSQL, slowest breakdown)",
                f"{worst:.0f} ms",
                f"≤ {SERVER_TARGET_MS:.0f} ms",
            )
        finally:
            db.dispose()
    finally:
        with admin_engine.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin_engine.dispose()


def main() -> None:
    bench_local()
    bench_server()


if __name__ == "__main__":
    main()
