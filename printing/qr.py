"""The QR code on every pre-filled form: what it carries, how it is drawn, how paper is verified.

The QR text is ``JKU1|<record uuid>|<revision>|<content hash>``, for example
``JKU1|0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b|3|9f86d081884c7d65``. ``content hash`` is the first 16
hex characters of the record's ``payload_hash`` (``sync.protocol.payload_hash``, without its
``sha256:`` prefix): the caller computes it, printing never imports ``sync``
(:func:`content_hash_of` strips and shortens a full hash). 64 bits are plenty to tell whether the
paper matches one record revision; it is not a signature.

A supervisor or the branch office verifies a printed form offline: paste or scan the QR text and
:func:`verify` it against the synced record (``lookup(record_id) -> (revision, payload_hash)``).

The QR symbol is built with ReportLab's encoder. Its mask choice (ISO 18004 §8.8.2 penalties) is
re-implemented here on bit strings because ReportLab's own evaluation costs ~12 ms a symbol, most
of a form's time budget; the encoding itself is ReportLab's.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.canvas import Canvas

from core.errors import JangkauError

PREFIX = "JKU1"
SEPARATOR = "|"
HASH_LEN = 16
MAX_TEXT = 200

_HASH_RE = re.compile(r"^[0-9a-f]{16}$")
_REV_RE = re.compile(r"^[1-9][0-9]{0,15}$")

Status = Literal["match", "mismatch", "unknown", "invalid"]
Reason = Literal["outdated", "ahead", "content-differs"]


class QrError(JangkauError):
    """QR text that is not a Jangkau form code; ``params["reason"]`` says which part failed."""

    default_code = "qr-invalid"


@dataclass(frozen=True, slots=True)
class QrPayload:
    record_id: uuid.UUID
    revision: int
    content_hash: str


@dataclass(frozen=True, slots=True)
class Verification:
    """Outcome of :func:`verify`.

    - ``match``: the paper shows the record's current revision and content.
    - ``mismatch``: ``reason`` is ``outdated`` (a newer revision exists: ``current_revision``),
      ``ahead`` (the paper is newer than the synced copy: sync first) or ``content-differs``
      (same revision, other content: the record or the paper was altered).
    - ``unknown``: no record with that id here.
    - ``invalid``: not a Jangkau form code (``error_code`` says why).
    """

    status: Status
    printed: QrPayload | None = None
    current_revision: int | None = None
    reason: Reason | None = None
    error_code: str | None = None


def content_hash_of(payload_hash: str) -> str:
    """``"sha256:9f86d0…"`` (or a bare hex digest) → the 16 characters the QR carries."""
    digest = payload_hash.strip().lower().removeprefix("sha256:")
    short = digest[:HASH_LEN]
    if not _HASH_RE.match(short):
        raise QrError(params={"reason": "hash"}, field="content_hash")
    return short


def encode(payload: QrPayload) -> str:
    short = payload.content_hash.lower()
    if not _HASH_RE.match(short):
        raise QrError(params={"reason": "hash"}, field="content_hash")
    if payload.revision < 1:
        raise QrError(params={"reason": "revision"}, field="revision")
    return SEPARATOR.join((PREFIX, str(payload.record_id), str(payload.revision), short))


def decode(text: str) -> QrPayload:
    """Parse QR text as scanned or pasted (surrounding blanks and case are forgiven)."""
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise QrError(params={"reason": "length"})
    parts = text.strip().split(SEPARATOR)
    if len(parts) != 4 or parts[0].strip().upper() != PREFIX:
        raise QrError(params={"reason": "format"})
    _, raw_id, raw_rev, raw_hash = (part.strip() for part in parts)
    try:
        record_id = uuid.UUID(raw_id)
    except ValueError:
        raise QrError(params={"reason": "record-id"}) from None
    if not _REV_RE.match(raw_rev):
        raise QrError(params={"reason": "revision"})
    content_hash = raw_hash.lower()
    if not _HASH_RE.match(content_hash):
        raise QrError(params={"reason": "hash"})
    return QrPayload(record_id=record_id, revision=int(raw_rev), content_hash=content_hash)


def verify(text: str, *, lookup: Callable[[uuid.UUID], tuple[int, str] | None]) -> Verification:
    """Compare printed QR text with the synced record.

    ``lookup`` returns the record's current ``(revision, payload_hash)`` or ``None``; the hash may
    be the full ``sha256:…`` form or already shortened.
    """
    try:
        printed = decode(text)
    except QrError as exc:
        return Verification(status="invalid", error_code=f"{exc.code}:{exc.params['reason']}")
    found = lookup(printed.record_id)
    if found is None:
        return Verification(status="unknown", printed=printed)
    revision, full_hash = found
    current_hash = content_hash_of(full_hash)
    if revision == printed.revision and current_hash == printed.content_hash:
        return Verification(status="match", printed=printed, current_revision=revision)
    reason: Reason
    if revision > printed.revision:
        reason = "outdated"
    elif revision < printed.revision:
        reason = "ahead"
    else:
        reason = "content-differs"
    return Verification(
        status="mismatch", printed=printed, current_revision=revision, reason=reason
    )


# ------------------------------------------------------------------------------------------------
# The symbol
# ------------------------------------------------------------------------------------------------

_FINDER_LIKE = re.compile(r"(?=10111010000|00001011101)")
_RUNS = re.compile(r"0{5,}|1{5,}")


def _penalty(rows: list[str]) -> int:
    """ISO/IEC 18004 §8.8.2 mask penalty (N1=3, N2=3, N3=40, N4=10) on '0'/'1' row strings.

    Rows and columns are joined with a separator no pattern contains, so each rule is one
    regular-expression pass in C instead of a Python loop over lines."""
    size = len(rows)
    lines = "2".join(rows + ["".join(col) for col in zip(*rows, strict=True)])
    runs = _RUNS.findall(lines)
    score = sum(map(len, runs)) - 2 * len(runs)  # 3 + (length - 5) per run of five or more
    score += 40 * len(_FINDER_LIKE.findall(lines))
    ints = [int(row, 2) for row in rows]
    full = (1 << (size - 1)) - 1
    for upper, lower in zip(ints, ints[1:], strict=False):
        vertical = ~(upper ^ lower)
        same = vertical & (vertical >> 1) & ~(upper ^ (upper >> 1)) & ~(lower ^ (lower >> 1))
        score += 3 * (same & full).bit_count()
    dark = sum(row.count("1") for row in rows)
    score += 10 * (abs(dark * 100 // (size * size) - 50) // 5)
    return score


_LEVEL = qrencoder.QRErrorCorrectLevel.M


@lru_cache(maxsize=40)
def _mask_flips(version: int) -> tuple[tuple[int, ...], ...]:
    """Per mask pattern m, per row: the data modules whose mask bit differs from pattern 0's,
    as an int with column c at bit ``size - 1 - c``. Depends on the version only."""
    probe = qrencoder.QRCode(version, _LEVEL)
    size = probe.moduleCount = version * 4 + 17
    positions = probe.dataPosIterator()
    base = qrencoder.QRUtil.getMask(0)
    flips: list[tuple[int, ...]] = []
    for pattern in range(8):
        mask = qrencoder.QRUtil.getMask(pattern)
        rows = [0] * size
        for col, row in positions:
            if mask(row, col) != base(row, col):
                rows[row] |= 1 << (size - 1 - col)
        flips.append(tuple(rows))
    return tuple(flips)


def _format_cells(size: int) -> tuple[tuple[int, int], ...]:
    """Row 8 and column 8 next to the finder patterns: format information (mask-dependent),
    timing and the dark module (constant, copied along harmlessly)."""
    edge = (*range(9), *range(size - 8, size))
    return tuple({(8, c) for c in edge} | {(r, 8) for r in edge})


def candidates(text: str) -> list[tuple[str, ...]]:
    """The symbol of ``text`` under each of the 8 mask patterns, rows of ``'0'``/``'1'``.

    ReportLab places the data once (mask 0); the other masks are XORs of precomputed bit rows
    plus their own format information, which is what ReportLab's ``makeImpl(False, m)`` draws
    (a test holds the two equal) at an eighth of the cost."""
    code = qrencoder.QRCode(None, _LEVEL)
    code.addData(text)
    code.version = code.calculate_version()
    code.makeImpl(False, 0)
    size = code.moduleCount
    base = [int("".join("1" if dark else "0" for dark in row), 2) for row in code.modules]
    cells = _format_cells(size)
    out: list[tuple[str, ...]] = []
    for pattern, flips in enumerate(_mask_flips(code.version)):
        rows = [b ^ f for b, f in zip(base, flips, strict=True)]
        code.setupTypeInfo(False, pattern)
        for r, c in cells:
            bit = 1 << (size - 1 - c)
            rows[r] = rows[r] | bit if code.modules[r][c] else rows[r] & ~bit
        out.append(tuple(format(row, f"0{size}b") for row in rows))
    return out


@lru_cache(maxsize=512)
def matrix(text: str) -> tuple[str, ...]:
    """The QR modules of ``text`` (error correction M) under the mask with the lowest penalty."""
    return min(candidates(text), key=lambda rows: _penalty(list(rows)))


def draw_qr(canvas: Canvas, text: str, *, x: float, y: float, size: float) -> None:
    """Draw the symbol with its 4-module quiet zone inside the square (x, y, size), black on
    white. The modules are one vector path of horizontal runs in module units (integers) under
    a scaling matrix: crisp on any printer, small, and cheap to write."""
    rows = matrix(text)
    count = len(rows) + 8
    module = size / count
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.translate(x, y)
    canvas.scale(module, module)
    ops: list[str] = []
    top = count - 4 - 1
    for r, row in enumerate(rows):
        for run in _DARK_RUN.finditer(row):
            ops.append(f"{run.start() + 4} {top - r} {run.end() - run.start()} 1 re")
    ops.append("f")
    canvas.addLiteral("\n".join(ops))
    canvas.restoreState()


_DARK_RUN = re.compile("1+")
