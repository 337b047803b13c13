"""Coverage dashboard: payload facts as generated columns, and the indexes its queries scan.

``GET /api/v1/review/dashboard`` groups prospects by village, occupation, agent or week and
finds each prospect's newest follow-up. Those facts live in the canonical JSON payload; reading
them with a JSON parse per row would cost more than the whole 500 ms budget on 1,000,000
records, so PostgreSQL keeps them as ``STORED`` generated columns (computed on every write,
whoever writes: push, supervisor edits, imports; ``text::jsonb`` and ``->>`` are immutable):

- ``dash_place``: the prospect's village code, else its kecamatan code (free-text village);
- ``dash_occupation``: the primary occupation;
- ``dash_date``, ``dash_due``, ``dash_outcome``: a visit's date, due date and outcome (and an
  event's date), ISO text, so they compare as dates.

Partial covering indexes then let the grouped queries read the index alone (index-only scans):
prospects by capture time carrying scope, place, occupation, agent and state; visits by
prospect, newest first, carrying due date, outcome and scope; events by date.

SQLite (demo, single office) gets no generated columns: Alembic's batch mode copies every
reflected column when it recreates a table, and SQLite refuses to INSERT into a generated one,
so any later batch migration of ``records`` would fail. Its queries read ``json_extract``
directly, which is fast enough at the sizes a single office holds; it gets plain partial
indexes on real columns only.

Measured before adding a summary table: the plain indexed GROUP BY answers within the budget
on PostgreSQL (``bench/dashboard.py``), so no summary is maintained in the push transaction.

Revision ID: 0004_dashboard
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004_dashboard"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# column → (type, payload keys tried in order)
COLUMNS = {
    "dash_place": ("VARCHAR(16)", ("village_code", "district_code")),
    "dash_occupation": ("VARCHAR(40)", ("occupation_1",)),
    "dash_date": ("VARCHAR(10)", ("date",)),
    "dash_due": ("VARCHAR(10)", ("due_date",)),
    "dash_outcome": ("VARCHAR(16)", ("outcome",)),
}
LIVE_PROSPECT = "entity_type = 'prospect' AND deleted = false"
LIVE_VISIT = "entity_type = 'visit' AND deleted = false"
LIVE_EVENT = "entity_type = 'outreach_event' AND deleted = false"


def _expression(keys: Sequence[str]) -> str:
    parts = [f"((payload)::jsonb ->> '{key}')" for key in keys]
    return parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute(
            "CREATE INDEX ix_records_dash_prospects ON records (created_at, area_code) "
            f"WHERE {LIVE_PROSPECT}"
        )
        op.execute(f"CREATE INDEX ix_records_dash_events ON records (area_code) WHERE {LIVE_EVENT}")
        return
    for name, (sql_type, keys) in COLUMNS.items():
        op.execute(
            f"ALTER TABLE records ADD COLUMN {name} {sql_type} "
            f"GENERATED ALWAYS AS ({_expression(keys)}) STORED"
        )
    op.execute(
        "CREATE INDEX ix_records_dash_prospects ON records (created_at) "
        "INCLUDE (area_code, dash_place, dash_occupation, agent_id, review_state) "
        f"WHERE {LIVE_PROSPECT}"
    )
    op.execute(
        "CREATE INDEX ix_records_dash_visits ON records "
        "(parent_id, dash_date DESC, id DESC) INCLUDE (dash_due, dash_outcome, area_code) "
        f"WHERE {LIVE_VISIT}"
    )
    op.execute(
        f"CREATE INDEX ix_records_dash_events ON records (dash_date, area_code) WHERE {LIVE_EVENT}"
    )


def downgrade() -> None:
    for name in ("ix_records_dash_events", "ix_records_dash_visits", "ix_records_dash_prospects"):
        op.execute(f"DROP INDEX IF EXISTS {name}")
    if op.get_bind().dialect.name == "postgresql":
        for name in reversed(COLUMNS):
            op.execute(f"ALTER TABLE records DROP COLUMN {name}")
