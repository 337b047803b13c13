"""`make bench`: run every benchmark module in bench/ (or the ones named) and print their numbers."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def _modules() -> list[str]:
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))


def main(argv: list[str]) -> int:
    names = argv or _modules()
    failed = []
    for name in names:
        print(f"\n=== bench.{name} ===", flush=True)
        started = time.perf_counter()
        try:
            importlib.import_module(f"bench.{name}").main()
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
            failed.append(name)
            print(f"!! bench.{name} failed: {type(exc).__name__}: {exc}", flush=True)
        print(f"(bench.{name} took {time.perf_counter() - started:.1f} s)", flush=True)
    if failed:
        print(f"\n!! failed benchmarks: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
