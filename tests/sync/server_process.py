"""Run the embedded server in its own process (so it has a core and a GIL of its own).

``python -m tests.sync.server_process '<settings json>'`` binds ``127.0.0.1:0``, starts
``server.embedded``, prints ``READY <url>`` and serves until its stdin closes.
"""

from __future__ import annotations

import json
import socket
import sys


def main() -> int:
    from server import embedded
    from server.config import ServerSettings

    settings = ServerSettings.model_validate(json.loads(sys.argv[1]))
    sock = socket.create_server(("127.0.0.1", 0))
    handle = embedded.start(sock=sock, settings=settings)
    from server.cli import tune_process

    tune_process()  # as `python -m server serve` does for its workers
    sys.stdout.write(f"READY {handle.url}\n")
    sys.stdout.flush()
    try:
        sys.stdin.read()  # until the parent closes the pipe (or dies)
    finally:
        handle.stop(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
