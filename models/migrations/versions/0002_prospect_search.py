"""Full-text search of prospects: FTS5 trigram index on name, NIK, mobile and village.

Adds ``prospects.search_rowid`` (the prospect's stable row in the index; SQLite's own rowid may
change on VACUUM), the contentless ``prospect_fts`` table (nothing personal is stored twice; rows
are deleted by rowid thanks to ``contentless_delete``) and fills both from existing prospects.
The mobile number is indexed in E.164 and in local ``08…`` form, so either spelling finds it.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS_DDL = (
    "CREATE VIRTUAL TABLE prospect_fts USING fts5("
    "full_name, nik, mobile, village, "
    "tokenize = 'trigram remove_diacritics 1', content = '', contentless_delete = 1)"
)


def upgrade() -> None:
    with op.batch_alter_table("prospects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_rowid", sa.Integer(), nullable=True))
        batch_op.create_index("ix_prospects_search_rowid", ["search_rowid"], unique=True)
    op.execute(FTS_DDL)
    op.execute(
        "UPDATE prospects SET search_rowid = numbered.n FROM ("
        " SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM prospects"
        ") AS numbered WHERE prospects.id = numbered.id"
    )
    op.execute(
        "INSERT INTO prospect_fts (rowid, full_name, nik, mobile, village) "
        "SELECT search_rowid, full_name, nik, "
        " CASE WHEN mobile LIKE '+62%' THEN mobile || ' 0' || substr(mobile, 4)"
        " ELSE coalesce(mobile, '') END, "
        " coalesce(village_name, '') "
        "FROM prospects"
    )


def downgrade() -> None:
    op.execute("DROP TABLE prospect_fts")
    with op.batch_alter_table("prospects", schema=None) as batch_op:
        batch_op.drop_index("ix_prospects_search_rowid")
        batch_op.drop_column("search_rowid")
