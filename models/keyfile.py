"""The store's key file: a random data key (DEK) wrapped with a key derived from the password.

SYNC_PROTOCOL.md §8, laptop at rest: DEK = 32 random bytes; KEK = Argon2id(password, 16-byte
salt, t=3, p=4, m ≥ 64 MiB), as ``argon2.low_level.hash_secret_raw(type=Type.ID)`` computes
it; the key file holds AES-256-GCM(KEK, DEK) with associated data ``"jangkau-dek-v1|" +
store id``. The DEK opens the SQLCipher database as a raw key; it is never written anywhere in
clear. Changing the password re-wraps the same DEK, so the database itself is not rewritten.

The key file is JSON (version, KDF parameters, salt, nonce, wrapped key, store id) and is
replaced atomically (temporary file, fsync, rename, fsync of the folder).

argon2 and cryptography (and secrets, uuid, base64) load on first use, not at import:
``models.profiles`` imports this module, and the unlock screen lists profiles before any key is
derived.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import StoreError, WrongPasswordError

if TYPE_CHECKING:
    import uuid

__all__ = [
    "key_path_for",
    "KEY_FILE_VERSION",
    "KdfParams",
    "KeyFile",
    "aes_gcm_class",
    "associated_data",
    "atomic_write",
]

KEY_FILE_VERSION = 1
AAD_PREFIX = "jangkau-dek-v1|"
DEK_BYTES = 32


def aes_gcm_class() -> Any:
    """cryptography's AES-GCM class, read from its compiled module.

    ``cryptography.hazmat.primitives.ciphers.aead.AESGCM`` is this very class (a test holds
    them identical), but importing that name first loads the whole cipher package (modes,
    algorithms, the "decrepit" ciphers): ~17 ms against ~5 ms on the unlock path here. A
    cryptography that keeps it elsewhere gets the public import.
    """
    try:
        from cryptography.hazmat.bindings._rust import openssl

        return openssl.aead.AESGCM
    except (ImportError, AttributeError):  # pragma: no cover - another cryptography layout
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        return AESGCM


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost. The defaults are the production floor of SYNC_PROTOCOL.md §8.

    Tests pass ``KdfParams.fast()`` explicitly; nothing ever lowers the cost behind the caller's
    back. The chosen parameters are stored in the key file, so opening uses the same ones.
    """

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4
    salt_bytes: int = 16

    @classmethod
    def tuned(
        cls,
        *,
        target_s: float = 0.7,
        max_s: float = 1.0,
        measure: Callable[[KdfParams], float] | None = None,
    ) -> KdfParams:
        """The production floor, made slower on a fast laptop: SYNC §8 asks for a derivation of
        0.5–1 s. Three timed derivations: the floor, twice its passes, the floor again (the
        faster floor counts: the first derivation of a process pays for touching its 64 MiB
        afresh). Their difference is the cost of a pass, the rest a fixed cost (the memory is
        allocated and filled whatever the passes); ``time_cost`` is raised so the predicted time
        reaches ``target_s`` without passing ``max_s``. Scaling the floor's time alone counted
        the fixed cost once per pass and fell short (0.48–0.55 s for a 0.6 s aim here); the aim is
        the middle of the range, as a derivation varies by ±15 % on a busy laptop. Never
        below the floor, whatever the measurement (a busy laptop measures slow).
        """
        floor = cls()
        double = cls(time_cost=2 * floor.time_cost)
        timed = measure or _time_derive
        first, twice, again = timed(floor), timed(double), timed(floor)
        taken = min(first, again)
        if taken <= 0:
            return floor
        per_pass = (twice - taken) / floor.time_cost
        if per_pass <= 0 or per_pass > taken / floor.time_cost:  # noise: scale the floor alone
            per_pass = taken / floor.time_cost
        fixed = taken - per_pass * floor.time_cost
        wanted = math.ceil((target_s - fixed) / per_pass)
        ceiling = max(floor.time_cost, math.floor((max_s - fixed) / per_pass))
        return cls(time_cost=max(floor.time_cost, min(wanted, ceiling, 64)))

    @classmethod
    def fast(cls) -> KdfParams:
        """Light parameters for tests and benchmarks that create many stores (never production)."""
        return cls(time_cost=1, memory_kib=1024, parallelism=1)

    def derive(self, password: str, salt: bytes) -> bytes:
        """Argon2id, v1.3, 32 bytes: ``argon2.low_level.hash_secret_raw`` called directly on its
        bindings (``argon2-cffi-bindings``): the ``argon2`` package loads its password hasher,
        profiles and legacy API with it (~5 ms on the unlock path; ``tests/models`` holds the
        two equal)."""
        from _argon2_cffi_bindings import ffi, lib

        secret = password.encode("utf-8")
        out = ffi.new("uint8_t[]", DEK_BYTES)
        status = lib.argon2_hash(
            self.time_cost,
            self.memory_kib,
            self.parallelism,
            ffi.new("uint8_t[]", secret),
            len(secret),
            ffi.new("uint8_t[]", salt),
            len(salt),
            out,
            DEK_BYTES,
            ffi.NULL,
            0,
            lib.Argon2_id,
            lib.ARGON2_VERSION_NUMBER,
        )
        if status != lib.ARGON2_OK:
            message = ffi.string(lib.argon2_error_message(status)).decode("ascii", "replace")
            raise StoreError(detail=f"key derivation failed: {message}")
        return bytes(ffi.buffer(out, DEK_BYTES))


def _time_derive(params: KdfParams) -> float:
    started = time.perf_counter()
    params.derive("jangkau-calibration", b"\0" * params.salt_bytes)
    return time.perf_counter() - started


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    import base64

    return base64.b64decode(text.encode("ascii"), validate=True)


def key_path_for(db_path: Path) -> Path:
    """Where the wrapped key of a store lives: ``<store>.key`` next to it (never the clear key)."""
    return db_path.with_name(db_path.name + ".key")


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so a crash leaves either the old or the new file."""
    tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")  # a unique name, no secret
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True, slots=True)
class KeyFile:
    """The parsed key file. ``unwrap(password)`` gives the DEK or raises ``WrongPasswordError``."""

    store_id: uuid.UUID
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes
    # The DEK sealed to the agency recovery key (``models.recovery``): algorithm, key id and
    # sealed bytes (base64). None in a key file written before sealing or without a key.
    recovery: dict[str, str] | None = None

    @classmethod
    def new(cls, *, password: str, store_id: uuid.UUID, kdf: KdfParams) -> tuple[KeyFile, bytes]:
        """A fresh DEK and its key file; returns both (the DEK stays in memory only)."""
        import secrets

        dek = secrets.token_bytes(DEK_BYTES)
        return cls.wrap(dek=dek, password=password, store_id=store_id, kdf=kdf), dek

    @classmethod
    def wrap(
        cls,
        *,
        dek: bytes,
        password: str,
        store_id: uuid.UUID,
        kdf: KdfParams,
        recovery: dict[str, str] | None = None,
    ) -> KeyFile:
        """``dek`` wrapped with ``password``; ``recovery`` is carried over (the same DEK)."""
        import secrets

        salt = secrets.token_bytes(kdf.salt_bytes)
        nonce = secrets.token_bytes(12)
        kek = kdf.derive(password, salt)
        wrapped = aes_gcm_class()(kek).encrypt(nonce, dek, associated_data(store_id))
        return cls(
            store_id=store_id, kdf=kdf, salt=salt, nonce=nonce, wrapped=wrapped, recovery=recovery
        )

    def unwrap(self, password: str) -> bytes:
        kek = self.kdf.derive(password, self.salt)
        from cryptography.exceptions import InvalidTag

        try:
            return aes_gcm_class()(kek).decrypt(
                self.nonce, self.wrapped, associated_data(self.store_id)
            )
        except InvalidTag as exc:
            raise WrongPasswordError() from exc

    def to_json(self) -> bytes:
        body: dict[str, Any] = {
            "version": KEY_FILE_VERSION,
            "store_id": str(self.store_id),
            "kdf": {"algorithm": "argon2id", **asdict(self.kdf)},
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped_dek": _b64(self.wrapped),
            "cipher": "AES-256-GCM",
        }
        if self.recovery is not None:
            body["recovery"] = dict(self.recovery)
        return json.dumps(body, indent=2).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> KeyFile:
        import uuid

        try:
            body = json.loads(data)
            if not isinstance(body, dict) or "version" not in body:
                raise StoreError("keyfile-invalid", detail="not a key file")
            if body["version"] != KEY_FILE_VERSION:
                raise StoreError("keyfile-version", params={"version": body.get("version")})
            kdf_raw = dict(body["kdf"])
            if kdf_raw.pop("algorithm", None) != "argon2id":
                raise StoreError("keyfile-invalid", detail="unknown KDF")
            recovery = body.get("recovery")
            if recovery is not None and not (
                isinstance(recovery, dict) and all(isinstance(v, str) for v in recovery.values())
            ):
                raise StoreError("keyfile-invalid", detail="recovery seal is not a string map")
            return cls(
                store_id=uuid.UUID(body["store_id"]),
                kdf=KdfParams(**kdf_raw),
                salt=_unb64(body["salt"]),
                nonce=_unb64(body["nonce"]),
                wrapped=_unb64(body["wrapped_dek"]),
                recovery=recovery,
            )
        except StoreError:
            raise
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError("keyfile-invalid", detail=str(exc)) from exc

    @classmethod
    def read(cls, path: Path) -> KeyFile:
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise StoreError("keyfile-missing", params={"path": str(path)}) from exc
        return cls.from_json(data)

    def write(self, path: Path) -> None:
        atomic_write(path, self.to_json())


def associated_data(store_id: uuid.UUID) -> bytes:
    """What binds a wrapped (or sealed, ``models.recovery``) key to its store."""
    return (AAD_PREFIX + str(store_id)).encode("ascii")
