"""Page geometry, fonts, colours and the drawing helpers every printed page shares.

Everything is drawn straight onto a ReportLab canvas (no Platypus): forms are grids of boxes, and
direct drawing keeps a form with its QR within ~30 ms. Text that may be long (names, addresses)
goes through :func:`fit_text`, which shrinks and then wraps it so it never leaves its box.
Fonts are the DejaVu Sans TTFs shipped in ``printing/fonts/`` (see its LICENSE), registered once
per process and embedded (subset) in every PDF, so "Rp" and Indonesian text look the same on
every laptop and printer.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from core import paths

# --- geometry (points; origin bottom left) ------------------------------------------------------
PAGE_W: float = float(A4[0])
PAGE_H: float = float(A4[1])
MARGIN_X: float = 14 * mm
MARGIN_TOP: float = 11 * mm
MARGIN_BOTTOM: float = 10 * mm
FOOTER_H: float = 5 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
CONTENT_TOP = PAGE_H - MARGIN_TOP
CONTENT_BOTTOM = MARGIN_BOTTOM + FOOTER_H

# --- fonts ----------------------------------------------------------------------------------------
FONT = "JangkauSans"
FONT_BOLD = "JangkauSans-Bold"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

VALUE_SIZE = 10.0
VALUE_MIN_SIZE = 6.0
CAPTION_SIZE = 6.3
SMALL_SIZE = 7.0
BODY_SIZE = 8.2

# --- colours (grey levels: cheap mono printers render them faithfully) --------------------------
INK = (0.05, 0.05, 0.05)
MUTED = (0.33, 0.33, 0.33)
RULE = (0.35, 0.35, 0.35)
HAIRLINE = (0.62, 0.62, 0.62)
HEADER_FILL = (0.87, 0.89, 0.92)
TINT = (0.955, 0.955, 0.955)
ACCENT = (0.12, 0.23, 0.37)

LINE_W = 0.6
CAPTION_PAD = 2.2


@cache
def register_fonts() -> None:
    """Register the shipped TTFs with ReportLab (once per process).

    Also turns off ReportLab's ASCII85 stream encoding (a process-wide setting; printing is the
    only user of ReportLab): binary Flate streams are a quarter smaller and skip a pure-Python
    encoder that costs ~5 ms a form.
    """
    rl_config.useA85 = 0
    folder = paths.fonts_dir()
    for name, filename in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)


@lru_cache(maxsize=8192)
def text_width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


@dataclass(frozen=True, slots=True)
class Rect:
    """A box in PDF points: ``(x, y)`` is its bottom-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w

    def contains(self, x: float, y: float, *, tolerance: float = 0.5) -> bool:
        return (
            self.x - tolerance <= x <= self.right + tolerance
            and self.y - tolerance <= y <= self.top + tolerance
        )


@dataclass(frozen=True, slots=True)
class Fitted:
    """Text broken into lines at one size so that it fits a box."""

    lines: tuple[str, ...]
    size: float
    leading: float
    truncated: bool = False

    @property
    def height(self) -> float:
        return self.leading * len(self.lines)


def wrap(text: str, *, width: float, font: str, size: float) -> list[str]:
    """Greedy word wrap; a word wider than the line is broken between characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, font, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            while text_width(word, font, size) > width:
                cut = _longest_prefix(word, width=width, font=font, size=size)
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines


def _longest_prefix(word: str, *, width: float, font: str, size: float) -> int:
    low, high = 1, len(word)
    while low < high:
        mid = (low + high + 1) // 2
        if text_width(word[:mid], font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return low


@lru_cache(maxsize=4096)
def fit_text(
    text: str,
    *,
    width: float,
    height: float,
    font: str = FONT,
    size: float = VALUE_SIZE,
    min_size: float = VALUE_MIN_SIZE,
    leading_ratio: float = 1.18,
) -> Fitted:
    """The largest size, from ``size`` down to ``min_size`` in half points, at which ``text``
    (word-wrapped to ``width``) fits ``height``: short text stays one line at full size, long
    text first shrinks on one line, then wraps. Only text too long for the box even at
    ``min_size`` is cut with an ellipsis (``truncated``); boxes grow before that happens
    (:func:`lines_needed`)."""
    if height < size * leading_ratio * 2:  # a one-line box: a line break would only overflow
        text = " ".join(text.split())
    current = size
    while current >= min_size - 1e-9:
        leading = current * leading_ratio
        if "\n" not in text and text_width(text, font, current) <= width:
            return Fitted((text,), current, leading)
        lines = wrap(text, width=width, font=font, size=current)
        if len(lines) * leading <= height + 0.01:
            return Fitted(tuple(lines), current, leading)
        current = round(current - 0.5, 2)
    leading = min_size * leading_ratio
    lines = wrap(text, width=width, font=font, size=min_size)
    keep = max(1, int((height + 0.01) // leading))
    kept = lines[:keep]
    last = kept[-1]
    while last and text_width(last + "…", font, min_size) > width:
        last = last[:-1]
    kept[-1] = last + "…"
    return Fitted(tuple(kept), min_size, leading, truncated=True)


@lru_cache(maxsize=1024)
def height_needed(
    text: str, *, width: float, font: str = FONT, size: float, leading_ratio: float = 1.18
) -> float:
    """Height of ``text`` wrapped to ``width`` at ``size`` (how far a box must grow)."""
    return len(wrap(text, width=width, font=font, size=size)) * size * leading_ratio


def draw_lines(
    canvas: Canvas,
    fitted: Fitted,
    *,
    x: float,
    top: float,
    font: str = FONT,
    width: float | None = None,
    align: str = "left",
) -> None:
    """Draw fitted lines; ``top`` is the top of the first line's em box."""
    canvas.setFont(font, fitted.size)
    baseline = top - fitted.size * 0.93
    for line in fitted.lines:
        if align == "right" and width is not None:
            canvas.drawRightString(x + width, baseline, line)
        elif align == "center" and width is not None:
            canvas.drawCentredString(x + width / 2, baseline, line)
        else:
            canvas.drawString(x, baseline, line)
        baseline -= fitted.leading


def set_fill(canvas: Canvas, colour: tuple[float, float, float]) -> None:
    canvas.setFillColorRGB(*colour)


def set_stroke(canvas: Canvas, colour: tuple[float, float, float]) -> None:
    canvas.setStrokeColorRGB(*colour)


def checkbox(canvas: Canvas, *, x: float, y: float, size: float, checked: bool) -> Rect:
    """A square box (bottom-left at x, y) with a tick glyph when ``checked``."""
    set_stroke(canvas, RULE)
    canvas.setLineWidth(LINE_W)
    canvas.rect(x, y, size, size, stroke=1, fill=0)
    if checked:
        set_fill(canvas, INK)
        canvas.setFont(FONT_BOLD, size * 1.05)
        canvas.drawCentredString(x + size / 2, y + size * 0.14, "✓")
    return Rect(x, y, size, size)


def dotted_line(canvas: Canvas, *, x1: float, x2: float, y: float) -> None:
    canvas.saveState()
    set_stroke(canvas, HAIRLINE)
    canvas.setLineWidth(0.5)
    canvas.setDash(0.8, 1.6)
    canvas.line(x1, y, x2, y)
    canvas.restoreState()


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class FormCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no type hints
    """A canvas that writes a page's plain strings as one PDF text object when the page ends.

    ``drawString`` normally opens a text object per string; a form has ~150 of them and that
    overhead was a third of its drawing time. Strings drawn under the page's own coordinates,
    in the font and fill colour current at the call, are queued and written at ``showPage``,
    above the page's graphics (form text never sits under a fill). Anything unusual (a rotated
    or scaled context, character spacing, render modes) is drawn at once as usual.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._queued: list[tuple[str, float, object, float, float, str]] = []

    def _queue(self, x: float, y: float, text: str) -> None:
        self._queued.append((self._fontname, self._fontsize, self._fillColorObj, x, y, text))

    def _plain(self, kwargs: dict[str, object]) -> bool:
        return self._currentMatrix == _IDENTITY and not any(kwargs.values())

    def drawString(self, x: float, y: float, text: str, **kwargs: object) -> None:  # noqa: N802
        if not self._plain(kwargs):
            super().drawString(x, y, text, **kwargs)
            return
        self._queue(x, y, text)

    def drawRightString(self, x: float, y: float, text: str, **kwargs: object) -> None:  # noqa: N802
        if not self._plain(kwargs):
            super().drawRightString(x, y, text, **kwargs)
            return
        self._queue(x - text_width(text, self._fontname, self._fontsize), y, text)

    def drawCentredString(self, x: float, y: float, text: str, **kwargs: object) -> None:  # noqa: N802
        if not self._plain(kwargs):
            super().drawCentredString(x, y, text, **kwargs)
            return
        self._queue(x - text_width(text, self._fontname, self._fontsize) / 2, y, text)

    def _flush_text(self) -> None:
        if not self._queued:
            return
        text = self.beginText()
        font: tuple[str, float] | None = None
        colour: object = None
        for name, size, fill, x, y, string in self._queued:
            if font != (name, size):
                text.setFont(name, size)
                font = (name, size)
            if colour != fill:  # setFillColorRGB keeps a tuple: equal values, no new operator
                text.setFillColor(fill)
                colour = fill
            text.setTextOrigin(x, y)
            text.textOut(string)
        self._queued.clear()
        self.drawText(text)

    def showPage(self) -> None:  # noqa: N802
        self._flush_text()
        super().showPage()

    def save(self) -> None:
        self._flush_text()
        super().save()


def new_canvas(target: str | BinaryIO, *, title: str) -> FormCanvas:
    register_fonts()
    canvas = FormCanvas(target, pagesize=A4, invariant=True, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("Jangkau")
    canvas.setCreator("Jangkau (ReportLab)")
    canvas.setLineJoin(0)
    return canvas


@contextlib.contextmanager
def pdf_target(out: Path | str | BinaryIO) -> Iterator[str | BinaryIO]:
    """Where a canvas should write ``out``.

    A path is written atomically: the canvas writes a temporary file beside it, which replaces
    the path only when the block finishes without error (no half-written PDF ever exists under
    the real name). A binary stream is handed through; on error nothing more is written to it.
    """
    if not isinstance(out, str | os.PathLike):
        yield out
        return
    final = Path(out)
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent)
    os.close(fd)
    try:
        yield tmp_name
        os.replace(tmp_name, final)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def columns(total: float, weights: Sequence[float]) -> list[float]:
    """Split ``total`` width in proportion to ``weights``."""
    scale = total / sum(weights)
    return [w * scale for w in weights]
