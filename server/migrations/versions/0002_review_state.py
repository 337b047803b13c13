"""Review: when a record was approved and first exported; decisions remember the state they
replaced and whether they were undone (SYNC_PROTOCOL.md §4.9, §5; undo is a project addition).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 20:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> server.models.base.UtcDateTime:
    return server.models.base.UtcDateTime(timezone=True)


def upgrade() -> None:
    # Plain ADD COLUMN (nullable) works on both databases without rebuilding the tables.
    op.add_column("records", sa.Column("approved_at", _utc(), nullable=True))
    op.add_column("records", sa.Column("exported_at", _utc(), nullable=True))
    op.add_column("decisions", sa.Column("previous_state", sa.String(length=16), nullable=True))
    op.add_column("decisions", sa.Column("undone_at", _utc(), nullable=True))
    op.add_column("decisions", sa.Column("undone_by", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_column("undone_by")
        batch_op.drop_column("undone_at")
        batch_op.drop_column("previous_state")
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_column("exported_at")
        batch_op.drop_column("approved_at")
