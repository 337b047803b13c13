"""Riwayat (UI.md §3.8): revisions, decisions and the audit trail of one record.

Revisions newest first with who sent them and when; the current revision lists what changed
since the revision last judged (``≠ field: before → after``), so a correction is read against
the version that was returned. Decisions show their outcome, note, field notes and whether the
agent's laptop has pulled them ("terkirim ke agen"); an undone decision says so. The audit trail
(server ``audit_events`` for this record) follows, oldest first.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from core import formatting
from sync.review_schemas import AuditEvent, DecisionOut, RecordDetail, RevisionSummary
from ui.screens.review.field_labels import (
    display_value,
    field_label,
    outcome_label,
    reason_label,
)

__all__ = ["HistoryView"]


class HistoryView(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewHistory")
        self.setColumnCount(1)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self._detail: RecordDetail | None = None
        self._audit: list[AuditEvent] = []
        self.setAccessibleName(self.tr("History"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._rebuild()
        super().changeEvent(event)

    def set_detail(self, detail: RecordDetail | None) -> None:
        self._detail = detail
        self._audit = []
        self._rebuild()

    def set_audit(self, events: Sequence[AuditEvent]) -> None:
        self._audit = list(events)
        self._rebuild()

    def lines(self) -> list[str]:
        """Every visible line, depth-first (tests and screen readers)."""
        out: list[str] = []

        def walk(item: QTreeWidgetItem | None) -> None:
            if item is None:
                return
            out.append(item.text(0))
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.topLevelItemCount()):
            walk(self.topLevelItem(i))
        return out

    # -- building -----------------------------------------------------------------------------

    def _rebuild(self) -> None:
        self.clear()
        detail = self._detail
        if detail is None:
            return
        revisions = QTreeWidgetItem(self, [self.tr("Revisions")])
        for summary in sorted(detail.revisions, key=lambda r: r.revision, reverse=True):
            self._revision(revisions, summary, detail)
        decisions = QTreeWidgetItem(self, [self.tr("Decisions")])
        if not detail.decisions:
            QTreeWidgetItem(decisions, [self.tr("No decision yet.")])
        for decision in sorted(detail.decisions, key=lambda d: d.decided_at, reverse=True):
            self._decision(decisions, decision)
        if self._audit:
            audit = QTreeWidgetItem(self, [self.tr("Audit trail")])
            for event in self._audit:
                self._event(audit, event)
        self.expandAll()

    def _revision(
        self, parent: QTreeWidgetItem, summary: RevisionSummary, detail: RecordDetail
    ) -> None:
        who = summary.author.label if summary.author else ""
        if summary.author_role == "supervisor":
            who = self.tr("{name} (supervisor)").format(name=who)
        text = self.tr("rev {n} · {when} · {who}").format(
            n=summary.revision, when=formatting.datetime_wib(summary.received_at), who=who
        )
        if summary.revision == detail.record.revision and detail.judged_revision:
            text += " · " + self.tr("correction of rev {n}").format(n=detail.judged_revision)
        item = QTreeWidgetItem(parent, [text])
        if summary.note:
            QTreeWidgetItem(item, [self.tr("Note: {note}").format(note=summary.note)])
        if summary.revision == detail.record.revision and detail.judged_revision:
            for change in detail.changes_since_judged:
                before = display_value(change.field, change.before) or "—"
                after = display_value(change.field, change.after) or "—"
                line = f"\u2260 {field_label(change.field)}: {before} \u2192 {after}"
                child = QTreeWidgetItem(item, [line])
                child.setToolTip(0, line)

    def _decision(self, parent: QTreeWidgetItem, decision: DecisionOut) -> None:
        who = decision.decided_by.display_name if decision.decided_by else ""
        text = self.tr("{outcome} · rev {n} · {when} · {who}").format(
            outcome=outcome_label(decision.outcome),
            n=decision.record_revision,
            when=formatting.datetime_wib(decision.decided_at),
            who=who,
        )
        if decision.undone_at is not None:
            text += " · " + self.tr("undone")
        elif decision.delivered:
            text += " · " + self.tr("delivered to the agent")
        else:
            text += " · " + self.tr("not yet on the agent's laptop")
        item = QTreeWidgetItem(parent, [text])
        if decision.undone_at is not None:
            font = item.font(0)
            font.setStrikeOut(True)
            item.setFont(0, font)
        if decision.reason_code:
            QTreeWidgetItem(
                item,
                [self.tr("Reason: {reason}").format(reason=reason_label(decision.reason_code))],
            )
        if decision.note:
            QTreeWidgetItem(item, [self.tr("Note: {note}").format(note=decision.note)])
        for field, note in decision.field_notes.items():
            QTreeWidgetItem(item, [f"{field_label(field)}: {note}"])

    def _event(self, parent: QTreeWidgetItem, event: AuditEvent) -> None:
        words = {
            "push.change": self.tr("sent by the agent"),
            "review.decide": self.tr("decision"),
            "review.undo": self.tr("decision undone"),
            "review.edit": self.tr("edited by the supervisor"),
            "review.duplicate-resolution": self.tr("duplicate resolved"),
            "review.bulk": self.tr("approved in a batch"),
        }
        action = words.get(event.action, event.action)
        text = f"{formatting.datetime_wib(event.at)} · {action}"
        if event.revision is not None:
            text += f" · rev {event.revision}"
        if event.action in ("review.decide", "review.undo", "review.bulk"):
            text += f" · {outcome_label(event.result)}"
        elif event.result:
            text += f" · {event.result}"
        item = QTreeWidgetItem(parent, [text])
        item.setData(0, Qt.ItemDataRole.UserRole, event.seq)
