"""Coverage dashboard: covering indexes so a refresh over 100,000 prospects stays ≤ 200 ms.

Each breakdown groups along the leading columns of its own partial covering index, so SQLite
streams the GROUP BY in index order (no temporary B-tree, no table row decrypted):

- place (village, district, regency): ``village_code, district_code`` first;
- occupation: ``occupation_1`` first;
- week: the WIB calendar day of ``created_at`` first (an expression; folded into ISO weeks);
- open follow-ups: ``next_follow_up`` first, with the breakdown columns.

``deleted_at`` is the last column of each so the partial-index condition is covered too.
Measured on 100k prospects: a grouped scan of the row-leading index took ~190 ms of CPU (with a
temporary B-tree), a scan of these ~85 ms (``bench/dashboard.py``).

Revision ID: 0003_dashboard
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003_dashboard"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DAY_WIB = "date(substr(created_at, 1, 19), '+7 hours')"
_STATE = "review_state, revision, printed_count, deleted_at"
_INDEXES = {
    "ix_prospects_dash_place": f"village_code, district_code, created_at, {_STATE}",
    "ix_prospects_dash_occupation": f"occupation_1, created_at, {_STATE}",
    "ix_prospects_dash_day": f"{DAY_WIB}, created_at, {_STATE}",
}
_FOLLOW_UP = (
    "CREATE INDEX ix_prospects_dash_follow_up ON prospects "
    "(next_follow_up, village_code, district_code, occupation_1, deleted_at) "
    "WHERE deleted_at IS NULL AND next_follow_up IS NOT NULL"
)


def upgrade() -> None:
    for name, columns in _INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON prospects ({columns}) WHERE deleted_at IS NULL")
    op.execute(_FOLLOW_UP)


def downgrade() -> None:
    for name in (*_INDEXES, "ix_prospects_dash_follow_up"):
        op.execute(f"DROP INDEX IF EXISTS {name}")
