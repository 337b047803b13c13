"""Status-bar counts from an index: live prospects per badge.

"Belum terkirim", "Perlu perbaikan" and the total are counts of live prospects by badge. With
only ``ix_prospects_badge`` each badge's count read every matching table row to test
``deleted_at`` (the rows are large: ~0.14 s per badge on 100,000 prospects, ~0.5 s for the status
bar after every unlock and save). This partial index holds the live rows' badges alone, so one
grouped scan of it answers all of them (a few ms). ``deleted_at`` rides along as in 0003: SQLite
counts from the index alone only when the partial-index condition's column is in it too.

Revision ID: 0005_live_badge
Revises: 0004_search_order
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005_live_badge"
down_revision: str | None = "0004_search_order"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX ix_prospects_live_badge ON prospects (badge, deleted_at) "
        "WHERE deleted_at IS NULL"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_prospects_live_badge")
