"""The agency recovery seal (SYNC §8) and the branch office's password reset, on real stores."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import StoreError, WrongPasswordError
from models import recovery
from models.db import Database, key_path_for
from models.keyfile import KdfParams, KeyFile
from tests.models.conftest import PASSWORD
from tests.models.synthetic import save_item

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = b"frasa-sandi-kantor-cabang"
NEW_PASSWORD = "sandi-baru-dari-cabang"


@pytest.fixture(scope="session")
def agency_keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("agency")
    private_pem, public_pem = recovery.generate_key_pair(PASSPHRASE)
    (folder / "private.pem").write_bytes(private_pem)
    (folder / "public.pem").write_bytes(public_pem)
    return folder / "private.pem", folder / "public.pem"


@pytest.fixture
def agency_key(agency_keys, monkeypatch) -> Path:
    monkeypatch.setenv(recovery.ENV_KEY, str(agency_keys[1]))
    return agency_keys[0]


def _cli(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "models.recovery", "--stdin", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_a_new_store_is_sealed_and_the_agency_recovers_it(
    tmp_path: Path, agency_key: Path, synthetic, agent, today
) -> None:
    path = tmp_path / "store.db"
    db = Database.create(
        path, password=PASSWORD, profile_name="Agen", argon2_params=KdfParams.fast()
    )
    item = synthetic(full_name="SITI AMINAH")
    try:
        save_item(db, item, agent=agent, today=today)
    finally:
        db.close()
    keyfile = KeyFile.read(key_path_for(path))
    assert keyfile.recovery is not None
    assert keyfile.recovery["algorithm"] == recovery.ALGORITHM
    assert keyfile.recovery["key_id"] == recovery.key_id(recovery.public_key_pem() or b"")
    assert recovery.unseal(keyfile, agency_key.read_bytes(), PASSPHRASE) == keyfile.unwrap(PASSWORD)

    answers = f"{PASSPHRASE.decode()}\n{NEW_PASSWORD}\n{NEW_PASSWORD}\n"
    result = _cli("reset-password", str(tmp_path), "--private-key", str(agency_key), stdin=answers)
    assert result.returncode == 0, result.stderr
    assert "sudah diganti" in result.stdout
    with pytest.raises(WrongPasswordError):
        Database.open(path, password=PASSWORD)
    reopened = Database.open(path, password=NEW_PASSWORD)
    try:
        with reopened.read_scope() as session:
            names = session.connection().exec_driver_sql("SELECT full_name FROM prospects").all()
        assert names == [("SITI AMINAH",)]
    finally:
        reopened.close()
    assert KeyFile.read(key_path_for(path)).recovery == keyfile.recovery  # still recoverable


def test_a_store_sealed_to_another_key_is_sealed_again_when_opened(
    db: Database, db_path: Path, agency_key: Path
) -> None:
    key_path = key_path_for(db_path)
    before = KeyFile.read(key_path)
    assert before.recovery is None or before.recovery["key_id"] != recovery.key_id(
        recovery.public_key_pem() or b""
    )
    db.close()
    Database.open(db_path, password=PASSWORD).close()
    after = KeyFile.read(key_path)
    assert after.recovery is not None
    assert (after.salt, after.nonce, after.wrapped) == (before.salt, before.nonce, before.wrapped)
    dek = recovery.unseal(after, agency_key.read_bytes(), PASSPHRASE)
    assert dek == after.unwrap(PASSWORD)
    written = key_path.stat().st_mtime_ns
    assert recovery.ensure_sealed(key_path, dek) is False  # sealed to this key: no rewrite
    assert key_path.stat().st_mtime_ns == written


def test_a_password_change_keeps_the_seal(db: Database, db_path: Path, agency_key: Path) -> None:
    db.close()
    store = Database.open(db_path, password=PASSWORD)  # sealed to the agency key now
    try:
        sealed = KeyFile.read(key_path_for(db_path)).recovery
        store.change_password(PASSWORD, NEW_PASSWORD, argon2_params=KdfParams.fast())
    finally:
        store.close()
    keyfile = KeyFile.read(key_path_for(db_path))
    assert keyfile.recovery == sealed
    assert recovery.unseal(keyfile, agency_key.read_bytes(), PASSPHRASE) == keyfile.unwrap(
        NEW_PASSWORD
    )


def test_a_seal_moved_to_another_store_does_not_open(tmp_path: Path, agency_key: Path) -> None:
    stores = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        path = tmp_path / name / "store.db"
        Database.create(
            path, password=PASSWORD, profile_name=name, argon2_params=KdfParams.fast()
        ).close()
        stores.append(path)
    key_a, key_b = (key_path_for(p) for p in stores)
    body_b = json.loads(key_b.read_bytes())
    body_b["recovery"] = json.loads(key_a.read_bytes())["recovery"]  # A's seal, B's store id
    key_b.write_text(json.dumps(body_b))
    with pytest.raises(StoreError) as refused:
        recovery.unseal(KeyFile.read(key_b), agency_key.read_bytes(), PASSPHRASE)
    assert refused.value.code == "recovery-key-mismatch"


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (f"salah\n{NEW_PASSWORD}\n{NEW_PASSWORD}\n", "tidak bisa dibaca"),
        (f"{PASSPHRASE.decode()}\npendek\npendek\n", "terlalu pendek"),
        (f"{PASSPHRASE.decode()}\n{NEW_PASSWORD}\nlain-sekali-123\n", "tidak sama"),
    ],
)
def test_a_refused_reset_changes_nothing(
    db: Database, db_path: Path, agency_key: Path, stdin: str, message: str
) -> None:
    db.close()
    Database.open(db_path, password=PASSWORD).close()  # sealed to the agency key
    before = key_path_for(db_path).read_bytes()
    result = _cli(
        "reset-password", str(db_path.parent), "--private-key", str(agency_key), stdin=stdin
    )
    assert result.returncode == 1
    assert message in result.stderr
    assert key_path_for(db_path).read_bytes() == before
    Database.open(db_path, password=PASSWORD).close()


def test_keygen_writes_an_encrypted_private_key_and_never_overwrites(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization

    folder = tmp_path / "kunci"
    phrase = "frasa-sandi-yang-panjang"
    result = _cli("keygen", str(folder), stdin=f"{phrase}\n{phrase}\n")
    assert result.returncode == 0, result.stderr
    private_pem = (folder / "agency_recovery_private.pem").read_bytes()
    with pytest.raises(TypeError):  # encrypted: no key without the passphrase
        serialization.load_pem_private_key(private_pem, password=None)
    key = serialization.load_pem_private_key(private_pem, password=phrase.encode())
    assert key.key_size >= recovery.MIN_KEY_BITS  # type: ignore[union-attr]
    assert (folder / "agency_recovery_private.pem").stat().st_mode & 0o077 == 0
    again = _cli("keygen", str(folder), stdin=f"{phrase}\n{phrase}\n")
    assert again.returncode == 1
    assert (folder / "agency_recovery_private.pem").read_bytes() == private_pem


def test_the_shipped_public_key_seals(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(recovery.ENV_KEY, raising=False)
    pem = recovery.public_key_pem()
    assert pem is not None and pem == recovery.SHIPPED_KEY.read_bytes()
    import uuid

    sealed = recovery.seal(bytes(32), uuid.uuid4(), pem)  # RSA-3072 or more, or it refuses
    assert sealed["key_id"] == recovery.key_id(pem)


def test_a_broken_key_setting_leaves_the_store_usable_and_unsealed(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv(recovery.ENV_KEY, str(tmp_path / "missing.pem"))
    path = tmp_path / "store.db"
    Database.create(
        path, password=PASSWORD, profile_name="Agen", argon2_params=KdfParams.fast()
    ).close()
    assert KeyFile.read(key_path_for(path)).recovery is None
    Database.open(path, password=PASSWORD).close()  # opens; sealing is tried and logged
    (tmp_path / "missing.pem").write_bytes(b"not a key")
    Database.open(path, password=PASSWORD).close()
    assert KeyFile.read(key_path_for(path)).recovery is None
