"""Which printers the print dialog offers, and the raster path through ``QPrinter``.

``detect_printers`` (render lane; ``lpstat`` may take a while) lists the CUPS destinations with
the system default first. When CUPS offers none, Qt's own list (``QPrinterInfo``, the Windows
spooler for instance) is asked on the GUI thread. Each printer is a ``PrinterChoice``; CUPS ones
get the vector PDF through ``lp``. One more choice, *Printer lain…*, opens ``QPrintDialog`` and
prints through ``QPrinter``: ``paint_pdf`` renders each page at 300 dpi onto a white image and
paints it onto the printer (ARCHITECTURE.md §4), from a worker thread, as Qt allows for
``QPrinter`` paint devices.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from core.errors import Cancelled
from printing import cups
from printing.cups import PrintError

log = logging.getLogger(__name__)

__all__ = [
    "PRINT_DPI",
    "PrinterChoice",
    "cups_printers",
    "paint_pdf",
    "qt_printers",
    "raster_printer",
]

PRINT_DPI = 300


@dataclass(frozen=True, slots=True)
class PrinterChoice:
    """``lp``: a CUPS queue by name; ``dialog``: pick one in ``QPrintDialog``."""

    kind: Literal["lp", "qt", "dialog"]
    name: str | None = None
    default: bool = False


def cups_printers() -> list[PrinterChoice]:
    """Render lane: CUPS destinations, the default first; empty without CUPS or printers."""
    names = cups.list_printers(timeout=5.0)
    if not names:
        return []
    default = cups.default_printer(timeout=5.0)
    ordered = sorted(names, key=lambda name: (name != default, name.casefold()))
    return [PrinterChoice("lp", name, default=name == default) for name in ordered]


def qt_printers() -> list[PrinterChoice]:
    """GUI thread: the printers Qt's print support sees (used when CUPS lists none)."""
    default = QPrinterInfo.defaultPrinterName()
    names = QPrinterInfo.availablePrinterNames()
    ordered = sorted(names, key=lambda name: (name != default, name.casefold()))
    return [PrinterChoice("qt", name, default=name == default) for name in ordered]


def raster_printer(name: str | None = None) -> QPrinter:
    """A ``QPrinter`` at 300 dpi on A4 whose page is the whole sheet (the PDF has its margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(PRINT_DPI)
    printer.setFullPage(True)
    if name:
        printer.setPrinterName(name)
    return printer


def paint_pdf(
    pdf: bytes,
    printer: QPrinter,
    *,
    copies: int = 1,
    cancelled: object = None,
) -> int:
    """Paint every page of ``pdf`` onto ``printer`` at its resolution; returns the page count.

    Runs on a worker thread. ``cancelled`` may be a ``threading.Event``: checked between pages
    (``Cancelled`` is raised and the printer job aborted)."""
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise PrintError(params={"reason": "unreadable-pdf"})
    printer.setCopyCount(copies)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(params={"reason": "printer-refused", "printer": printer.printerName()})
    pages = document.pageCount()
    try:
        for page in range(pages):
            if cancelled is not None and cancelled.is_set():  # type: ignore[attr-defined]
                printer.abort()
                raise Cancelled()
            if page:
                printer.newPage()
            target = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
            painter.drawImage(target, white_page(document, page, target.size()))
    finally:
        painter.end()
        document.close()
        buffer.close()
    return pages


def white_page(document: QPdfDocument, page: int, size: QSize) -> QImage:
    """Page ``page`` rendered at ``size`` on white (``QPdfDocument.render`` is transparent)."""
    rendered = document.render(page, size)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(QRect(0, 0, size.width(), size.height()), rendered)
    painter.end()
    return image
