"""The agency recovery seal of a store's key (SYNC_PROTOCOL.md §8) and the branch office's tool.

The data key (DEK) of every store is also encrypted to the agency's recovery public key:
RSA-3072, OAEP with SHA-256, the OAEP label binding it to the store (``"jangkau-dek-v1|" + store
id``, as the password wrap's AAD). The private key stays offline at the branch office. When an
agent forgets the password, the office takes the laptop's profile folder and runs

    python -m models.recovery reset-password <profile folder> --private-key <private key file>

which unseals the DEK, checks that it opens the store, and wraps it with a new password. Nothing
in the store is rewritten. ``python -m models.recovery keygen <folder>`` makes a key pair.

Which public key: ``$JANGKAU_RECOVERY_KEY`` (a PEM file) if set, else the one shipped beside this
module (``agency_recovery_public.pem``). A store is sealed when it is created, and again when it
is opened and its seal is missing or names another key (a build with the agency's new key
re-seals every profile at its next unlock). Its key id is the SHA-256 of the PEM text without
white space (no key parsing, so the check at each unlock loads no cryptography).

The key shipped in this repository is a placeholder whose private half was not kept: a
deployment generates its own pair and ships its public half (docs/DECISIONS.md).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

from core.errors import Issue, StoreError, ValidationError
from models.keyfile import DEK_BYTES, KeyFile, associated_data

__all__ = [
    "ALGORITHM",
    "ENV_KEY",
    "MIN_KEY_BITS",
    "ensure_sealed",
    "generate_key_pair",
    "key_id",
    "public_key_pem",
    "reset_password",
    "seal",
    "sealed",
    "unseal",
]

log = logging.getLogger(__name__)

ALGORITHM = "RSA-OAEP-SHA256"
ENV_KEY = "JANGKAU_RECOVERY_KEY"
MIN_KEY_BITS = 3072
SHIPPED_KEY = Path(__file__).with_name("agency_recovery_public.pem")


def public_key_pem() -> bytes | None:
    """The agency's public key in use, or None when none is configured (nothing is sealed)."""
    configured = os.environ.get(ENV_KEY)
    path = Path(configured) if configured else SHIPPED_KEY
    try:
        return path.read_bytes()
    except FileNotFoundError:
        if configured:
            raise StoreError("recovery-key-missing", params={"path": str(path)}) from None
        return None


def key_id(pem: bytes) -> str:
    return hashlib.sha256(b"".join(pem.split())).hexdigest()[:16]


def _oaep(store_id: uuid.UUID) -> Any:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    return padding.OAEP(
        mgf=padding.MGF1(algorithm=hashes.SHA256()),
        algorithm=hashes.SHA256(),
        label=associated_data(store_id),
    )


def seal(dek: bytes, store_id: uuid.UUID, pem: bytes) -> dict[str, str]:
    """The key file's ``recovery`` entry: ``dek`` encrypted to the public key ``pem``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    try:
        public = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise StoreError("recovery-key-invalid", detail=str(exc)) from exc
    if not isinstance(public, rsa.RSAPublicKey) or public.key_size < MIN_KEY_BITS:
        raise StoreError("recovery-key-invalid", detail=f"not an RSA key of {MIN_KEY_BITS}+ bits")
    sealed = public.encrypt(dek, _oaep(store_id))
    return {
        "algorithm": ALGORITHM,
        "key_id": key_id(pem),
        "sealed_dek": base64.b64encode(sealed).decode("ascii"),
    }


def unseal(keyfile: KeyFile, private_pem: bytes, passphrase: bytes | None) -> bytes:
    """The DEK, from the key file's seal and the agency's private key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    recovery = keyfile.recovery
    if recovery is None or recovery.get("algorithm") != ALGORITHM:
        raise StoreError("recovery-not-sealed")
    try:
        private = serialization.load_pem_private_key(private_pem, password=passphrase)
    except (ValueError, TypeError) as exc:  # wrong passphrase, or one missing / not needed
        raise StoreError("recovery-key-invalid", detail=str(exc)) from exc
    if not isinstance(private, rsa.RSAPrivateKey):
        raise StoreError("recovery-key-invalid", detail="not an RSA private key")
    try:
        dek = private.decrypt(base64.b64decode(recovery["sealed_dek"]), _oaep(keyfile.store_id))
    except (ValueError, KeyError) as exc:  # another key, another store, or a damaged seal
        raise StoreError("recovery-key-mismatch", detail=str(exc)) from exc
    if len(dek) != DEK_BYTES:
        raise StoreError("recovery-key-mismatch", detail="unsealed key has the wrong size")
    return dek


def sealed(keyfile: KeyFile, dek: bytes) -> KeyFile:
    """``keyfile`` with ``dek`` sealed to the public key in use; ``keyfile`` itself when there
    is no key or it is sealed to that key already."""
    pem = public_key_pem()
    if pem is None:
        return keyfile
    if keyfile.recovery is not None and keyfile.recovery.get("key_id") == key_id(pem):
        return keyfile
    return replace(keyfile, recovery=seal(dek, keyfile.store_id, pem))


def ensure_sealed(key_path: Path, dek: bytes) -> bool:
    """Seal the store's DEK to the current public key if its key file lacks that seal; True if
    the key file was rewritten. Called when a store is opened (the DEK is in memory then)."""
    current = KeyFile.read(key_path)
    updated = sealed(current, dek)
    if updated is current:
        return False
    updated.write(key_path)
    log.info(
        "store key sealed to the agency recovery key %s", (updated.recovery or {}).get("key_id")
    )
    return True


def reset_password(
    store_path: Path, *, private_pem: bytes, passphrase: bytes | None, new_password: str
) -> None:
    """The branch office's recovery: unseal the DEK, check it opens the store, wrap it with
    ``new_password`` (same KDF cost, same seal). The store itself is not touched."""
    from models.db import key_path_for, make_engine
    from models.profiles import MIN_PASSWORD_LENGTH

    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            [Issue("E_PASSWORD_TOO_SHORT", "password", {"min": MIN_PASSWORD_LENGTH})]
        )
    key_path = key_path_for(store_path)
    current = KeyFile.read(key_path)
    dek = unseal(current, private_pem, passphrase)
    engine = make_engine(store_path, dek, pool_size=1)
    try:
        with engine.connect() as conn:  # a wrong key fails here: "file is not a database"
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except Exception as exc:  # noqa: BLE001 - any failure means the key does not open it
        raise StoreError("recovery-key-mismatch", detail=str(exc)) from exc
    finally:
        engine.dispose()
    KeyFile.wrap(
        dek=dek,
        password=new_password,
        store_id=current.store_id,
        kdf=current.kdf,
        recovery=current.recovery,
    ).write(key_path)


def generate_key_pair(passphrase: bytes, *, bits: int = MIN_KEY_BITS) -> tuple[bytes, bytes]:
    """A new agency key pair: (private PEM encrypted with ``passphrase``, public PEM)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    if bits < MIN_KEY_BITS:
        raise ValueError(f"recovery keys have at least {MIN_KEY_BITS} bits")
    private = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    )
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private_pem, public_pem


if __name__ == "__main__":
    from models.recovery_cli import main

    raise SystemExit(main())
