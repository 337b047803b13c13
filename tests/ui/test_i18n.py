"""Translations (UI.md §6, §7.9): the Indonesian catalogue is complete and switching language
retranslates the live window."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from PySide6.QtCore import Qt

from core.settings import Settings
from ui.i18n import build

pytestmark = pytest.mark.gui

CATALOGUE = build.HERE / "jangkau_id.ts"


def _unfinished(ts) -> list[str]:
    root = ET.parse(ts).getroot()
    return [
        f"{context.findtext('name')}: {message.findtext('source')}"
        for context in root.iter("context")
        for message in context.iter("message")
        if (message.find("translation") is None)
        or message.find("translation").get("type") == "unfinished"
    ]


def test_committed_catalogue_has_no_unfinished_entry():
    assert CATALOGUE.exists()
    assert _unfinished(CATALOGUE) == []


def test_every_tr_string_of_the_sources_is_translated(tmp_path):
    """Scan ui/ and main.py afresh: the translation memory covers every string."""
    ts = tmp_path / "jangkau_id.ts"
    shutil.copy(CATALOGUE, ts)
    cmd = [build._tool("lupdate"), "-no-obsolete", "-locations", "none"]
    cmd += [str(p) for p in build.sources()] + ["-ts", str(ts)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=60)
    remaining = build.fill_from_memory(ts, build.load_memory())
    assert remaining == 0, _unfinished(ts)


def test_switching_language_in_settings_retranslates_the_live_window(qtbot, unlocked_window):
    window = unlocked_window
    view = window.list_view
    assert window.act_new.text() == "Prospek baru"
    assert view.search_edit.placeholderText() == "Cari nama, NIK atau nomor HP…"
    assert view.model.headerData(5, Qt.Orientation.Horizontal) == "Iuran/bulan"
    window.open_settings()
    dialog = window.active_dialog
    dialog.language_combo.setCurrentIndex(1)  # English
    with qtbot.waitSignal(window.settings_applied, timeout=5_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.settings.language == "en"
    assert window.act_new.text() == "New prospect"
    assert window.file_menu.title() == "&File"
    assert view.search_edit.placeholderText() == "Search name, NIK or mobile…"
    assert view.model.headerData(5, Qt.Orientation.Horizontal) == "Contribution/month"
    assert view.model.index(0, 0).data() in ("Draft", "Waiting to send")
    assert window.status.texts()["unsent"].startswith("Unsent ")
    assert view.side_panel.edit_button.text() == "&Edit"
    assert Settings.model_validate_json(window.settings.model_dump_json()).language == "en"
    # and back
    window.apply_settings(window.settings.model_copy(update={"language": "id"}), save=True)
    assert window.act_new.text() == "Prospek baru"
    assert window.status.texts()["unsent"].startswith("Belum terkirim ")
