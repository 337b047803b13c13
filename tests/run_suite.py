"""Run the whole suite the way CI does.

- Checks whether the PostgreSQL named by ``JANGKAU_TEST_PG_URL`` (default: the local server on
  127.0.0.1:5432, database ``test``) answers. If it does not, the
  variable is removed so the ``postgres`` tests skip, and this says so loudly at the start and the
  end (``JANGKAU_TEST_PG_REQUIRED=1`` turns that into a failure).
- pytest's exit code 5 ("no tests collected") is a failure here, never a silent pass.
"""

from __future__ import annotations

import os
import subprocess
import sys

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
    cmd = [sys.executable, "-m", "pytest", *argv]
    code = subprocess.call(cmd, env=env)
    if pg_note:
        sys.stderr.write(f"{BANNER}\n!! POSTGRESQL TESTS WERE SKIPPED: {pg_note}\n{BANNER}\n")
    if code == 5:
        sys.stderr.write("!! pytest collected no tests: that is a failure.\n")
        return 1
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
