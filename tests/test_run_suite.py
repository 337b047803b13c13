"""tests.run_suite: when the suite splits into two processes and when it stays one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.run_suite import _names_tests


@pytest.mark.parametrize(
    ("argv", "one_process"),
    [
        ([], False),  # make test
        (["-x"], False),  # make test-quick
        (["-p", "no:cacheprovider", "-q"], False),
        (["tests/ui/test_unlock.py"], True),
        (["-x", "tests/e2e/test_sync_fleet.py::test_fifty_laptops_at_once"], True),
        ([str(Path(__file__).resolve())], True),  # however the path is written
        (["-m", "slow"], False),
    ],
)
def test_only_a_command_line_that_names_tests_keeps_one_process(
    argv: list[str], one_process: bool
) -> None:
    assert _names_tests(argv) is one_process
