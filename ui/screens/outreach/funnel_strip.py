"""One prospect's enrolment stages in a line: "✓ Dihubungi 1 Sep → ✓ Tertarik 3 Sep → ○ Formulir
dicetak → …", with a refusal and its reason at the end (``models.services.funnel``).

Reached stages carry a check mark and their date (or "tanggal tidak tercatat" when only a later
stage proves them); the rest an open circle, so the meaning never depends on colour.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from core.formatting import date_medium
from models.services.funnel import ProspectFunnel

__all__ = ["FunnelStrip"]


class FunnelStrip(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.funnel: ProspectFunnel | None = None
        self.clear_funnel()

    def stage_name(self, stage: str) -> str:
        return {
            "contacted": self.tr("Contacted"),
            "interested": self.tr("Interested"),
            "printed": self.tr("Form printed"),
            "submitted": self.tr("Submitted"),
            "approved": self.tr("Approved"),
        }[stage]

    def clear_funnel(self) -> None:
        self.funnel = None
        self.setText(self.tr("Select a prospect to see its stages."))

    def set_funnel(self, funnel: ProspectFunnel) -> None:
        self.funnel = funnel
        self.retranslate()

    def retranslate(self) -> None:
        if self.funnel is None:
            self.clear_funnel()
            return
        parts = []
        for step in self.funnel.steps:
            name = self.stage_name(step.stage)
            if not step.reached:
                parts.append(f"○ {name}")
            elif step.on is not None:
                parts.append(f"✓ {name} {date_medium(step.on)}")
            else:
                parts.append(f"✓ {name} ({self.tr('date not recorded')})")
        text = self.tr("Stages: {stages}").format(stages=" → ".join(parts))
        if self.funnel.closed_outcome == "REFUSED":
            when = date_medium(self.funnel.closed_on) if self.funnel.closed_on else ""
            text += " · " + self.tr("Refused {date}: {reason}").format(
                date=when, reason=self.funnel.closed_reason or ""
            )
        self.setText(text)
