"""``python -m server import-reference DATASET DIR_OR_FILES… --version V``: publish reference
data (regions, occupations, contribution, notices) after validating it with the desktop rules.
Publishing ``regions`` also updates the server's area table.

Exit 0: published (or this exact version was already there); 2: invalid data or a version
already published with other content: nothing was stored.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from server.services import reference as reference_service


def cmd_import_reference(args: argparse.Namespace) -> int:
    from server.cli import _err, _out, _settings
    from server.clock import utc_now
    from server.db import Database

    try:
        files = reference_service.read_files(args.dataset, [Path(p) for p in args.paths])
        if not files:
            _err(f"refused: no {args.dataset} files in {' '.join(args.paths)}")
            return 2
    except reference_service.ReferenceDataError as exc:
        _err(f"refused: {exc.detail or exc.code}")
        return 2
    database = Database(_settings(args))
    try:
        report = reference_service.publish(
            database, dataset=args.dataset, files=files, version=args.version, now=utc_now()
        )
    except reference_service.ReferenceDataError as exc:
        _err(f"refused: {exc.detail or exc.code}")
        return 2
    except reference_service.ReferenceConflict as exc:
        _err(f"refused: {exc}")
        return 2
    finally:
        database.dispose()
    state = "published" if report.published else "unchanged"
    _out(f"{report.dataset}/{report.version} {state} ({report.files} files, {report.sha256[:12]})")
    return 0


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    p = command("import-reference", cmd_import_reference, "publish reference data to every agent")
    p.add_argument("dataset", choices=reference_service.DATASETS)
    p.add_argument("paths", nargs="+", metavar="DIR_OR_FILE")
    p.add_argument("--version", help="version name (default: derived from the files' hash)")
