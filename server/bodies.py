"""Request bodies: bounded reading, gzip decoding and strict validation (SYNC_PROTOCOL.md §4.1, §8).

FastAPI decodes no request body (``GZipMiddleware`` only compresses responses), so the route
class ``JangkauRoute`` reads the body itself before FastAPI sees it:

1. at most ``raw_limit`` bytes are read (a larger ``Content-Length`` is refused unread);
2. ``Content-Encoding: gzip`` is inflated with ``zlib.decompressobj(16 + MAX_WBITS)`` and
   ``max_length`` in a loop, aborting past ``decoded_limit``: a gzip bomb costs ≤ 4 MiB of
   work and answers 413 at once; ``gzip.decompress`` is never used;
3. the JSON is validated strictly against the route's body model (no ``"2"`` → ``2``
   coercion, unknown fields refused) before FastAPI parses it again for the endpoint.
"""

from __future__ import annotations

import email.message
import zlib
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, TypeAdapter, ValidationError

from server.problems import ProblemError
from sync import protocol

SMALL_BODY_BYTES = 64 * 1024
_CHUNK = 64 * 1024
_MAX_DEFLATE_RATIO = 1032  # deflate's best case: 258 bytes from ~2 bits


def limits_for(path: str, settings: Any) -> tuple[int, int]:
    """``(raw, decoded)`` byte limits of a route: the push caps, else 64 KiB."""
    if path.endswith("/sync/push"):
        return settings.max_body_bytes, settings.max_decompressed_bytes
    return SMALL_BODY_BYTES, SMALL_BODY_BYTES


def too_large(raw_limit: int, decoded_limit: int) -> ProblemError:
    return ProblemError(
        "payload-too-large",
        limits={
            "max_body_bytes": raw_limit,
            "max_decompressed_bytes": decoded_limit,
            "max_changes": protocol.MAX_CHANGES,
            "max_payload_bytes": protocol.MAX_PAYLOAD_BYTES,
        },
    )


async def read_raw(request: Request, *, raw_limit: int, decoded_limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ProblemError("bad-request", detail="content-length")
        if int(declared) > raw_limit:
            raise too_large(raw_limit, decoded_limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > raw_limit:
            raise too_large(raw_limit, decoded_limit)
        chunks.append(chunk)
    return b"".join(chunks)


def gunzip_bounded(data: bytes, *, limit: int, raw_limit: int) -> bytes:
    """Inflate one gzip member, never producing more than ``limit`` bytes.

    The trailer's ISIZE (size mod 2**32) lets an honest oversized body be refused without
    inflating anything; a lying trailer is still caught by the bounded loop."""
    claimed = int.from_bytes(data[-4:], "little") if len(data) >= 18 else 0
    if limit < claimed <= len(data) * _MAX_DEFLATE_RATIO:  # plausible, so honest: refuse now
        raise too_large(raw_limit, limit)
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out: list[bytes] = []
    size = 0
    pending = data
    try:
        while pending and not inflater.eof:
            piece = inflater.decompress(pending, min(limit - size + 1, _CHUNK))
            size += len(piece)
            if size > limit:
                raise too_large(raw_limit, limit)
            out.append(piece)
            pending = inflater.unconsumed_tail
        if not inflater.eof:
            raise ProblemError("bad-request", detail="truncated gzip body")
    except zlib.error as exc:
        raise ProblemError("bad-request", detail="malformed gzip body") from exc
    if inflater.unused_data.strip(b"\0"):
        raise ProblemError("bad-request", detail="data after the gzip member")
    return b"".join(out)


def decode_body(request: Request, raw: bytes, *, raw_limit: int, decoded_limit: int) -> bytes:
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity"):
        if len(raw) > decoded_limit:
            raise too_large(raw_limit, decoded_limit)
        return raw
    if encoding == "gzip":
        return gunzip_bounded(raw, limit=decoded_limit, raw_limit=raw_limit)
    raise ProblemError("unsupported-media-type", detail="content-encoding")


def check_json_content_type(request: Request) -> None:
    value = request.headers.get("content-type")
    if not value:
        raise ProblemError("unsupported-media-type", detail="content-type required")
    message = email.message.Message()
    message["content-type"] = value
    subtype = message.get_content_subtype()
    if message.get_content_maintype() != "application" or not (
        subtype == "json" or subtype.endswith("+json")
    ):
        raise ProblemError("unsupported-media-type", detail="application/json required")


def validation_problem(exc: ValidationError, *, prefix: str = "") -> ProblemError:
    """400 for JSON that does not parse, else 422 with ``errors[{field, code}]``."""
    errors = exc.errors(include_url=False, include_input=False)
    if any(err["type"] == "json_invalid" for err in errors):
        return ProblemError("bad-request", detail="malformed JSON")
    return ProblemError("validation-failed", errors=field_list(errors, prefix=prefix))


def field_list(errors: Any, *, prefix: str = "") -> list[dict[str, str]]:
    out = []
    for err in errors:
        loc = [str(part) for part in err.get("loc", ()) if part != "body"]
        name = ".".join([prefix, *loc] if prefix else loc) or "body"
        out.append({"field": name, "code": str(err.get("type", "invalid")).replace("_", "-")})
    return out


STRICT_BODY_MODELS: list[type[BaseModel]] = []
_E = TypeVar("_E", bound=Callable[..., Any])


def strict_body(model: type[BaseModel]) -> Callable[[_E], _E]:
    """For big bodies: the route class validates ``model`` (strictly) and leaves the result in
    ``request.state.body``; the endpoint declares no body parameter, so FastAPI neither parses
    nor validates the JSON a second time. ``openapi_body(model)`` documents it."""

    def mark(endpoint: _E) -> _E:
        endpoint.__jangkau_body__ = model  # type: ignore[attr-defined]
        if model not in STRICT_BODY_MODELS:
            STRICT_BODY_MODELS.append(model)
        return endpoint

    return mark


def openapi_body(model: type[BaseModel]) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": ref}}}}


def _too_many_changes(exc: ValidationError) -> bool:
    return any(
        err["type"] == "too_long" and tuple(err["loc"]) == ("changes",) for err in exc.errors()
    )


class JangkauRoute(APIRoute):
    """An ``APIRoute`` that reads, inflates and strictly validates JSON bodies itself."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        original = super().get_route_handler()
        adapter = self._body_adapter()

        async def handler(request: Request) -> Response:
            if request.method in ("POST", "PUT", "PATCH"):
                settings = request.app.state.settings
                raw_limit, decoded_limit = limits_for(self.path_format, settings)
                raw = await read_raw(request, raw_limit=raw_limit, decoded_limit=decoded_limit)
                if raw or adapter is not None:
                    check_json_content_type(request)
                body = decode_body(request, raw, raw_limit=raw_limit, decoded_limit=decoded_limit)
                if adapter is not None:
                    try:
                        request.state.body = adapter.validate_json(body or b"null", strict=True)
                    except ValidationError as exc:
                        if _too_many_changes(exc):  # a cap, like the byte caps: the client halves
                            raise too_large(raw_limit, decoded_limit) from exc
                        raise validation_problem(exc) from exc
                request._body = body  # what FastAPI's own parsing reads
            return await original(request)

        return handler

    def _body_adapter(self) -> TypeAdapter[Any] | None:
        marked = getattr(self.endpoint, "__jangkau_body__", None)
        if marked is not None:
            return TypeAdapter(marked)
        params = self.dependant.body_params
        if len(params) != 1:
            return None
        annotation = params[0].field_info.annotation
        return TypeAdapter(annotation) if annotation is not None else None
