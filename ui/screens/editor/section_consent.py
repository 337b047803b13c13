"""Section 6, *Persetujuan* (Consent), DOMAIN.md §8 (UU PDP).

Shows the privacy notice in force (text and version from ``models.rules.consent``), records
whether it was read aloud and by whom it was witnessed, one tick per purpose (bundled consent is
void), and how consent is proven: signatures on the screen (participant and agent) or the number
of the signed paper form. A minor needs a guardian (name, relationship, NIK); those fields appear
only when the birth date makes the person under 18.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from models.rules.consent import OPTIONAL_PURPOSES, PURPOSES, REQUIRED_PURPOSE, NoticeVersion
from ui.screens.editor.form_section import FormSection
from ui.screens.editor.inputs import CodeCombo
from ui.screens.editor.signature_pad import SignaturePad

__all__ = ["ConsentSection"]


class ConsentSection(FormSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._notice: NoticeVersion | None = None
        self.notice_view = QPlainTextEdit(self)
        self.notice_view.setReadOnly(True)
        self.notice_view.setTabChangesFocus(True)
        lines = self.notice_view.fontMetrics().lineSpacing()
        self.notice_view.setFixedHeight(lines * 6 + 12)
        self.notice_row = self.add_field("notice_version", "", self.notice_view)

        self.read_aloud_check = QCheckBox(self)
        self.witness_edit = QLineEdit(self)
        self.witness_edit.setMaxLength(100)
        self.witness_label = QLabel(self)
        self.witness_label.setBuddy(self.witness_edit)
        aloud_box = QWidget(self)
        aloud_row = QHBoxLayout(aloud_box)
        aloud_row.setContentsMargins(0, 0, 0, 0)
        aloud_row.addWidget(self.read_aloud_check)
        aloud_row.addSpacing(12)
        aloud_row.addWidget(self.witness_label)
        aloud_row.addWidget(self.witness_edit, 1)
        self.add_wide(
            "read_aloud",
            aloud_box,
            inputs=[self.read_aloud_check, self.witness_edit],
            extra_keys=("witness_name",),
        )

        self.purpose_checks: dict[str, QCheckBox] = {}
        self.purpose_texts: dict[str, QLabel] = {}
        purpose_box = QWidget(self)
        purpose_grid = QGridLayout(purpose_box)
        purpose_grid.setContentsMargins(0, 0, 0, 0)
        purpose_grid.setVerticalSpacing(2)
        purpose_grid.setHorizontalSpacing(12)
        for row, code in enumerate((REQUIRED_PURPOSE, *OPTIONAL_PURPOSES)):
            check = QCheckBox(self)
            text = QLabel(PURPOSES[code], self)
            text.setWordWrap(True)
            text.setBuddy(check)
            check.setAccessibleDescription(PURPOSES[code])
            self.purpose_checks[code] = check
            self.purpose_texts[code] = text
            purpose_grid.addWidget(check, row, 0, Qt.AlignmentFlag.AlignTop)
            purpose_grid.addWidget(text, row, 1)
        purpose_grid.setColumnStretch(1, 1)
        self.consent_row = self.add_wide(
            "consent", purpose_box, inputs=list(self.purpose_checks.values()), frame=purpose_box
        )

        self.method_combo = CodeCombo(self, empty=None)
        self.add_field("method", "", self.method_combo, required=True)

        self.participant_pad = SignaturePad(self)
        self.agent_pad = SignaturePad(self)
        self.clear_participant_button = QPushButton(self)
        self.clear_agent_button = QPushButton(self)
        self.participant_caption = QLabel(self)
        self.agent_caption = QLabel(self)
        self.pads_box = QWidget(self)
        pads = QGridLayout(self.pads_box)
        pads.setContentsMargins(0, 0, 0, 0)
        pads.setHorizontalSpacing(12)
        pads.setVerticalSpacing(2)
        pads.addWidget(self.participant_caption, 0, 0)
        pads.addWidget(self.clear_participant_button, 0, 1)
        pads.addWidget(self.agent_caption, 0, 2)
        pads.addWidget(self.clear_agent_button, 0, 3)
        pads.addWidget(self.participant_pad, 1, 0, 1, 2)
        pads.addWidget(self.agent_pad, 1, 2, 1, 2)
        pads.setColumnStretch(0, 1)
        pads.setColumnStretch(2, 1)
        self.signature_row = self.add_wide(
            "signature_participant",
            self.pads_box,
            inputs=[self.clear_participant_button, self.clear_agent_button],
            frame=self.participant_pad,
            extra_keys=("signature_agent",),
        )
        self.paper_form_edit = QLineEdit(self)
        self.paper_form_edit.setMaxLength(40)
        self.paper_row = self.add_field(
            "paper_form_number", "", self.paper_form_edit, required=True
        )

        self.guardian_name_edit = QLineEdit(self)
        self.guardian_name_edit.setMaxLength(100)
        self.guardian_relationship_edit = QLineEdit(self)
        self.guardian_relationship_edit.setMaxLength(40)
        self.guardian_nik_edit = QLineEdit(self)
        self.guardian_nik_edit.setMaxLength(32)
        self.guardian_rel_label = QLabel(self)
        self.guardian_rel_label.setBuddy(self.guardian_relationship_edit)
        self.guardian_nik_label = QLabel(self)
        self.guardian_nik_label.setBuddy(self.guardian_nik_edit)
        guardian_box = QWidget(self)
        guardian_row = QHBoxLayout(guardian_box)
        guardian_row.setContentsMargins(0, 0, 0, 0)
        guardian_row.addWidget(self.guardian_name_edit, 3)
        guardian_row.addWidget(self.guardian_rel_label)
        guardian_row.addWidget(self.guardian_relationship_edit, 2)
        guardian_row.addWidget(self.guardian_nik_label)
        guardian_row.addWidget(self.guardian_nik_edit, 3)
        self._guardian_box = guardian_box
        self._minor = False
        self.guardian_row = self.add_field(
            "guardian",
            "",
            guardian_box,
            required=True,
            inputs=[
                self.guardian_name_edit,
                self.guardian_relationship_edit,
                self.guardian_nik_edit,
            ],
        )

        self.method_combo.currentIndexChanged.connect(lambda _i: self._method_toggled())
        self.clear_participant_button.clicked.connect(self.participant_pad.clear)
        self.clear_agent_button.clicked.connect(self.agent_pad.clear)
        for pad in (self.participant_pad, self.agent_pad):
            pad.changed.connect(self.edited)
        for check in (self.read_aloud_check, *self.purpose_checks.values()):
            check.clicked.connect(lambda _c: self.edited.emit())
        for edit in (
            self.witness_edit,
            self.paper_form_edit,
            self.guardian_name_edit,
            self.guardian_relationship_edit,
            self.guardian_nik_edit,
        ):
            edit.textEdited.connect(self.edited)
        self.set_minor(False)
        self._method_toggled()
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Consent"))
        self.read_aloud_check.setText(self.tr("Notice &read aloud"))
        self.witness_label.setText(self.tr("&Witness"))
        self.witness_edit.setPlaceholderText(self.tr("Name of the witness"))
        purpose_labels = {
            REQUIRED_PURPOSE: self.tr("&Enrolment (required)") + " *",
            "LOCAL_GOV_AID": self.tr("Contribution &aid (optional)"),
        }
        for code, check in self.purpose_checks.items():
            check.setText(purpose_labels.get(code, code))
        self.method_combo.set_choices(
            [
                ("SCREEN_SIGNATURE", self.tr("Signature on screen")),
                ("PAPER_FORM", self.tr("Paper form number")),
            ]
        )
        if self.method_combo.current_code() is None:
            self.method_combo.set_code("SCREEN_SIGNATURE", quiet=True)
        self.participant_caption.setText(self.tr("Participant's signature"))
        self.agent_caption.setText(self.tr("Agent's signature"))
        self.clear_participant_button.setText(self.tr("Clear"))
        self.clear_participant_button.setAccessibleName(self.tr("Clear participant's signature"))
        self.clear_agent_button.setText(self.tr("Clear"))
        self.clear_agent_button.setAccessibleName(self.tr("Clear agent's signature"))
        for pad in (self.participant_pad, self.agent_pad):
            pad.signed_text = self.tr("Signed on screen")
        self.participant_pad.setAccessibleName(self.tr("Participant's signature pad"))
        self.agent_pad.setAccessibleName(self.tr("Agent's signature pad"))
        version = self._notice.version if self._notice else "–"
        labels = {
            "notice_version": self.tr("Privacy &notice, version {version}").format(version=version),
            "method": self.tr("Proof of c&onsent"),
            "paper_form_number": self.tr("Paper &form no."),
            "guardian": self.tr("&Guardian (under 18)"),
        }
        for key, text in labels.items():
            row = self.rows[key]
            if row.label is not None:
                row.label.setText(text + (" *" if row.label.property("required") else ""))
        self.guardian_name_edit.setPlaceholderText(self.tr("Guardian's name"))
        self.guardian_rel_label.setText(self.tr("Re&lationship"))
        self.guardian_nik_label.setText(self.tr("NI&K"))

    # -- notice, minors, method --------------------------------------------------------------
    def set_notice(self, notice: NoticeVersion) -> None:
        self._notice = notice
        self.notice_view.setPlainText(notice.text)
        self.retranslate()

    def notice(self) -> NoticeVersion | None:
        return self._notice

    def set_minor(self, minor: bool) -> None:
        self._minor = minor
        self.form.setRowVisible(self._guardian_box, minor)
        self.fix_tab_order()

    def minor(self) -> bool:
        return self._minor

    def paper_method(self) -> bool:
        return self.method_combo.current_code() == "PAPER_FORM"

    def set_paper_method(self, paper: bool) -> None:
        self.method_combo.set_code("PAPER_FORM" if paper else "SCREEN_SIGNATURE")

    @Slot()
    def _method_toggled(self) -> None:
        paper = self.paper_method()
        self.form.setRowVisible(self.pads_box, not paper)
        self.form.setRowVisible(self.paper_form_edit, paper)
        self.fix_tab_order_later()
        self.edited.emit()

    # -- values ------------------------------------------------------------------------------
    def collect(self, payload: dict[str, Any]) -> None:
        paper = self.paper_method()
        number = self.paper_form_edit.text().strip() or None
        payload.update(
            signature_participant=self._signature(self.participant_pad, paper, number),
            signature_agent=self._signature(self.agent_pad, paper, number),
            paper_form_number=number if paper else None,
        )

    @staticmethod
    def _signature(pad: SignaturePad, paper: bool, number: str | None) -> str | None:
        if paper:
            return "PAPER" if number else None
        return "SCREEN" if pad.is_signed() else None

    def consent_values(self) -> dict[str, Any] | None:
        """The ``ConsentPayload`` fields the agent set (without ids and time), or ``None`` when
        nothing of the consent has been filled in yet."""
        purposes = [code for code, check in self.purpose_checks.items() if check.isChecked()]
        paper = self.paper_method()
        guardian = None
        if self._minor:
            name = self.guardian_name_edit.text().strip()
            relationship = self.guardian_relationship_edit.text().strip()
            nik = "".join(self.guardian_nik_edit.text().split())
            if name or relationship or nik:
                guardian = {"name": name, "relationship": relationship, "nik": nik or None}
        signed = self.participant_pad.is_signed() or self.agent_pad.is_signed()
        number = self.paper_form_edit.text().strip()
        if not purposes and not signed and not number and guardian is None:
            return None
        return {
            "notice_version": self._notice.version if self._notice else "",
            "notice_sha256": self._notice.sha256 if self._notice else None,
            "purposes": purposes,
            "method": "PAPER_FORM" if paper else "SCREEN_SIGNATURE",
            "paper_form_number": (number or None) if paper else None,
            "read_aloud": self.read_aloud_check.isChecked(),
            "witness_name": self.witness_edit.text().strip() or None,
            "guardian": guardian,
        }

    def signature_strokes(self) -> dict[str, str]:
        return {
            "participant": self.participant_pad.svg_path(),
            "agent": self.agent_pad.svg_path(),
        }

    def load(self, payload: dict[str, Any]) -> None:
        paper = payload.get("signature_participant") == "PAPER" or bool(
            payload.get("paper_form_number")
        )
        self.method_combo.set_code("PAPER_FORM" if paper else "SCREEN_SIGNATURE", quiet=True)
        self.paper_form_edit.setText(payload.get("paper_form_number") or "")
        self.participant_pad.mark_signed_earlier(payload.get("signature_participant") == "SCREEN")
        self.agent_pad.mark_signed_earlier(payload.get("signature_agent") == "SCREEN")
        self._method_toggled()

    def load_consent(self, consent: dict[str, Any] | None, strokes: dict[str, str] | None) -> None:
        consent = consent or {}
        purposes = set(consent.get("purposes") or ())
        for code, check in self.purpose_checks.items():
            check.setChecked(code in purposes)
        self.read_aloud_check.setChecked(bool(consent.get("read_aloud")))
        self.witness_edit.setText(consent.get("witness_name") or "")
        if consent.get("method") == "PAPER_FORM":
            self.method_combo.set_code("PAPER_FORM", quiet=True)
            self.paper_form_edit.setText(consent.get("paper_form_number") or "")
        elif consent.get("method") == "SCREEN_SIGNATURE":
            self.method_combo.set_code("SCREEN_SIGNATURE", quiet=True)
        guardian = consent.get("guardian") or {}
        self.guardian_name_edit.setText(guardian.get("name") or "")
        self.guardian_relationship_edit.setText(guardian.get("relationship") or "")
        self.guardian_nik_edit.setText(guardian.get("nik") or "")
        if strokes:
            self.participant_pad.set_svg_path(strokes.get("participant"))
            self.agent_pad.set_svg_path(strokes.get("agent"))
        self._method_toggled()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for check in (self.read_aloud_check, *self.purpose_checks.values()):
            check.setEnabled(not read_only)
        self.participant_pad.set_read_only(read_only)
        self.agent_pad.set_read_only(read_only)
