"""Logging: a rotating file in the log folder, with NIK, KK and phone numbers masked.

Personal numbers must never reach a log file in clear (UU PDP, STYLE.md §7). The filter masks
any run of 15–16 digits (NIK, KK, possibly spaced) and anything that looks like an Indonesian
mobile number before a record is written, whichever handler writes it.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from core import paths

# 16-digit NIK/KK numbers, possibly written in groups of four ("3375 0115 0590 9901").
_NIK_RE = re.compile(r"(?<!\d)(\d{4})[ -]?(\d{2})(\d{2})[ -]?(\d{4})[ -]?(\d{4})(?!\d)")
# Indonesian mobiles: +62 8…, 62 8…, 08…, with optional separators.
_PHONE_RE = re.compile(r"(?<![\w+])(\+?62|0)[ .\-]?8[\d .\-]{7,14}\d(?!\d)")


def mask_personal_numbers(text: str) -> str:
    """Replace NIK/KK and mobile numbers with a masked form that keeps the area prefix only."""
    text = _NIK_RE.sub(lambda m: m.group(1) + m.group(2) + "**********", text)
    return _PHONE_RE.sub("+628*******", text)


class PersonalDataFilter(logging.Filter):
    """Masks personal numbers in the rendered message of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_personal_numbers(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal_numbers(record.exc_text)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        return True


MAX_BYTES = 2_000_000
BACKUPS = 5


class RotatingFile(logging.FileHandler):
    """A log file that rolls over to ``.1`` … ``.{backups}`` before it would pass ``max_bytes``.

    What ``logging.handlers.RotatingFileHandler`` does, without importing ``logging.handlers``
    (with ``socket``, ``pickle`` and ``queue``: ~9 ms of every app start)."""

    def __init__(self, path: Path, *, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes, self.backups = max_bytes, backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() > 0:
                size = len(self.format(record).encode("utf-8")) + 1
                if self.stream.tell() + size > self.max_bytes:
                    self._roll_over()
        except Exception:  # noqa: BLE001 - logging must never raise into the app
            self.handleError(record)
            return
        super().emit(record)

    def _roll_over(self) -> None:
        self.close()
        base = self.baseFilename
        for n in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{base}.{n}"):
                os.replace(f"{base}.{n}", f"{base}.{n + 1}")
        if self.backups > 0:
            os.replace(base, f"{base}.1")
        else:
            os.remove(base)
        self.stream = self._open()


def setup_logging(
    *, level: int = logging.INFO, log_file: Path | None = None, console: bool = False
) -> Path:
    """Configure the root logger once; returns the log file path."""
    target = log_file or paths.log_dir() / "jangkau.log"
    target.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_jangkau", False):
            root.removeHandler(handler)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    file_handler = RotatingFile(target, max_bytes=MAX_BYTES, backups=BACKUPS)
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.addFilter(PersonalDataFilter())
        handler._jangkau = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    return target
