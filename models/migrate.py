"""Schema upgrades of the local store at start-up (SYNC_PROTOCOL.md §6.6).

``upgrade_to_head`` compares the store's Alembic revision with this app's scripts:

- newest already → nothing to do (the usual start);
- a revision this app does not know → ``StoreError("store-newer-than-app")``: never open it;
- older → back up the file with SQLite's online backup API (encrypted with the same key, not a
  file copy), ``PRAGMA integrity_check``, run every pending migration in **one** transaction
  (foreign keys off so batch table copies cannot cascade), check integrity and foreign keys
  again, commit. On any failure the backup is restored and ``StoreError("migration-failed")``
  is raised; the backup file is kept until an upgrade succeeds.

A fresh (empty) store is migrated the same way without the backup.

The usual start asks no more than "is the store at the newest revision?". That answer comes from
the revision lines of the scripts (``quick_head``), without importing Alembic (~0.35 s of CPU
on the way from *Buka* to the list); Alembic is loaded only when there is something to upgrade
or the scripts are not a plain chain.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import NullPool

from core.errors import StoreError
from models.schema_head import MIGRATIONS_DIR, quick_head

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = [
    "MIGRATIONS_DIR",
    "alembic_config",
    "backup",
    "check_fts5_trigram",
    "current_revision",
    "head_revision",
    "quick_head",
    "sidecar_files",
    "upgrade_to_head",
]

log = logging.getLogger(__name__)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in _scripts().walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    exists = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).first()
    if exists is None:
        return None
    row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])


def sidecar_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def backup_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".pre-migration.bak")


def check_fts5_trigram(engine: Engine) -> None:
    """Stop with a clear code when this SQLite build lacks FTS5's trigram tokenizer."""
    with engine.connect() as conn:
        try:
            conn.exec_driver_sql(
                "CREATE VIRTUAL TABLE temp.fts_probe USING fts5(x, tokenize='trigram')"
            )
            conn.exec_driver_sql("DROP TABLE temp.fts_probe")
        except Exception as exc:  # sqlite3.OperationalError: no such tokenizer / module
            raise StoreError("fts5-trigram-missing", detail=str(exc)) from exc
        finally:
            conn.rollback()


def _keyed(path: Path, dek: bytes) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path), check_same_thread=False)
    conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
    return conn


def backup(engine: Engine, *, target: Path, dek: bytes) -> None:
    """Copy the live store to ``target`` with SQLite's backup API (same key, consistent)."""
    target.unlink(missing_ok=True)
    for leftover in sidecar_files(target):
        leftover.unlink(missing_ok=True)
    dest = _keyed(target, dek)
    try:
        with engine.connect() as conn:
            source = conn.connection.dbapi_connection
            assert source is not None
            source.backup(dest)
            conn.rollback()
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()


def _restore(path: Path, *, source: Path, dek: bytes) -> None:
    src = _keyed(source, dek)
    dest = _keyed(path, dek)
    try:
        src.backup(dest)
        dest.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        src.close()
        dest.close()


def _integrity_ok(conn: Connection) -> bool:
    rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
    return [tuple(r) for r in rows] == [("ok",)]


def _migration_engine(engine: Engine) -> Engine:
    """A one-connection engine like ``engine`` but with foreign keys off (batch-safe)."""
    mig = create_engine(engine.url, poolclass=NullPool, connect_args={"check_same_thread": False})

    @event.listens_for(mig, "connect")
    def _connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA synchronous=FULL")
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    @event.listens_for(mig, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return mig


def upgrade_to_head(engine: Engine, *, path: Path, dek: bytes, target: str = "head") -> None:
    """Bring the store at ``path`` to ``target`` (default: newest), safely; see module doc."""
    with engine.connect() as conn:
        current = current_revision(conn)
        conn.rollback()
    if target == "head" and current is not None and current == quick_head():
        return  # the usual start: nothing to upgrade, Alembic not needed
    wanted = head_revision() if target == "head" else target
    if current == wanted:
        return
    if current is not None and current not in known_revisions():
        raise StoreError("store-newer-than-app", params={"revision": current})

    saved: Path | None = None
    if current is not None:
        saved = backup_path_for(path)
        backup(engine, target=saved, dek=dek)
        with engine.connect() as conn:
            healthy = _integrity_ok(conn)
            conn.rollback()
        if not healthy:
            raise StoreError("integrity-check-failed", params={"revision": current})

    engine.dispose()  # no pooled connection may hold a read snapshot across the upgrade
    mig = _migration_engine(engine)
    try:
        with mig.begin() as conn:
            from alembic import command

            command.upgrade(alembic_config(conn), target)
            if not _integrity_ok(conn):
                raise StoreError("integrity-check-failed", params={"after": target})
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError("foreign-key-check-failed", params={"rows": len(broken)})
    except Exception as exc:
        mig.dispose()
        if saved is not None:
            log.error("migration from %s failed; restoring the backup", current, exc_info=True)
            _restore(path, source=saved, dek=dek)
        code = exc.code if isinstance(exc, StoreError) else "migration-failed"
        raise StoreError(
            "migration-failed",
            params={"from": current, "to": wanted, "cause": code},
            detail=str(exc),
        ) from exc
    mig.dispose()
    if saved is not None:
        saved.unlink(missing_ok=True)
        log.info("store migrated from %s to %s", current, wanted)


def stamp_revision(engine: Engine) -> str | None:
    """The store's current Alembic revision (for diagnostics and tests)."""
    with engine.connect() as conn:
        try:
            return current_revision(conn)
        finally:
            conn.rollback()
