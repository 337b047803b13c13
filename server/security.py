"""Secrets: Argon2id password hashes, opaque bearer tokens, enrollment codes (SYNC_PROTOCOL.md §2).

Only digests are stored: SHA-256 of tokens and codes, Argon2id of passwords. The password
hasher is argon2-cffi's ``PasswordHasher()`` with its defaults (RFC 9106 low-memory profile:
argon2id, t=3, m=64 MiB, p=4, 16-byte salt); a test pins these.
"""

from __future__ import annotations

import hashlib
import secrets
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

SESSION_PREFIX = "jks_"
DEVICE_PREFIX = "jkd_"
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
_CROCKFORD_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0"})

password_hasher = PasswordHasher()
_dummy_lock = threading.Lock()
_dummy_hash: str | None = None


def hash_password(password: str) -> str:
    return password_hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Constant work whether or not the user exists: an unknown user checks a dummy hash."""
    target = stored_hash or _dummy()
    try:
        password_hasher.verify(target, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return stored_hash is not None


def needs_rehash(stored_hash: str) -> bool:
    return password_hasher.check_needs_rehash(stored_hash)


def _dummy() -> str:
    global _dummy_hash
    with _dummy_lock:
        if _dummy_hash is None:
            _dummy_hash = password_hasher.hash(secrets.token_urlsafe(16))
        return _dummy_hash


def new_token(prefix: str) -> str:
    """``jks_…`` or ``jkd_…`` + 32 random bytes, URL-safe."""
    return prefix + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """SHA-256 hex of a token or a normalised code: what the database keeps."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_enrollment_code() -> str:
    return "".join(secrets.choice(CROCKFORD) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str | None:
    """Crockford reading: case-insensitive, hyphens and spaces ignored, I/L → 1, O → 0."""
    code = raw.strip().upper().replace("-", "").replace(" ", "").translate(_CROCKFORD_ALIASES)
    if len(code) != CODE_LENGTH or any(ch not in CROCKFORD for ch in code):
        return None
    return code
