"""Reference data downloaded from the server: regions, occupations, contribution tables and
privacy notices newer than the shipped files (``models/reference_data.py``). Each version's
exact JSON is kept (the store is encrypted like everything else), so the rules use the newest
valid one again after an unlock without a network.

Revision ID: 0006_reference_data
Revises: 0005_live_badge
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_reference_data"
down_revision: str | None = "0005_live_badge"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reference_data",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("error", sa.String(length=300), nullable=True),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("fetched_at", sa.String(length=27), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_data")),
        sa.UniqueConstraint("dataset", "version", name=op.f("uq_reference_data_dataset")),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("reference_data")
