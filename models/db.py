"""The encrypted local store: SQLCipher file, key handling, connection PRAGMAs, sessions.

``Database.create`` makes a store (random data key wrapped by the password, SYNC_PROTOCOL.md §8)
and migrates it to the newest schema; ``Database.open`` unwraps the key (``WrongPasswordError`` on
a bad password), checks FTS5 trigram support and upgrades an older schema after a backup
(``models/migrate.py``).

Every connection runs ``PRAGMA key`` (raw 32-byte key), ``journal_mode=WAL``,
``synchronous=FULL`` and ``foreign_keys=ON``: an acknowledged save survives ``kill -9`` and power
loss (G1). The driver's implicit transactions are switched off; SQLAlchemy's ``begin`` emits
``BEGIN IMMEDIATE`` for ``session_scope()`` (writes take the lock up front, so a save never fails
half-way on a busy lock) and a plain ``BEGIN`` for ``read_scope()``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from core.errors import StoreError
from models.keyfile import KdfParams, KeyFile, key_path_for

__all__ = ["BUSY_TIMEOUT_MS", "Database", "key_path_for", "make_engine"]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 64 * 1024
_BEGIN_OPTION = "jangkau_begin"


def _raw_key(dek: bytes) -> str:
    return f"x'{dek.hex()}'"


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # The pysqlcipher dialect has already run PRAGMA key (from the URL password).
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event emits BEGIN itself
    cursor = dbapi_connection.cursor()
    try:
        try:
            cursor.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except Exception as exc:  # sqlcipher3.DatabaseError: "file is not a database"
            raise StoreError("store-unreadable", detail=str(exc)) from exc
        mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError("store-wal-unavailable", params={"journal_mode": mode})
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # Decrypted pages are cached per connection: the list and search indexes of a large
        # store stay in memory instead of being decrypted again on every keystroke.
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cursor.execute("PRAGMA temp_store=MEMORY")
    finally:
        cursor.close()


def _on_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def _sealed(keyfile: KeyFile, dek: bytes) -> KeyFile:
    """``keyfile`` with the DEK sealed to the agency recovery key (``models.recovery``)."""
    from models import recovery

    try:
        return recovery.sealed(keyfile, dek)
    except (StoreError, OSError):  # a broken key setting must not keep an agent from working
        log.warning("store key not sealed to the agency recovery key", exc_info=True)
        return keyfile  # each unlock tries again (Database.open_with_key)


def make_engine(path: Path, dek: bytes, *, pool_size: int = 2) -> Engine:
    """A SQLAlchemy engine on the SQLCipher file ``path`` opened with the raw key ``dek``."""
    url = URL.create("sqlite+pysqlcipher", password=_raw_key(dek), database=str(path))
    engine = create_engine(
        url,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=4,
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Database:
    """One open, unlocked store. Thread use: the DB lane (ARCHITECTURE.md §3)."""

    def __init__(self, path: Path, engine: Engine, *, store_id: uuid.UUID, dek: bytes) -> None:
        self.path = path
        self.engine = engine
        self.store_id = store_id
        self._dek = dek
        self._writer = engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        self._write_sessions = sessionmaker(bind=self._writer, expire_on_commit=False)
        self._read_sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self._closed = False

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        *,
        password: str,
        profile_name: str,
        argon2_params: KdfParams | None = None,
    ) -> Database:
        """Make a new encrypted store at ``path`` (which must not exist) at the newest schema."""
        from models import migrate
        from models.repositories import profile as profile_repo

        path = Path(path)
        key_path = key_path_for(path)
        if path.exists() or key_path.exists():
            raise StoreError("store-exists", params={"path": str(path)})
        path.parent.mkdir(parents=True, exist_ok=True)
        store_id = uuid.uuid4()
        keyfile, dek = KeyFile.new(
            password=password, store_id=store_id, kdf=argon2_params or KdfParams.tuned()
        )
        keyfile = _sealed(keyfile, dek)
        engine = make_engine(path, dek)
        try:
            migrate.check_fts5_trigram(engine)
            migrate.upgrade_to_head(engine, path=path, dek=dek)
            db = cls(path, engine, store_id=store_id, dek=dek)
            with db.session_scope() as session:
                profile_repo.create(session, store_id=store_id, display_name=profile_name)
            keyfile.write(key_path)
        except BaseException:
            engine.dispose()
            for leftover in (path, key_path, *migrate.sidecar_files(path)):
                leftover.unlink(missing_ok=True)
            raise
        log.info("created store %s", path)
        return db

    @classmethod
    def open(cls, path: Path, *, password: str) -> Database:
        """Unlock and open an existing store; upgrades an older schema first (with a backup)."""
        path = Path(path)
        if not path.exists():
            raise StoreError("store-missing", params={"path": str(path)})
        keyfile = KeyFile.read(key_path_for(path))
        dek = keyfile.unwrap(password)  # WrongPasswordError
        return cls.open_with_key(path, dek=dek, store_id=keyfile.store_id)

    @classmethod
    def open_with_key(cls, path: Path, *, dek: bytes, store_id: uuid.UUID) -> Database:
        from models import migrate

        engine = make_engine(Path(path), dek)
        try:
            migrate.check_fts5_trigram(engine)
            migrate.upgrade_to_head(engine, path=Path(path), dek=dek)
        except SADatabaseError as exc:
            engine.dispose()
            raise StoreError("store-unreadable", detail=str(exc)) from exc
        except BaseException:
            engine.dispose()
            raise
        try:  # a store made before sealing, or sealed to a key the agency has since replaced
            from models import recovery

            recovery.ensure_sealed(key_path_for(Path(path)), dek)
        except (StoreError, OSError):  # the store opens anyway; the next unlock tries again
            log.warning("could not seal the store key to the agency recovery key", exc_info=True)
        return cls(Path(path), engine, store_id=store_id, dek=dek)

    # -- sessions -----------------------------------------------------------------------------

    @contextmanager
    def session_scope(self) -> Iterator[Session]:
        """A write transaction (``BEGIN IMMEDIATE``): commit on exit, rollback on error."""
        self._check_open()
        session = self._write_sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read_scope(self) -> Iterator[Session]:
        """A read snapshot (deferred ``BEGIN``), ended without commit at exit.

        Objects loaded inside stay readable after the block (closed, not expired)."""
        self._check_open()
        session = self._read_sessions()
        try:
            yield session
        finally:
            session.close()  # returns the connection to the pool, which rolls back

    # -- keys ---------------------------------------------------------------------------------

    @property
    def key_path(self) -> Path:
        return key_path_for(self.path)

    def change_password(
        self, old: str, new: str, *, argon2_params: KdfParams | None = None
    ) -> None:
        """Re-wrap the data key with ``new`` (the database is not rewritten).

        ``old`` must unlock the current key file (``WrongPasswordError`` otherwise)."""
        self._check_open()
        current = KeyFile.read(self.key_path)
        if current.unwrap(old) != self._dek:
            raise StoreError("keyfile-mismatch")
        rewrapped = KeyFile.wrap(
            dek=self._dek,
            password=new,
            store_id=current.store_id,
            kdf=argon2_params or current.kdf,
            recovery=current.recovery,  # the same DEK: the agency's seal stays valid
        )
        rewrapped.write(self.key_path)
        from models.repositories import audit

        with self.session_scope() as session:
            audit.record(session, action="UPDATE", entity="store_key")

    def backup_to(self, target: Path) -> None:
        """An encrypted copy of the store (same key) via SQLite's online backup API."""
        from models import migrate

        self._check_open()
        migrate.backup(self.engine, target=target, dek=self._dek)

    # -- closing ------------------------------------------------------------------------------

    def close(self) -> None:
        if self._closed:
            return
        try:
            with self.engine.connect() as conn:  # query-planner statistics, as SQLite advises
                conn.exec_driver_sql("PRAGMA optimize")
                conn.commit()
        except Exception:  # noqa: BLE001 - closing must not fail over a statistics refresh
            log.warning("PRAGMA optimize failed at close", exc_info=True)
        self._closed = True
        self._dek = b""
        self.engine.dispose()

    @property
    def closed(self) -> bool:
        return self._closed

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("store-closed")

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({str(self.path)!r})"
