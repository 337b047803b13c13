"""Server configuration: one frozen pydantic object, read from a file and ``JANGKAU_SERVER_*``.

Precedence: explicit keyword arguments > environment variables > the TOML/JSON file named by
``JANGKAU_SERVER_CONFIG`` > the defaults below. Every field ``name`` has the environment variable
``JANGKAU_SERVER_<NAME>`` (``JANGKAU_SERVER_DB_URL``, ``JANGKAU_SERVER_RATE_PUSH_PER_MIN``…).
Defaults are the safe ones: loopback only, SQLite next to the working directory, the protocol's
rate limits and token lifetimes.
"""

from __future__ import annotations

import json
import os
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sync import protocol

ENV_PREFIX = "JANGKAU_SERVER_"

# uvicorn's HTTP parser and event loop for `serve` and the embedded server: httptools (C) and
# uvloop cost a one-record push ~0.2 ms less CPU than h11 (pure Python) and asyncio's loop.
# uvloop has no Windows build (the embedded demo server may run there): asyncio's loop then.
UVICORN_HTTP = "httptools"
UVICORN_LOOP = "asyncio" if sys.platform == "win32" else "uvloop"
CONFIG_ENV = "JANGKAU_SERVER_CONFIG"
DEFAULT_DB_URL = "sqlite:///jangkau-server.sqlite3"


class ConfigError(ValueError):
    """The configuration file or an environment variable holds an unusable value."""


class ServerSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # Database
    db_url: str = DEFAULT_DB_URL
    db_schema: str | None = Field(None, pattern=r"^[a-z_][a-z0-9_]{0,62}$")
    db_pool_size: int = Field(10, ge=1, le=200)
    db_max_overflow: int = Field(30, ge=0, le=500)
    auto_migrate: bool = True  # SQLite only: PostgreSQL always needs `python -m server migrate`

    # HTTP
    host: str = "127.0.0.1"
    port: int = Field(8765, ge=0, le=65535)
    workers: int = Field(1, ge=1, le=64)
    forwarded_allow_ips: str = "127.0.0.1"
    # Request threads per worker (database work); None = 32 on PostgreSQL, 8 on SQLite.
    threads: int | None = Field(None, ge=1, le=200)
    log_level: str = "info"

    # Protocol versions (§4.3)
    min_client_version: str = "0.1.0"
    latest_client_version: str = "0.1.0"

    # Identity (§2)
    password_min_length: int = Field(10, ge=8, le=128)
    session_idle_minutes: int = Field(30, ge=1)
    session_absolute_hours: int = Field(12, ge=1)
    token_rotate_days: int = Field(30, ge=1)
    token_grace_days: int = Field(14, ge=1)
    enrollment_code_hours: int = Field(72, ge=1)
    enrollment_code_max_failures: int = Field(5, ge=1)
    enrollment_retry_minutes: int = Field(15, ge=1)
    login_failures_before_lock: int = Field(5, ge=1)
    login_lock_minutes: int = Field(1, ge=1)
    login_lock_max_minutes: int = Field(60, ge=1)

    # Rate limits per minute (§4.11); database counters, so they hold across workers.
    rate_login_per_ip_per_min: int = Field(30, ge=1)
    rate_push_per_min: int = Field(60, ge=1)
    rate_changes_per_min: int = Field(120, ge=1)
    rate_session_per_min: int = Field(600, ge=1)

    # Push (§4.6, §7)
    max_body_bytes: int = Field(protocol.MAX_BODY_BYTES, ge=1024)
    max_decompressed_bytes: int = Field(protocol.MAX_DECOMPRESSED_BYTES, ge=1024)
    max_payload_bytes: int = Field(protocol.MAX_PAYLOAD_BYTES, ge=256)
    deadlock_retries: int = Field(3, ge=0, le=10)

    # Review and exports (§4.9, §4.10): undo window of a decision (project addition), exports/hour
    review_undo_seconds: int = Field(120, ge=0, le=3600)
    rate_exports_per_hour: int = Field(10, ge=1)

    @field_validator("min_client_version", "latest_client_version")
    @classmethod
    def _version(cls, value: str) -> str:
        parse_version(value)
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")

    @property
    def is_postgres(self) -> bool:
        return self.db_url.startswith("postgresql")

    @property
    def request_threads(self) -> int:
        """PostgreSQL: enough threads for small pushes to wait in one group commit (a queued
        push holds a thread, not a connection; 8 threads made groups of ~4, 32 of ~12, one-record
        pushes at 50 devices 430 → 600+/s). SQLite has one writer: more threads only contend."""
        if self.threads is not None:
            return self.threads
        return 32 if self.is_postgres else 8


def parse_version(value: str) -> tuple[int, ...]:
    """``"1.3.0"`` → ``(1, 3, 0)``; anything else raises ``ValueError``."""
    parts = value.strip().split(".")
    if not parts or not all(p.isdigit() for p in parts) or len(parts) > 4:
        raise ValueError(f"not a dotted version: {value!r}")
    return tuple(int(p) for p in parts)


def _read_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    try:
        data = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: not a table of settings")
    section = data.get("server", data)
    return dict(section)


def _from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in ServerSettings.model_fields:
        key = ENV_PREFIX + name.upper()
        if key in environ:
            values[name] = environ[key]
    return values


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> ServerSettings:
    """File (``JANGKAU_SERVER_CONFIG``), then environment, then ``overrides``."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    if env.get(CONFIG_ENV):
        values.update(_read_file(Path(env[CONFIG_ENV])))
    values.update(_from_env(env))
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return ServerSettings.model_validate(values)
    except ValidationError as exc:
        raise ConfigError(str(exc)) from exc
