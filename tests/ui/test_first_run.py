"""First run (UI.md §3.1): the setup wizard creates the agent profile, keyboard only."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from core import settings as settings_io
from models import profiles
from tests.ui.conftest import fill_profile_page

pytestmark = pytest.mark.gui


def _tab_to(qtbot, window, widget, limit: int = 30) -> None:
    """Press Tab until ``widget`` has the focus (keyboard only; fails if it is unreachable)."""
    for _ in range(limit):
        if widget.hasFocus():
            return
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Tab)
    assert widget.hasFocus(), f"{widget.objectName() or type(widget).__name__} not reachable by Tab"


def test_no_profile_starts_the_wizard(main_window):
    assert main_window.stack.currentWidget() is main_window.wizard_holder
    assert main_window.wizard.isVisible()
    assert main_window.wizard.currentPage() is main_window.wizard.language_page
    assert main_window.wizard.button(QWizard.WizardButton.NextButton).text() == "&Lanjut >"


def test_wizard_creates_a_profile_with_the_keyboard_only(qtbot, main_window):
    window, wizard = main_window, main_window.wizard
    window.activateWindow()
    wizard.language_page.language_combo.setFocus()
    qtbot.keyClick(wizard.language_page.language_combo, Qt.Key.Key_Return)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # &Lanjut
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.profile_page, timeout=5_000)
    page = wizard.profile_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    _tab_to(qtbot, window, page.name_edit)
    qtbot.keyClicks(page.name_edit, "Siti Aminah")
    _tab_to(qtbot, window, page.username_edit)
    qtbot.keyClicks(page.username_edit, "siti07")
    _tab_to(qtbot, window, page.kind_combo)
    qtbot.keyClick(page.kind_combo, Qt.Key.Key_Down)
    _tab_to(qtbot, window, page.password_edit)
    qtbot.keyClicks(page.password_edit, "pendek")
    assert "minimal 10 karakter" in page.problem_label.text()
    qtbot.keyClicks(page.password_edit, "-tapi-cukup")
    _tab_to(qtbot, window, page.repeat_edit)
    qtbot.keyClicks(page.repeat_edit, "pendek-tapi-salah")
    assert "tidak sama" in page.problem_label.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.repeat_edit.selectAll()
    qtbot.keyClicks(page.repeat_edit, "pendek-tapi-cukup")
    assert page.problem_label.text() == ""
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClick(page.repeat_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.enroll_page, timeout=5_000)

    assert wizard.enroll_page.skip_radio.isChecked()
    assert not wizard.enroll_page.server_edit.isEnabled()
    with qtbot.waitSignal(window.session_started, timeout=15_000):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)  # default button: Selesai
    listed = profiles.list_profiles()
    assert [(p.display_name, p.username) for p in listed] == [("Siti Aminah", "siti07")]
    assert window.session.agent.agent_kind == wizard.profile_page.agent_kind()
    assert window.session.agent.display_name == "Siti Aminah"
    view = window.list_view
    qtbot.waitUntil(
        lambda: view.state_text == "Belum ada prospek. Tekan Prospek baru.", timeout=5_000
    )
    assert settings_io.load().last_profile == listed[0].slug


def test_supervisor_choice_explains_and_blocks(qtbot, main_window):
    wizard = main_window.wizard
    wizard.next()
    page = wizard.profile_page
    page.supervisor_radio.setChecked(True)
    assert page.supervisor_note.isVisibleTo(page)
    assert "daring" in page.supervisor_note.text()
    assert not page.name_edit.isEnabled()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.agent_radio.setChecked(True)
    assert page.name_edit.isEnabled()


def test_enroll_now_keeps_the_server_address_and_stays_not_enrolled(qtbot, main_window):
    wizard = main_window.wizard
    fill_profile_page(qtbot, wizard, name="Budi Santoso", username="budi01")
    enroll = wizard.enroll_page
    enroll.enroll_radio.setChecked(True)
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    enroll.server_edit.setText("")
    qtbot.keyClicks(enroll.server_edit, "http://127.0.0.1:8765")
    qtbot.keyClicks(enroll.code_edit, "7kq2m9xd")
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    with qtbot.waitSignal(main_window.session_started, timeout=15_000):
        wizard.accept()
    assert settings_io.load().server_url == "http://127.0.0.1:8765"
    qtbot.waitUntil(lambda: main_window.status.texts()["state"] == "Belum terdaftar", timeout=5_000)


def test_existing_username_is_refused_inline(qtbot, main_window, empty_profile):
    wizard = main_window.wizard
    wizard.start(language="id")
    fill_profile_page(
        qtbot, wizard, name="Orang Lain", username=empty_profile.username, kind_index=1
    )
    page = wizard.profile_page
    wizard.accept()
    qtbot.waitUntil(lambda: bool(page.problem_label.text()), timeout=10_000)
    assert page.problem_label.text() == "Profil dengan nama pengguna ini sudah ada di laptop ini."
    assert wizard.currentPage() is page
    assert main_window.session is None
