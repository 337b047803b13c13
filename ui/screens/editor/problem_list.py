"""The problems of the working copy on screen: checks, markers, counts and F8 walking.

Pure ``models.rules`` checks run on the GUI thread on every change (well under a millisecond).
An error of a field not left yet waits until the field is left once or a save is attempted;
warnings show at once (DECISIONS.md "What is shown while typing"). Each section's rows get their
markers, the section list its counts, the bottom bar the summary; problems without a row become
the ``general`` banner. F8 / Shift+F8 walk the shown problems in form order, wrapping around.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from core.errors import Issue
from models.rules import validation
from models.rules.eligibility import is_minor
from ui.errors import issue_message
from ui.screens.editor.field_marker import ERROR_ICON, WARNING_ICON
from ui.screens.editor.issue_routing import GENERAL, row_key, visible

if TYPE_CHECKING:
    from ui.screens.editor.editor_widget import ProspectEditor

__all__ = ["ProblemList"]


class ProblemList:
    """Checks the editor's working copy and shows the outcome; the issue state (issues,
    acknowledged warnings, touched fields, "show all") stays on the editor."""

    def __init__(self, editor: ProspectEditor) -> None:
        self._editor = editor

    def revalidate(self) -> None:
        """Run every rule on the working copy, refresh the quote and what is shown."""
        editor = self._editor
        payload = editor.collect_payload()
        agent = editor.ctx.agent
        today = editor.ctx.today()
        consent = editor.consent_payload()
        duplicates = editor._duplicates
        issues = validation.check_prospect(
            payload,
            today=today,
            consent=consent,
            local_duplicates=[d.full_name or str(d.id) for d in duplicates.nik_duplicates],
            mobile_shared_with=duplicates.mobile_shared,
            branch_regencies=agent.branch_regencies,
            max_age=agent.max_age,
            below_minimum=agent.below_minimum,
            payment_periods=agent.payment_periods,
        )
        editor._issues = issues + [i for i in editor._server_issues if i not in issues]
        birth = validation.as_date(payload.get("birth_date"))
        editor.consent.set_minor(birth is not None and is_minor(birth, on=today))
        quote = validation.quote_for(
            payload,
            below_minimum=agent.below_minimum,
            payment_periods=agent.payment_periods,
        )
        editor.quote_panel.show_quote(quote)
        self.refresh()

    def refresh(self) -> None:
        """Markers, section counts, the general banner, duplicate banners and the summary."""
        editor = self._editor
        acks = editor._acks
        shown = self.visible_issues()
        by_key: dict[str, list[Issue]] = {}
        for key, issue in shown:
            by_key.setdefault(key, []).append(issue)
        for index, section in enumerate(editor.sections):
            section.show_issues(by_key, describe=self.describe, acks=acks)
            keys = set(section.rows) | {k for row in section.rows.values() for k in row.extra_keys}
            mine = [issue for key, issue in shown if key in keys]
            errors = sum(1 for i in mine if i.is_error)
            warnings = sum(1 for i in mine if i.is_warning and i.code not in acks)
            touched = editor._show_all or bool(keys & editor._touched)
            editor.nav.set_status(index, errors=errors, warnings=warnings, touched=touched)
        general = [i for key, i in shown if key == GENERAL]
        if general:
            editor.banners.show_banner(
                "general", "error", " ".join(self.describe(i) for i in general)
            )
        else:
            editor.banners.hide_banner("general")
        editor._duplicates.show_banners()
        editor.problem_label.setText(self.summary())

    def describe(self, issue: Issue) -> str:
        text = issue_message(issue)
        field = issue.field or ""
        if field.startswith("heirs."):
            parts = field.split(".")
            if len(parts) > 1 and parts[1].isdigit():
                return QCoreApplication.translate("ProspectEditor", "Heir {n}: {text}").format(
                    n=int(parts[1]) + 1, text=text
                )
        return text

    def summary(self) -> str:
        """The bottom bar's count of what is shown (ticked warnings not counted)."""
        shown = self.visible_issues()
        acks = self._editor._acks
        errors = sum(1 for _k, i in shown if i.is_error)
        warnings = sum(1 for _k, i in shown if i.is_warning and i.code not in acks)
        if not errors and not warnings:
            return QCoreApplication.translate("ProspectEditor", "No problems")
        parts = []
        if errors:
            parts.append(
                f"{ERROR_ICON} "
                + QCoreApplication.translate("ProspectEditor", "%n error(s)", "", errors)
            )
        if warnings:
            parts.append(
                f"{WARNING_ICON} "
                + QCoreApplication.translate("ProspectEditor", "%n warning(s)", "", warnings)
            )
        return "   ".join(parts)

    def visible_issues(self) -> list[tuple[str, Issue]]:
        """(row key, issue) of every problem shown now, in form order."""
        editor = self._editor
        paper = editor.consent.paper_method()
        shown = []
        for issue in editor._issues:
            key = row_key(issue, paper_method=paper)
            if visible(issue, key=key, touched=editor._touched, show_all=editor._show_all):
                shown.append((key, issue))
        order = self._row_order()
        shown.sort(key=lambda item: order.get(item[0], (99, 0)))
        return shown

    def walk(self, step: int) -> None:
        """Focus the next (+1) or previous (-1) row with a problem, wrapping around."""
        editor = self._editor
        keys: list[str] = []
        for key, issue in self.visible_issues():
            if key == GENERAL or key in keys:
                continue
            if issue.is_error or issue.code not in editor._acks:
                keys.append(key)
        if not keys:
            return
        order = self._row_order()
        here = self._focused_key()
        position = order.get(here or "", (editor.current_section(), -1))
        if step > 0:
            after = [k for k in keys if order[k] > position]
            target = after[0] if after else keys[0]
        else:
            before = [k for k in keys if order[k] < position]
            target = before[-1] if before else keys[-1]
        self._focus_row(target)

    def _row_order(self) -> dict[str, tuple[int, int]]:
        order: dict[str, tuple[int, int]] = {}
        for s_index, section in enumerate(self._editor.sections):
            for r_index, key in enumerate(section.field_keys()):
                order[key] = (s_index, r_index)
        order[GENERAL] = (-1, 0)
        return order

    def _focused_key(self) -> str | None:
        focus = self._editor.focusWidget()
        for section in self._editor.sections:
            for key, row in section.rows.items():
                if focus in row.inputs or focus in row.marker.focus_targets():
                    return key
        return None

    def _focus_row(self, key: str) -> None:
        editor = self._editor
        for index, section in enumerate(editor.sections):
            row = section.rows.get(key)
            if row is None:
                continue
            editor.nav.setCurrentRow(index)
            targets = [w for w in row.inputs if w.isEnabled() and section.shown(w)]
            targets += row.marker.focus_targets()
            if targets:
                targets[0].setFocus(Qt.FocusReason.ShortcutFocusReason)
            editor.scroll_areas[index].ensureWidgetVisible(row.marker)
            return
