"""UI.md §7.2–§7.4 for the editor: tab order, buddies and mnemonics, 1366×700, translations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from tests.ui.editor.support import build_catalogue, fill_example, unfinished
from ui.theme import apply_theme

pytestmark = pytest.mark.gui

_MNEMONIC = re.compile(r"&([^&\s])")


@pytest.fixture(params=["en", "id"])
def language(request, qapp):
    from ui import translations

    translations.set_language(request.param)
    yield request.param
    translations.set_language("en")  # the editor tests' default (tests/ui/editor/conftest.py)


def _mnemonics(widgets) -> list[str]:
    keys = []
    for widget in widgets:
        if isinstance(widget, QLabel | QAbstractButton) and widget.isVisible():
            match = _MNEMONIC.search(widget.text().replace("&&", ""))
            if match:
                keys.append(match.group(1).casefold())
    return keys


def test_tab_walks_every_input_of_each_section_once_in_visual_order(qtbot, editor) -> None:
    editor.load_new()
    fill_example(editor)
    editor.consent.set_minor(True)  # show the guardian row as well
    for index, section in enumerate(editor.sections):
        editor.go_to_section(index)
        expected = [
            w
            for w in section.focus_chain()
            if w.isEnabled() and w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        assert expected, section
        expected[0].setFocus()
        qtbot.waitUntil(lambda w=expected[0]: QApplication.focusWidget() is w, timeout=2_000)
        seen = [QApplication.focusWidget()]
        for _ in range(len(expected) - 1):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            seen.append(QApplication.focusWidget())
        assert seen == expected, f"section {index + 1}"
        # visual order: each input sits below (or right of) the one before it
        # (centres, not tops: a check box and a taller line edit share a row, centred)
        centres = [w.mapTo(section, w.rect().center()) for w in expected]
        for a, b in zip(centres, centres[1:], strict=False):
            same_row = abs(b.y() - a.y()) <= 4
            assert (b.x() > a.x()) if same_row else (b.y() > a.y()), f"section {index + 1}"


def test_every_input_has_a_buddy_or_name_and_mnemonics_are_unique(qtbot, editor, language) -> None:
    editor.retranslate()
    editor.load_new()
    fill_example(editor)
    editor.consent.set_minor(True)
    chrome = [editor.back_button, editor.save_draft_button, editor.submit_button, editor.f8_button]
    for index, section in enumerate(editor.sections):
        editor.go_to_section(index)
        labels = [w for w in section.findChildren(QLabel) if w.isVisible()]
        buddies = {label.buddy() for label in labels if label.buddy() is not None}
        for widget in section.focus_chain():
            if not widget.isVisible():
                continue
            named = (
                widget in buddies
                or widget.accessibleName()
                or (isinstance(widget, QAbstractButton) and widget.text())
            )
            assert named, f"{language}: {widget!r} in section {index + 1} has no label"
        keys = _mnemonics([*labels, *section.findChildren(QAbstractButton), *chrome])
        duplicates = {k for k in keys if keys.count(k) > 1}
        assert not duplicates, f"{language}: section {index + 1} repeats &{sorted(duplicates)}"
        assert not set(keys) & set("1234567"), "Alt+1…7 belong to the section list"


def test_each_section_fits_1366x700_without_scrolling_and_no_label_is_cut(
    qtbot, editor, language
) -> None:
    apply_theme(QApplication.instance())
    editor.retranslate()
    editor.resize(1366, 700)
    editor.load_new()
    fill_example(editor)
    for index, area in enumerate(editor.scroll_areas):
        editor.go_to_section(index)
        qtbot.waitUntil(lambda a=area: a.widget().isVisible(), timeout=2_000)
        QApplication.processEvents()
        assert area.verticalScrollBar().maximum() == 0, f"{language}: section {index + 1} scrolls"
        for label in area.widget().findChildren(QLabel):
            if label.isVisible() and not label.wordWrap() and label.text():
                assert label.width() >= label.minimumSizeHint().width(), (
                    f"{language}: {label.text()!r} is cut"
                )
    for button in (editor.save_draft_button, editor.submit_button, editor.back_button):
        assert button.width() >= button.sizeHint().width()


def test_indonesian_catalogue_has_every_editor_string(tmp_path: Path) -> None:
    build_catalogue(tmp_path)
    editor_contexts = {
        "AddressSection", "ConsentSection", "EditorChoices", "HeirsSection", "IdentitySection",
        "NotesSection", "ProgrammeSection", "ProspectEditor", "QuotePanel", "SectionNav",
        "WorkSection", "_ProblemLine",
    }  # fmt: skip
    missing = [m for m in unfinished(tmp_path / "editor_id.ts") if m[0] in editor_contexts]
    assert not missing
