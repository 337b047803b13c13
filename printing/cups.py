"""Send a PDF straight to the system print queue with CUPS' ``lp`` (Linux; macOS has it too).

The PDF goes to the queue as it is, so the printer gets vector text and a crisp QR. Every call
runs the CUPS command-line tools with ``LC_ALL=C`` (their output is parsed) and a timeout. A
missing printer, a queue that refuses the job or a printer that stops gives a coded
:class:`PrintError`; the PDF is never touched, so the UI can offer *Simpan PDF* with it.

Codes (``ui/errors.py`` words them):

- ``printer-missing``: CUPS is not installed or not running (``params["reason"]`` ``no-cups``),
  no printer was chosen and there is no default (``no-default``), or the named printer does
  not exist (``unknown``).
- ``print-failed``: ``lp`` refused the job (``refused``, with CUPS' own message in ``detail``),
  did not answer in time (``timeout``), or the printer stopped with the job queued
  (``printer-stopped``, from :func:`wait_for_job`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from core.errors import JangkauError

TIMEOUT_S = 15.0
POLL_S = 0.25

JobState = Literal["queued", "done", "stopped"]

_REQUEST_ID = re.compile(r"request id is (\S+)")
_DEFAULT = re.compile(r"system default destination:\s*(\S+)")


class PrintError(JangkauError):
    default_code = "print-failed"


def _run(args: Sequence[str], *, timeout: float) -> subprocess.CompletedProcess[str]:
    """Run a CUPS tool; a missing tool is ``printer-missing``/``no-cups``."""
    if shutil.which(args[0]) is None:
        raise PrintError("printer-missing", params={"reason": "no-cups", "tool": args[0]})
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    try:
        return subprocess.run(
            list(args), capture_output=True, text=True, timeout=timeout, env=env, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise PrintError(params={"reason": "timeout", "tool": args[0]}) from exc


def list_printers(*, timeout: float = TIMEOUT_S) -> list[str]:
    """Names of the CUPS destinations; empty when CUPS is missing or not running."""
    try:
        result = _run(["lpstat", "-e"], timeout=timeout)
    except PrintError:
        return []
    if result.returncode != 0:
        return []
    return [line.strip() for line in result.stdout.splitlines() if line.strip()]


def default_printer(*, timeout: float = TIMEOUT_S) -> str | None:
    """The system (or user ``lpoptions``) default destination, if any."""
    try:
        result = _run(["lpstat", "-d"], timeout=timeout)
    except PrintError:
        return None
    match = _DEFAULT.search(result.stdout)
    return match.group(1) if match else None


def print_pdf(
    path: Path,
    *,
    printer: str | None,
    copies: int = 1,
    title: str | None = None,
    timeout: float = TIMEOUT_S,
) -> str:
    """Queue ``path`` on ``printer`` (``None``: the default) and return the CUPS job id
    (``"JangkauPDF-12"``). Raises :class:`PrintError`; ``path`` is kept whatever happens."""
    if not 1 <= copies <= 99:
        raise ValueError("copies must be 1–99")
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(path)
    if printer is None:
        printer = default_printer(timeout=timeout)
        if printer is None:
            missing_cups = shutil.which("lp") is None
            reason = "no-cups" if missing_cups else "no-default"
            raise PrintError("printer-missing", params={"reason": reason, "path": str(path)})
    elif printer not in list_printers(timeout=timeout):
        raise PrintError(
            "printer-missing", params={"reason": "unknown", "printer": printer, "path": str(path)}
        )
    args = ["lp", "-d", printer, "-n", str(copies), "-o", "media=A4"]
    args += ["-t", title or path.stem, "--", str(path)]
    try:
        result = _run(args, timeout=timeout)
    except PrintError as exc:
        exc.params.update({"printer": printer, "path": str(path)})
        raise
    match = _REQUEST_ID.search(result.stdout)
    if result.returncode != 0 or match is None:
        message = (result.stderr or result.stdout).strip()
        raise PrintError(
            params={"reason": "refused", "printer": printer, "path": str(path)}, detail=message
        )
    return match.group(1)


def _printer_of(job_id: str) -> str:
    return job_id.rsplit("-", 1)[0]


def job_state(job_id: str, *, timeout: float = TIMEOUT_S) -> JobState:
    """``queued`` while CUPS holds the job, ``stopped`` when it is held by a stopped (disabled)
    printer, ``done`` once it left the queue (printed, or cancelled by someone)."""
    printer = _printer_of(job_id)
    queue = _run(["lpstat", "-o", printer], timeout=timeout)
    listed = {line.split()[0] for line in queue.stdout.splitlines() if line.strip()}
    if job_id not in listed:
        return "done"
    status = _run(["lpstat", "-p", printer], timeout=timeout)
    return "stopped" if " disabled" in status.stdout else "queued"


def wait_for_job(
    job_id: str,
    *,
    timeout: float = 60.0,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> JobState:
    """Wait until the job leaves the queue; returns ``done``, or ``queued`` if it is still
    waiting after ``timeout``. A stopped printer raises ``print-failed``/``printer-stopped``
    (the job stays queued and prints when someone restarts the printer)."""
    deadline = clock() + timeout
    while True:
        state = job_state(job_id)
        if state == "stopped":
            raise PrintError(params={"reason": "printer-stopped", "job": job_id})
        if state == "done" or clock() >= deadline:
            return state
        sleep(POLL_S)
