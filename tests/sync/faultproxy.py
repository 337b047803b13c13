"""A seeded, fault-injecting HTTP/1.1 proxy on loopback (SYNC_PROTOCOL.md §9 T3/T4).

It sits between the sync client and the real server (no ``tc netem``), parses each request and
response just enough to find their ends, and for every request draws one fault from a seeded
``random.Random`` (so a run is reproducible for a serial client):

``pass``            forward both ways untouched
``delay``           wait a little, then pass
``slice``           forward the request and the reply in small pieces with pauses (slow link)
``idle_close``      pass, then close the connection (NAT/carrier drops an idle keep-alive)
``drop_before``     close the client connection before the request reaches the server
``drop_after``      forward, let the server commit, close before any reply byte (the lost ack)
``truncate``        forward, send part of the reply, close (FIN)
``reset``           forward, send part of the reply, abort with RST (``SO_LINGER`` 0)
``blackhole``       forward, then hold the reply past the client's read timeout, then close
``error_5xx``       a synthetic 502/503 (with or without the protocol header), before or after
                    the server saw the request
``rate_limit``      a synthetic 429 with ``Retry-After``
``captive_portal``  a 200 HTML login page (or a 302 to one), as a hotel Wi-Fi would
``duplicate``       the request goes to the server ``duplicate_copies + 1`` times concurrently

``counts`` tallies injected faults by kind; ``bytes_up``/``bytes_down`` count client bytes. The
event loop runs in a daemon thread; everything listens on ``127.0.0.1`` only.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import random
import socket
import struct
import threading
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum

__all__ = ["Fault", "FaultProxy", "DEFAULT_WEIGHTS"]


class Fault(StrEnum):
    PASS = "pass"
    DELAY = "delay"
    SLICE = "slice"
    IDLE_CLOSE = "idle_close"
    DROP_BEFORE = "drop_before"
    DROP_AFTER = "drop_after"
    TRUNCATE = "truncate"
    RESET = "reset"
    BLACKHOLE = "blackhole"
    ERROR_5XX = "error_5xx"
    RATE_LIMIT = "rate_limit"
    CAPTIVE_PORTAL = "captive_portal"
    DUPLICATE = "duplicate"


# Faults that cost no server work are the cheap majority; timeouts are rare because they cost
# a whole read timeout each.
DEFAULT_WEIGHTS: dict[Fault, float] = {
    Fault.PASS: 30,
    Fault.DELAY: 6,
    Fault.SLICE: 6,
    Fault.IDLE_CLOSE: 4,
    Fault.DROP_BEFORE: 12,
    Fault.DROP_AFTER: 10,
    Fault.TRUNCATE: 8,
    Fault.RESET: 8,
    Fault.BLACKHOLE: 0.5,
    Fault.ERROR_5XX: 10,
    Fault.RATE_LIMIT: 5,
    Fault.CAPTIVE_PORTAL: 5,
    Fault.DUPLICATE: 6,
}

_MAX_HEAD = 64 * 1024
_PORTAL_PAGE = (
    b"<!DOCTYPE html><html><head><title>WiFi Gratis Pelabuhan</title></head>"
    b"<body><form>Masuk untuk melanjutkan</form></body></html>"
)


class _Closed(Exception):
    """The peer closed before a complete message."""


async def _read_message(
    reader: asyncio.StreamReader, *, is_response: bool, method: str = ""
) -> bytes:
    """One complete HTTP/1.1 message (head + body) as raw bytes."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError) as exc:
        raise _Closed from exc
    lines = head.split(b"\r\n")
    headers: dict[bytes, bytes] = {}
    for line in lines[1:]:
        if b":" in line:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
    no_body = False
    if is_response:
        parts = lines[0].split(b" ", 2)
        status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
        no_body = method == "HEAD" or status in (204, 304) or 100 <= status < 200
    body = b""
    try:
        if no_body:
            pass
        elif b"content-length" in headers:
            body = await reader.readexactly(int(headers[b"content-length"]))
        elif headers.get(b"transfer-encoding", b"").lower() == b"chunked":
            chunks = []
            while True:
                size_line = await reader.readuntil(b"\r\n")
                chunks.append(size_line)
                size = int(size_line.split(b";")[0].strip(), 16)
                data = await reader.readexactly(size + 2)
                chunks.append(data)
                if size == 0:
                    # trailers end with an empty line; data already holds the final CRLF
                    break
            body = b"".join(chunks)
        elif is_response:
            body = await reader.read()  # until close
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError) as exc:
        raise _Closed from exc
    return head + body


def _request_line(message: bytes) -> tuple[str, str]:
    first = message.split(b"\r\n", 1)[0].decode("latin-1")
    parts = first.split(" ")
    return (parts[0], parts[1]) if len(parts) >= 2 else ("", "")


def _synthetic(
    status: int, reason: str, body: bytes, ctype: str, extra: Sequence[str] = ()
) -> bytes:
    lines = [
        f"HTTP/1.1 {status} {reason}",
        f"Content-Type: {ctype}",
        f"Content-Length: {len(body)}",
        "Connection: close",
        *extra,
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class FaultProxy:
    """Start with :meth:`start` (or as a context manager); ``url`` is the base URL to give clients."""

    def __init__(
        self,
        upstream: tuple[str, int],
        *,
        seed: int,
        weights: Mapping[Fault, float] | None = None,
        delay_range: tuple[float, float] = (0.001, 0.01),
        blackhole_s: float = 1.5,
        retry_after: int = 0,
        duplicate_copies: int = 1,
        fault_paths: Sequence[str] = ("/",),
        chooser: Callable[[str, str], Fault] | None = None,
    ) -> None:
        host, _port = upstream
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise ValueError("the fault proxy only forwards to loopback")
        self.upstream = upstream
        self.rng = random.Random(seed)
        self.delay_range = delay_range
        self.blackhole_s = blackhole_s
        self.retry_after = retry_after
        self.duplicate_copies = duplicate_copies
        self.fault_paths = tuple(fault_paths)
        self._chooser = chooser
        self._lock = threading.Lock()
        self.set_weights(weights if weights is not None else DEFAULT_WEIGHTS)
        self.enabled = True
        self.script: collections.deque[Fault] = collections.deque()
        self.counts: collections.Counter[str] = collections.Counter()
        self.log: list[Fault] = []  # every request's draw, in arrival order
        self.requests = 0
        self.upstream_5xx = 0  # real server errors seen (never injected ones)
        self.bytes_up = 0
        self.bytes_down = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.base_events.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]

    # ------------------------------------------------------------------ control

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def total_faults(self) -> int:
        with self._lock:
            return sum(n for kind, n in self.counts.items() if kind != Fault.PASS)

    def set_weights(self, weights: Mapping[Fault, float]) -> None:
        with self._lock:
            self._kinds = [Fault(k) for k, w in weights.items() if w > 0]
            self._weights = [float(weights[k]) for k in self._kinds]

    def quiet(self) -> None:
        """Stop injecting faults (the oracle runs after the network heals)."""
        self.enabled = False

    def noisy(self) -> None:
        self.enabled = True

    def _choose(self, method: str, path: str) -> Fault:
        with self._lock:
            if self.script:
                fault = self.script.popleft()
            elif not self.enabled or not path.startswith(self.fault_paths):
                fault = Fault.PASS
            elif self._chooser is not None:
                fault = self._chooser(method, path)
            else:
                fault = self.rng.choices(self._kinds, self._weights)[0]
            self.requests += 1
            self.log.append(fault)
            if fault != Fault.PASS:
                self.counts[fault] += 1
            return fault

    def _uniform(self, lo: float, hi: float) -> float:
        with self._lock:
            return self.rng.uniform(lo, hi)

    def _randint(self, lo: int, hi: int) -> int:
        with self._lock:
            return self.rng.randint(lo, hi)

    def start(self) -> FaultProxy:
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)

            async def serve() -> None:
                self._server = await asyncio.start_server(
                    self._handle, sock=self._sock, limit=_MAX_HEAD
                )
                ready.set()

            loop.run_until_complete(serve())
            loop.run_forever()
            loop.close()

        self._thread = threading.Thread(target=run, name="faultproxy", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fault proxy did not start")
        return self

    def stop(self, timeout: float = 5.0) -> None:
        loop = self._loop
        if loop is None or self._thread is None:
            return

        async def shutdown() -> None:
            if self._server is not None:
                self._server.close()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)

        with contextlib.suppress(RuntimeError):
            asyncio.run_coroutine_threadsafe(shutdown(), loop).result(timeout)
            loop.call_soon_threadsafe(loop.stop)
        self._thread.join(timeout)
        self._loop = None

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ proxying

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        try:
            while True:
                try:
                    request = await _read_message(reader, is_response=False)
                except _Closed:
                    return
                self.bytes_up += len(request)
                method, path = _request_line(request)
                fault = self._choose(method, path)
                if upstream is None or upstream[1].is_closing() or upstream[0].at_eof():
                    if upstream is not None:
                        upstream[1].close()
                    upstream = await asyncio.open_connection(*self.upstream, limit=_MAX_HEAD)
                keep = await self._apply(fault, request, method, upstream, writer)
                if not keep:
                    return
        except (ConnectionError, _Closed, OSError):
            return
        except asyncio.CancelledError:
            return
        finally:
            self._tasks.discard(task)
            for w in (writer, upstream[1] if upstream else None):
                if w is not None and not w.is_closing():
                    w.close()

    async def _exchange(
        self,
        request: bytes,
        method: str,
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter],
        *,
        sliced: bool = False,
    ) -> bytes:
        up_reader, up_writer = upstream
        if sliced:
            await self._dribble(up_writer, request)
        else:
            up_writer.write(request)
            await up_writer.drain()
        return await _read_message(up_reader, is_response=True, method=method)

    def _pieces(self, data: bytes) -> list[bytes]:
        """``data`` cut at random points into at most 40 pieces."""
        pieces, at = [], 0
        while at < len(data) and len(pieces) < 39:
            size = self._randint(1, max(1, min(len(data) - at, 1500)))
            pieces.append(data[at : at + size])
            at += size
        if at < len(data):
            pieces.append(data[at:])
        return pieces

    async def _dribble(
        self, writer: asyncio.StreamWriter, data: bytes, *, count: bool = False
    ) -> None:
        for piece in self._pieces(data):
            if count:
                self.bytes_down += len(piece)
            writer.write(piece)
            await writer.drain()
            # mostly a bare yield (a separate segment), sometimes a millisecond of latency
            await asyncio.sleep(0.001 if self._randint(0, 7) == 0 else 0)

    async def _extra_copy(self, request: bytes, method: str) -> None:
        try:
            conn = await asyncio.open_connection(*self.upstream, limit=_MAX_HEAD)
        except OSError:
            return
        try:
            await self._exchange(request, method, conn)
        except (_Closed, ConnectionError, OSError):
            pass
        finally:
            conn[1].close()

    async def _send(self, writer: asyncio.StreamWriter, data: bytes) -> None:
        self.bytes_down += len(data)
        writer.write(data)
        await writer.drain()

    async def _apply(
        self,
        fault: Fault,
        request: bytes,
        method: str,
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter],
        writer: asyncio.StreamWriter,
    ) -> bool:
        """Carry out one fault; ``True`` keeps the client connection for its next request."""
        if fault == Fault.DROP_BEFORE:
            return False
        if fault == Fault.RATE_LIMIT:
            body = b'{"type":"urn:jangkau:problem:rate-limited","title":"Too many requests","status":429}'
            await self._send(
                writer,
                _synthetic(
                    429,
                    "Too Many Requests",
                    body,
                    "application/problem+json",
                    ("Jangkau-Protocol: 1", f"Retry-After: {self.retry_after}"),
                ),
            )
            return False
        if fault == Fault.CAPTIVE_PORTAL:
            if self._randint(0, 3) == 0:
                reply = _synthetic(
                    302, "Found", b"", "text/html", ("Location: http://10.0.0.1/login",)
                )
            else:
                reply = _synthetic(200, "OK", _PORTAL_PAGE, "text/html; charset=utf-8")
            await self._send(writer, reply)
            return False
        if fault == Fault.ERROR_5XX and self._randint(0, 1) == 0:
            await self._send(writer, self._error_reply())
            return False
        if fault == Fault.DELAY:
            await asyncio.sleep(self._uniform(*self.delay_range))
        extra: list[asyncio.Task[None]] = []
        if fault == Fault.DUPLICATE:
            extra = [
                asyncio.ensure_future(self._extra_copy(request, method))
                for _ in range(self.duplicate_copies)
            ]
        response = await self._exchange(request, method, upstream, sliced=fault == Fault.SLICE)
        status = response[9:12]
        if status[:1] == b"5":
            self.upstream_5xx += 1
        if extra:
            await asyncio.gather(*extra, return_exceptions=True)
        keep = b"\r\nconnection: close" not in response.split(b"\r\n\r\n", 1)[0].lower()
        if fault == Fault.SLICE:
            await self._dribble(writer, response, count=True)
            return keep
        if fault in (Fault.PASS, Fault.DELAY, Fault.DUPLICATE, Fault.IDLE_CLOSE):
            await self._send(writer, response)
            return keep and fault != Fault.IDLE_CLOSE
        if fault == Fault.DROP_AFTER:
            return False
        if fault == Fault.ERROR_5XX:
            await self._send(writer, self._error_reply())
            return False
        if fault == Fault.BLACKHOLE:
            await asyncio.sleep(self.blackhole_s)
            return False
        cut = self._randint(1, max(1, len(response) - 1))
        writer.transport.set_write_buffer_limits(0)
        await self._send(writer, response[:cut])
        if fault == Fault.RESET:
            sock = writer.get_extra_info("socket")
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
        return False

    def _error_reply(self) -> bytes:
        if self._randint(0, 1) == 0:
            body = b'{"type":"urn:jangkau:problem:unavailable","title":"Unavailable","status":503}'
            return _synthetic(
                503,
                "Service Unavailable",
                body,
                "application/problem+json",
                ("Jangkau-Protocol: 1",),
            )
        return _synthetic(502, "Bad Gateway", b"<html>502 Bad Gateway</html>", "text/html")
