"""Read text back out of a generated PDF with its position, using pypdf only.

pypdf's own ``extract_text`` merges strings that share a baseline, which hides where each one
was drawn; this walks the page content stream instead: text matrices, fonts (``/Widths`` and
``/ToUnicode`` of the embedded subsets), character spacing and the current transformation, and
yields every shown string with its baseline start, advance width and size in page coordinates.
Independent of the renderer: it reads only what is in the file.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream

from printing.layout import Rect


@dataclass(frozen=True, slots=True)
class Chunk:
    page: int
    text: str
    x: float
    y: float
    width: float
    size: float
    font: str
    upright: bool

    @property
    def right(self) -> float:
        return self.x + self.width

    def inside(self, rect: Rect, *, tolerance: float = 0.6) -> bool:
        """Baseline start and end inside the rectangle (descenders may touch the border)."""
        return (
            rect.x - tolerance <= self.x
            and self.right <= rect.right + tolerance
            and rect.y - tolerance <= self.y <= rect.top + tolerance
        )


_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_BFRANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


class _Font:
    def __init__(self, font: Any) -> None:
        self.name = str(font.get("/BaseFont", "?")).split("+")[-1].lstrip("/")
        self.first = int(font.get("/FirstChar", 0))
        self.widths = [float(w) for w in font.get("/Widths", [])]
        self.unicode: dict[int, str] = {}
        if "/ToUnicode" in font:
            self._read_cmap(font["/ToUnicode"].get_object().get_data())

    def _read_cmap(self, data: bytes) -> None:
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
            for lo, hi, dst in _BFRANGE.findall(block):
                start = int(dst, 16)
                for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                    self.unicode[code] = chr(start + offset)
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
            for src, dst in _BFCHAR.findall(block):
                self.unicode[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")

    def decode(self, raw: bytes) -> str:
        if not self.unicode:
            return raw.decode("latin-1")
        return "".join(self.unicode.get(b, chr(b)) for b in raw)

    def advance(self, raw: bytes) -> float:
        total = 0.0
        for b in raw:
            index = b - self.first
            total += self.widths[index] if 0 <= index < len(self.widths) else 500.0
        return total / 1000.0


def _raw(operand: Any) -> bytes:
    original = getattr(operand, "original_bytes", None)
    if original is not None:
        return bytes(original)
    if isinstance(operand, bytes):
        return operand
    return str(operand).encode("latin-1")


def _mul(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _page_chunks(reader: PdfReader, index: int) -> list[Chunk]:
    page = reader.pages[index]
    resources: Any = page["/Resources"]
    fonts_dict = resources.get("/Font", {})
    fonts = {name: _Font(ref.get_object()) for name, ref in fonts_dict.items()}
    out: list[Chunk] = []
    ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    stack: list[list[float]] = []
    tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    tlm = list(tm)
    font: _Font | None = None
    size = 0.0
    char_space = 0.0
    leading = 0.0

    def show(raw: bytes) -> None:
        nonlocal tm
        assert font is not None
        advance = font.advance(raw) * size + char_space * len(raw)
        inked = advance - char_space if raw else 0.0  # spacing after the last glyph is blank
        m = _mul(tm, ctm)
        scale = (m[0] ** 2 + m[1] ** 2) ** 0.5
        out.append(
            Chunk(
                page=index,
                text=font.decode(raw),
                x=m[4],
                y=m[5],
                width=inked * scale,
                size=size * scale,
                font=font.name,
                upright=abs(m[1]) < 1e-6 and abs(m[2]) < 1e-6,
            )
        )
        tm = _mul([1, 0, 0, 1, advance, 0], tm)

    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"q":
            stack.append(list(ctm))
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            ctm = _mul([float(v) for v in operands], ctm)
        elif op == b"BT":
            tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
            tlm = list(tm)
        elif op == b"Tf":
            font, size = fonts[operands[0]], float(operands[1])
        elif op == b"Tc":
            char_space = float(operands[0])
        elif op == b"TL":
            leading = float(operands[0])
        elif op == b"Tm":
            tm = [float(v) for v in operands]
            tlm = list(tm)
        elif op in (b"Td", b"TD"):
            tlm = _mul([1, 0, 0, 1, float(operands[0]), float(operands[1])], tlm)
            tm = list(tlm)
        elif op == b"T*":
            tlm = _mul([1, 0, 0, 1, 0, -leading], tlm)
            tm = list(tlm)
        elif op == b"Tj":
            show(_raw(operands[0]))
        elif op == b"TJ":
            for item in operands[0]:
                if isinstance(item, int | float) or hasattr(item, "as_numeric"):
                    tm = _mul([1, 0, 0, 1, -float(item) / 1000 * size, 0], tm)
                else:
                    show(_raw(item))
    return out


def read_chunks(pdf: Path | bytes) -> list[Chunk]:
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    reader = PdfReader(io.BytesIO(data))
    chunks: list[Chunk] = []
    for index in range(len(reader.pages)):
        chunks.extend(_page_chunks(reader, index))
    return chunks


def text_in(chunks: list[Chunk], rect: Rect, *, page: int) -> str:
    """The text drawn inside ``rect`` on ``page``, top to bottom, left to right."""
    found = [c for c in chunks if c.page == page and c.upright and c.inside(rect)]
    found.sort(key=lambda c: (-round(c.y, 1), c.x))
    return " ".join(c.text.strip() for c in found if c.text.strip())


def normalise(text: str) -> str:
    return " ".join(text.split())
