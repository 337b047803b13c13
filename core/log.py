"""Logging: a rotating file in the log folder, with NIK, KK and phone numbers masked.

Personal numbers must never reach a log file in clear (UU PDP, STYLE.md §7). The filter masks
any run of 15–16 digits (NIK, KK, possibly spaced) and anything that looks like an Indonesian
mobile number before a record is written, whichever handler writes it.
"""

from __future__ import annotations

import logging
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


def setup_logging(
    *, level: int = logging.INFO, log_file: Path | None = None, console: bool = False
) -> Path:
    """Configure the root logger once; returns the log file path."""
    # ~2 ms at import: loaded here, not with the module, since only the running app needs it.
    from logging.handlers import RotatingFileHandler

    target = log_file or paths.log_dir() / "jangkau.log"
    target.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_jangkau", False):
            root.removeHandler(handler)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    file_handler = RotatingFileHandler(target, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.addFilter(PersonalDataFilter())
        handler._jangkau = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    return target
