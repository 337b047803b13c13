"""core.settings.Settings without pydantic: the same fields, defaults and limits, a
``SettingsError`` naming the bad field, lists from JSON stored as tuples, and a ``model_copy``
that validates. Also: the modules the unlock screen needs load none of the heavy libraries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core import settings as settings_mod
from core.settings import Settings, SettingsError

ROOT = Path(__file__).resolve().parents[2]


def test_defaults() -> None:
    s = Settings()
    assert s.language == "id" and s.touch_mode == "auto" and s.income_below_minimum == "warn"
    assert (s.sync_interval_minutes, s.auto_lock_minutes, s.max_age) == (10, 15, 65)
    assert s.branch_regencies == ("33.25", "33.26", "33.27", "33.75")
    assert s.payment_periods == (1, 3, 6, 12)
    assert s.server_url is None and s.last_profile is None and s.auto_sync is True
    assert set(Settings.model_fields) == set(s.model_dump())
    assert hash(s) == hash(Settings())  # frozen and hashable, like the pydantic model was


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("language", "fr"),
        ("touch_mode", "maybe"),
        ("income_below_minimum", "ignore"),
        ("sync_interval_minutes", 0),
        ("sync_interval_minutes", 121),
        ("auto_lock_minutes", 241),
        ("max_age", 17),
        ("max_age", 101),
        ("max_age", True),  # a bool is not an int
        ("max_age", "sixty"),
        ("auto_sync", "perhaps"),
        ("auto_sync", 2),
        ("server_url", 42),
        ("branch_code", None),
        ("branch_regencies", "33.25"),
        ("branch_regencies", ["33.25", 7]),
        ("payment_periods", [1, "x"]),
    ],
)
def test_bad_values_raise_naming_the_field(field: str, value: object) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.model_validate({field: value})
    assert caught.value.fields == [field]
    assert field in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_several_bad_fields_are_all_named() -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.model_validate({"language": "fr", "max_age": 5, "auto_sync": True})
    assert sorted(caught.value.fields) == ["language", "max_age"]


def test_lax_coercion_and_extra_keys() -> None:
    s = Settings.model_validate(
        {
            "branch_regencies": ["33.01"],
            "payment_periods": [1, "12"],
            "sync_interval_minutes": "30",
            "max_age": 70.0,
            "auto_sync": "false",
            "high_contrast": 1,
            "server_url": None,
            "no_such_setting": "ignored",
        }
    )
    assert s.branch_regencies == ("33.01",) and s.payment_periods == (1, 12)
    assert s.sync_interval_minutes == 30 and s.max_age == 70
    assert s.auto_sync is False and s.high_contrast is True
    assert not hasattr(s, "no_such_setting")
    # Bounds are inclusive.
    edge = Settings(sync_interval_minutes=120, auto_lock_minutes=1, max_age=18)
    assert (edge.sync_interval_minutes, edge.auto_lock_minutes, edge.max_age) == (120, 1, 18)


def test_constructor_validates_and_is_frozen() -> None:
    with pytest.raises(SettingsError):
        Settings(language="fr")  # type: ignore[arg-type]
    s = Settings(payment_periods=[3, 6])  # type: ignore[arg-type]
    assert s.payment_periods == (3, 6)
    with pytest.raises(AttributeError):
        s.language = "en"  # type: ignore[misc]


def test_model_copy_validates() -> None:
    s = Settings()
    copy = s.model_copy(update={"language": "en", "branch_regencies": ["33.01", "33.02"]})
    assert copy.language == "en" and copy.branch_regencies == ("33.01", "33.02")
    assert s.language == "id"  # the original is untouched
    assert s.model_copy() == s
    with pytest.raises(SettingsError) as caught:
        s.model_copy(update={"auto_lock_minutes": 0})
    assert caught.value.fields == ["auto_lock_minutes"]
    with pytest.raises(SettingsError) as caught:
        s.model_copy(update={"langauge": "en"})
    assert caught.value.fields == ["langauge"]


def test_dump_and_json_round_trip() -> None:
    s = Settings(language="en", server_url="http://127.0.0.1:8765", payment_periods=(1, 12))
    python = s.model_dump()
    assert python["payment_periods"] == (1, 12)
    as_json = s.model_dump(mode="json")
    assert as_json["payment_periods"] == [1, 12] and as_json["branch_regencies"][0] == "33.25"
    assert json.loads(s.model_dump_json()) == as_json
    assert Settings.model_validate_json(s.model_dump_json()) == s
    assert Settings.model_validate(python) == s
    assert Settings.model_validate(s) is s
    with pytest.raises(SettingsError):
        Settings.model_validate_json("{not json")
    with pytest.raises(SettingsError):
        Settings.model_validate(["language", "en"])


def test_load_keeps_the_valid_values_and_save_writes_only_changes(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(
        json.dumps({"max_age": 200, "language": "en", "payment_periods": [1, 6], "x": 1}),
        encoding="utf-8",
    )
    loaded = settings_mod.load(tmp_path)
    assert loaded.language == "en" and loaded.max_age == 65 and loaded.payment_periods == (1, 6)
    (tmp_path / "settings.json").write_text("[1, 2]", encoding="utf-8")
    assert settings_mod.load(tmp_path) == Settings()
    settings_mod.save(Settings(language="en", payment_periods=(1, 3, 6, 12)), tmp_path)
    written = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert written == {"language": "en"}
    assert not list(tmp_path.glob(".settings-*"))  # no temporary file left behind


@pytest.mark.timeout(60)
def test_unlock_screen_modules_load_no_heavy_library(tmp_path: Path) -> None:
    """Settings, logging and the profile list come before the unlock screen: none of pydantic,
    cryptography, argon2 or SQLAlchemy may load with them (each costs tens of ms at start)."""
    code = (
        "import core.settings, core.log, models.profiles; models.profiles.list_profiles(); "
        "import sys; print(sorted(m for m in ('pydantic','cryptography','argon2','sqlalchemy') "
        "if m in sys.modules))"
    )
    env = dict(os.environ, JANGKAU_DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=50,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
