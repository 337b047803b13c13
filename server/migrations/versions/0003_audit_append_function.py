"""PostgreSQL: append audit rows and chain their hashes in one server-side call.

The audit head row lock is the commit-order point of the chain. Holding it while the client
computes hashes between round trips made it a convoy under load (a Python thread waiting for the
GIL while every other writer waits for the row); ``jangkau_audit_append`` does the locking,
hashing and inserting inside PostgreSQL, in one statement. The hash formula is the one
``server.repositories.audit.chain_hash`` uses: SHA-256 of ``prev ‖ ":" ‖ seq ‖ ":" ‖ row text``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FUNCTION = """
CREATE OR REPLACE FUNCTION jangkau_audit_append(p_rows jsonb) RETURNS bigint AS $$
DECLARE
    v_count integer := jsonb_array_length(p_rows);
    v_seq bigint;
    v_hash text;
    v_row jsonb;
BEGIN
    UPDATE audit_head SET seq = seq + v_count WHERE id = 1 RETURNING seq - v_count, hash
        INTO v_seq, v_hash;
    FOR v_row IN SELECT value FROM jsonb_array_elements(p_rows) LOOP
        v_seq := v_seq + 1;
        v_hash := encode(
            sha256(convert_to(v_hash || ':' || v_seq::text || ':' || (v_row ->> 'text'), 'UTF8')),
            'hex'
        );
        INSERT INTO audit_events (seq, at, actor_id, actor_role, device_id, action, entity_type,
                                  entity_id, revision, result, ip, detail, hash)
        VALUES (v_seq, (v_row ->> 'at')::timestamptz, (v_row ->> 'actor_id')::uuid,
                v_row ->> 'actor_role', (v_row ->> 'device_id')::uuid, v_row ->> 'action',
                v_row ->> 'entity_type', v_row ->> 'entity_id', (v_row ->> 'revision')::integer,
                v_row ->> 'result', v_row ->> 'ip', NULLIF(v_row -> 'detail', 'null'::jsonb)::json,
                v_hash);
    END LOOP;
    UPDATE audit_head SET hash = v_hash WHERE id = 1;
    RETURN v_seq;
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS jangkau_audit_append(jsonb)")
