"""Printing through a real CUPS queue: the cups-pdf virtual printer writes what it receives to
a file, which is read back (text, page size, QR).

As root the fixture installs ``cups`` and ``cups-pdf`` if missing (apt-get), starts ``cupsd``
if it is not running (and stops it again afterwards) and creates the ``JangkauPDF`` queue.
Without root the queue tests are skipped with a loud reason; the "no CUPS at all" test runs
everywhere.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from printing import cups
from printing.enrollment_form import render_enrollment_form
from tests.printing.conftest import rasterise_pdf, read_qr_codes
from tests.printing.samples import form_data

QUEUE = "JangkauPDF"
PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CONF = Path("/etc/cups/cups-pdf.conf")
PID_FILE = Path("/run/cups/cupsd.pid")
ENV = {**os.environ, "LC_ALL": "C", "DEBIAN_FRONTEND": "noninteractive"}


def _sh(*args: str, timeout: float = 60, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), capture_output=True, text=True, timeout=timeout, env=ENV, check=check
    )


def _install_cups() -> None:
    if shutil.which("lpadmin") and shutil.which("cupsd") and BACKEND.exists():
        return
    packages = ("cups", "cups-pdf")
    if _sh("apt-get", "install", "-y", "-q", *packages, timeout=600, check=False).returncode:
        _sh("apt-get", "update", "-q", timeout=600)
        _sh("apt-get", "install", "-y", "-q", *packages, timeout=600)


def _scheduler_running() -> bool:
    if shutil.which("lpstat") is None:
        return False
    return "scheduler is running" in _sh("lpstat", "-r", check=False).stdout


def _start_cupsd() -> int | None:
    """Start cupsd unless it runs; returns the pid of the one started here."""
    if _scheduler_running():
        return None
    _sh("cupsd")  # forks into the background and writes its pid file
    deadline = time.monotonic() + 20
    while not _scheduler_running():
        if time.monotonic() > deadline:
            pytest.fail("cupsd did not start within 20 s")
        time.sleep(0.2)
    return int(PID_FILE.read_text().strip()) if PID_FILE.exists() else None


def _output_dir() -> Path:
    """Where cups-pdf writes the job of the current user (``Out`` in cups-pdf.conf)."""
    pattern = "${HOME}/PDF"
    if CONF.exists():
        for line in CONF.read_text().splitlines():
            if line.startswith("Out "):
                pattern = line.split(None, 1)[1].strip()
    user = pwd.getpwuid(os.geteuid())
    return Path(pattern.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name))


@pytest.fixture(scope="module")
def cups_queue() -> Iterator[str]:
    if os.geteuid() != 0:
        pytest.skip(
            "!! CUPS print test SKIPPED: not root, so cups/cups-pdf cannot be installed and "
            "cupsd cannot be started here (run the suite as root, as CI does)"
        )
    _install_cups()
    started = _start_cupsd()
    try:
        _sh("lpadmin", "-p", QUEUE, "-v", "cups-pdf:/", "-E", "-m", PPD)
        _sh("cupsenable", QUEUE)
        _sh("cupsaccept", QUEUE)
        yield QUEUE
    finally:
        if started is not None:
            os.kill(started, signal.SIGTERM)


def _wait_for_output(title: str, *, timeout: float = 60) -> Path:
    folder = _output_dir()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if folder.is_dir():
            found = [p for p in folder.glob("*.pdf") if p.name.startswith(title)]
            if found and found[0].stat().st_size > 0:
                time.sleep(0.3)  # cups-pdf writes then chmods; let it finish
                return found[0]
        time.sleep(0.25)
    pytest.fail(f"cups-pdf wrote nothing named {title}* in {folder} within {timeout} s")


@pytest.mark.slow
@pytest.mark.timeout(900)  # the first run may apt-get install cups and cups-pdf
def test_form_goes_through_a_real_queue_and_comes_out_intact(
    cups_queue: str, tmp_path: Path
) -> None:
    assert cups_queue in cups.list_printers()
    data = form_data(record_id=uuid.uuid4())
    pdf = tmp_path / "form.pdf"
    render_enrollment_form(data, pdf)
    title = f"jangkau-{uuid.uuid4().hex[:12]}"
    job = cups.print_pdf(pdf, printer=cups_queue, title=title)
    assert re.fullmatch(rf"{cups_queue}-\d+", job)
    assert cups.wait_for_job(job, timeout=60) == "done"
    printed = _wait_for_output(title)
    try:
        reader = PdfReader(printed)
        assert len(reader.pages) == 2
        width, height = (float(v) for v in reader.pages[0].mediabox[2:])
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4
        text = reader.pages[0].extract_text()
        assert "SITI NURHALIZA RAHMAWATI" in text and "3375011505909901" in text.replace(" ", "")
        assert read_qr_codes(rasterise_pdf(printed, page=1)) == [data.qr_text]
    finally:
        printed.unlink()
    assert pdf.exists()  # the PDF is kept


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_missing_refusing_and_stopped_printers_are_coded_errors(
    cups_queue: str, tmp_path: Path
) -> None:
    pdf = tmp_path / "form.pdf"
    render_enrollment_form(form_data(), pdf)

    with pytest.raises(cups.PrintError) as caught:
        cups.print_pdf(pdf, printer="NoSuchPrinter")
    assert (caught.value.code, caught.value.params["reason"]) == ("printer-missing", "unknown")

    _sh("cupsreject", cups_queue)
    try:
        with pytest.raises(cups.PrintError) as caught:
            cups.print_pdf(pdf, printer=cups_queue)
        assert (caught.value.code, caught.value.params["reason"]) == ("print-failed", "refused")
        assert "not accepting" in (caught.value.detail or "")
    finally:
        _sh("cupsaccept", cups_queue)

    _sh("cupsdisable", cups_queue)  # what CUPS does when a printer's backend fails
    title = f"jangkau-{uuid.uuid4().hex[:12]}"
    try:
        job = cups.print_pdf(pdf, printer=cups_queue, title=title)
        with pytest.raises(cups.PrintError) as caught:
            cups.wait_for_job(job, timeout=10)
        assert (caught.value.code, caught.value.params["reason"]) == (
            "print-failed",
            "printer-stopped",
        )
    finally:
        _sh("cupsenable", cups_queue)
    assert cups.wait_for_job(job, timeout=60) == "done"  # it prints once the printer is back
    _wait_for_output(title).unlink()
    assert pdf.exists()


def test_without_cups_printing_says_printer_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = tmp_path / "form.pdf"
    render_enrollment_form(form_data(), pdf)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # no lp, no lpstat
    assert cups.list_printers() == [] and cups.default_printer() is None
    with pytest.raises(cups.PrintError) as caught:
        cups.print_pdf(pdf, printer=None)
    assert (caught.value.code, caught.value.params["reason"]) == ("printer-missing", "no-cups")
    assert caught.value.params["path"] == str(pdf) and pdf.exists()
