"""End-to-end scenarios: print the sync reliability totals (faults, kills) at the end of a run."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.sync.harness import TOTALS

    if TOTALS:
        parts = ", ".join(
            f"{key.replace('_', ' ')}: {value:,}" for key, value in sorted(TOTALS.items())
        )
        terminalreporter.write_sep("=", "sync reliability totals")
        terminalreporter.write_line(parts)
