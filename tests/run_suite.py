"""Run the whole suite the way CI does.

- Checks whether the PostgreSQL named by ``JANGKAU_TEST_PG_URL`` (default: the local server on
  127.0.0.1:5432, database ``test``) answers. If it does not, the
  variable is removed so the ``postgres`` tests skip, and this says so loudly at the start and the
  end (``JANGKAU_TEST_PG_REQUIRED=1`` turns that into a failure).
- pytest's exit code 5 ("no tests collected") is a failure here, never a silent pass.
- The whole suite runs as two pytest processes side by side: the end-to-end sync scenarios
  (``tests/e2e``, ~7 minutes of one core) and everything else. Each is one process as before
  (pytest itself, no plugin); the e2e lines are prefixed ``[e2e]``. On this project's 2-core
  machines the suite took 13–15 minutes in one process and about half in two.
  ``JANGKAU_SUITE_SERIAL=1``, or naming tests on the command line, runs one process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

BANNER = "=" * 78
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _pg_answers(url: str) -> str | None:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - the server extra is always installed
        return f"psycopg missing ({exc})"
    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    try:
        with psycopg.connect(dsn, connect_timeout=3) as conn:
            conn.execute("select 1")
    except Exception as exc:  # noqa: BLE001 - any failure means "no PostgreSQL here"
        return f"{type(exc).__name__}: {exc}".strip()
    return None


def main(argv: list[str]) -> int:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    url = env.get("JANGKAU_TEST_PG_URL") or DEFAULT_PG_URL
    env["JANGKAU_TEST_PG_URL"] = url
    pg_note = ""
    if url:
        problem = _pg_answers(url)
        if problem:
            pg_note = f"PostgreSQL at {url} does not answer: {problem}"
            env.pop("JANGKAU_TEST_PG_URL")
    if pg_note:
        message = f"{BANNER}\n!! POSTGRESQL TESTS WILL BE SKIPPED: {pg_note}\n{BANNER}\n"
        sys.stderr.write(message)
        if env.get("JANGKAU_TEST_PG_REQUIRED") == "1":
            sys.stderr.write("!! JANGKAU_TEST_PG_REQUIRED=1: failing.\n")
            return 2
    else:
        sys.stderr.write(f"PostgreSQL tests run against {url}\n")
    if env.get("JANGKAU_SUITE_SERIAL") == "1" or _names_tests(argv):
        codes = {"suite": subprocess.call([sys.executable, "-m", "pytest", *argv], env=env)}
    else:
        codes = _two_processes(argv, env)
    if pg_note:
        sys.stderr.write(f"{BANNER}\n!! POSTGRESQL TESTS WERE SKIPPED: {pg_note}\n{BANNER}\n")
    failed = 0
    for name, code in codes.items():
        if code == 5:
            sys.stderr.write(f"!! pytest collected no tests ({name}): that is a failure.\n")
            failed = failed or 1
        elif code != 0:
            sys.stderr.write(f"!! {name}: pytest exited {code}.\n")
            failed = failed or code
    return failed


E2E = "tests/e2e"


def _names_tests(argv: list[str]) -> bool:
    """True when the command line picks tests (a path or node id) rather than only options."""
    return any(not arg.startswith("-") and Path(arg.split("::")[0]).exists() for arg in argv)


def _two_processes(argv: list[str], env: dict[str, str]) -> dict[str, int]:
    pytest = [sys.executable, "-m", "pytest"]
    e2e = subprocess.Popen(
        [*pytest, *argv, E2E],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    assert e2e.stdout is not None
    relay = threading.Thread(target=_relay, args=(e2e.stdout, "[e2e] "), daemon=True)
    relay.start()
    rest = subprocess.call([*pytest, *argv, f"--ignore={E2E}"], env=env)
    e2e_code = e2e.wait()
    relay.join(timeout=10)
    return {"tests (without e2e)": rest, "tests/e2e": e2e_code}


def _relay(stream: IO[str], prefix: str) -> None:
    for line in stream:
        sys.stdout.write(prefix + line)
        sys.stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
