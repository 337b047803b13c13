"""The store is encrypted at rest; the key is derived from the password and never in clear."""

from __future__ import annotations

import base64
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3

from core.errors import StoreError, WrongPasswordError
from models.db import Database, key_path_for
from models.keyfile import KdfParams, KeyFile
from tests.models.conftest import PASSWORD
from tests.models.synthetic import save_item

NAME = "SUMIRAH WIDYASTUTI"


def _save_named(db: Database, synthetic, agent, today) -> None:  # type: ignore[no-untyped-def]
    item = synthetic(full_name=NAME)
    save_item(db, item, agent=agent, today=today, submit=True)


def test_without_the_key_the_name_cannot_be_read(db, db_path, synthetic, agent, today):
    _save_named(db, synthetic, agent, today)
    db.close()

    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(db_path).execute("SELECT full_name FROM prospects").fetchall()
    conn = sqlcipher3.connect(str(db_path))
    with pytest.raises(sqlcipher3.DatabaseError, match="not a database"):
        conn.execute("SELECT full_name FROM prospects").fetchall()
    conn.close()
    for path in [db_path, *db_path.parent.glob(db_path.name + "-*")]:
        raw = path.read_bytes()
        assert NAME.encode() not in raw, path
        assert b"SUMIRAH" not in raw, path


def test_with_the_password_the_name_reads(db, db_path, synthetic, agent, today):
    _save_named(db, synthetic, agent, today)
    db.close()
    reopened = Database.open(db_path, password=PASSWORD)
    try:
        with reopened.read_scope() as session:
            names = session.connection().exec_driver_sql("SELECT full_name FROM prospects").all()
        assert names == [(NAME,)]
    finally:
        reopened.close()


def test_the_unwrapped_key_is_a_raw_sqlcipher_key(db, db_path, synthetic, agent, today):
    _save_named(db, synthetic, agent, today)
    db.close()
    dek = KeyFile.read(key_path_for(db_path)).unwrap(PASSWORD)
    conn = sqlcipher3.connect(str(db_path))
    conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
    assert conn.execute("SELECT full_name FROM prospects").fetchall() == [(NAME,)]
    conn.close()


def test_wrong_password_is_refused(db, db_path):
    db.close()
    with pytest.raises(WrongPasswordError) as caught:
        Database.open(db_path, password="bukan-kata-sandi")
    assert caught.value.code == "wrong-password"


def test_key_file_never_holds_the_key_in_clear(tmp_path: Path):
    store = Database.create(
        tmp_path / "s.db", password=PASSWORD, profile_name="Agen", argon2_params=KdfParams.fast()
    )
    store.close()
    key_file = key_path_for(tmp_path / "s.db")
    dek = KeyFile.read(key_file).unwrap(PASSWORD)
    raw = key_file.read_bytes()
    for form in (dek, dek.hex().encode(), dek.hex().upper().encode(), base64.b64encode(dek)):
        assert form not in raw
    assert PASSWORD.encode() not in raw
    assert key_file.stat().st_mode & 0o077 == 0


def test_change_password_rewraps_the_same_key(db, db_path, synthetic, agent, today):
    _save_named(db, synthetic, agent, today)
    before = KeyFile.read(key_path_for(db_path))
    with pytest.raises(WrongPasswordError):
        db.change_password("salah-kata-sandi", "kata-sandi-baru-123")
    db.change_password(PASSWORD, "kata-sandi-baru-123")
    db.close()
    after = KeyFile.read(key_path_for(db_path))
    assert after.salt != before.salt and after.wrapped != before.wrapped
    assert after.unwrap("kata-sandi-baru-123") == before.unwrap(PASSWORD)
    with pytest.raises(WrongPasswordError):
        Database.open(db_path, password=PASSWORD)
    reopened = Database.open(db_path, password="kata-sandi-baru-123")
    try:
        with reopened.read_scope() as session:
            count = session.connection().exec_driver_sql("SELECT count(*) FROM prospects")
            assert count.scalar() == 1
    finally:
        reopened.close()


def test_default_kdf_meets_the_protocol_floor(tmp_path: Path):
    params = KdfParams()
    assert (params.time_cost, params.parallelism, params.salt_bytes) == (3, 4, 16)
    assert params.memory_kib >= 64 * 1024
    store = Database.create(tmp_path / "s.db", password=PASSWORD, profile_name="Agen")
    store.close()
    recorded = KeyFile.read(key_path_for(tmp_path / "s.db"))
    # A new store is tuned on this machine: never below the floor, only more passes.
    assert recorded.kdf.time_cost >= params.time_cost
    assert (recorded.kdf.memory_kib, recorded.kdf.parallelism) == (
        params.memory_kib,
        params.parallelism,
    )
    assert len(recorded.salt) == 16


@pytest.mark.parametrize(
    ("password", "params"),
    [
        ("kata-sandi-rahasia", KdfParams.fast()),
        ("Sandi ñ 日本 123", KdfParams(time_cost=2, memory_kib=4096, parallelism=2)),
    ],
)
def test_derivation_is_argon2id_as_the_argon2_package_computes_it(password, params):
    """``KdfParams.derive`` calls the bindings directly; existing key files were wrapped with
    keys from ``argon2.low_level.hash_secret_raw``, and must keep opening."""
    from argon2.low_level import Type, hash_secret_raw

    salt = bytes(range(16))
    expected = hash_secret_raw(
        secret=password.encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )
    assert params.derive(password, salt) == expected
    assert params.derive(password + "x", salt) != expected


def test_the_key_wrap_uses_cryptographys_public_aes_gcm():
    """``aes_gcm_class`` skips importing the cipher package, not the cipher: it is the class
    the public ``aead`` module names, and a key wrapped with that class unwraps here."""
    import uuid

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from models.keyfile import aes_gcm_class, associated_data

    assert aes_gcm_class() is AESGCM
    params = KdfParams.fast()
    store_id = uuid.uuid4()
    dek = bytes(range(32))
    salt, nonce = bytes(16), bytes(12)
    wrapped = AESGCM(params.derive("kata-sandi", salt)).encrypt(
        nonce, dek, associated_data(store_id)
    )
    keyfile = KeyFile(store_id=store_id, kdf=params, salt=salt, nonce=nonce, wrapped=wrapped)
    assert keyfile.unwrap("kata-sandi") == dek
    with pytest.raises(WrongPasswordError):
        keyfile.unwrap("kata-sandi-salah")


def test_a_failed_derivation_is_a_store_error():
    with pytest.raises(StoreError, match="key derivation failed"):
        KdfParams(time_cost=1, memory_kib=1, parallelism=1).derive("x", bytes(16))  # below min


@pytest.mark.parametrize(
    ("fixed_s", "pass_s", "expected_passes"),
    [
        (0.012, 0.027, 26),  # this VM: (0.7 − 0.012) / 0.027 → 26 passes ≈ 0.71 s
        (0.02, 0.03, 23),  # 23 passes ≈ 0.71 s
        (0.0, 0.12, 6),  # no fixed cost: 6 passes = 0.72 s
        (0.05, 0.3, 3),  # a slow or busy laptop: never below the floor
        (0.001, 0.001, 64),  # a very fast machine: capped at 64 passes
    ],
)
def test_tuned_kdf_aims_at_0_7_s_from_a_pass_and_a_fixed_cost(
    fixed_s: float, pass_s: float, expected_passes: int
):
    measured: list[KdfParams] = []

    def measure(params: KdfParams) -> float:
        measured.append(params)
        return fixed_s + pass_s * params.time_cost

    tuned = KdfParams.tuned(measure=measure)
    # the floor, twice its passes, the floor again
    assert measured == [KdfParams(), KdfParams(time_cost=6), KdfParams()]
    assert tuned.time_cost == expected_passes
    assert (tuned.memory_kib, tuned.parallelism) == (65536, 4)
    assert fixed_s + pass_s * tuned.time_cost <= 1.0 or tuned.time_cost == 3


def test_tuned_kdf_counts_the_faster_floor_and_survives_noise():
    """The first derivation of a process is the slow one; a double that measures no slower
    than the floor (noise) falls back to scaling the floor alone."""
    cold_first = iter([0.3, 0.19, 0.1])  # floor (cold), double, floor: 0.03 s a pass, 0.01 fixed
    assert KdfParams.tuned(measure=lambda _p: next(cold_first)).time_cost == 23
    flat = iter([0.12, 0.12, 0.12])  # the double no slower: 0.12 s per 3 passes, scaled
    assert KdfParams.tuned(measure=lambda _p: next(flat)).time_cost == 18
    busy = iter([0.4, 0.52, 0.4])  # 0.04 s a pass, 0.28 s fixed: 11 passes reach 0.7 s
    assert KdfParams.tuned(measure=lambda _p: next(busy)).time_cost == 11


def test_key_binds_the_store_id(db, db_path):
    """The wrapped key only opens with its own associated data (``jangkau-dek-v1|<id>``)."""
    db.close()
    keyfile = KeyFile.read(key_path_for(db_path))
    import dataclasses
    import uuid

    swapped = dataclasses.replace(keyfile, store_id=uuid.uuid4())
    with pytest.raises(WrongPasswordError):
        swapped.unwrap(PASSWORD)


def test_another_key_cannot_open_the_store(db, db_path):
    import os
    import uuid

    from core.errors import StoreError

    db.close()
    with pytest.raises(StoreError) as caught:
        Database.open_with_key(db_path, dek=os.urandom(32), store_id=uuid.uuid4())
    assert caught.value.code == "store-unreadable"


@pytest.mark.parametrize(
    ("damage", "code"),
    [
        (lambda p: p.unlink(), "keyfile-missing"),
        (lambda p: p.write_text("{}", encoding="utf-8"), "keyfile-invalid"),
        (lambda p: p.write_text('{"version": 9}', encoding="utf-8"), "keyfile-version"),
    ],
)
def test_a_missing_or_damaged_key_file_is_a_coded_error(db, db_path, damage, code):
    from core.errors import StoreError

    db.close()
    damage(key_path_for(db_path))
    with pytest.raises(StoreError) as caught:
        Database.open(db_path, password=PASSWORD)
    assert caught.value.code == code
