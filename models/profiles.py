"""Agent profiles on a shared laptop: one folder, one encrypted store per agent.

``<profiles_dir>/<slug>/`` holds ``store.db`` (SQLCipher), ``store.db.key`` (the wrapped key) and
``profile.json``: a tiny plaintext file with the display name and username only, so the unlock
screen can list profiles without unlocking anything. No prospect data is ever outside the store.
``profile.json`` is written last, so a half-created profile is never listed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core import paths
from core.errors import ConflictError, Issue, StoreError, ValidationError
from models.keyfile import KdfParams, atomic_write

if TYPE_CHECKING:
    from models.db import Database
    from models.first_page import UnlockedKey

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "PROFILE_FILE",
    "STORE_FILE",
    "ProfileInfo",
    "create_profile",
    "list_profiles",
    "open_profile",
    "unlock_profile",
]

PROFILE_FILE = "profile.json"
STORE_FILE = "store.db"
MIN_PASSWORD_LENGTH = 10


@dataclass(frozen=True, slots=True)
class ProfileInfo:
    slug: str
    display_name: str
    path: Path  # the store file (``<folder>/store.db``)
    username: str = ""

    @property
    def folder(self) -> Path:
        return self.path.parent


def _base(base: Path | None) -> Path:
    folder = base if base is not None else paths.profiles_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def slugify(username: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", username).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:48] or "agen"


def list_profiles(base: Path | None = None) -> list[ProfileInfo]:
    """Every complete profile under ``base`` (default ``core.paths.profiles_dir()``), by name.

    Reads only ``profile.json``; nothing is unlocked."""
    found = []
    for folder in sorted(_base(base).iterdir()):
        meta = folder / PROFILE_FILE
        if not folder.is_dir() or not meta.is_file() or not (folder / STORE_FILE).exists():
            continue
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            found.append(
                ProfileInfo(
                    slug=folder.name,
                    display_name=str(data["display_name"]),
                    path=folder / STORE_FILE,
                    username=str(data.get("username", "")),
                )
            )
        except (OSError, ValueError, KeyError):
            continue  # a damaged file hides one profile, never the list
    return sorted(found, key=lambda p: (p.display_name.casefold(), p.slug))


def create_profile(
    display_name: str,
    username: str,
    password: str,
    agent_kind: str,
    base: Path | None = None,
    argon2_params: KdfParams | None = None,
) -> tuple[ProfileInfo, Database]:
    """Make a profile folder with a new encrypted store; returns it unlocked."""
    issues = []
    if not display_name.strip():
        issues.append(Issue("E_REQUIRED", "display_name"))
    if not username.strip():
        issues.append(Issue("E_REQUIRED", "username"))
    if len(password) < MIN_PASSWORD_LENGTH:
        issues.append(Issue("E_PASSWORD_TOO_SHORT", "password", {"min": MIN_PASSWORD_LENGTH}))
    import shutil

    # The store modules (SQLAlchemy, ~0.3 s) load on use: the unlock screen lists profiles first.
    from models.agent_profile import AGENT_KINDS
    from models.db import Database
    from models.repositories import profile as profile_repo

    if agent_kind not in AGENT_KINDS:
        issues.append(Issue("E_AGENT_KIND_INVALID", "agent_kind", {"value": agent_kind}))
    if issues:
        raise ValidationError(issues)
    root = _base(base)
    if any(p.username.casefold() == username.strip().casefold() for p in list_profiles(root)):
        raise ConflictError("profile-exists", field="username")
    slug = slugify(username)
    folder = root / slug
    n = 2
    while folder.exists():
        folder = root / f"{slug}-{n}"
        n += 1
    folder.mkdir(parents=True)
    try:
        db = Database.create(
            folder / STORE_FILE,
            password=password,
            profile_name=display_name.strip(),
            argon2_params=argon2_params,
        )
        with db.session_scope() as session:
            profile_repo.update(session, username=username.strip(), agent_kind=agent_kind)
        meta = {"display_name": display_name.strip(), "username": username.strip()}
        atomic_write(folder / PROFILE_FILE, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    info = ProfileInfo(folder.name, display_name.strip(), folder / STORE_FILE, username.strip())
    return info, db


def _require_store(info: ProfileInfo) -> None:
    if not info.path.exists():
        raise StoreError("store-missing", params={"slug": info.slug})


def open_profile(info: ProfileInfo, password: str) -> Database:
    """Unlock the profile's store (``WrongPasswordError`` on a wrong password)."""
    _require_store(info)
    from models.db import Database

    return Database.open(info.path, password=password)


def unlock_profile(info: ProfileInfo, password: str, *, first_page: int) -> UnlockedKey:
    """The store's key and, read without the ORM, the list's first page (``models.first_page``;
    ``WrongPasswordError`` on a wrong password). ``Database.open_with_key`` opens it after."""
    _require_store(info)
    from models import first_page as early

    return early.unlock(info.path, password, limit=first_page)
