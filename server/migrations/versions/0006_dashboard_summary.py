"""Coverage dashboard summary (PostgreSQL): counts kept in the writing transaction.

Measured first (``bench/dashboard.py``, 1,000,000 prospects, 300,000 visits, 2 cores): the
plain indexed GROUP BY of migration ``0004_dashboard`` took ~0.6 s for the prospects of the
whole branch and ~1.9 s for the newest-visit-per-prospect follow-ups, above the 500 ms budget.
So PostgreSQL now keeps two small tables, written by row triggers on ``records`` in the same
transaction as the push, supervisor decision or edit that changes a record (whoever writes).
The triggers are per statement, over transition tables: a push batch inserts its rows in a few
multi-row statements, so each key gets one upsert per statement, not one per record (row-level
triggers bumping the same counter thousands of times in one transaction grew its version chain
and made a 20,000-row insert 20× slower). They run with ``jit = off``: compiling the small
per-statement queries costs more than running them:

- ``dashboard_counts``: prospects and approvals per month (``m``) by place (``p``) and by
  occupation (``o``), and per ISO week (``w``, ``a`` = all), each keyed by agent and kecamatan
  (the scope key). Keyed by agent, so concurrent pushes of different agents never touch the same
  row (each agent's pushes are already serialised): no lock waits, no deadlocks between agents.
  A month holds ~20,000 place rows and ~50,000 occupation rows for the benchmark's million.
- ``follow_up_state``: per prospect, its newest visit's due date and whether it is still open
  (not ``ENROLLED``/``REFUSED``), with the prospect's place, occupation and kecamatan.

Queries read whole months (weeks) from the summary and only the partial ones at the period's
ends from ``records`` (``server/services/aggregates.py``). SQLite (demo, one office) keeps the
plain queries. The tables are filled from existing records here.

Revision ID: 0006_dashboard_summary
Revises: 0005_review_queue
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006_dashboard_summary"
down_revision: str | None = "0005_review_queue"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FACTS = """
    SELECT agent_id, left(coalesce(area_code, ''), 8) AS district,
           (created_at AT TIME ZONE 'Asia/Jakarta')::date AS day,
           coalesce(dash_place, '') AS place, coalesce(dash_occupation, '') AS job,
           CASE WHEN review_state = 'approved' THEN 1 ELSE 0 END AS ok, {sign} AS sign
    FROM {rows} WHERE entity_type = 'prospect' AND deleted = false
"""


# Add the net change of the CTE ``facts`` (one row per prospect version, ``sign`` ±1) to
# ``dashboard_counts``: one upsert per key and statement, keys without change skipped, rows
# locked in key order (a push and a supervisor's decisions on the same agent's records take
# the row locks in the same order, so they queue instead of deadlocking).
COUNT_DELTAS = """
    INSERT INTO dashboard_counts AS c
    SELECT kind, bucket, agent_id, district, dim, value, sum(sign), sum(ok * sign)
    FROM (
        SELECT 'm' AS kind, date_trunc('month', day)::date AS bucket, agent_id, district,
               'p' AS dim, place AS value, sign, ok FROM facts
        UNION ALL
        SELECT 'm', date_trunc('month', day)::date, agent_id, district, 'o', job, sign, ok
        FROM facts
        UNION ALL
        SELECT 'w', date_trunc('week', day)::date, agent_id, district, 'a', '', sign, ok
        FROM facts
    ) AS deltas
    GROUP BY kind, bucket, agent_id, district, dim, value
    HAVING sum(sign) <> 0 OR sum(ok * sign) <> 0
    ORDER BY kind, bucket, agent_id, district, dim, value
    ON CONFLICT ON CONSTRAINT pk_dashboard_counts DO UPDATE
        SET prospects = c.prospects + EXCLUDED.prospects,
            approved = c.approved + EXCLUDED.approved
    """


def _trigger_function(name: str, facts: str, *, rows: str | None) -> str:
    """A statement-level trigger function: counts from the transition table(s); follow-up
    state of the prospects written and of the parents of the visits written (``rows``)."""
    follow = ""
    if rows is not None:
        follow = f"""
        IF EXISTS (SELECT 1 FROM follow_up_state) THEN
            FOR n IN SELECT id, area_code, dash_place, dash_occupation, deleted FROM {rows}
                     WHERE entity_type = 'prospect' LOOP
                UPDATE follow_up_state
                    SET district = left(coalesce(n.area_code, ''), 8), place = n.dash_place,
                        occupation = n.dash_occupation, prospect_live = NOT n.deleted
                    WHERE prospect_id = n.id;
            END LOOP;
        END IF;
        PERFORM jangkau_follow_ups_for(ARRAY(
            SELECT DISTINCT parent_id FROM {rows}
            WHERE entity_type = 'visit' AND parent_id IS NOT NULL));"""
    return f"""
    CREATE FUNCTION {name}() RETURNS trigger AS $$
    DECLARE
        n record;
    BEGIN
        WITH facts AS ({facts}) {COUNT_DELTAS};{follow}
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql SET jit = off
    """


UPGRADE = [
    """
    CREATE TABLE dashboard_counts (
        bucket_kind CHAR(1) NOT NULL,
        bucket DATE NOT NULL,
        agent_id UUID NOT NULL,
        district VARCHAR(16) NOT NULL,
        dim CHAR(1) NOT NULL,
        value VARCHAR(40) NOT NULL,
        prospects INTEGER NOT NULL,
        approved INTEGER NOT NULL,
        CONSTRAINT pk_dashboard_counts
            PRIMARY KEY (bucket_kind, bucket, agent_id, district, dim, value)
    )
    """,
    """
    CREATE TABLE follow_up_state (
        prospect_id UUID NOT NULL CONSTRAINT pk_follow_up_state PRIMARY KEY,
        agent_id UUID NOT NULL,
        district VARCHAR(16),
        place VARCHAR(16),
        occupation VARCHAR(40),
        prospect_live BOOLEAN NOT NULL,
        due VARCHAR(10),
        open BOOLEAN NOT NULL
    )
    """,
    """
    CREATE INDEX ix_follow_up_state_open ON follow_up_state (due)
        INCLUDE (district, place, occupation, agent_id) WHERE open AND prospect_live
    """,
    """
    CREATE FUNCTION jangkau_follow_ups_for(parents uuid[]) RETURNS void AS $$
    DECLARE
        pid uuid;
        v record;
        p record;
    BEGIN
        -- One parent at a time: index lookups whose cost grows with the visits written,
        -- never with the size of the tables (a set-based UPDATE … = ANY(array) may scan).
        FOREACH pid IN ARRAY parents LOOP
            SELECT agent_id, dash_due, dash_outcome INTO v FROM records
                WHERE parent_id = pid AND entity_type = 'visit' AND deleted = false
                ORDER BY dash_date DESC, id DESC LIMIT 1;
            IF NOT FOUND THEN
                UPDATE follow_up_state SET open = false, due = NULL WHERE prospect_id = pid;
                CONTINUE;
            END IF;
            SELECT area_code, dash_place, dash_occupation, deleted INTO p FROM records
                WHERE id = pid AND entity_type = 'prospect';
            INSERT INTO follow_up_state AS f VALUES (
                pid, v.agent_id, left(coalesce(p.area_code, ''), 8), p.dash_place,
                p.dash_occupation, coalesce(NOT p.deleted, false), v.dash_due,
                v.dash_due IS NOT NULL
                    AND coalesce(v.dash_outcome, '') NOT IN ('ENROLLED', 'REFUSED'))
            ON CONFLICT ON CONSTRAINT pk_follow_up_state DO UPDATE SET
                district = EXCLUDED.district, place = EXCLUDED.place,
                occupation = EXCLUDED.occupation, prospect_live = EXCLUDED.prospect_live,
                due = EXCLUDED.due, open = EXCLUDED.open;
        END LOOP;
    END
    $$ LANGUAGE plpgsql SET jit = off
    """,
    _trigger_function(
        "jangkau_dash_inserted", _FACTS.format(sign=1, rows="new_rows"), rows="new_rows"
    ),
    _trigger_function(
        "jangkau_dash_updated",
        _FACTS.format(sign=-1, rows="old_rows")
        + " UNION ALL "
        + _FACTS.format(sign=1, rows="new_rows"),
        rows="new_rows",
    ),
    _trigger_function("jangkau_dash_deleted", _FACTS.format(sign=-1, rows="old_rows"), rows=None),
    """
    CREATE TRIGGER records_dashboard_insert AFTER INSERT ON records
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION jangkau_dash_inserted()
    """,
    """
    CREATE TRIGGER records_dashboard_update AFTER UPDATE ON records
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION jangkau_dash_updated()
    """,
    """
    CREATE TRIGGER records_dashboard_delete AFTER DELETE ON records
        REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION jangkau_dash_deleted()
    """,
]

BACKFILL = [
    "WITH facts AS (" + _FACTS.format(sign=1, rows="records") + ") " + COUNT_DELTAS,
    """
    INSERT INTO follow_up_state
    SELECT v.parent_id, v.agent_id, left(coalesce(p.area_code, ''), 8), p.dash_place,
           p.dash_occupation, coalesce(NOT p.deleted, false), v.dash_due,
           v.dash_due IS NOT NULL AND coalesce(v.dash_outcome, '') NOT IN ('ENROLLED', 'REFUSED')
    FROM (SELECT DISTINCT ON (parent_id) parent_id, agent_id, dash_due, dash_outcome
          FROM records WHERE entity_type = 'visit' AND deleted = false
          AND parent_id IS NOT NULL
          ORDER BY parent_id, dash_date DESC, id DESC) AS v
    LEFT JOIN records AS p ON p.id = v.parent_id AND p.entity_type = 'prospect'
    """,
]
DOWNGRADE = [
    "DROP TRIGGER IF EXISTS records_dashboard_delete ON records",
    "DROP TRIGGER IF EXISTS records_dashboard_update ON records",
    "DROP TRIGGER IF EXISTS records_dashboard_insert ON records",
    "DROP FUNCTION IF EXISTS jangkau_dash_deleted()",
    "DROP FUNCTION IF EXISTS jangkau_dash_updated()",
    "DROP FUNCTION IF EXISTS jangkau_dash_inserted()",
    "DROP FUNCTION IF EXISTS jangkau_follow_ups_for(uuid[])",
    "DROP TABLE IF EXISTS follow_up_state",
    "DROP TABLE IF EXISTS dashboard_counts",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in (*UPGRADE, *BACKFILL):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in DOWNGRADE:
        op.execute(statement)
