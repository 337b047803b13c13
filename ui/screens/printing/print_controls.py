"""The column beside the preview: Printer, Salinan, Halaman 1/2 [<] [>], [-] 100% [+], a notice.

``PrintControls`` asks CUPS which printers exist (render lane; Qt's own list when CUPS has
none, e.g. on Windows), offers them with the default first — "(bawaan)" — plus *Printer lain…*
(the system print dialog), and says plainly when there is no printer at all. The page and zoom
controls drive a ``PdfPreview`` and follow its signals. ``changed`` fires when the chosen
printer or the list of printers changes.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core import lanes
from ui import theme
from ui.screens.printing.preview import PdfPreview
from ui.screens.printing.printers import PrinterChoice, cups_printers, qt_printers
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

__all__ = ["PrintControls"]


class PrintControls(QFrame):
    changed = Signal()
    printers_found = Signal()

    def __init__(
        self,
        preview: PdfPreview,
        *,
        default_printer: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.preview = preview
        self._wanted = default_printer
        self.printers: list[PrinterChoice] | None = None  # None while looking
        self._build()
        preview.page_changed.connect(self._page_changed)
        preview.zoom_changed.connect(lambda _z: self._update_zoom())
        self.retranslate()

    def _build(self) -> None:
        self.printer_combo = QComboBox(self)
        self.printer_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.printer_combo.setMinimumContentsLength(10)
        self.printer_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.printer_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.printer_label = QLabel(self)
        self.printer_label.setBuddy(self.printer_combo)
        self.copies_spin = QSpinBox(self)
        self.copies_spin.setRange(1, 99)
        self.copies_spin.setAccelerated(True)
        self.copies_label = QLabel(self)
        self.copies_label.setBuddy(self.copies_spin)

        self.page_label = QLabel(self)
        self.prev_button = self._tool_button("<", self.preview.previous_page)
        self.next_button = self._tool_button(">", self.preview.next_page)
        pages = QHBoxLayout()
        pages.setSpacing(4)
        pages.addWidget(self.page_label, 1)
        pages.addWidget(self.prev_button)
        pages.addWidget(self.next_button)

        self.zoom_out_button = self._tool_button("−", self.preview.zoom_out)
        self.zoom_in_button = self._tool_button("+", self.preview.zoom_in)
        self.zoom_label = QLabel(self)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        zoom = QHBoxLayout()
        zoom.setSpacing(4)
        zoom.addWidget(self.zoom_out_button)
        zoom.addWidget(self.zoom_label, 1)
        zoom.addWidget(self.zoom_in_button)

        self.notice_label = QLabel(self)
        self.notice_label.setObjectName("noteBox")
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label.hide()
        self._notice_is_printer = False

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.printer_label, self.printer_combo)
        form.addRow(self.copies_label, self.copies_spin)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addLayout(pages)
        layout.addLayout(zoom)
        layout.addSpacing(6)
        layout.addWidget(self.notice_label)
        layout.addStretch(1)
        chars = self.fontMetrics().averageCharWidth()
        self.setMinimumWidth(28 * chars)
        self.setMaximumWidth(36 * chars)

    def _tool_button(self, text: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.clicked.connect(slot)
        side = theme.min_control_height()
        button.setMinimumSize(side + 4, side)
        return button

    def retranslate(self) -> None:
        self.printer_label.setText(self.tr("P&rinter"))
        self.copies_label.setText(self.tr("C&opies"))
        self.prev_button.setAccessibleName(self.tr("Previous page"))
        self.prev_button.setToolTip(self.tr("Previous page (PgUp)"))
        self.next_button.setAccessibleName(self.tr("Next page"))
        self.next_button.setToolTip(self.tr("Next page (PgDn)"))
        self.zoom_out_button.setAccessibleName(self.tr("Zoom out"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out (Ctrl+−)"))
        self.zoom_in_button.setAccessibleName(self.tr("Zoom in"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in (Ctrl+=)"))
        self._fill_printers()
        self._page_changed(self.preview.page, self.preview.pages)
        self._update_zoom()

    # -- printers -------------------------------------------------------------------------------

    def detect(self) -> None:
        """Ask CUPS (render lane) which printers exist; Qt's list when CUPS has none."""
        self.printers = None
        self._fill_printers()
        run_in_background(
            lanes.render(),
            cups_printers,
            on_success=self._printers_ready,
            on_error=lambda exc: self._printers_ready([], exc),
            owner=self,
        )

    def _printers_ready(self, found: list[PrinterChoice], exc: BaseException | None = None) -> None:
        if exc is not None:
            log.warning("printer detection failed: %r", exc)
        if not found:
            found = qt_printers()
        if self._wanted:
            found = sorted(found, key=lambda p: p.name != self._wanted)
        self.printers = [*found, PrinterChoice("dialog")] if found else []
        self._fill_printers()
        self.changed.emit()
        self.printers_found.emit()

    def _fill_printers(self) -> None:
        combo = self.printer_combo
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        if self.printers is None:
            combo.addItem(self.tr("Looking for printers…"), None)
        elif not self.printers:
            combo.addItem(self.tr("No printer"), None)
        for choice in self.printers or []:
            combo.addItem(self._printer_text(choice), choice)
        index = combo.findData(keep) if keep is not None else -1
        combo.setCurrentIndex(max(index, 0))
        combo.setEnabled(bool(self.printers))
        combo.blockSignals(False)

    def _printer_text(self, choice: PrinterChoice) -> str:
        if choice.kind == "dialog":
            return self.tr("Other printer…")
        if choice.default:
            return self.tr("{name} (default)").format(name=choice.name)
        return str(choice.name)

    @property
    def printer_choice(self) -> PrinterChoice | None:
        data = self.printer_combo.currentData()
        return data if isinstance(data, PrinterChoice) else None

    @property
    def no_printer(self) -> bool:
        return self.printers is not None and not self.printers

    # -- state ----------------------------------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        self.copies_spin.setEnabled(not busy)
        self.printer_combo.setEnabled(bool(self.printers) and not busy)

    def set_notice(self, text: str, *, about_printer: bool = False) -> None:
        """The sentence under the controls (no printer, a failed print job)."""
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))
        self._notice_is_printer = bool(text) and about_printer

    @property
    def notice_is_printer(self) -> bool:
        return self._notice_is_printer

    @Slot(int, int)
    def _page_changed(self, page: int, pages: int) -> None:
        shown = page + 1 if pages else 0
        self.page_label.setText(self.tr("Page {page}/{pages}").format(page=shown, pages=pages))
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page + 1 < pages)

    def _update_zoom(self) -> None:
        self.zoom_label.setText(f"{self.preview.zoom}%")
        self.zoom_label.setAccessibleName(
            self.tr("Zoom {percent}%").format(percent=self.preview.zoom)
        )
