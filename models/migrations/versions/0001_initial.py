"""Initial local store: profile, prospects, heirs, consents, visits, events, decisions,
outbox, sync state and audit log (timestamps as fixed-width UTC text, JSON as text).

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agent_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Uuid(), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=True),
        sa.Column("agent_kind", sa.String(length=20), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("branch_code", sa.String(length=32), nullable=True),
        sa.Column("area_codes", sa.Text(), nullable=False),
        sa.Column("umbrella_body", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_at", sa.String(length=27), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_agent_profile_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_profile")),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ts", sa.String(length=27), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=True),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("detail_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index("ix_audit_events_entity_id", ["entity_id"], unique=False)

    op.create_table(
        "decisions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("record_revision", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("note", sa.String(length=2000), nullable=True),
        sa.Column("reason_code", sa.String(length=64), nullable=True),
        sa.Column("field_notes", sa.Text(), nullable=False),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_by_name", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.String(length=27), nullable=False),
        sa.Column("feed_seq", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.String(length=27), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
    )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.create_index("ix_decisions_record_id", ["record_id", "decided_at"], unique=False)

    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("entity_type", sa.String(length=20), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("base_revision", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("result_status", sa.String(length=12), nullable=True),
        sa.Column("result_json", sa.Text(), nullable=True),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_at", sa.String(length=27), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_batch_id", ["batch_id"], unique=False)
        batch_op.create_index("ix_outbox_record_id", ["record_id", "revision"], unique=False)
        batch_op.create_index("ix_outbox_state_seq", ["state", "seq"], unique=False)
        batch_op.create_index(
            "uq_outbox_live_revision",
            ["record_id", "revision"],
            unique=True,
            sqlite_where=sa.text("state IN ('pending', 'frozen')"),
        )
        batch_op.create_index(
            "uq_outbox_one_pending",
            ["record_id"],
            unique=True,
            sqlite_where=sa.text("state = 'pending'"),
        )

    op.create_table(
        "outreach_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("server_rev", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_at", sa.String(length=27), nullable=False),
        sa.Column("deleted_at", sa.String(length=27), nullable=True),
        sa.Column("area_code", sa.String(length=13), nullable=False),
        sa.Column("place_kind", sa.String(length=20), nullable=False),
        sa.Column("place_name", sa.String(length=200), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("partner", sa.String(length=200), nullable=True),
        sa.Column("attendance", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(length=2000), nullable=True),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("payload_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_events")),
    )
    with op.batch_alter_table("outreach_events", schema=None) as batch_op:
        batch_op.create_index("ix_outreach_events_event_date", ["event_date"], unique=False)

    op.create_table(
        "prospects",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("server_rev", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_at", sa.String(length=27), nullable=False),
        sa.Column("deleted_at", sa.String(length=27), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("badge", sa.String(length=12), nullable=False),
        sa.Column("review_state", sa.String(length=12), nullable=True),
        sa.Column("flags_json", sa.Text(), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("nik", sa.String(length=32), nullable=False),
        sa.Column("mobile", sa.String(length=20), nullable=True),
        sa.Column("village_code", sa.String(length=13), nullable=True),
        sa.Column("village_name", sa.String(length=100), nullable=True),
        sa.Column("district_code", sa.String(length=8), nullable=True),
        sa.Column("area_code", sa.String(length=13), nullable=True),
        sa.Column("occupation_1", sa.String(length=40), nullable=True),
        sa.Column("occupation_2", sa.String(length=40), nullable=True),
        sa.Column("declared_income", sa.Integer(), nullable=True),
        sa.Column("monthly_contribution", sa.Integer(), nullable=True),
        sa.Column("package", sa.String(length=12), nullable=True),
        sa.Column("outreach_event_id", sa.Uuid(), nullable=True),
        sa.Column("consent_id", sa.Uuid(), nullable=True),
        sa.Column("restricted", sa.Boolean(), nullable=False),
        sa.Column("printed_count", sa.Integer(), nullable=False),
        sa.Column("next_follow_up", sa.Date(), nullable=True),
        sa.Column("issues_json", sa.Text(), nullable=False),
        sa.Column("server_errors_json", sa.Text(), nullable=False),
        sa.Column("field_notes_json", sa.Text(), nullable=False),
        sa.Column("acknowledged_warnings", sa.Text(), nullable=False),
        sa.Column("payload_json", sa.Text(), nullable=False),
        sa.Column("base_payload_json", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prospects")),
    )
    with op.batch_alter_table("prospects", schema=None) as batch_op:
        batch_op.create_index("ix_prospects_badge", ["badge"], unique=False)
        batch_op.create_index(
            "ix_prospects_live_name",
            ["full_name", "id", "nik", "mobile", "village_name"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_prospects_live_updated",
            ["updated_at", "id", "full_name", "nik", "mobile", "village_name"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index("ix_prospects_mobile", ["mobile"], unique=False)
        batch_op.create_index("ix_prospects_next_follow_up", ["next_follow_up"], unique=False)
        batch_op.create_index("ix_prospects_nik", ["nik"], unique=False)
        batch_op.create_index("ix_prospects_occupation_1", ["occupation_1"], unique=False)
        batch_op.create_index("ix_prospects_outreach_event_id", ["outreach_event_id"], unique=False)
        batch_op.create_index("ix_prospects_village_code", ["village_code"], unique=False)

    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_url", sa.String(length=300), nullable=True),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.Column("agent_id", sa.Uuid(), nullable=True),
        sa.Column("device_name", sa.String(length=64), nullable=True),
        sa.Column("device_token", sa.String(length=200), nullable=True),
        sa.Column("token_rotate_after", sa.String(length=27), nullable=True),
        sa.Column("next_token", sa.String(length=200), nullable=True),
        sa.Column("rotation_id", sa.Uuid(), nullable=True),
        sa.Column("pull_cursor", sa.String(length=64), nullable=True),
        sa.Column("last_pulled_seq", sa.Integer(), nullable=True),
        sa.Column("clock_offset_s", sa.Integer(), nullable=True),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.String(length=27), nullable=True),
        sa.Column("last_attempt_at", sa.String(length=27), nullable=True),
        sa.Column("last_success_at", sa.String(length=27), nullable=True),
        sa.Column("last_error_code", sa.String(length=64), nullable=True),
        sa.Column("batch_bytes", sa.Integer(), nullable=False),
        sa.Column("success_streak", sa.Integer(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("extra_json", sa.Text(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_sync_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "consents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("server_rev", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_at", sa.String(length=27), nullable=False),
        sa.Column("deleted_at", sa.String(length=27), nullable=True),
        sa.Column("prospect_id", sa.Uuid(), nullable=False),
        sa.Column("notice_version", sa.String(length=32), nullable=False),
        sa.Column("notice_sha256", sa.String(length=64), nullable=True),
        sa.Column("purposes", sa.Text(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("paper_form_number", sa.String(length=40), nullable=True),
        sa.Column("read_aloud", sa.Boolean(), nullable=False),
        sa.Column("witness_name", sa.String(length=100), nullable=True),
        sa.Column("guardian_name", sa.String(length=100), nullable=True),
        sa.Column("guardian_relationship", sa.String(length=40), nullable=True),
        sa.Column("guardian_nik", sa.String(length=32), nullable=True),
        sa.Column("consented_at", sa.String(length=27), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("payload_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["prospect_id"],
            ["prospects.id"],
            name=op.f("fk_consents_prospect_id_prospects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.create_index("ix_consents_prospect_id", ["prospect_id"], unique=False)

    op.create_table(
        "heirs",
        sa.Column("prospect_id", sa.Uuid(), nullable=False),
        sa.Column("heir_order", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("relationship", sa.String(length=20), nullable=False),
        sa.Column("mobile", sa.String(length=20), nullable=True),
        sa.Column("nik", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["prospect_id"],
            ["prospects.id"],
            name=op.f("fk_heirs_prospect_id_prospects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("prospect_id", "heir_order", name=op.f("pk_heirs")),
    )
    op.create_table(
        "visits",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("server_rev", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_at", sa.String(length=27), nullable=False),
        sa.Column("deleted_at", sa.String(length=27), nullable=True),
        sa.Column("prospect_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("note", sa.String(length=2000), nullable=True),
        sa.Column("payload_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["prospect_id"],
            ["prospects.id"],
            name=op.f("fk_visits_prospect_id_prospects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index("ix_visits_due_date", ["due_date"], unique=False)
        batch_op.create_index("ix_visits_prospect_id", ["prospect_id", "visit_date"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index("ix_visits_prospect_id")
        batch_op.drop_index("ix_visits_due_date")

    op.drop_table("visits")
    op.drop_table("heirs")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_index("ix_consents_prospect_id")

    op.drop_table("consents")
    op.drop_table("sync_state")
    with op.batch_alter_table("prospects", schema=None) as batch_op:
        batch_op.drop_index("ix_prospects_village_code")
        batch_op.drop_index("ix_prospects_outreach_event_id")
        batch_op.drop_index("ix_prospects_occupation_1")
        batch_op.drop_index("ix_prospects_nik")
        batch_op.drop_index("ix_prospects_next_follow_up")
        batch_op.drop_index("ix_prospects_mobile")
        batch_op.drop_index("ix_prospects_live_updated", sqlite_where=sa.text("deleted_at IS NULL"))
        batch_op.drop_index("ix_prospects_live_name", sqlite_where=sa.text("deleted_at IS NULL"))
        batch_op.drop_index("ix_prospects_badge")

    op.drop_table("prospects")
    with op.batch_alter_table("outreach_events", schema=None) as batch_op:
        batch_op.drop_index("ix_outreach_events_event_date")

    op.drop_table("outreach_events")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("uq_outbox_one_pending", sqlite_where=sa.text("state = 'pending'"))
        batch_op.drop_index(
            "uq_outbox_live_revision", sqlite_where=sa.text("state IN ('pending', 'frozen')")
        )
        batch_op.drop_index("ix_outbox_state_seq")
        batch_op.drop_index("ix_outbox_record_id")
        batch_op.drop_index("ix_outbox_batch_id")

    op.drop_table("outbox")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index("ix_decisions_record_id")

    op.drop_table("decisions")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_entity_id")

    op.drop_table("audit_events")
    op.drop_table("agent_profile")
