"""Start-up migrations (SYNC §6.6): a store made by the first revision, with rows, upgrades to
head with every row intact; a failed upgrade restores the backup and refuses to start; a store
newer than the app is never opened; head matches the ORM."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, text

from core.errors import StoreError
from models import migrate
from models.db import Database, key_path_for, make_engine
from models.keyfile import KdfParams, KeyFile
from models.repositories import outbox, search
from models.schema import metadata
from models.services import prospects
from tests.models.conftest import PASSWORD

NOW = "2026-09-01T02:00:00.000000Z"


def _store_at_first_revision(path: Path) -> tuple[Engine, bytes]:
    keyfile, dek = KeyFile.new(password=PASSWORD, store_id=uuid.uuid4(), kdf=KdfParams.fast())
    keyfile.write(key_path_for(path))
    engine = make_engine(path, dek)
    migrate.upgrade_to_head(engine, path=path, dek=dek, target="0001")
    return engine, dek


def _code(i: int) -> str:
    return chr(65 + i % 26) + chr(65 + i // 26)


def _insert_rev1_rows(engine: Engine, n: int) -> list[uuid.UUID]:
    ids = [uuid.uuid4() for _ in range(n)]
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO agent_profile (id, store_id, display_name, role, area_codes,"
                " created_at, updated_at) VALUES (1, :s, 'Agen Lama', 'agent', '[]', :t, :t)"
            ),
            {"s": uuid.uuid4().hex, "t": NOW},
        )
        for i, pid in enumerate(ids):
            payload = {
                "full_name": f"PESERTA LAMA {_code(i)}",
                "nik": f"33750115059099{i % 100:02d}",
                "area_code": "33.75.01",
            }
            conn.execute(
                text(
                    "INSERT INTO prospects (id, revision, created_at, updated_at, status, badge,"
                    " flags_json, full_name, nik, mobile, village_name, restricted, printed_count,"
                    " issues_json, server_errors_json, field_notes_json, acknowledged_warnings,"
                    " payload_json) VALUES (:id, 1, :t, :t, 'queued', 'queued', '[]', :name, :nik,"
                    " :mobile, 'Medono', 0, 0, '[]', '[]', '{}', '{}', :payload)"
                ),
                {
                    "id": pid.hex,
                    "t": NOW,
                    "name": payload["full_name"],
                    "nik": payload["nik"],
                    "mobile": f"+62812000{i:05d}",
                    "payload": json.dumps(payload),
                },
            )
            conn.execute(
                text(
                    "INSERT INTO outbox (record_id, entity_type, revision, base_revision, body,"
                    " state, generation, batch_id, attempts, created_at, updated_at) VALUES"
                    " (:id, 'prospect', 1, 0, :body, :state, 1, :batch, 0, :t, :t)"
                ),
                {
                    "id": pid.hex,
                    "body": f"frozen-bytes-{i}".encode(),
                    "state": "frozen" if i % 2 else "pending",
                    "batch": uuid.uuid4().hex if i % 2 else None,
                    "t": NOW,
                },
            )
    return ids


def test_first_revision_store_upgrades_with_rows_intact(tmp_path):
    path = tmp_path / "old.db"
    engine, _ = _store_at_first_revision(path)
    ids = _insert_rev1_rows(engine, 120)
    assert migrate.stamp_revision(engine) == "0001"
    engine.dispose()

    store = Database.open(path, password=PASSWORD)
    try:
        assert migrate.stamp_revision(store.engine) == migrate.head_revision() != "0001"
        assert not migrate.backup_path_for(path).exists()
        snap = prospects.load(store, prospect_id=ids[7])
        assert snap.payload["full_name"] == f"PESERTA LAMA {_code(7)}" and snap.revision == 1
        with store.read_scope() as session:
            assert search.count(session) == 120
            assert [r.id for r in search.page(session, query=f"lama {_code(7)}")] == [ids[7]]
            assert [r.id for r in search.page(session, query="0812000 00042")] == [ids[42]]
            rowids = session.execute(text("SELECT search_rowid FROM prospects")).scalars().all()
            assert sorted(rowids) == list(range(1, 121))
            counts = outbox.counts(session)
            assert (counts.pending, counts.frozen) == (60, 60)
            frozen = outbox.frozen_batches(session)
            assert sorted(r.body for b in frozen for r in b.rows) == sorted(
                f"frozen-bytes-{i}".encode() for i in range(1, 120, 2)
            )
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        store.close()


def test_a_failed_upgrade_restores_the_backup_and_refuses_to_start(tmp_path):
    path = tmp_path / "old.db"
    engine, _ = _store_at_first_revision(path)
    ids = _insert_rev1_rows(engine, 10)
    with engine.begin() as conn:  # a leftover table that makes revision 0002 fail
        conn.execute(text("CREATE TABLE prospect_fts (x)"))
    engine.dispose()

    for _ in range(2):  # every start refuses, nothing is lost
        with pytest.raises(StoreError) as caught:
            Database.open(path, password=PASSWORD)
        assert caught.value.code == "migration-failed"
        assert caught.value.params["from"] == "0001"
    assert migrate.backup_path_for(path).exists()

    dek = KeyFile.read(key_path_for(path)).unwrap(PASSWORD)
    engine = make_engine(path, dek)
    try:
        assert migrate.stamp_revision(engine) == "0001"
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT id FROM prospects ORDER BY id")).scalars().all()
            assert stored == sorted(i.hex for i in ids)
            assert conn.execute(text("SELECT count(*) FROM outbox")).scalar() == 10
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        engine.dispose()


def test_a_store_newer_than_the_app_is_never_opened(db, db_path):
    with db.session_scope() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.close()
    with pytest.raises(StoreError) as caught:
        Database.open(db_path, password=PASSWORD)
    assert caught.value.code == "store-newer-than-app"


@pytest.mark.filterwarnings("ignore:.*expression-based index")  # compared by name only
def test_head_schema_matches_the_orm(db):
    def include(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
        return not (type_ == "table" and name and name.startswith("prospect_fts"))

    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": include, "compare_type": True}
        )
        assert compare_metadata(context, metadata) == []


def test_backup_is_an_encrypted_consistent_copy(db, tmp_path, synthetic, agent, today):
    item = synthetic(full_name="SALINAN CADANGAN")
    prospects.save(
        db, prospect_id=item.id, payload=item.payload, submit=False, agent=agent, today=today
    )
    target = tmp_path / "copy.db"
    db.backup_to(target)
    assert b"SALINAN" not in target.read_bytes()
    key = key_path_for(tmp_path / "copy.db")
    key.write_bytes(db.key_path.read_bytes())
    copy = Database.open(target, password=PASSWORD)
    try:
        assert prospects.load(copy, prospect_id=item.id).payload["full_name"] == "SALINAN CADANGAN"
    finally:
        copy.close()


def test_quick_head_reads_the_same_head_as_alembic():
    assert migrate.quick_head() == migrate.head_revision()


def test_opening_a_store_at_head_needs_no_alembic(db, db_path):
    """The usual start compares revisions only: Alembic (~0.35 s to import) is not loaded."""
    db.close()
    script = (
        "import sys\n"
        "from models.db import Database\n"
        f"Database.open({str(db_path)!r}, password={PASSWORD!r}).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"
