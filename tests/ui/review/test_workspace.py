"""Ruang pemeriksaan (UI.md §3.8) driven like a supervisor, against the real server on loopback."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core import formatting
from sync.errors import RequestRejected
from tests.ui.review.support import ReviewWorld, settle
from ui.errors import user_message

pytestmark = pytest.mark.gui


def _shown(qtbot, ws, name: str) -> None:
    qtbot.waitUntil(
        lambda: ws.detail is not None and ws.detail.record.payload.get("full_name") == name,
        timeout=10_000,
    )
    settle(qtbot)


def _says(qtbot, panel, text: str) -> None:
    """The decision buttons' shortcuts click after Qt's short press animation."""
    qtbot.waitUntil(lambda: panel.message_label.text() == text, timeout=5_000)


def _state_of(ws, name: str) -> str | None:
    return next(r.review_state for r in ws.record_model.rows if r.full_name == name)


def test_queue_lists_batches_and_opens_the_first_waiting_record(qtbot, world, make_workspace):
    world.capture("a", 3, full_name="BUDI")
    world.capture("b", 2, full_name="SITI")
    world.sync("a")
    world.sync("b")
    ws = make_workspace(world)
    assert ws.filter_bar.title_label.text().endswith("(daring)")
    model = ws.batch_model
    assert model.rowCount() == 2
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Kegiatan",
        "Petugas",
        "Terima",
        "Tunggu",
        "Tanda",
    ]
    received = sorted(model.index(r, model.TERIMA).data() for r in range(2))
    assert received == ["2", "3"]
    assert sorted(model.index(r, model.TUNGGU).data() for r in range(2)) == ["2", "3"]
    day = formatting.date_medium(model.day(model.rows[0]))
    assert model.index(0, 0).data() == f"Di luar kegiatan · {day}"
    assert {model.index(r, model.PETUGAS).data() for r in range(2)} == {"Agen A", "Agen B"}
    assert ws.queue_state.isHidden()
    first = ws.record_model.rows[0]
    _shown(qtbot, ws, first.full_name)
    assert ws.record_model.index(0, 0).data() == "Terkirim"
    assert ws.pane.checks_label.text() == "✓ Pemeriksaan server tidak menemukan masalah."
    identity = ws.pane.tables["identity"]
    assert identity.value_of("nik") == first.nik
    assert identity.value_of("sex") == "Laki-laki (L)"
    assert ws.pane.tables["address"].value_of("village_code").startswith(world.village)
    assert [ws.pane.tabs.tabText(i) for i in range(ws.pane.tabs.count())] == [
        "Identitas",
        "Alamat",
        "Pekerjaan",
        "Program",
        "Ahli Waris",
        "Persetujuan",
        "Catatan",
        "Riwayat",
    ]
    assert ws.decision_panel.approve_button.isEnabled()
    history = ws.pane.history.lines()
    assert history[0] == "Revisi" and "Belum ada keputusan." in history
    assert any("dikirim agen" in line for line in history)  # the audit trail


def test_keyboard_walks_the_list_and_decides(qtbot, world, make_workspace):
    world.capture("a", 3)
    world.sync("a")
    ws = make_workspace(world)
    names = [r.full_name for r in ws.record_model.rows]
    _shown(qtbot, ws, names[0])
    ws.record_view.setFocus()
    with qtbot.waitSignal(ws.record_shown, timeout=10_000):
        qtbot.keyClick(ws.record_view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    _shown(qtbot, ws, names[1])
    ws.decision_panel.note_edit.setFocus()  # Ctrl+↑ works from the note too
    with qtbot.waitSignal(ws.record_shown, timeout=10_000):
        qtbot.keyClick(
            ws.decision_panel.note_edit, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier
        )
    _shown(qtbot, ws, names[0])
    with qtbot.waitSignal(ws.decided, timeout=10_000) as decided:
        qtbot.keyClick(ws.decision_panel.note_edit, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert decided.args[0].outcome == "approve"
    assert ws.toast.isVisible() and ws.toast.label.text() == f"Disetujui: {names[0]}."
    assert _state_of(ws, names[0]) == "approved"
    _shown(qtbot, ws, names[1])  # the next waiting record opened by itself
    client = world.client()
    assert client.record(ws.record_model.rows[0].id).record.review_state == "approved"


def test_return_needs_a_note_and_sends_field_notes(qtbot, world, make_workspace):
    (pid,) = world.capture("a", 1, full_name="ANI")
    world.sync("a")
    ws = make_workspace(world)
    _shown(qtbot, ws, "ANI")
    panel = ws.decision_panel
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    _says(qtbot, panel, "Tulis catatan: wajib kecuali menyetujui.")
    assert panel.note_edit.hasFocus()
    # a field note on "Nama ibu kandung": choose the row, Ctrl+M, type, Enter
    table = ws.pane.tables["identity"]
    table.setFocus()
    table.setCurrentCell(table.row_of("mother_maiden_name"), 1)
    qtbot.keyClick(table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: table.state() == table.State.EditingState, timeout=5_000)
    focused = QApplication.focusWidget()  # the cell editor of the note column
    qtbot.keyClicks(focused, "Cek KTP/KK")
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    # the delegate commits the editor's text on a queued call
    qtbot.waitUntil(lambda: ws.pane.notes() == {"mother_maiden_name": "Cek KTP/KK"}, timeout=5_000)
    assert panel.field_notes_label.text() == "Catatan bidang: 1 (Nama ibu kandung)"
    # approving with a field note is refused on the screen
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    _says(qtbot, panel, "Catatan bidang hanya untuk pengembalian. Hapus, atau kembalikan data ini.")
    qtbot.keyClicks(panel.note_edit, "Nama ibu kandung tidak jelas.")
    with qtbot.waitSignal(ws.decided, timeout=10_000) as decided:
        qtbot.keyClick(panel.note_edit, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    out = decided.args[0]
    assert out.outcome == "return" and out.note == "Nama ibu kandung tidak jelas."
    assert out.field_notes == {"mother_maiden_name": "Cek KTP/KK"}
    assert _state_of(ws, "ANI") == "returned"
    assert panel.note() == "" and ws.drafts.get(pid) is None
    stored = world.client().record(pid)
    assert stored.decisions[0].field_notes == {"mother_maiden_name": "Cek KTP/KK"}


def test_reject_needs_a_reason_and_undo_brings_the_record_back(qtbot, world, make_workspace):
    (pid,) = world.capture("a", 1, full_name="DEDI")
    world.sync("a")
    ws = make_workspace(world)
    _shown(qtbot, ws, "DEDI")
    panel = ws.decision_panel
    qtbot.keyClicks(panel.note_edit, "Sudah terdaftar di kantor cabang.")
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    _says(qtbot, panel, "Pilih alasan penolakan.")
    assert panel.reason_combo.hasFocus()
    panel.reason_combo.setCurrentIndex(panel.reason_combo.findData("ALREADY_MEMBER"))
    with qtbot.waitSignal(ws.decided, timeout=10_000) as decided:
        qtbot.keyClick(panel.note_edit, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert decided.args[0].reason_code == "ALREADY_MEMBER"
    assert _state_of(ws, "DEDI") == "rejected"
    assert ws.toast.label.text() == "Ditolak: DEDI." and ws.toast.undo_button.isVisible()
    assert ws.toast.remaining_ms > 100_000
    with qtbot.waitSignal(ws.undone, timeout=10_000):
        qtbot.mouseClick(ws.toast.undo_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert ws.toast.label.text() == "Keputusan diurungkan."
    assert _state_of(ws, "DEDI") == "received"
    qtbot.waitUntil(lambda: ws.detail.record.review_state == "received", timeout=10_000)
    assert world.client().record(pid).record.review_state == "received"
    assert any("diurungkan" in line for line in ws.pane.history.lines())


def test_bulk_approve_takes_only_clean_selected_records(qtbot, world, make_workspace):
    world.capture("a", 4)
    world.sync("a")
    dup_nik = world.payload()["nik"]
    world.capture("a", 1, nik=dup_nik, full_name="KEMBAR SATU")
    world.capture("b", 1, nik=dup_nik, full_name="KEMBAR DUA")
    world.sync("a")
    world.sync("b")
    ws = make_workspace(world)
    batch_row = next(
        i for i, b in enumerate(ws.batch_model.rows) if b.total == 5
    )  # agent a's batch
    ws._select(ws.batch_view, batch_row)
    qtbot.waitUntil(lambda: ws.record_model.rowCount() == 5, timeout=10_000)
    settle(qtbot)
    ws.record_view.selectAll()
    assert ws.bulk_button.text() == "Setujui yang d&ipilih (4)"
    with qtbot.waitSignal(ws.records_loaded, timeout=10_000):
        ws.load_queue(quiet=True)  # the minute's refresh keeps the selection
    assert ws.bulk_button.text() == "Setujui yang d&ipilih (4)"
    ws.bulk_button.click()
    box = ws.active_dialog
    assert (
        box.text() == "Setujui 4 data? 1 dilewati: bertanda, ada kesalahan, atau sudah diputuskan."
    )
    approve = next(b for b in box.buttons() if b.text() == "Setujui")
    approve.click()
    qtbot.waitUntil(lambda: ws.toast.label.text() == "4 data disetujui.", timeout=10_000)
    settle(qtbot)
    states = {r.full_name: r.review_state for r in ws.record_model.rows}
    assert states.pop("KEMBAR SATU") == "received"
    assert set(states.values()) == {"approved"}
    batch = ws.batch_model.rows[ws.batch_model.find(ws._batch_key)]
    qtbot.waitUntil(
        lambda: ws.batch_model.rows[ws.batch_model.find(ws._batch_key)].pending == 1,
        timeout=10_000,
    )
    del batch


def test_compare_marks_differences_and_clears_a_false_duplicate(
    qtbot, world, make_workspace, review_server, tmp_path
):
    nik = world.payload()["nik"]
    world.capture("a", 1, nik=nik, full_name="RINA", mother_maiden_name="SUMIATI")
    world.capture("b", 1, nik=nik, full_name="RINA", mother_maiden_name="KASMINAH")
    world.sync("a")
    world.sync("b")
    other = ReviewWorld(review_server, tmp_path / "other")
    (tmp_path / "other").mkdir()
    try:
        other.capture("c", 1, nik=nik, full_name="RAHASIA", village_code=other.village)
        other.sync("c")
        ws = make_workspace(world)
        _shown(qtbot, ws, "RINA")
        assert ws.record_model.index(0, ws.record_model.TANDA).data() == "duplikat"
        assert ws.pane.banners.banner("duplicate") is not None
        qtbot.keyClick(ws.record_view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        dialog = ws.active_dialog
        assert dialog.windowTitle() == "Bandingkan: kemungkinan duplikat"
        differing = set(dialog.differing_fields())
        assert {"mother_maiden_name", "mobile", "address_line"} <= differing
        assert not differing & {"nik", "full_name", "birth_date", "village_code"}
        nik_row = next(
            r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 1).text() == "NIK"
        )
        assert dialog.table.item(nik_row, 0).text() == "="
        assert dialog.table.item(nik_row, 0).toolTip() == "cocok: NIK"
        hidden = dialog.hidden_label.text()
        assert hidden == f"Di luar wilayah Anda: {other.village} · Terkirim · cocok: NIK"
        assert "RAHASIA" not in hidden
        table_text = {
            dialog.table.item(r, c).text() for r in range(dialog.table.rowCount()) for c in range(4)
        }
        assert "RAHASIA" not in table_text and "KASMINAH" in table_text
        with qtbot.waitSignal(dialog.finished, timeout=10_000):
            dialog.not_duplicate_button.click()
        settle(qtbot)
        assert ws.toast.label.text() == "Ditandai bukan duplikat."
        qtbot.waitUntil(
            lambda: ws.detail is not None and ws.detail.unresolved_duplicates < 2, timeout=10_000
        )
    finally:
        other.close()


def test_a_newer_revision_reloads_instead_of_deciding_blind(qtbot, world, make_workspace):
    from models.services import prospects

    (pid,) = world.capture("a", 1, full_name="EKO")
    world.sync("a")
    ws = make_workspace(world)
    _shown(qtbot, ws, "EKO")
    agent = world.agent("a")
    snap = prospects.load(agent.db, prospect_id=pid)
    prospects.save(
        agent.db,
        prospect_id=pid,
        payload={**snap.payload, "address_line": "JL. BARU 7"},
        submit=True,
        agent=agent.context,
        today=snap.created_at.date(),
    )
    world.sync("a")  # revision 2 reaches the server while rev 1 is on screen
    qtbot.keyClicks(ws.decision_panel.note_edit, "Alamat?")
    with qtbot.waitSignal(ws.record_shown, timeout=10_000):
        qtbot.keyClick(ws.decision_panel.note_edit, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    settle(qtbot)
    assert ws.detail.record.revision == 2
    assert ws.pane.tables["address"].value_of("address_line") == "JL. BARU 7"
    assert ws.decision_panel.message_label.text() == user_message(
        RequestRejected("stale-revision", status=409)
    )
    assert ws.pane.banners.banner("newer").text() == (
        "Versi baru masuk (rev 2, sebelumnya rev 1); kini yang ditampilkan."
    )
    assert ws.decision_panel.note() == "Alamat?"
    assert _state_of(ws, "EKO") == "received"


def test_offline_disables_decisions_and_keeps_the_note(qtbot, world, make_workspace):
    world.capture("a", 2)
    world.sync("a")
    ws = make_workspace(world)
    first, second = (r.full_name for r in ws.record_model.rows)
    _shown(qtbot, ws, first)
    url = ws.session.client.base_url
    ws.session.client.base_url = "http://127.0.0.1:9"  # the network is gone
    qtbot.keyClicks(ws.decision_panel.note_edit, "Foto KTP buram.")
    with qtbot.waitSignal(ws.session.online_changed, timeout=10_000):
        qtbot.keyClick(ws.decision_panel.note_edit, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    settle(qtbot)
    panel = ws.decision_panel
    assert ws.filter_bar.title_label.text().endswith("(luring)")
    assert ws.offline_bar.isVisible()
    assert ws.offline_label.text().startswith("Pemeriksaan butuh koneksi.")
    assert not panel.approve_button.isEnabled() and not panel.return_button.isEnabled()
    assert not ws.bulk_button.isEnabled()
    assert panel.message_label.text() == (
        "Belum terkirim: pemeriksaan butuh koneksi. Catatan Anda tetap ada."
    )
    assert panel.note() == "Foto KTP buram."
    ws.session.client.base_url = url  # back
    with qtbot.waitSignal(ws.session.online_changed, timeout=10_000):
        ws.retry_button.click()
    assert panel.return_button.isEnabled() and not ws.offline_bar.isVisible()
    assert panel.note() == "Foto KTP buram."
    # the note stays with its record while another one is looked at
    ws.step(+1)
    _shown(qtbot, ws, second)
    assert panel.note() == ""
    ws.step(-1)
    _shown(qtbot, ws, first)
    assert panel.note() == "Foto KTP buram."


def test_an_expired_session_asks_again_and_keeps_the_note(qtbot, world, make_workspace):
    world.capture("a", 1, full_name="FITRI")
    world.sync("a")
    ws = make_workspace(world)
    _shown(qtbot, ws, "FITRI")
    qtbot.keyClicks(ws.decision_panel.note_edit, "NIK dobel?")
    ws.session.client.set_token("jks_" + "x" * 43)  # the server forgot us
    with qtbot.waitSignal(ws.reauth_needed, timeout=10_000):
        ws.refresh()
    settle(qtbot)
    assert ws.session.expired
    ws.session.resume(world.new_client())
    with qtbot.waitSignal(ws.record_shown, timeout=10_000):
        ws.resume()
    assert ws.decision_panel.note() == "NIK dobel?"
    assert ws.decision_panel.return_button.isEnabled()


def test_nothing_waiting_says_so(qtbot, world, make_workspace):
    ws = make_workspace(world)
    assert ws.queue_state.text() == "Tidak ada data yang menunggu."
    assert ws.pane.placeholder.text() == "Tidak ada data yang menunggu."
    assert not ws.decision_panel.approve_button.isEnabled()


def test_an_approved_record_can_be_reopened_before_export(qtbot, world, make_workspace):
    (pid,) = world.capture("a", 1, full_name="HADI")
    world.sync("a")
    ws = make_workspace(world)
    _shown(qtbot, ws, "HADI")
    panel = ws.decision_panel
    with qtbot.waitSignal(ws.decided, timeout=10_000):
        qtbot.keyClick(panel.note_edit, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: ws.detail.record.review_state == "approved", timeout=10_000)
    settle(qtbot)
    assert panel.return_button.text() == "Buka kembali untuk perbaikan"
    assert not panel.approve_button.isEnabled()
    qtbot.keyClicks(panel.note_edit, "Alamat belum lengkap.")
    with qtbot.waitSignal(ws.decided, timeout=10_000) as reopened:
        qtbot.keyClick(panel.note_edit, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert reopened.args[0].outcome == "reopen"
    assert _state_of(ws, "HADI") == "returned"
    assert world.client().record(pid).record.review_state == "returned"
