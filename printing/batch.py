"""Many pre-filled forms in one PDF (e.g. every prospect of today's market session).

``render_batch`` draws the forms one after another onto a single canvas (fonts are embedded
once), reports ``progress(done, total)`` after each form and checks ``cancel`` before each one.

Cancelling is not an error: the result says ``cancelled=True`` and nothing is left behind.
The PDF is written only when every form is drawn — to a temporary file beside a path target
that replaces it atomically, or to a stream target in one write at the end — so a cancelled or
failed batch never leaves a partial file (an existing file at ``out`` stays as it was).
Each item's own ``printed_count`` gives its reprint mark, so a batch can mix first prints and
reprints.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from printing.enrollment_form import draw_enrollment_form
from printing.form_data import FormData
from printing.layout import new_canvas, pdf_target

TITLE = "Formulir F1 BPU – {count} peserta"


@dataclass(frozen=True, slots=True)
class BatchResult:
    """``count`` forms drawn; ``pages`` in the PDF; ``cancelled`` when stopped (no file then)."""

    count: int
    cancelled: bool
    pages: int = 0


class _Stopped(Exception):
    """Unwinds ``pdf_target`` so the temporary file is removed."""


def render_batch(
    items: Sequence[FormData],
    out: Path | BinaryIO,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> BatchResult:
    """Draw ``items`` into one PDF at ``out``; an empty list is a caller error (``ValueError``:
    the print dialog asks for at least one prospect first)."""
    if not items:
        raise ValueError("render_batch needs at least one form")
    total = len(items)
    done = 0
    pages = 0
    try:
        with pdf_target(out) as target:
            canvas = new_canvas(target, title=TITLE.format(count=total))
            for data in items:
                if cancel is not None and cancel.is_set():
                    raise _Stopped
                pages += draw_enrollment_form(canvas, data).pages
                done += 1
                if progress is not None:
                    progress(done, total)
            if cancel is not None and cancel.is_set():
                raise _Stopped
            canvas.save()
    except _Stopped:
        return BatchResult(count=done, cancelled=True, pages=0)
    return BatchResult(count=done, cancelled=False, pages=pages)
