"""F1: a short help with the everyday keys and what the status bar means (UI.md §2)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

__all__ = ["HelpDialog"]


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(self.text.textFormat().RichText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Jangkau help"))
        rows = [
            ("Ctrl+N", self.tr("New prospect")),
            ("Ctrl+F", self.tr("Search")),
            ("Enter", self.tr("Open the selected prospect")),
            ("Del", self.tr("Delete a draft, or withdraw a sent prospect")),
            ("Esc", self.tr("Clear the search; in the form, back to the list")),
            ("Ctrl+S", self.tr("Save draft (in the form)")),
            ("Ctrl+Enter", self.tr("Save and send (in the form)")),
            ("Ctrl+P", self.tr("Print forms")),
            ("F5", self.tr("Sync now")),
            ("Ctrl+1", self.tr("Prospect list")),
            ("Ctrl+2", self.tr("Needs correction")),
            ("Ctrl+3", self.tr("Sync panel")),
            ("Ctrl+4", self.tr("Events and follow-ups")),
            ("Ctrl+5", self.tr("Dashboard")),
            ("Ctrl+,", self.tr("Settings")),
            ("Ctrl+L", self.tr("Lock")),
        ]
        table = "".join(
            f"<tr><td style='padding:2px 16px 2px 0'><b>{key}</b></td><td>{text}</td></tr>"
            for key, text in rows
        )
        self.text.setText(
            "<p>"
            + self.tr(
                "Records are saved on this laptop first and sent when there is a connection. "
                "The status bar shows the connection, what is not sent yet and what needs correction."
            )
            + f"</p><table>{table}</table>"
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Close"))
