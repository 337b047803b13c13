"""Ekspor (UI.md §3.8; SYNC_PROTOCOL.md §4.10): approved enrollments for the branch office.

Format (XLSX with its summary sheet, or CSV), area (one of the supervisor's areas or a district
inside them), approval period (Dari/Sampai, both optional) and the target file. The file streams
to ``<name>.part`` on the network lane with a progress bar (rows for CSV, bytes for XLSX) and
*Batal*; it replaces the target only when complete, so a cancelled or cut export leaves nothing
half-written. The server allows 10 exports per hour and audits each.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core import formatting
from core.errors import Cancelled
from models.rules.regions import regions
from sync.errors import RateLimited
from sync.review_client import ExportProgress
from sync.review_schemas import ExportRequest, ExportResult
from ui.errors import user_message
from ui.screens.review.optional_date import optional_date, optional_date_edit
from ui.screens.review.review_session import ReviewSession
from ui.tasks import Job, JobControl

__all__ = ["ExportDialog", "area_choices"]


def area_choices(areas: list[str]) -> list[str]:
    """The supervisor's areas, each followed by the regions one level inside it (a regency's
    districts, a district's villages)."""
    index = regions()
    out: list[str] = []
    for area in areas:
        if area not in out:
            out.append(area)
        for child in index.children(area):
            if child.code not in out:
                out.append(child.code)
    return out


def area_text(code: str) -> str:
    name = regions().name(code)
    return f"{code} {name}" if name else code


class ExportDialog(QDialog):
    """Runs one export at a time; ``finished_export(ExportResult)`` when a file is complete."""

    def __init__(
        self,
        session: ReviewSession,
        *,
        today: Callable[[], date] = date.today,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.session = session
        self._today = today
        self.job: Job | None = None
        self.export_result: ExportResult | None = None
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        self._folder = folder or Path(documents or Path.home())
        self.format_combo = QComboBox(self)
        self.format_combo.addItem("XLSX (Excel)", "xlsx")
        self.format_combo.addItem("CSV", "csv")
        self.area_combo = QComboBox(self)
        self.area_combo.addItem("", None)
        for code in area_choices(list(session.user.areas)):
            self.area_combo.addItem(area_text(code), code)
        self.from_edit = optional_date_edit(self)
        self.to_edit = optional_date_edit(self)
        self.path_edit = QLineEdit(self)
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self._browse)
        self.file_dialog: QFileDialog | None = None
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.format_label = QLabel(self)
        self.format_label.setBuddy(self.format_combo)
        self.area_label = QLabel(self)
        self.area_label.setBuddy(self.area_combo)
        self.from_label = QLabel(self)
        self.from_label.setBuddy(self.from_edit)
        self.to_label = QLabel(self)
        self.to_label.setBuddy(self.to_edit)
        self.path_label = QLabel(self)
        self.path_label.setBuddy(self.path_edit)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.format_label, self.format_combo)
        form.addRow(self.area_label, self.area_combo)
        form.addRow(self.from_label, self.from_edit)
        form.addRow(self.to_label, self.to_edit)
        form.addRow(self.path_label, path_row)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("export-status")
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("primary")
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.format_combo.currentIndexChanged.connect(lambda _i: self._suggest_path())
        self.area_combo.currentIndexChanged.connect(lambda _i: self._suggest_path())
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.retranslate_ui()
        self._suggest_path()
        self._update()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Export approved enrollments"))
        self.format_label.setText(self.tr("&Format"))
        self.area_label.setText(self.tr("&Area"))
        self.from_label.setText(self.tr("Approved f&rom"))
        self.to_label.setText(self.tr("Approved un&til"))
        self.path_label.setText(self.tr("Sa&ve to"))
        self.browse_button.setText(self.tr("&Choose…"))
        self.area_combo.setItemText(0, self.tr("All my areas"))
        for edit in (self.from_edit, self.to_edit):
            edit.setSpecialValueText(self.tr("no limit"))
        self.export_button.setText(self.tr("&Export"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.close_button.setText(self.tr("Close"))

    # -- request ------------------------------------------------------------------------------

    def request(self) -> ExportRequest:
        return ExportRequest(
            fmt=self.format_combo.currentData(),
            area=self.area_combo.currentData(),
            date_from=optional_date(self.from_edit),
            date_to=optional_date(self.to_edit),
        )

    def _suggest_path(self) -> None:
        request = self.request()
        area = (request.area or "semua").replace(".", "")
        name = f"jangkau-disetujui-{area}-{self._today().isoformat()}.{request.fmt}"
        current = self.path_edit.text().strip()
        folder = Path(current).parent if current else self._folder
        self.path_edit.setText(str(folder / name))

    @Slot()
    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Save export"), self.path_edit.text())
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(self.path_edit.setText)
        self.file_dialog = dialog
        dialog.open()

    # -- the job ------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.job is not None

    def _update(self) -> None:
        running = self.running
        for widget in (
            self.format_combo,
            self.area_combo,
            self.from_edit,
            self.to_edit,
            self.path_edit,
            self.browse_button,
            self.export_button,
        ):
            widget.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.close_button.setEnabled(not running)

    @Slot()
    def start(self) -> None:
        if self.running:
            return
        request = self.request()
        if request.date_from and request.date_to and request.date_from > request.date_to:
            self.status_label.setText(self.tr("The start date is after the end date."))
            return
        target = Path(self.path_edit.text().strip()).expanduser()
        if not target.name or not target.parent.is_dir():
            self.status_label.setText(self.tr("Choose a file in an existing folder."))
            return
        self.export_result = None
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)  # busy until the first numbers come
        self.status_label.setText(self.tr("Exporting…"))

        def work(client, control: JobControl) -> ExportResult:  # noqa: ANN001 - ReviewClient
            def report(p: ExportProgress) -> None:
                if p.rows_total is not None and p.rows_done is not None:
                    control.report(min(p.rows_done, p.rows_total), p.rows_total, "rows")
                else:
                    control.report(p.bytes_written, 0, "bytes")

            return client.export(request, target, progress=report, cancel=control.cancel_event)

        self.job = self.session.start_job(
            work, on_success=self._done, on_error=self._failed, on_progress=self._progress
        )
        self._update()

    @Slot()
    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status_label.setText(self.tr("Stopping…"))

    def _progress(self, done: int, total: int, unit: str) -> None:
        if unit == "rows" and total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.status_label.setText(
                self.tr("Exporting {done} of {total} records…").format(done=done, total=total)
            )
        else:
            self.progress.setRange(0, 0)
            self.status_label.setText(
                self.tr("Exporting… {size} KB").format(size=formatting.thousands(done // 1024))
            )

    def _done(self, result: ExportResult) -> None:
        self.job = None
        self.export_result = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        rows = result.rows if result.rows is not None else 0
        self.status_label.setText(
            self.tr("Done: {n} approved records saved to {path}.").format(
                n=rows, path=str(result.path)
            )
        )
        self._update()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self.progress.setVisible(False)
        if isinstance(exc, Cancelled):
            self.status_label.setText(self.tr("Export stopped. No file was written."))
        elif isinstance(exc, RateLimited):
            minutes = max(1, round(exc.retry_after / 60)) if exc.retry_after else 60
            self.status_label.setText(
                self.tr("At most 10 exports an hour. Try again in {minutes} minutes.").format(
                    minutes=minutes
                )
            )
        else:
            self.status_label.setText(user_message(exc))
        self._update()

    def reject(self) -> None:
        if self.running:
            return  # Batal first: closing must not leave a download running unseen
        super().reject()
