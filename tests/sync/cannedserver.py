"""A tiny real HTTP server on loopback that answers what a test tells it to.

Used for the client's status-mapping tests (a 426, a 413 with limits, an HTML page…) where the
real server cannot be made to misbehave on purpose. Requests are recorded with their decoded
bodies so tests can check what the client actually sent.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["CannedServer", "Reply", "jangkau_json"]


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


def jangkau_json(status: int, data: Any, *, problem: bool = False, **headers: str) -> Reply:
    ctype = "application/problem+json" if problem else "application/json"
    return Reply(
        status,
        json.dumps(data).encode(),
        {"Content-Type": ctype, "Jangkau-Protocol": "1", **headers},
    )


class CannedServer:
    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Reply | Callable[[Seen], Reply]] = {}
        self.seen: list[Seen] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                if self.headers.get("Content-Encoding") == "gzip":
                    raw = gzip.decompress(raw)
                path = self.path.split("?", 1)[0]
                if path.startswith("http://"):  # absolute form: we are being used as a proxy
                    path = "/" + path.split("/", 3)[3]
                seen = Seen(self.command, self.path, dict(self.headers.items()), raw)
                outer.seen.append(seen)
                route = outer.routes.get((self.command, path))
                if route is None:
                    reply = jangkau_json(
                        404,
                        {"type": "urn:jangkau:problem:not-found", "title": "x", "status": 404},
                        problem=True,
                    )
                else:
                    reply = route(seen) if callable(route) else route
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            do_GET = _serve  # noqa: N815
            do_POST = _serve  # noqa: N815
            do_HEAD = _serve  # noqa: N815

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def address(self) -> tuple[str, int]:
        return ("127.0.0.1", int(self._server.server_address[1]))

    def __enter__(self) -> CannedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
