"""Cetak formulir (UI.md §3.5): choose prospects, look at the paper, save a PDF or print.

```
+--------------------+-------------------------------------------------+
| [x] PESERTA A      | +----------------------+ Printer [bawaan v]     |
| [x] PESERTA B      | | FORMULIR PENDAFTARAN | Salinan [1]            |
| [ ] PESERTA C (2x) | | PESERTA BPU     [QR] | Halaman 1/2 [<] [>]    |
|                    | +----------------------+ [-] 100% [+]           |
+--------------------+-------------------------------------------------+
| Menyiapkan 1/2 [===   ] [Batal]   [Simpan PDF]  [Cetak]  [Tutup]     |
+----------------------------------------------------------------------+
```

The same dialog prints the blank form and the information sheet (``PrintRequest.blank()``,
``PrintRequest.info(id)``): then the list is hidden and nothing is counted. The preview shows the
highlighted prospect's form (``ui.screens.printing.preview``); *Simpan PDF* and *Cetak* draw every
ticked form into one PDF on the render lane with progress and *Batal*
(``ui.screens.printing.print_output``). Keys (UI.md §2): Ctrl+Shift+S PDF, Ctrl+P print,
Ctrl+= / Ctrl+− zoom, PgUp / PgDn page.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core import lanes
from ui.app_context import AppContext
from ui.errors import message_for_code, user_message
from ui.screens.printing import print_jobs
from ui.screens.printing.preview import PdfPreview
from ui.screens.printing.print_controls import PrintControls
from ui.screens.printing.print_jobs import PrintItem
from ui.screens.printing.print_list import PrintList
from ui.screens.printing.print_output import PrintOutput
from ui.screens.printing.printers import PrinterChoice
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

__all__ = ["PrintDialog", "PrintRequest"]


@dataclass(frozen=True, slots=True)
class PrintRequest:
    """What to print: enrollment forms of ``prospect_ids``, the blank form, or the information
    sheet (personalised with ``prospect_ids[0]`` when given)."""

    kind: Literal["forms", "blank", "info"]
    prospect_ids: tuple[uuid.UUID, ...] = ()

    @classmethod
    def forms(cls, ids: Sequence[uuid.UUID]) -> PrintRequest:
        return cls("forms", tuple(dict.fromkeys(ids)))

    @classmethod
    def blank(cls) -> PrintRequest:
        return cls("blank")

    @classmethod
    def info(cls, prospect_id: uuid.UUID | None = None) -> PrintRequest:
        return cls("info", (prospect_id,) if prospect_id else ())


class PrintDialog(QDialog):
    """The print dialog. Signals (GUI thread): ``items_loaded``, ``preview_ready``,
    ``printers_found``; ``printed(ids)`` after a print was counted; ``finished_output(kind)``
    with ``saved``, ``queued``, ``printed``, ``cancelled`` or ``failed``."""

    items_loaded = Signal()
    preview_ready = Signal()
    printers_found = Signal()
    printed = Signal(list)
    finished_output = Signal(str)

    def __init__(
        self, ctx: AppContext, request: PrintRequest, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printDialog")
        self.ctx = ctx
        self.request = request
        self.missing: list[uuid.UUID] = []
        self.info_name: str | None = None
        self._info_quote: object = None
        self._document_pdf: bytes | None = None  # blank form / info sheet
        self._preview_for: uuid.UUID | None = None
        self._build()
        self.output = PrintOutput(self)
        output = self.output
        self.destroyed.connect(lambda *_: output.cancel())  # torn down with the main window
        self._shortcuts()
        self.retranslate_ui()
        self.resize(1180, 690)
        self.refresh_state()
        self.reload()
        self.controls.detect()

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.list_title = QLabel(self)
        self.list_title.setObjectName("sideTitle")
        self.list = PrintList(self)
        self.list_title.setBuddy(self.list)
        self.list.checked_changed.connect(self.refresh_state)
        self.list.current_changed.connect(self._current_changed)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("muted")
        self.count_label.setWordWrap(True)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 12, 8, 12)
        left_layout.addWidget(self.list_title)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.count_label)
        self.left = left

        self.preview = PdfPreview(self)
        self.controls = PrintControls(
            self.preview, default_printer=self.ctx.settings.default_printer, parent=self
        )
        self.controls.changed.connect(self.refresh_state)
        self.controls.printers_found.connect(self.printers_found)
        right = QWidget(self)
        right_layout = QHBoxLayout(right)
        right_layout.setContentsMargins(8, 12, 12, 12)
        right_layout.setSpacing(12)
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(self.controls)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([30 * self.fontMetrics().averageCharWidth(), 900])
        left.setVisible(self.request.kind == "forms")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self._build_bottom())

    def _build_bottom(self) -> QWidget:
        bar = QFrame(self)
        bar.setObjectName("filterBar")
        self.progress_label = QLabel(bar)
        self.progress_bar = QProgressBar(bar)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumWidth(220)
        self.cancel_button = QPushButton(bar)
        self.cancel_button.clicked.connect(self.cancel_output)
        self.status_label = QLabel(bar)
        self.status_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(bar)
        self.save_button = QPushButton(bar)
        self.print_button = QPushButton(bar)
        self.print_button.setObjectName("primary")  # named before the box polishes it
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.save_button.clicked.connect(self.ask_save_pdf)
        self.print_button.clicked.connect(self.start_print)
        self.close_button.clicked.connect(self.reject)
        for button in (self.save_button, self.print_button, self.close_button):
            button.setAutoDefault(False)
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(10)
        row.addWidget(self.progress_label)
        row.addWidget(self.progress_bar)
        row.addWidget(self.cancel_button)
        row.addWidget(self.status_label, 1)
        row.addWidget(self.buttons)
        self.show_progress(None)
        return bar

    def _shortcuts(self) -> None:
        keys = [
            ("Ctrl+Shift+S", self.ask_save_pdf),
            ("Ctrl+P", self.start_print),
            ("Ctrl+=", self.preview.zoom_in),
            ("Ctrl++", self.preview.zoom_in),
            ("Ctrl+-", self.preview.zoom_out),
            ("PgDown", self.preview.next_page),
            ("PgUp", self.preview.previous_page),
        ]
        self._keys = []
        for sequence, slot in keys:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.activated.connect(slot)
            self._keys.append(shortcut)

    def retranslate_ui(self) -> None:
        titles = {
            "forms": self.tr("Print forms"),
            "blank": self.tr("Blank form"),
            "info": self.tr("Information sheet"),
        }
        title = titles[self.request.kind]
        if self.request.kind == "info" and self.info_name:
            title = f"{title} – {self.info_name}"
        self.setWindowTitle(title)
        self.list_title.setText(self.tr("Prospec&ts"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.save_button.setText(self.tr("&Save PDF"))
        self.save_button.setToolTip(self.tr("Save as a PDF file (Ctrl+Shift+S)"))
        self.print_button.setText(self.tr("&Print"))
        self.print_button.setToolTip(self.tr("Print (Ctrl+P)"))
        self.close_button.setText(self.tr("Close"))
        self.list.retranslate()
        self.controls.retranslate()
        self.refresh_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "output"):
            self.retranslate_ui()
        super().changeEvent(event)

    # -- loading --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the prospects (DB lane), then draw the preview (render lane)."""
        ctx = self.ctx
        if self.request.kind == "forms":
            ids = list(self.request.prospect_ids)
            if not ids:
                QTimer.singleShot(0, self, lambda: self._items_ready(([], [])))
                return
            run_in_background(
                lanes.db(),
                lambda: print_jobs.load_items(
                    ctx.db, ids, agent=ctx.agent, settings=ctx.settings, today=ctx.today()
                ),
                on_success=self._items_ready,
                on_error=self._failed,
                owner=self,
            )
        elif self.request.kind == "info" and self.request.prospect_ids:
            prospect_id = self.request.prospect_ids[0]
            run_in_background(
                lanes.db(),
                lambda: print_jobs.load_info_subject(ctx.db, prospect_id),
                on_success=self._info_subject,
                on_error=self._failed,
                owner=self,
            )
        else:
            self._render_document()

    def _items_ready(self, loaded: tuple[list[PrintItem], list[uuid.UUID]]) -> None:
        items, self.missing = loaded
        self.list.set_items(items)
        self.refresh_state()
        if not items:
            self.preview.show_message(self.tr("Choose one or more prospects."))
        self.items_loaded.emit()

    def _info_subject(self, subject: tuple[str | None, object]) -> None:
        self.info_name, self._info_quote = subject
        self.retranslate_ui()
        self._render_document()

    def _render_document(self) -> None:
        settings, today = self.ctx.settings, self.ctx.today()
        if self.request.kind == "blank":
            job = lambda: print_jobs.render_blank(settings, today)  # noqa: E731
        else:
            name, quote = self.info_name, self._info_quote
            job = lambda: print_jobs.render_info(name=name, quote=quote, today=today)  # noqa: E731
        self.preview.show_message(self.tr("Preparing…"))
        run_in_background(
            lanes.render(),
            job,
            on_success=self._document_ready,
            on_error=self._failed,
            owner=self,
        )

    def _document_ready(self, pdf: bytes) -> None:
        self._document_pdf = pdf
        self.preview.set_pdf(pdf)
        self.refresh_state()
        self.preview_ready.emit()
        self.items_loaded.emit()

    @Slot(object)
    def _current_changed(self, item: PrintItem | None) -> None:
        if item is None:
            self._preview_for = None
            items = self.list.all_items()
            if items and not any(i.printable for i in items):
                self.preview.show_message(self.list.item(0).toolTip())  # why nothing prints
            elif items:
                self.preview.show_message(self.tr("Choose one or more prospects."))
            return
        if not item.printable or item.form is None:
            self._preview_for = None
            self.preview.show_message(self.list.currentItem().toolTip())
            return
        self._preview_for = item.id
        form = item.form
        keep = self.preview.has_document and self.preview.page > 0
        run_in_background(
            lanes.render(),
            lambda: print_jobs.render_form(form),
            on_success=lambda pdf: self._preview_drawn(item.id, pdf, keep),
            on_error=self._failed,
            owner=self,
        )

    def _preview_drawn(self, prospect_id: uuid.UUID, pdf: bytes, keep: bool) -> None:
        if prospect_id != self._preview_for:
            return  # another prospect was highlighted meanwhile
        self.preview.set_pdf(pdf, keep_page=keep)
        self.preview_ready.emit()

    def _failed(self, exc: BaseException) -> None:
        log.error("print dialog job failed", exc_info=exc)
        if shiboken6.isValid(self):
            self.set_notice(user_message(exc))

    # -- state ----------------------------------------------------------------------------------

    def printable_items(self) -> list[PrintItem]:
        return self.list.checked_items()

    def has_output(self) -> bool:
        if self.request.kind == "forms":
            return bool(self.printable_items())
        return self._document_pdf is not None

    @property
    def printer_choice(self) -> PrinterChoice | None:
        return self.controls.printer_choice

    @Slot()
    def refresh_state(self) -> None:
        if not hasattr(self, "output"):
            return  # still building
        busy = self.output.busy
        ready = self.has_output() and not busy
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready and self.printer_choice is not None)
        if self.controls.no_printer:
            self.save_button.setDefault(True)
            self.set_notice(message_for_code("printer-missing") or "", about_printer=True)
        elif self.controls.notice_is_printer:
            self.set_notice("")
        self.controls.set_busy(busy)
        self.list.setEnabled(not busy)
        if self.request.kind == "forms":
            self._update_count()

    def _update_count(self) -> None:
        items = self.list.all_items()
        chosen = len(self.printable_items())
        excluded = sum(1 for item in items if not item.printable)
        if not chosen and not self.output.busy:
            text = self.tr("Choose one or more prospects.")
        else:
            text = self.tr("%n form(s) to print", "", chosen)
        if excluded:
            text += "\n" + self.tr("%n restricted or withdrawn, not printed", "", excluded)
        if self.missing:
            text += "\n" + self.tr("%n not saved yet, not printed", "", len(self.missing))
        self.count_label.setText(text)
        if not chosen and not self.status_label.text():
            self.status_label.setText(self.tr("Choose one or more prospects."))
        elif chosen and self.status_label.text() == self.tr("Choose one or more prospects."):
            self.status_label.setText("")

    def set_notice(self, text: str, *, about_printer: bool = False) -> None:
        """The sentence beside the preview (no printer, a failed print job)."""
        self.controls.set_notice(text, about_printer=about_printer)

    def show_progress(self, progress: tuple[int, int] | None) -> None:
        """``(done, total)`` shows "Menyiapkan done/total", the bar and *Batal*; ``None`` hides them."""
        visible = progress is not None
        for widget in (self.progress_label, self.progress_bar, self.cancel_button):
            widget.setVisible(visible)
        self.status_label.setVisible(not visible)
        if progress is not None:
            done, total = progress
            self.progress_label.setText(
                self.tr("Preparing {done}/{total}").format(done=done, total=total)
            )
            self.progress_bar.setRange(0, max(total, 1))
            self.progress_bar.setValue(done)

    # -- output (delegated) ---------------------------------------------------------------------

    @Slot()
    def ask_save_pdf(self) -> None:
        if self.save_button.isEnabled():
            self.output.ask_save()

    @Slot()
    def start_print(self) -> None:
        if self.print_button.isEnabled():
            self.output.print_now(self.printer_choice, copies=self.controls.copies_spin.value())

    @Slot()
    def cancel_output(self) -> None:
        self.output.cancel()

    def document_pdf(self) -> bytes | None:
        return self._document_pdf

    def after_recorded(self, ids: list[uuid.UUID]) -> None:
        """A print was counted: reload so the list says "(2x)" and the preview CETAK ULANG."""
        self.printed.emit(ids)
        if self.request.kind == "forms":
            self.reload()

    def done(self, result: int) -> None:
        """*Tutup*, Esc or the window's close button: a running batch stops at its next form
        (a print already handed to the printer is still counted)."""
        self.output.cancel()
        super().done(result)
