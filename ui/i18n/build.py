"""Compile the Qt Linguist catalogues (``jangkau_*.ts`` → ``.qm``) when they are stale.

``python -m ui.i18n.build`` runs in every make target; ``--update`` first re-scans ``ui/`` and
``main.py`` with pyside6-lupdate so new ``tr()`` strings appear in the catalogues.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LANGUAGES = ("id", "en")
log = logging.getLogger(__name__)


def _tool(name: str) -> str:
    local = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(local) if local.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found; run `make env` first")
    return found


def sources() -> list[Path]:
    files = sorted(p for p in (ROOT / "ui").rglob("*.py") if "i18n" not in p.parts)
    return [ROOT / "main.py", *files] if (ROOT / "main.py").exists() else files


def update() -> None:
    for lang in LANGUAGES:
        ts = HERE / f"jangkau_{lang}.ts"
        cmd = [_tool("lupdate"), "-no-obsolete", "-locations", "none"]
        cmd += [str(p) for p in sources()] + ["-ts", str(ts)]
        subprocess.run(cmd, check=True, capture_output=True)


def release(*, quiet: bool) -> list[Path]:
    built = []
    for ts in sorted(HERE.glob("jangkau_*.ts")):
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run(
            [_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True
        )
        built.append(qm)
    if built and not quiet:
        sys.stderr.write("compiled " + ", ".join(p.name for p in built) + "\n")
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update", action="store_true", help="re-scan sources with lupdate first")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if args.update:
        update()
    release(quiet=args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
