"""The review round trip (UI.md §3.8, §7.10; SYNC_PROTOCOL.md §4.9, §5), end to end.

The real server runs on loopback; agents A and B have real encrypted stores, capture prospects
with the save service and sync with the real engine. One NIK is captured by both. A supervisor
signs in through the main window (setup wizard link → sign-in dialog → review workspace) and,
with keyboard and mouse in pytest-qt, approves some records, returns one with a field note,
rejects B's copy of the duplicate as DUPLICATE and bulk-approves a clean one. The agents sync and
find the decisions in their stores (A's editor shows the supervisor's note banner and the note
under the field). A corrects and re-sends; the supervisor sees the new revision linked to the old
one with the changed field marked and approves it. The export holds exactly the approved records.

``JANGKAU_WRITE_SCREENSHOTS=1`` also writes ``docs/img/ui/review.png`` and
``docs/img/ui/returned_record.png`` (otherwise they go to the test's temporary folder).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.settings import Settings
from models.keyfile import KdfParams
from models.services import prospects
from sync.review_schemas import ExportRequest
from tests.sync.harness import LiveServer
from tests.ui.review.support import (
    SERVER_PASSWORD,
    TODAY,
    ReviewWorld,
    build_catalogue,
    install_catalogue,
    settle,
)

pytestmark = [pytest.mark.gui, pytest.mark.slow, pytest.mark.timeout(240)]

ROOT = Path(__file__).resolve().parents[2]
DOCS_IMG = ROOT / "docs" / "img" / "ui"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("round_trip_server")).start()
    try:
        yield live
    finally:
        live.stop()


@pytest.fixture
def indonesian(qapp: Any, tmp_path: Path) -> Iterator[None]:
    from ui import theme, translations

    theme.apply_theme(qapp, high_contrast=False, touch_mode="off")
    translations.set_language("id")
    translator = install_catalogue(build_catalogue(tmp_path))
    yield
    QApplication.removeTranslator(translator)


def _shot(widget: Any, name: str, tmp_path: Path) -> Path:
    folder = DOCS_IMG if os.environ.get("JANGKAU_WRITE_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    assert widget.grab().save(str(target))
    return target


def _show(qtbot: Any, ws: Any, record_id: Any) -> None:
    row = ws.record_model.find(record_id)
    assert row >= 0, "record not in the list"
    ws._select(ws.record_view, row)
    qtbot.waitUntil(
        lambda: ws.detail is not None and ws.detail.record.id == record_id, timeout=15_000
    )
    settle(qtbot)


def _batch_of(qtbot: Any, ws: Any, username: str) -> None:
    row = next(i for i, b in enumerate(ws.batch_model.rows) if b.agent.username == username)
    ws._select(ws.batch_view, row)
    key = ws.batch_model.rows[row].key
    qtbot.waitUntil(
        lambda: (
            ws._batch_key == key
            and ws.record_model.rows
            and all(r.agent.username == username for r in ws.record_model.rows)
        ),
        timeout=15_000,
    )
    settle(qtbot)


def _press(qtbot: Any, ws: Any, key: Qt.Key) -> Any:
    """Alt+S/K/T from the note field; returns the decision the server accepted."""
    window = ws.window()
    if QApplication.activeWindow() is not window:  # a closed dialog leaves none active offscreen
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    seen: list[Any] = []
    ws.decided.connect(seen.append)
    qtbot.keyClick(ws.decision_panel.note_edit, key, Qt.KeyboardModifier.AltModifier)
    try:
        qtbot.waitUntil(lambda: bool(seen), timeout=15_000)
    except qtbot.TimeoutError as exc:
        detail = ws.detail
        raise AssertionError(
            f"no decision: {ws.decision_panel.message_label.text()!r}, "
            f"actions {detail.actions if detail else None}, flags "
            f"{detail.record.flags if detail else None}"
        ) from exc
    finally:
        ws.decided.disconnect(seen.append)
    settle(qtbot)
    return seen[0]


def test_review_round_trip(qtbot, server, indonesian, tmp_path):
    del indonesian
    world = ReviewWorld(server, tmp_path)
    try:
        _round_trip(qtbot, world, tmp_path)
    finally:
        world.close()


def _round_trip(qtbot: Any, world: ReviewWorld, tmp_path: Path) -> None:
    from ui.main_window import MainWindow

    # -- the field: A and B capture, one NIK twice --------------------------------------------
    shared_nik = world.payload()["nik"]
    a1, a2 = world.capture("a", 2)
    (a3,) = world.capture("a", 1, full_name="SRI LESTARI", mother_maiden_name="SUMIYATI")
    (a4,) = world.capture("a", 1, nik=shared_nik, full_name="WARSINI")
    (b1,) = world.capture("b", 1)
    (b2,) = world.capture("b", 1, nik=shared_nik, full_name="WARSINI")
    world.sync("a")
    world.sync("b")
    agent_a, agent_b = world.agent("a"), world.agent("b")

    # -- the supervisor signs in through the main window -------------------------------------
    window = MainWindow(
        Settings(language="id", server_url=world.server.url),
        argon2_params=KdfParams.fast(),
        today=lambda: TODAY,
        restore_geometry=False,
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    window.wizard.next()
    window.wizard.profile_page.supervisor_radio.setChecked(True)
    qtbot.mouseClick(window.wizard.profile_page.supervisor_button, Qt.MouseButton.LeftButton)
    dialog = window.supervisor.dialog
    dialog.username_edit.setText(world.supervisor)
    qtbot.keyClicks(dialog.password_edit, SERVER_PASSWORD)
    with qtbot.waitSignal(window.supervisor.started, timeout=15_000) as started:
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    ws = started.args[0]
    qtbot.waitUntil(
        lambda: ws.batch_model.rowCount() == 2 and ws.detail is not None, timeout=15_000
    )
    settle(qtbot)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    waiting = {b.agent.username: b.pending for b in ws.batch_model.rows}
    assert waiting == {agent_a.username: 4, agent_b.username: 2}

    # -- A's batch: approve two with Alt+S, return one with a field note ----------------------
    _batch_of(qtbot, ws, agent_a.username)
    flagged = {r.id for r in ws.record_model.rows if "possible_duplicate" in r.flags}
    assert flagged == {a4}
    for record_id in (a1, a2):
        _show(qtbot, ws, record_id)
        assert _press(qtbot, ws, Qt.Key.Key_S).outcome == "approve"
    _show(qtbot, ws, a3)
    identity = ws.pane.tables["identity"]
    identity.setFocus()
    identity.setCurrentCell(identity.row_of("mother_maiden_name"), 1)
    qtbot.keyClick(identity, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: identity.state() == identity.State.EditingState, timeout=5_000)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Tulis sesuai KK")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: ws.pane.notes() == {"mother_maiden_name": "Tulis sesuai KK"}, timeout=5_000
    )
    qtbot.keyClicks(ws.decision_panel.note_edit, "Nama ibu kandung tidak sesuai KK.")
    ws.decision_panel.reason_combo.setCurrentIndex(
        ws.decision_panel.reason_combo.findData("DATA_INVALID")
    )
    _shot(window, "review.png", tmp_path)
    returned = _press(qtbot, ws, Qt.Key.Key_K)
    assert returned.outcome == "return"
    assert returned.field_notes == {"mother_maiden_name": "Tulis sesuai KK"}

    # -- B's copy of the duplicate: compare, reject as DUPLICATE; bulk-approve B's clean one --
    _batch_of(qtbot, ws, agent_b.username)
    _show(qtbot, ws, b2)
    qtbot.keyClick(ws.record_view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    compare = ws.active_dialog
    assert compare.current_candidate().id == a4
    assert {"mobile", "address_line"} <= set(compare.differing_fields())
    assert "nik" not in compare.differing_fields()
    with qtbot.waitSignal(ws.decided, timeout=15_000) as rejected:
        qtbot.mouseClick(compare.reject_button, Qt.MouseButton.LeftButton)
    assert rejected.args[0].outcome == "reject" and rejected.args[0].reason_code == "DUPLICATE"
    settle(qtbot)
    ws._select(ws.record_view, ws.record_model.find(b1))
    ws.record_view.selectAll()
    qtbot.waitUntil(lambda: ws.bulk_button.isEnabled(), timeout=5_000)
    ws.bulk_button.click()
    box = ws.active_dialog
    next(b for b in box.buttons() if b.text() == "Setujui").click()
    qtbot.waitUntil(lambda: ws.toast.label.text() == "1 data disetujui.", timeout=15_000)
    settle(qtbot)

    # -- A's copy is no longer a duplicate once B's was rejected: approve it -------------------
    _batch_of(qtbot, ws, agent_a.username)
    _show(qtbot, ws, a4)
    if ws.detail.unresolved_duplicates:
        qtbot.keyClick(ws.record_view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        with qtbot.waitSignal(ws.active_dialog.finished, timeout=15_000):
            ws.active_dialog.not_duplicate_button.click()
        qtbot.waitUntil(lambda: ws.detail.unresolved_duplicates == 0, timeout=15_000)
        settle(qtbot)
    assert _press(qtbot, ws, Qt.Key.Key_S).outcome == "approve"

    # -- the agents sync and see the decisions ------------------------------------------------
    world.sync("a")
    world.sync("b")
    badges = {pid: prospects.load(agent_a.db, prospect_id=pid).badge for pid in (a1, a2, a3, a4)}
    assert badges == {a1: "approved", a2: "approved", a3: "returned", a4: "approved"}
    assert prospects.load(agent_b.db, prospect_id=b1).badge == "approved"
    rejected_b2 = prospects.load(agent_b.db, prospect_id=b2)
    assert rejected_b2.badge == "rejected"
    assert rejected_b2.latest_decision.reason_code == "DUPLICATE"
    back = prospects.load(agent_a.db, prospect_id=a3)
    assert back.latest_decision.note == "Nama ibu kandung tidak sesuai KK."
    assert back.latest_decision.field_notes == {"mother_maiden_name": "Tulis sesuai KK"}
    _agent_editor_shows_the_return(qtbot, world, a3, tmp_path)

    # -- A corrects and re-sends; the supervisor sees rev 2 against rev 1 and approves --------
    prospects.save(
        agent_a.db,
        prospect_id=a3,
        payload={**back.payload, "mother_maiden_name": "SUMIYATI BINTI KARTO"},
        submit=True,
        agent=agent_a.context,
        today=TODAY,
    )
    world.sync("a")
    assert prospects.load(agent_a.db, prospect_id=a3).badge in ("received", "resent")
    ws.refresh()
    qtbot.waitUntil(
        lambda: any(r.id == a3 and r.revision == 2 for r in ws.record_model.rows),
        timeout=15_000,
    )
    _show(qtbot, ws, a3)
    qtbot.waitUntil(lambda: ws.detail.record.revision == 2, timeout=15_000)
    assert ws.detail.judged_revision == 1
    assert [c.field for c in ws.detail.changes_since_judged] == ["mother_maiden_name"]
    assert ws.pane.banners.banner("changes").text() == (
        "Diperbaiki sesudah rev 1: 1 bidang berubah (Nama ibu kandung)."
    )
    label = ws.pane.tables["identity"].label_of("mother_maiden_name")
    assert label == "\u2260 Nama ibu kandung"
    row = ws.pane.tables["identity"].row_of("mother_maiden_name")
    assert ws.pane.tables["identity"].item(row, 0).toolTip() == "Sebelumnya: SUMIYATI"
    history = ws.pane.history.lines()
    assert any(line.endswith("perbaikan dari rev 1") for line in history)
    assert any("Dikembalikan untuk perbaikan · rev 1" in line for line in history)
    assert any("terkirim ke agen" in line for line in history)
    assert _press(qtbot, ws, Qt.Key.Key_S).outcome == "approve"
    world.sync("a")
    assert prospects.load(agent_a.db, prospect_id=a3).badge == "approved"

    # -- the export holds exactly the approved records ----------------------------------------
    approved = {a1, a2, a3, a4, b1}
    ws.open_export()
    export = ws.active_dialog
    export.format_combo.setCurrentIndex(export.format_combo.findData("csv"))
    target = tmp_path / "disetujui.csv"
    export.path_edit.setText(str(target))
    qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: export.export_result is not None, timeout=30_000)
    assert export.status_label.text() == (f"Selesai: 5 data yang disetujui disimpan di {target}.")
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert {r["record_id"] for r in rows} == {str(i) for i in approved}
    assert {r["revision"] for r in rows if r["record_id"] == str(a3)} == {"2"}
    export.reject()
    client = world.client()
    xlsx = tmp_path / "disetujui.xlsx"
    client.export(ExportRequest(fmt="xlsx", area=world.village), xlsx)
    book = openpyxl.load_workbook(xlsx, read_only=True)
    assert book.sheetnames[0] == "Ringkasan"
    records = list(book.worksheets[1].iter_rows(values_only=True))
    assert {str(r[0]) for r in records[1:]} == {str(i) for i in approved}
    window.supervisor.end()
    settle(qtbot)


def _agent_editor_shows_the_return(qtbot: Any, world: ReviewWorld, pid: Any, tmp: Path) -> None:
    """A's editor on the returned record: the note banner and the note under the field."""
    from ui.app_context import AppContext
    from ui.screens.editor import ProspectEditor

    agent = world.agent("a")
    context = AppContext(
        db=agent.db,
        settings=Settings(),
        agent=dataclasses.replace(agent.context, area_code=world.village),
        today=lambda: TODAY,
        profile_dir=tmp,
    )
    editor = ProspectEditor(context)
    qtbot.addWidget(editor)
    editor.resize(1366, 768)
    editor.show()
    editor.load_existing(pid)
    qtbot.waitUntil(lambda: editor.banners.banner("returned") is not None, timeout=15_000)
    settle(qtbot)
    banner = editor.banners.banner("returned").text()
    assert banner.endswith(": Nama ibu kandung tidak sesuai KK.")
    identity = editor.identity
    note = identity.rows["mother_maiden_name"].note
    assert note is not None and note.isVisibleTo(editor) and "Tulis sesuai KK" in note.text()
    _shot(editor, "returned_record.png", tmp)
    editor.close()
