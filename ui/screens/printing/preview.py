"""The page preview of the print dialog: one PDF page painted on white, in a scroll area.

ARCHITECTURE.md §4: ``QPdfDocument.render`` output (transparent) is painted onto a white
``QImage`` shown by a label inside a ``QScrollArea``. ``QPdfView`` is never used: with
fit-to-width it can spin forever. Zoom is a percentage of the page's real size on this
screen (100 % = A4 at the screen's logical dpi). Until the user zooms, the page fits the width
of the view (at most 100 %), computed from the viewport once per document or resize, never in a
feedback loop: the vertical scroll bar is always on, so fitting cannot make it appear or vanish.
Pages render at the device pixel ratio so text stays sharp on high-dpi screens. The PDF arrives as bytes (it never touches the disk).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from ui.screens.printing.printers import white_page

__all__ = ["ZOOM_STEPS", "PdfPreview"]

ZOOM_STEPS = (50, 67, 75, 90, 100, 110, 125, 150, 175, 200)
_POINTS_PER_INCH = 72.0
_MARGIN = 16


class PdfPreview(QWidget):
    """Shows one page of a PDF; ``page_changed(page, pages)`` and ``zoom_changed(percent)``."""

    page_changed = Signal(int, int)
    zoom_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self._data = QByteArray()
        self._buffer: QBuffer | None = None
        self._page = 0
        self._zoom = 100
        self._fit = True  # follow the view's width until the user picks a zoom
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(60)
        self._refit.timeout.connect(self._fit_width)
        self.image = QImage()
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setObjectName("previewPage")
        self.page_label.setStyleSheet("QLabel#previewPage { background: white; }")
        self.page_holder = QWidget()
        self.page_holder.setObjectName("previewBackdrop")
        holder = QVBoxLayout(self.page_holder)
        holder.setContentsMargins(_MARGIN, _MARGIN, _MARGIN, _MARGIN)
        holder.addWidget(
            self.page_label, 0, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        )
        holder.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("previewScroll")
        self.scroll_area.setWidget(self.page_holder)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll_area.setStyleSheet(
            "QScrollArea#previewScroll, QWidget#previewBackdrop { background: #D9DCE1; }"
        )
        self.message = QLabel(self)
        self.message.setObjectName("emptyState")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.scroll_area)
        self.stack.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # -- state ----------------------------------------------------------------------------------

    @property
    def page(self) -> int:
        return self._page

    @property
    def pages(self) -> int:
        return self.document.pageCount() if self.has_document else 0

    @property
    def zoom(self) -> int:
        return self._zoom

    @property
    def has_document(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready

    def show_message(self, text: str) -> None:
        """Replace the page with a sentence (empty list, restricted record, preparing…)."""
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def set_pdf(self, pdf: bytes, *, keep_page: bool = False) -> bool:
        """Show ``pdf`` from its first page (or the same page, when it still exists)."""
        page = self._page if keep_page else 0
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
        self._data = QByteArray(pdf)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if not self.has_document or self.document.pageCount() == 0:
            self.image = QImage()
            self.page_label.clear()
            return False
        self._page = min(page, self.document.pageCount() - 1)
        self.stack.setCurrentWidget(self.scroll_area)
        if self._fit:
            self._zoom = self.fit_zoom()
            self.zoom_changed.emit(self._zoom)
        self._render()
        return True

    def clear(self) -> None:
        self.document.close()
        self.image = QImage()
        self.page_label.clear()
        self._page = 0
        self.page_changed.emit(0, 0)

    # -- navigation, zoom -----------------------------------------------------------------------

    def go_to(self, page: int) -> None:
        if not self.has_document:
            return
        page = max(0, min(page, self.pages - 1))
        if page != self._page:
            self._page = page
            self._render()
            self.scroll_area.verticalScrollBar().setValue(0)

    def next_page(self) -> None:
        self.go_to(self._page + 1)

    def previous_page(self) -> None:
        self.go_to(self._page - 1)

    def set_zoom(self, percent: int) -> None:
        """The user's zoom; from now on the page no longer follows the view's width."""
        self._fit = False
        self._apply_zoom(percent)

    def _apply_zoom(self, percent: int) -> None:
        percent = max(ZOOM_STEPS[0], min(percent, ZOOM_STEPS[-1]))
        if percent != self._zoom:
            self._zoom = percent
            self.zoom_changed.emit(percent)
            if self.has_document:
                self._render()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self._zoom), ZOOM_STEPS[0]))

    def fit_zoom(self) -> int:
        """The zoom at which the page fills the view's width (50–100 %)."""
        points = self.document.pagePointSize(self._page)
        full = points.width() * self.logicalDpiX() / _POINTS_PER_INCH
        room = self.scroll_area.viewport().width() - 2 * _MARGIN
        if full <= 0 or room <= 0:
            return 100
        return max(ZOOM_STEPS[0], min(100, int(room * 100 / full)))

    def _fit_width(self) -> None:
        if self._fit and self.has_document:
            self._apply_zoom(self.fit_zoom())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit:
            self._refit.start()

    def page_size(self) -> QSize:
        """The current page's size on screen at this zoom, in logical pixels."""
        points = self.document.pagePointSize(self._page)
        scale = self.logicalDpiX() / _POINTS_PER_INCH * self._zoom / 100
        return QSize(round(points.width() * scale), round(points.height() * scale))

    def _render(self) -> None:
        size = self.page_size()
        ratio = self.devicePixelRatioF()
        pixels = QSize(round(size.width() * ratio), round(size.height() * ratio))
        self.image = white_page(self.document, self._page, pixels)
        pixmap = QPixmap.fromImage(self.image)
        pixmap.setDevicePixelRatio(ratio)
        self.page_label.setPixmap(pixmap)
        self.page_label.setFixedSize(size)
        self.page_label.setAccessibleName(
            self.tr("Page {page} of {pages}").format(page=self._page + 1, pages=self.pages)
        )
        self.page_changed.emit(self._page, self.pages)
