"""Inline problem marks of the prospect editor (UI.md §3.4 "Validation").

An ERROR shows ✕, a dark-red 2 px frame round the field and a sentence below it; a WARNING shows
!, an amber frame, the sentence and a *Sudah saya periksa* (I have checked) tick with an optional
reason. Colour never carries the meaning alone: the icon and the words differ too (UI.md §4).

``mark_field`` sets the frame through a dynamic ``problem`` property that the editor's style
sheet matches; ``FieldMarker`` is the line (or lines) under the field. The marker only shows what
it is given: which issues a field has and which warnings are acknowledged are the editor's state,
and a tick travels back as ``acknowledged(code, checked, reason)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core.errors import Issue

__all__ = ["FieldMarker", "mark_field", "problem_style_sheet", "ERROR_ICON", "WARNING_ICON"]

ERROR_ICON = "\u2715"  # ✕
WARNING_ICON = "!"

# Colours: frames need ≥ 3:1 against white (WCAG 1.4.11), text ≥ 4.5:1 on its tint.
ERROR_FRAME = "#A4161A"
ERROR_TEXT = "#7A0C0F"
ERROR_TINT = "#FDECEC"
WARNING_FRAME = "#A15C00"
WARNING_TEXT = "#5C3700"
WARNING_TINT = "#FFF3DC"
INFO_TEXT = "#0B3D63"
INFO_TINT = "#E6F1FA"


def problem_style_sheet() -> str:
    """Style sheet rules for fields and marker lines; applied once on the editor."""
    fields = ("QLineEdit", "QComboBox", "QDateEdit", "QPlainTextEdit", "QSpinBox", "SignaturePad")
    error = ", ".join(f'{name}[problem="error"]' for name in fields)
    warning = ", ".join(f'{name}[problem="warning"]' for name in fields)
    return (
        f"{error} {{ border: 2px solid {ERROR_FRAME}; border-radius: 3px; padding: 2px; }}\n"
        f"{warning} {{ border: 2px solid {WARNING_FRAME}; border-radius: 3px; padding: 2px; }}\n"
        f'QWidget[markerline="error"] {{ background: {ERROR_TINT}; border-radius: 3px; }}\n'
        f'QWidget[markerline="warning"] {{ background: {WARNING_TINT}; border-radius: 3px; }}\n'
        f'QLabel[marker="error"] {{ color: {ERROR_TEXT}; }}\n'
        f'QLabel[marker="warning"] {{ color: {WARNING_TEXT}; }}\n'
        f'QLabel[marker="icon-error"] {{ color: {ERROR_FRAME}; font-weight: bold; }}\n'
        f'QLabel[marker="icon-warning"] {{ color: {WARNING_FRAME}; font-weight: bold; }}\n'
    )


def mark_field(widget: QWidget, state: str) -> None:
    """Frame a field: ``"error"``, ``"warning"`` or ``""`` (no problem)."""
    if widget.property("problem") == state:
        return
    widget.setProperty("problem", state)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class _ProblemLine(QWidget):
    """One issue: icon + sentence, and for a warning the tick and the reason."""

    def __init__(
        self, issue: Issue, sentence: str, checked: bool, reason: str, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.issue = issue
        kind = "error" if issue.is_error else "warning"
        self.setProperty("markerline", kind)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 2, 4, 2)
        outer.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(6)
        icon = QLabel(ERROR_ICON if issue.is_error else WARNING_ICON, self)
        icon.setProperty("marker", f"icon-{kind}")
        icon.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        icon.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        icon.setAccessibleName(self.tr("Error") if issue.is_error else self.tr("Warning"))
        self.text_label = QLabel(sentence, self)
        self.text_label.setProperty("marker", kind)
        self.text_label.setWordWrap(True)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text_label, 1, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(top)
        self.check: QCheckBox | None = None
        self.reason: QLineEdit | None = None
        if issue.is_warning:
            row = QHBoxLayout()
            row.setContentsMargins(icon.sizeHint().width() + 6, 0, 0, 0)
            self.check = QCheckBox(self.tr("I have checked"), self)
            self.check.setChecked(checked)
            self.reason = QLineEdit(reason, self)
            self.reason.setPlaceholderText(self.tr("Reason (optional)"))
            self.reason.setAccessibleName(self.tr("Reason for the warning"))
            self.reason.setMaxLength(500)
            row.addWidget(self.check, 0)
            row.addWidget(self.reason, 1)
            outer.addLayout(row)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._layout().heightForWidth(width)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        width = self.width() if self.width() > 50 else hint.width()
        return QSize(hint.width(), self._layout().heightForWidth(width))

    def _layout(self) -> QLayout:
        layout = self.layout()
        assert layout is not None  # set in __init__
        return layout


class FieldMarker(QWidget):
    """The problem lines under one field; hidden when the field has no problem."""

    acknowledged = Signal(str, bool, str)  # code, checked, reason

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 2)
        self._layout.setSpacing(2)
        self._lines: list[_ProblemLine] = []
        self._shown: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
        self.setVisible(False)

    # -- state -----------------------------------------------------------------------------
    def issues(self) -> list[Issue]:
        return [line.issue for line in self._lines]

    def sentences(self) -> list[str]:
        return [line.text_label.text() for line in self._lines]

    def ack_box(self, code: str) -> QCheckBox | None:
        for line in self._lines:
            if line.issue.code == code:
                return line.check
        return None

    def reason_edit(self, code: str) -> QLineEdit | None:
        for line in self._lines:
            if line.issue.code == code:
                return line.reason
        return None

    def focus_targets(self) -> list[QWidget]:
        """The inputs of this marker in tab order (ticks and reasons)."""
        targets: list[QWidget] = []
        for line in self._lines:
            if line.check is not None and line.reason is not None:
                targets += [line.check, line.reason]
        return targets

    def set_issues(
        self,
        issues: Sequence[Issue],
        *,
        describe: Callable[[Issue], str],
        acks: dict[str, str | None],
    ) -> bool:
        """Show ``issues`` (errors first); returns True when the lines were rebuilt.

        Lines are rebuilt only when the issues change, so a tick being clicked or a reason being
        typed is never thrown away by a re-validation that found the same problems.
        """
        ordered = sorted(issues, key=lambda issue: (not issue.is_error, issue.code))
        key = tuple(
            (issue.code, tuple(sorted((k, str(v)) for k, v in issue.params.items())))
            for issue in ordered
        )
        if key == self._shown:
            for line in self._lines:
                if line.check is not None:
                    want = line.issue.code in acks
                    if line.check.isChecked() != want:
                        line.check.blockSignals(True)
                        line.check.setChecked(want)
                        line.check.blockSignals(False)
            return False
        self._shown = key
        for line in self._lines:
            line.hide()
            line.deleteLater()
        self._lines = []
        for issue in ordered:
            code = issue.code
            line = _ProblemLine(issue, describe(issue), code in acks, acks.get(code) or "", self)
            if line.check is not None and line.reason is not None:
                line.check.toggled.connect(lambda on, c=code: self._ack_changed(c, on))
                line.reason.editingFinished.connect(lambda c=code: self._reason_changed(c))
            self._layout.addWidget(line)
            self._lines.append(line)
        self.setVisible(bool(self._lines))
        return True

    @Slot()
    def _ack_changed(self, code: str, checked: bool) -> None:
        edit = self.reason_edit(code)
        if edit is not None and not shiboken6.isValid(edit):
            return
        self.acknowledged.emit(code, checked, edit.text().strip() if edit else "")

    @Slot()
    def _reason_changed(self, code: str) -> None:
        box = self.ack_box(code)
        edit = self.reason_edit(code)
        if box is None or edit is None or not (shiboken6.isValid(box) and shiboken6.isValid(edit)):
            return  # focus left while the editor is being torn down
        if edit.text().strip() and not box.isChecked():
            box.setChecked(True)  # typing a reason is ticking: emits through _ack_changed
        elif box.isChecked():
            self.acknowledged.emit(code, True, edit.text().strip())
