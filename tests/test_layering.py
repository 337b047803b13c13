"""ARCHITECTURE.md §2: imports point down only. Fails on any edge the architecture forbids."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "models", "sync", "printing", "ui", "server")

# package → top-level project packages it must never import
FORBIDDEN: dict[str, set[str]] = {
    "core": {"models", "sync", "printing", "ui", "server"},
    "models": {"sync", "printing", "ui", "server"},
    "sync": {"printing", "ui", "server"},
    "printing": {"sync", "ui", "server"},
    "ui": {"server"},
    "server": {"ui", "printing"},
}
QT = ("PySide6", "shiboken6")
# Pure modules every layer may use (ARCHITECTURE.md §2: "shared" modules).
SHARED_MODULES = ("sync.protocol", "models.rules", "core.formatting", "core.errors")
# Modules shared with the server: standard library, pydantic, phonenumbers, babel only.
SHARED_PURE = ("models/rules", "sync/protocol.py", "core/formatting.py", "core/errors.py")
SHARED_ALLOWED_THIRD_PARTY = {"pydantic", "phonenumbers", "babel", "rapidfuzz"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # "from sync import protocol" is an edge to sync.protocol, not to all of sync.
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _python_files(package: str) -> list[Path]:
    return sorted(p for p in (ROOT / package).rglob("*.py") if ".venv" not in p.parts)


@pytest.mark.parametrize("package", PACKAGES)
def test_no_forbidden_edges(package: str) -> None:
    bad = []
    for path in _python_files(package):
        for name in _imports(path):
            top = name.split(".")[0]
            shared = name.startswith(SHARED_MODULES)
            if top in FORBIDDEN[package] and not shared:
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
            if package != "ui" and top in QT:
                bad.append(f"{path.relative_to(ROOT)} imports Qt ({name})")
    assert not bad, "\n".join(bad)


def test_only_ui_and_main_import_qt() -> None:
    bad = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in {".venv", ".bootstrap", "tests", "bench", "ui"} or rel.name == "main.py":
            continue
        if any(name.split(".")[0] in QT for name in _imports(path)):
            bad.append(str(rel))
    assert not bad, f"Qt imported outside ui/ and main.py: {bad}"


def test_server_uses_only_pure_client_modules() -> None:
    """server/ may import models.rules, sync.protocol and core.formatting/errors, nothing else."""
    allowed = ("models.rules", "sync.protocol", "core.formatting", "core.errors", "core.log")
    bad = []
    for path in _python_files("server"):
        for name in _imports(path):
            top = name.split(".")[0]
            if top in {"models", "sync", "core"} and not name.startswith(allowed):
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, "\n".join(bad)


def test_shared_modules_stay_pure() -> None:
    import sys

    stdlib = set(sys.stdlib_module_names)
    first_party = set(PACKAGES)
    bad = []
    for shared in SHARED_PURE:
        target = ROOT / shared
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for path in files:
            for name in _imports(path):
                top = name.split(".")[0]
                if top in stdlib or top in SHARED_ALLOWED_THIRD_PARTY or top == "__future__":
                    continue
                if top in first_party and name.startswith(
                    ("models.rules", "core.errors", "core.formatting", "sync.protocol")
                ):
                    continue
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, "\n".join(bad)


def test_layering_check_catches_a_violation(tmp_path: Path) -> None:
    """The checker itself works: a Qt import in a core-like file is found."""
    fake = tmp_path / "x.py"
    fake.write_text("from PySide6.QtCore import QObject\nimport models.db\n")
    assert _imports(fake) == ["PySide6.QtCore.QObject", "models.db"]
    fake.write_text("from sync import protocol, client\n")
    assert _imports(fake) == ["sync.protocol", "sync.client"]
