"""The one typed Settings object (STYLE.md §8): declared once, loaded leniently, saved atomically."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core import paths

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    language: Literal["id", "en"] = "id"
    server_url: str | None = None
    auto_sync: bool = True
    sync_interval_minutes: int = Field(10, ge=1, le=120)
    auto_lock_minutes: int = Field(15, ge=1, le=240)
    high_contrast: bool = False
    touch_mode: Literal["auto", "on", "off"] = "auto"
    default_printer: str | None = None
    branch_code: str = "PEKALONGAN"
    branch_regencies: tuple[str, ...] = ("33.25", "33.26", "33.27", "33.75")
    income_below_minimum: Literal["warn", "refuse"] = "warn"
    max_age: int = Field(65, ge=18, le=100)
    payment_periods: tuple[int, ...] = (1, 3, 6, 12)
    last_profile: str | None = None


def settings_path(config_dir: Path | None = None) -> Path:
    return (config_dir or paths.config_dir()) / SETTINGS_FILE


def load(config_dir: Path | None = None) -> Settings:
    """Read the settings file; a missing or broken file gives the defaults (logged)."""
    path = settings_path(config_dir)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        log.warning("settings file %s unreadable; using defaults", path, exc_info=True)
        return Settings()
    if not isinstance(raw, dict):
        log.warning("settings file %s is not an object; using defaults", path)
        return Settings()
    try:
        return Settings.model_validate(raw)
    except ValidationError:
        log.warning("settings file %s has invalid values; keeping the valid ones", path)
        good = {}
        for key, value in raw.items():
            try:
                Settings.model_validate({key: value})
            except ValidationError:
                continue
            good[key] = value
        return Settings.model_validate(good)


def save(settings: Settings, config_dir: Path | None = None) -> None:
    """Write only the keys that differ from the defaults, atomically (temp file + rename)."""
    path = settings_path(config_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    defaults = Settings()
    changed = {
        key: value
        for key, value in settings.model_dump(mode="json").items()
        if value != defaults.model_dump(mode="json")[key]
    }
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(changed, handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
