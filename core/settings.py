"""The one typed Settings object (STYLE.md §8): declared once, loaded leniently, saved atomically.

A frozen dataclass checked in ``__post_init__`` rather than a pydantic model: pydantic costs
~70 ms to import and this module loads before the unlock screen. The pydantic-style method names
(``model_validate``, ``model_copy``, ``model_dump``, …) stay, so callers did not change; unlike
pydantic's ``model_copy``, ``model_copy(update=…)`` here validates the new values.

Values are coerced the way pydantic's lax mode did for these types: a JSON list becomes a tuple;
an int accepts an int or an int-valued string (never a bool); a bool accepts a bool, 0/1 and
the usual words ("true", "off", …). Unknown keys are ignored.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar, Literal

from core import paths

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"


class SettingsError(ValueError):
    """One or more settings values are invalid; ``errors`` maps each bad field to the reason."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        detail = "; ".join(f"{name}: {reason}" for name, reason in self.errors.items())
        super().__init__(f"invalid settings: {detail}")

    @property
    def fields(self) -> list[str]:
        return list(self.errors)


# -- coercion -------------------------------------------------------------------------------------

_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise ValueError(f"expected a boolean, got {value!r}")


def _int(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError(f"expected an integer, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise ValueError(f"expected an integer, got {value!r}")


def _str(value: object) -> str:
    if isinstance(value, str):
        return value
    raise ValueError(f"expected a string, got {value!r}")


def _optional_str(value: object) -> str | None:
    return None if value is None else _str(value)


def _choice(*allowed: str) -> Callable[[object], str]:
    def check(value: object) -> str:
        if isinstance(value, str) and value in allowed:
            return value
        raise ValueError(f"expected one of {', '.join(allowed)}, got {value!r}")

    return check


def _int_range(low: int, high: int) -> Callable[[object], int]:
    def check(value: object) -> int:
        number = _int(value)
        if not low <= number <= high:
            raise ValueError(f"must be between {low} and {high}, got {number}")
        return number

    return check


def _tuple_of(item: Callable[[object], Any]) -> Callable[[object], tuple[Any, ...]]:
    def check(value: object) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise ValueError(f"expected a list, got {value!r}")
        return tuple(item(element) for element in value)

    return check


# One check per field: returns the (coerced) value or raises ValueError with the reason.
_CHECKS: dict[str, Callable[[object], Any]] = {
    "language": _choice("id", "en"),
    "server_url": _optional_str,
    "auto_sync": _bool,
    "sync_interval_minutes": _int_range(1, 120),
    "auto_lock_minutes": _int_range(1, 240),
    "high_contrast": _bool,
    "touch_mode": _choice("auto", "on", "off"),
    "default_printer": _optional_str,
    "branch_code": _str,
    "branch_regencies": _tuple_of(_str),
    "income_below_minimum": _choice("warn", "refuse"),
    "max_age": _int_range(18, 100),
    "payment_periods": _tuple_of(_int),
    "last_profile": _optional_str,
}


# -- the settings -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Every value is checked (and coerced) on construction; a bad one raises ``SettingsError``."""

    language: Literal["id", "en"] = "id"
    server_url: str | None = None
    auto_sync: bool = True
    sync_interval_minutes: int = 10  # 1..120
    auto_lock_minutes: int = 15  # 1..240
    high_contrast: bool = False
    touch_mode: Literal["auto", "on", "off"] = "auto"
    default_printer: str | None = None
    branch_code: str = "PEKALONGAN"
    branch_regencies: tuple[str, ...] = ("33.25", "33.26", "33.27", "33.75")
    income_below_minimum: Literal["warn", "refuse"] = "warn"
    max_age: int = 65  # 18..100
    payment_periods: tuple[int, ...] = (1, 3, 6, 12)
    last_profile: str | None = None

    # Field name → dataclass Field, filled in below (pydantic's ``model_fields`` lookalike).
    model_fields: ClassVar[Mapping[str, Any]]

    def __post_init__(self) -> None:
        errors: dict[str, str] = {}
        for name, check in _CHECKS.items():
            try:
                value = check(getattr(self, name))
            except ValueError as exc:
                errors[name] = str(exc)
                continue
            object.__setattr__(self, name, value)
        if errors:
            raise SettingsError(errors)

    @classmethod
    def model_validate(cls, data: object) -> Settings:
        """Settings from a mapping (e.g. parsed JSON); unknown keys are ignored."""
        if isinstance(data, cls):
            return data
        if not isinstance(data, Mapping):
            raise SettingsError({"__root__": f"expected an object, got {type(data).__name__}"})
        return cls(**{key: data[key] for key in cls.model_fields if key in data})

    @classmethod
    def model_validate_json(cls, data: str | bytes | bytearray) -> Settings:
        try:
            parsed = json.loads(data)
        except ValueError as exc:
            raise SettingsError({"__root__": f"invalid JSON: {exc}"}) from exc
        return cls.model_validate(parsed)

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Settings:
        """A copy with ``update`` applied, validated (a bad or unknown key raises)."""
        if not update:
            return self
        unknown = [key for key in update if key not in self.model_fields]
        if unknown:
            raise SettingsError({key: "unknown setting" for key in unknown})
        return replace(self, **update)

    def model_dump(self, *, mode: str | None = "python") -> dict[str, Any]:
        """Every field by name; with ``mode="json"`` the tuples become lists."""
        values = {name: getattr(self, name) for name in self.model_fields}
        if mode == "json":
            return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
        return values

    def model_dump_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


Settings.model_fields = MappingProxyType({field.name: field for field in fields(Settings)})


# -- the file ---------------------------------------------------------------------------------


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
    except SettingsError as exc:
        log.warning(
            "settings file %s has invalid values (%s); keeping the valid ones",
            path,
            ", ".join(exc.fields),
        )
        good = {}
        for key, value in raw.items():
            try:
                Settings.model_validate({key: value})
            except SettingsError:
                continue
            good[key] = value
        return Settings.model_validate(good)


def save(settings: Settings, config_dir: Path | None = None) -> None:
    """Write only the keys that differ from the defaults, atomically (temp file + rename)."""
    import tempfile  # ~4 ms at import; only saving needs it

    path = settings_path(config_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    defaults = Settings().model_dump(mode="json")
    changed = {
        key: value
        for key, value in settings.model_dump(mode="json").items()
        if value != defaults[key]
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
