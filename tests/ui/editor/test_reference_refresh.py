"""New reference data installed by a sync (on another thread) reaches an open editor: the new
occupation is offered at once and the occupation already chosen stays (ui/reference_watch.py)."""

from __future__ import annotations

import threading

import pytest

from models.rules import reference
from tests.ui.editor.support import fill_example
from ui.reference_watch import watch_reference_data

pytestmark = pytest.mark.gui


def _codes(combo) -> list[str]:  # noqa: ANN001 - an occupation combo
    return [combo.itemData(i) for i in range(combo.count())]


def test_a_new_occupation_from_the_server_appears_in_the_open_editor(qtbot, editor) -> None:
    watch_reference_data()
    editor.load_new()
    fill_example(editor)
    combo = editor.work.occupation_1_combo
    assert combo.current_code() == "PDG_PASAR"
    assert "UJI_PEMANDU" not in _codes(combo)

    files = reference.shipped_files("occupations")
    files["occupations.csv"] += "UJI_PEMANDU,Pemandu wisata,Tour guide,lainnya,\n"
    done = threading.Event()

    def sync_installs() -> None:  # as sync/reference.py does on the network lane
        reference.install("occupations", files, version="2026-12")
        done.set()

    threading.Thread(target=sync_installs).start()
    assert done.wait(10)
    qtbot.waitUntil(lambda: "UJI_PEMANDU" in _codes(combo), timeout=5_000)
    assert "UJI_PEMANDU" in _codes(editor.work.occupation_2_combo)
    assert combo.current_code() == "PDG_PASAR"  # the agent's choice is kept

    reference.reset()
    qtbot.waitUntil(lambda: "UJI_PEMANDU" not in _codes(combo), timeout=5_000)
    assert combo.current_code() == "PDG_PASAR"
