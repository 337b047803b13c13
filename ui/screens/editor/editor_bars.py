"""The editor's header and bottom bar (UI.md §3.4) and its keyboard shortcuts.

Header: *< Daftar*, the name, the NIK, the badge and the save status ("Tersimpan otomatis
14.05"). Bottom bar: the problem count, F8, *Simpan draf* (Ctrl+S), *Simpan & kirim*
(Ctrl+Enter) and *Cetak*. The widgets stay attributes of the editor (``editor.saved_label``,
``editor.submit_button``…), which the shell and the tests use; their strings keep the
``ProspectEditor`` translation context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from core.formatting import time_wib
from models.rules.nik import format_nik
from ui import badges

if TYPE_CHECKING:
    from ui.screens.editor.editor_widget import ProspectEditor

__all__ = ["add_shortcuts", "announce", "build_bottom", "build_header", "retranslate_bars"]


def build_header(editor: ProspectEditor) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(10)
    editor.back_button = QPushButton(editor)
    editor.title_label = QLabel(editor)
    font = editor.title_label.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    editor.title_label.setFont(font)
    editor.nik_label = QLabel(editor)
    editor.nik_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    editor.badge_icon = QLabel(editor)
    editor.badge_label = QLabel(editor)
    editor.saved_label = QLabel(editor)
    editor.saved_label.setAccessibleName(
        QCoreApplication.translate("ProspectEditor", "Save status")
    )
    row.addWidget(editor.back_button)
    row.addWidget(editor.title_label)
    row.addWidget(editor.nik_label)
    row.addSpacing(6)
    row.addWidget(editor.badge_icon)
    row.addWidget(editor.badge_label)
    row.addStretch(1)
    row.addWidget(editor.saved_label)
    return row


def build_bottom(editor: ProspectEditor) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(10)
    editor.problem_label = QLabel(editor)
    editor.f8_button = QPushButton("F8", editor)
    editor.save_draft_button = QPushButton(editor)
    editor.submit_button = QPushButton(editor)
    editor.submit_button.setDefault(False)
    editor.print_button = QPushButton(editor)  # the main window opens the print dialog
    row.addWidget(editor.problem_label)
    row.addWidget(editor.f8_button)
    row.addStretch(1)
    row.addWidget(editor.save_draft_button)
    row.addWidget(editor.submit_button)
    row.addWidget(editor.print_button)
    return row


def add_shortcuts(editor: ProspectEditor) -> list[QShortcut]:
    """Ctrl+S, Ctrl+Enter, F8/Shift+F8, Esc and Alt+1…7, active anywhere inside the editor."""
    shortcuts: list[tuple[QKeySequence | str, Callable[[], None]]] = [
        (QKeySequence(QKeySequence.StandardKey.Save), editor.save_draft),
        ("Ctrl+Return", editor.submit),
        ("Ctrl+Enter", editor.submit),
        ("F8", editor.next_problem),
        ("Shift+F8", editor.previous_problem),
        ("Esc", editor.request_close),
    ]

    def go_to(index: int) -> Callable[[], None]:
        return lambda: editor.go_to_section(index)

    for number in range(1, len(editor.sections) + 1):
        shortcuts.append((f"Alt+{number}", go_to(number - 1)))
    made = []
    for keys, slot in shortcuts:
        shortcut = QShortcut(QKeySequence(keys), editor)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        made.append(shortcut)
    return made


def retranslate_bars(editor: ProspectEditor) -> None:
    editor.back_button.setText(QCoreApplication.translate("ProspectEditor", "< List"))
    editor.back_button.setToolTip(
        QCoreApplication.translate("ProspectEditor", "Back to the list (Esc)")
    )
    editor.save_draft_button.setText(QCoreApplication.translate("ProspectEditor", "Save draft"))
    editor.save_draft_button.setToolTip(
        QCoreApplication.translate("ProspectEditor", "Keep as a draft on this laptop (Ctrl+S)")
    )
    editor.submit_button.setText(QCoreApplication.translate("ProspectEditor", "Save && send"))
    editor.submit_button.setToolTip(
        QCoreApplication.translate("ProspectEditor", "Save and queue for sending (Ctrl+Enter)")
    )
    editor.print_button.setText(QCoreApplication.translate("ProspectEditor", "Print"))
    editor.print_button.setToolTip(
        QCoreApplication.translate("ProspectEditor", "Print this form (Ctrl+P)")
    )
    editor.f8_button.setToolTip(
        QCoreApplication.translate("ProspectEditor", "Next problem (F8), previous (Shift+F8)")
    )
    editor.f8_button.setAccessibleName(QCoreApplication.translate("ProspectEditor", "Next problem"))
    editor.nav.setAccessibleName(QCoreApplication.translate("ProspectEditor", "Sections"))


def update_header(editor: ProspectEditor, *, saving: bool) -> None:
    """Name, NIK and badge; the save status unless an explicit save is still running."""
    name = editor.identity.name_edit.text().strip()
    editor.title_label.setText(name or QCoreApplication.translate("ProspectEditor", "New prospect"))
    digits = "".join(editor.identity.nik_edit.text().split())
    editor.nik_label.setText(format_nik(digits) if digits.isdigit() and len(digits) == 16 else "")
    badge = editor.badge
    size = editor.badge_label.fontMetrics().height()
    editor.badge_icon.setPixmap(badges.badge_icon(badge).pixmap(size, size))
    editor.badge_label.setText(badges.badge_label(badge))
    editor.badge_label.setToolTip(badges.badge_tooltip(badge))
    editor.badge_icon.setAccessibleName(badges.badge_label(badge))
    auto, at = editor._last_save_auto, editor._last_saved_at
    if saving and not auto:
        return
    if at is not None and not editor.dirty:
        text = QCoreApplication.translate("ProspectEditor", "Saved {time}").format(
            time=time_wib(at)
        )
    elif at is not None and auto:
        text = QCoreApplication.translate("ProspectEditor", "Saved automatically {time}").format(
            time=time_wib(at)
        )
    elif editor.dirty:
        text = QCoreApplication.translate("ProspectEditor", "Not saved yet")
    else:
        text = ""
    editor.saved_label.setText(text)


def announce(editor: ProspectEditor, text: str) -> None:
    """Say ``text`` to a screen reader (the save status after a save)."""
    if text:
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(editor.saved_label, text))
