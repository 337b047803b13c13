"""ui.about: the version shown is pyproject's, read without the TOML parser."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from core import paths
from ui import about


def test_app_version_is_the_project_version_of_pyproject() -> None:
    with (paths.PROJECT_ROOT / "pyproject.toml").open("rb") as handle:
        expected = tomllib.load(handle)["project"]["version"]
    about.app_version.cache_clear()
    assert about.app_version() == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[project]\nname = "x"\nversion = "2.3.4"\n', "2.3.4"),
        ('[tool.x]\nversion = "9"\n\n[project]\nversion = "1.0"\n', "1.0"),
        ('[project]\nname = "x"\n\n[tool.x]\nversion = "9"\n', "0"),  # not [project]'s
        ('[tool.x]\nversion = "9"\n', "0"),
    ],
)
def test_app_version_reads_only_the_project_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(paths, "PROJECT_ROOT", tmp_path)
    about.app_version.cache_clear()
    try:
        assert about.app_version() == expected
    finally:
        about.app_version.cache_clear()
