"""The server in a thread on a pre-bound loopback socket: the demo (``main.py --demo``) and tests.

``start`` migrates the database first (SQLite or PostgreSQL), then runs uvicorn in a daemon
thread and returns once the server accepts connections. ``Handle.stop`` asks uvicorn to finish
in-flight requests and joins the thread with a bound.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn

from server import db as db_module
from server.app import create_app
from server.clock import Clock, utc_now
from server.config import UVICORN_HTTP, UVICORN_LOOP, ServerSettings, load_settings
from server.db import Database
from server.services import areas as areas_service

log = logging.getLogger(__name__)


class EmbeddedServerError(RuntimeError):
    """The embedded server did not come up (or did not stop) in time."""


@dataclass
class Handle:
    url: str
    database: Database
    settings: ServerSettings
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def session_factory(self):  # type: ignore[no-untyped-def]
        """A sessionmaker on the server database (seeding, inspection in tests)."""
        return self.database.session_factory

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)
        if self._thread.is_alive():
            self._server.force_exit = True
            self._thread.join(2.0)
        self.database.dispose()
        if self._thread.is_alive():
            raise EmbeddedServerError("embedded server did not stop in time")


def start(
    *,
    db_url: str | None = None,
    db_path: Path | None = None,
    sock: socket.socket,
    settings: ServerSettings | None = None,
    clock: Clock | None = None,
    startup_timeout: float = 20.0,
) -> Handle:
    """Serve on ``sock`` (already bound to a loopback address) until ``Handle.stop``."""
    host, port = sock.getsockname()[:2]
    if host not in ("127.0.0.1", "::1"):
        raise ValueError(f"the embedded server only listens on loopback, not {host}")
    overrides: dict[str, object] = {}
    if db_path is not None:
        overrides["db_url"] = f"sqlite:///{Path(db_path).resolve()}"
    if db_url is not None:
        overrides["db_url"] = db_url
    base = settings or load_settings()
    settings = base.model_copy(update=overrides) if overrides else base
    db_module.upgrade(settings)
    database = Database(settings)
    areas_service.ensure_areas(database, now=(clock or utc_now)())
    app = create_app(settings, clock=clock, database=database)
    config = uvicorn.Config(
        app,
        http=UVICORN_HTTP,
        loop=UVICORN_LOOP,
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=5,
        limit_concurrency=None,
    )
    server = uvicorn.Server(config)
    sock.listen(128)
    thread = threading.Thread(
        target=server.run,
        kwargs={"sockets": [_tcp_socket(sock)]},
        name="jangkau-server",
        daemon=True,
    )
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            database.dispose()
            raise EmbeddedServerError("embedded server did not start")
        time.sleep(0.01)
    url_host = f"[{host}]" if ":" in host else host
    return Handle(f"http://{url_host}:{port}", database, settings, server, thread)


def _tcp_socket(sock: socket.socket) -> socket.socket:
    """A duplicate of ``sock`` whose ``proto`` says TCP. ``socket.create_server`` leaves
    ``proto`` at 0, and asyncio only sets TCP_NODELAY on accepted connections of a socket whose
    proto is TCP: without it every response waits ~40 ms for Nagle and delayed ACKs."""
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return sock
    return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=os.dup(sock.fileno()))
