"""Ekspor (UI.md §3.8, §1.8; SYNC §4.10): progress on the network lane, *Batal*, no partial file."""

from __future__ import annotations

import csv
import io
import threading

import pytest
import uuid6

from PySide6.QtCore import QDate

from core import lanes
from sync.review_schemas import DecisionDraft
from tests.ui.review.support import TODAY, settle

pytestmark = pytest.mark.gui


def _approve(world, ids) -> None:
    client = world.client()
    drafts = [
        (rid, DecisionDraft(decision_id=uuid6.uuid7(), record_revision=1, outcome="approve"))
        for rid in ids
    ]
    assert all(r.ok for r in client.decide_bulk(drafts))


def test_export_writes_the_approved_records_with_progress(qtbot, world, make_workspace, tmp_path):
    ids = world.capture("a", 4)
    world.sync("a")
    _approve(world, ids[:3])
    ws = make_workspace(world, today=lambda: TODAY)
    ws.open_export()
    dialog = ws.active_dialog
    assert dialog.windowTitle() == "Ekspor pendaftaran yang disetujui"
    assert dialog.path_edit.text().endswith("jangkau-disetujui-semua-2026-03-12.xlsx")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    area = dialog.area_combo.findData(world.village)
    assert area > 0
    dialog.area_combo.setCurrentIndex(area)
    assert dialog.path_edit.text().endswith(
        f"jangkau-disetujui-{world.village.replace('.', '')}-2026-03-12.csv"
    )
    target = tmp_path / "ekspor.csv"
    dialog.path_edit.setText(str(target))
    steps: list[tuple[int, int, str]] = []
    dialog.start()
    dialog.job.progress.connect(lambda *a: steps.append(a))
    assert not dialog.export_button.isEnabled() and dialog.cancel_button.isVisible()
    qtbot.waitUntil(lambda: dialog.export_result is not None, timeout=20_000)
    assert dialog.status_label.text() == f"Selesai: 3 data yang disetujui disimpan di {target}."
    assert dialog.export_button.isEnabled() and not dialog.cancel_button.isVisible()
    assert steps and steps[-1] == (3, 3, "rows")
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert {r["record_id"] for r in rows} == {str(i) for i in ids[:3]}
    dialog.reject()


def test_cancel_stops_the_export_and_writes_nothing(qtbot, world, make_workspace, tmp_path):
    ids = world.capture("a", 1)
    world.sync("a")
    _approve(world, ids)
    ws = make_workspace(world, today=lambda: TODAY)
    ws.open_export()
    dialog = ws.active_dialog
    dialog.from_edit.setDate(QDate(2026, 3, 20))
    dialog.to_edit.setDate(QDate(2026, 3, 10))
    dialog.start()
    assert dialog.status_label.text() == "Tanggal awal sesudah tanggal akhir."
    assert dialog.job is None
    dialog.from_edit.setDate(dialog.from_edit.minimumDate())  # "tanpa batas"
    dialog.to_edit.setDate(dialog.to_edit.minimumDate())
    target = tmp_path / "batal.xlsx"
    dialog.path_edit.setText(str(target))
    gate = threading.Event()
    lanes.net().submit(gate.wait, 10)  # the network lane is busy with something else
    try:
        dialog.start()
        assert dialog.running
        dialog.reject()  # closing is refused while a download runs
        assert dialog.isVisible()
        dialog.cancel_button.click()
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=15_000)
    settle(qtbot)
    assert dialog.status_label.text() == "Ekspor dihentikan. Tidak ada berkas yang ditulis."
    assert not target.exists() and not (tmp_path / "batal.xlsx.part").exists()
    dialog.reject()
