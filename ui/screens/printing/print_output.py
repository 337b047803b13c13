"""*Simpan PDF* and *Cetak* of the print dialog: one long job each, with progress and *Batal*.

A job runs on the render lane (``ui.tasks.start_job``): it draws every ticked form into one PDF
in memory (``render_forms``, progress after each form, stopping between forms once *Batal* is
pressed), then

- *Simpan PDF*: writes the vector file atomically where the agent chose;
- *Cetak* on a CUPS printer: hands the vector file to ``lp`` (``printing.cups.print_pdf``);
- *Cetak* on another printer: paints each page at 300 dpi through ``QPrinter`` (the printer is
  picked in ``QPrintDialog`` for *Printer lain…*).

Only after the file is written or the job queued does it count the print: printed_count + 1 and
an audit row, in one transaction on the DB lane (the job waits for it, so closing the dialog
never loses the count). A cancelled job writes, prints and counts nothing. Errors stay in the
dialog as a sentence from ``ui/errors.py``; a failed print offers *Simpan PDF*.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import shiboken6
from PySide6.QtCore import QDir, QObject, QStandardPaths, Slot
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from core import formatting, lanes
from core.errors import Cancelled
from printing.cups import PrintError
from ui.errors import message_for_code, user_message
from ui.screens.printing import print_jobs
from ui.screens.printing.printers import PrinterChoice, paint_pdf, raster_printer
from ui.tasks import Job, JobControl, start_job

if TYPE_CHECKING:
    from ui.screens.printing.print_dialog import PrintDialog

log = logging.getLogger(__name__)

__all__ = ["OutputResult", "PrintOutput"]

RECORD_TIMEOUT_S = 60.0


@dataclass(frozen=True, slots=True)
class OutputResult:
    kind: Literal["saved", "queued", "printed", "cancelled"]
    ids: tuple[uuid.UUID, ...] = ()
    path: Path | None = None
    printer: str | None = None
    recorded: bool = False
    job_id: str | None = None  # the CUPS job (``lp``)


class PrintOutput(QObject):
    """Runs the dialog's save and print jobs; at most one at a time."""

    def __init__(self, dialog: PrintDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.job: Job | None = None
        self.file_dialog: QFileDialog | None = None
        self.print_dialog: QPrintDialog | None = None
        self.last_result: OutputResult | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    # -- Simpan PDF -----------------------------------------------------------------------------

    def ask_save(self) -> None:
        """Ask where (a file dialog, opened window-modal), then save there."""
        folder = (
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or QDir.homePath()
        )
        dialog = QFileDialog(self.dialog, self.tr("Save PDF"), folder, self.tr("PDF (*.pdf)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(self.suggested_name())
        dialog.fileSelected.connect(lambda path: self.save_to(Path(path)))
        dialog.finished.connect(lambda _r: setattr(self, "file_dialog", None))
        self.file_dialog = dialog
        dialog.open()

    def suggested_name(self) -> str:
        today = self.dialog.ctx.today().isoformat()
        request = self.dialog.request
        if request.kind == "blank":
            return self.tr("Blank form F1 BPU.pdf")
        if request.kind == "info":
            name = self.dialog.info_name
            return (
                self.tr("Information sheet - {name}.pdf").format(name=name)
                if name
                else (self.tr("Information sheet.pdf"))
            )
        items = self.dialog.printable_items()
        if len(items) == 1:
            return self.tr("Form F1 BPU - {name} - {date}.pdf").format(
                name=items[0].name, date=today
            )
        return self.tr("Forms F1 BPU - {count} people - {date}.pdf").format(
            count=len(items), date=today
        )

    def save_to(self, path: Path) -> Job | None:
        """Draw, write ``path`` atomically, count the print."""
        render = self._renderer()
        if render is None:
            return None
        record = self._recorder()

        def job(control: JobControl) -> OutputResult:
            pdf, ids = render(control)
            if pdf is None:
                return OutputResult("cancelled", ids)
            print_jobs.write_pdf(pdf, path)
            return OutputResult("saved", ids, path=path, recorded=record(ids))

        return self._start(job)

    # -- Cetak ----------------------------------------------------------------------------------

    def print_now(self, choice: PrinterChoice | None, *, copies: int) -> Job | None:
        if choice is None:
            return None
        if choice.kind == "lp":
            return self._print_lp(choice.name, copies)
        if choice.kind == "qt":
            return self.print_to(raster_printer(choice.name), copies=copies)
        printer = raster_printer()
        printer.setCopyCount(copies)
        dialog = QPrintDialog(printer, self.dialog)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, True)
        dialog.accepted.connect(lambda: self.print_to(printer, copies=printer.copyCount()))
        dialog.finished.connect(lambda _r: setattr(self, "print_dialog", None))
        self.print_dialog = dialog
        # QPrintDialog's binding lacks C++'s ``using QDialog::open``: ``dialog.open()`` raises
        # TypeError (only open(receiver, member) is bound), so call QDialog's (window-modal).
        QDialog.open(dialog)
        return None

    def _print_lp(self, printer: str | None, copies: int) -> Job | None:
        render = self._renderer()
        if render is None:
            return None
        record = self._recorder()
        title = self._job_title()

        def job(control: JobControl) -> OutputResult:
            pdf, ids = render(control)
            if pdf is None:
                return OutputResult("cancelled", ids)
            control.check()  # last chance for Batal before the printer gets it
            job_id = print_jobs.spool_pdf(pdf, printer=printer, copies=copies, title=title)
            log.info("print job %s queued (%d copies)", job_id, copies)
            recorded = record(ids)
            return OutputResult("queued", ids, printer=printer, recorded=recorded, job_id=job_id)

        return self._start(job)

    def print_to(self, printer: QPrinter, *, copies: int = 1) -> Job | None:
        """Raster print through ``QPrinter`` at 300 dpi (a file printer works too)."""
        render = self._renderer()
        if render is None:
            return None
        record = self._recorder()
        printer.setDocName(self._job_title())

        def job(control: JobControl) -> OutputResult:
            pdf, ids = render(control)
            if pdf is None:
                return OutputResult("cancelled", ids)
            try:
                paint_pdf(pdf, printer, copies=copies, cancelled=control.cancel_event)
            except Cancelled:
                return OutputResult("cancelled", ids)
            name = printer.printerName() or printer.outputFileName() or None
            return OutputResult("printed", ids, printer=name, recorded=record(ids))

        return self._start(job)

    # -- the job --------------------------------------------------------------------------------

    def _job_title(self) -> str:
        """The queue shows this title to anyone on the print server: never a person's name."""
        kind = self.dialog.request.kind
        if kind == "forms":
            return f"Jangkau – formulir ({len(self.dialog.printable_items())})"
        return "Jangkau – formulir kosong" if kind == "blank" else "Jangkau – lembar informasi"

    def _renderer(
        self,
    ) -> Callable[[JobControl], tuple[bytes | None, tuple[uuid.UUID, ...]]] | None:
        """What the job draws, captured on the GUI thread (the job never reads widgets)."""
        if self.busy:
            return None
        if self.dialog.request.kind != "forms":
            pdf = self.dialog.document_pdf()
            if pdf is None:
                return None
            return lambda _control: (pdf, ())
        items = self.dialog.printable_items()
        if not items:
            return None

        def render(control: JobControl) -> tuple[bytes | None, tuple[uuid.UUID, ...]]:
            outcome = print_jobs.render_forms(
                items, progress=control.report, cancel=control.cancel_event
            )
            return outcome.pdf, outcome.ids

        return render

    def _recorder(self) -> Callable[[tuple[uuid.UUID, ...]], bool]:
        """Made on the GUI thread, called on the render lane: count the print on the DB lane
        and wait for its commit (like the sync engine's ``run_db``)."""
        db, agent = self.dialog.ctx.db, self.dialog.ctx.agent

        def record(ids: tuple[uuid.UUID, ...]) -> bool:
            if not ids:
                return False
            future = lanes.db().submit(lambda: print_jobs.record_prints(db, ids, agent=agent))
            future.result(timeout=RECORD_TIMEOUT_S)
            return True

        return record

    def _start(self, fn: Callable[[JobControl], OutputResult]) -> Job:
        dialog = self.dialog
        count = len(dialog.printable_items()) if dialog.request.kind == "forms" else 1
        dialog.status_label.setText("")
        dialog.show_progress((0, count))
        self.job = start_job(
            lanes.render(),
            fn,
            on_success=self._finished,
            on_error=self._failed,
            on_progress=self._progress,
        )
        dialog.refresh_state()
        return self.job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, _note: str) -> None:
        if shiboken6.isValid(self.dialog) and self.job is not None:
            self.dialog.show_progress((done, total))

    def _end(self) -> bool:
        """The job is over; False when the dialog is already gone."""
        if not shiboken6.isValid(self.dialog):
            return False
        self.job = None
        self.dialog.show_progress(None)
        self.dialog.refresh_state()
        return True

    def _finished(self, result: OutputResult) -> None:
        self.last_result = result
        if not self._end():
            return
        dialog = self.dialog
        if result.kind == "cancelled":
            dialog.status_label.setText(message_for_code("print-cancelled") or "")
        elif result.kind == "saved" and result.path is not None:
            dialog.status_label.setText(
                self.tr("Saved at {time}: {file}").format(
                    time=formatting.time_wib(_now()), file=str(result.path)
                )
            )
            dialog.set_notice("")
        else:
            printer = result.printer or self.tr("the printer")
            dialog.status_label.setText(
                self.tr("Sent to {printer} at {time}.").format(
                    printer=printer, time=formatting.time_wib(_now())
                )
            )
            dialog.set_notice("")
        dialog.finished_output.emit(result.kind)
        if result.recorded:
            dialog.after_recorded(list(result.ids))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self._finished(OutputResult("cancelled"))
            return
        log.error("print output failed", exc_info=exc)
        if not self._end():
            return
        dialog = self.dialog
        text = user_message(exc)
        if isinstance(exc, PrintError):
            dialog.save_button.setDefault(True)
        dialog.set_notice(text)
        dialog.status_label.setText(text)
        dialog.finished_output.emit("failed")


def _now() -> datetime:
    return datetime.now(UTC)
