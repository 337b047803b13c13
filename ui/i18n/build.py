"""Compile the Qt Linguist catalogue (``jangkau_id.ts`` → ``.qm``) when it is stale.

``python -m ui.i18n.build`` runs in every make target. ``--update`` first re-scans ``ui/`` and
``main.py`` with pyside6-lupdate so new ``tr()`` strings appear in the catalogue, then fills every
unfinished entry from the translation memory ``ui/i18n/id/*.tsv`` (``context<TAB>source<TAB>
translation``, one per line; context ``*`` matches any class; ``\n`` and ``\t`` are escapes).
Source strings are short English (STYLE.md §6), so English needs no catalogue of its own.
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
LANGUAGES = ("id",)
MEMORY_DIR = HERE / "id"
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
        fill_from_memory(ts, load_memory())


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


def load_memory(directory: Path = MEMORY_DIR) -> dict[tuple[str, str], str]:
    """All (context, source) → translation pairs of the ``*.tsv`` files."""
    memory: dict[tuple[str, str], str] = {}
    for tsv in sorted(directory.glob("*.tsv")):
        for number, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise SystemExit(f"{tsv}:{number}: expected context<TAB>source<TAB>translation")
            context, source, translation = (_unescape(part) for part in parts)
            memory[(context, source)] = translation
    return memory


def fill_from_memory(ts: Path, memory: dict[tuple[str, str], str]) -> int:
    """Fill unfinished messages of a .ts file; returns how many remain unfinished."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts)
    remaining = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            if translation.get("type") not in ("unfinished", None) or (
                translation.get("type") is None and (translation.text or list(translation))
            ):
                continue
            text = memory.get((name, source), memory.get(("*", source)))
            if text is None:
                remaining += 1
                continue
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                for child in list(translation):
                    translation.remove(child)
                ET.SubElement(translation, "numerusform").text = text
            else:
                translation.text = text
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return remaining


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
