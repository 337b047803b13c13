"""The prospect list (UI.md §3.3): lazy pages, search, filters, sort, states, delete/withdraw."""

from __future__ import annotations

import time

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from core import lanes
from models.repositories import search
from models.repositories.search import ProspectFilters
from models.rules.nik import mask_nik
from tests.ui.conftest import PASSWORD, SEEDED_COUNT, TODAY, wait_for_tasks
from ui.table_models.prospects import COLUMNS, FIRST_PAGE, PAGE_SIZE

pytestmark = pytest.mark.gui


def _rows(window):
    model = window.list_view.model
    return [model.row_at(i) for i in range(model.rowCount())]


def _search(qtbot, window, text: str) -> None:
    view = window.list_view
    view.search_edit.clear()
    qtbot.keyClicks(view.search_edit, text)
    model = view.model
    qtbot.waitUntil(lambda: model.query.text == text.strip() and not model.loading, timeout=5_000)
    wait_for_tasks(qtbot)


def _some_row(window):
    with window.context.db.read_scope() as session:
        rows = search.page(session, limit=50, sort="name_asc")
    return next(r for r in rows if r.mobile and r.village_name)


def test_first_page_is_lazy_and_scrolling_fetches_the_rest(qtbot, unlocked_window):
    view = unlocked_window.list_view
    model = view.model
    assert model.rowCount() == FIRST_PAGE  # what fills the screen, fast
    assert model.total == SEEDED_COUNT  # counted once, shown in the status bar
    assert model.canFetchMore()
    assert PAGE_SIZE + FIRST_PAGE > SEEDED_COUNT  # so one scroll loads the rest
    assert unlocked_window.status.texts()["total"] == f"{SEEDED_COUNT} prospek"
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == SEEDED_COUNT, timeout=5_000)
    assert not model.canFetchMore()
    ids = [r.id for r in _rows(unlocked_window)]
    assert len(set(ids)) == SEEDED_COUNT
    updated = [r.updated_at for r in _rows(unlocked_window)]
    assert updated == sorted(updated, reverse=True)


def test_table_shows_badge_masked_nik_and_rupiah(unlocked_window):
    model = unlocked_window.list_view.model
    row = model.row_at(0)
    nik = model.index(0, COLUMNS.index("nik")).data()
    assert nik == mask_nik(row.nik) and "******" in nik and row.nik not in nik
    status = model.index(0, COLUMNS.index("status"))
    assert status.data() in ("Draf", "Menunggu kirim")
    assert not status.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert status.data(Qt.ItemDataRole.ToolTipRole)
    money = model.index(0, COLUMNS.index("contribution")).data()
    assert money.startswith("Rp") and "," not in money
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(COLUMNS))]
    assert headers == [
        "Status",
        "Nama",
        "NIK",
        "Desa/Kelurahan",
        "Pekerjaan",
        "Iuran/bulan",
        "Diubah",
    ]


@pytest.mark.parametrize("what", ["name", "nik", "mobile", "village"])
def test_search_finds_by_name_nik_mobile_and_village(qtbot, unlocked_window, what):
    target = _some_row(unlocked_window)
    text = {
        "name": target.full_name,
        "nik": target.nik,
        "mobile": "0" + target.mobile[3:],  # typed the way people write it: 08…
        "village": target.village_name,
    }[what]
    _search(qtbot, unlocked_window, text)
    found = _rows(unlocked_window)
    assert target.id in [r.id for r in found]
    for row in found:
        haystack = " ".join(
            [row.full_name, row.nik, row.village_name or "", "0" + (row.mobile or "")[3:]]
        ).casefold()
        assert all(term.casefold() in haystack for term in text.split())
    if what in ("nik", "mobile"):
        assert len(found) == 1


def test_search_waits_for_the_typing_to_pause(qtbot, unlocked_window):
    view = unlocked_window.list_view
    before = view.model.query
    qtbot.keyClicks(view.search_edit, "WAH")
    assert view.model.query == before  # 150 ms debounce: nothing queried yet
    qtbot.waitUntil(lambda: view.model.query.text == "WAH", timeout=5_000)


def test_no_match_state_and_escape_clears_the_search(qtbot, unlocked_window):
    view = unlocked_window.list_view
    _search(qtbot, unlocked_window, "ZZQXJ")
    qtbot.waitUntil(lambda: view.state_text == "Tidak ada yang cocok.", timeout=5_000)
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.model.rowCount() == FIRST_PAGE, timeout=5_000)
    assert view.search_edit.text() == ""
    assert view.state_text == ""


def test_ctrl_f_focuses_the_search(qtbot, unlocked_window):
    view = unlocked_window.list_view
    view.table.setFocus()
    qtbot.keyClick(unlocked_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search_edit.hasFocus()
    assert view.search_edit.placeholderText() == "Cari nama, NIK atau nomor HP…"


def test_filters_by_status_village_and_occupation(qtbot, unlocked_window):
    view = unlocked_window.list_view
    model = view.model
    with unlocked_window.context.db.read_scope() as session:
        drafts = search.count(session, filters=ProspectFilters(badge="draft"))
    view.status_combo.setCurrentIndex(view.status_combo.findData("draft"))
    qtbot.waitUntil(lambda: model.total == drafts and not model.loading, timeout=5_000)
    assert {r.badge for r in _rows(unlocked_window)} == {"draft"}
    assert unlocked_window.status.texts()["total"] == f"{SEEDED_COUNT} prospek"  # status bar: all

    target = _rows(unlocked_window)[0]
    view.village_combo.setCurrentIndex(view.village_combo.findData(target.village_code))
    qtbot.waitUntil(lambda: model.query.filters.village_code == target.village_code, timeout=5_000)
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() > 0, timeout=5_000)
    assert {(r.badge, r.village_code) for r in _rows(unlocked_window)} == {
        ("draft", target.village_code)
    }
    view.occupation_combo.setCurrentIndex(view.occupation_combo.findData(target.occupation_1))
    qtbot.waitUntil(lambda: model.query.filters.occupation == target.occupation_1, timeout=5_000)
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() > 0, timeout=5_000)
    assert target.id in [r.id for r in _rows(unlocked_window)]
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.total == SEEDED_COUNT, timeout=5_000)


def test_follow_up_filter_uses_the_injected_today(qtbot, unlocked_window):
    view = unlocked_window.list_view
    view.follow_up_check.setChecked(True)
    model = view.model
    qtbot.waitUntil(lambda: model.query.filters.follow_up_due and not model.loading, timeout=5_000)
    assert model.query.filters.today == TODAY
    for row in _rows(unlocked_window):
        assert row.next_follow_up is not None and row.next_follow_up <= TODAY


def test_sort_by_name_from_the_header(qtbot, unlocked_window):
    view = unlocked_window.list_view
    model = view.model
    header = view.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.viewport().rect().topLeft()
        + type(header.viewport().rect().topLeft())(header.sectionViewportPosition(1) + 10, 5),
    )
    qtbot.waitUntil(
        lambda: model.query.sort.startswith("name") and not model.loading, timeout=5_000
    )
    names = [r.full_name for r in _rows(unlocked_window)]
    assert names == sorted(names) or names == sorted(names, reverse=True)


def test_enter_opens_the_selected_prospect_in_the_editor(qtbot, unlocked_window):
    view = unlocked_window.list_view
    view.table.setFocus()
    view.table.selectRow(3)
    row = view.selected_row()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    editor = unlocked_window.editor
    assert unlocked_window.views.currentWidget() is editor
    qtbot.waitUntil(lambda: editor.isEnabled() and editor.prospect_id == row.id, timeout=10_000)
    qtbot.waitUntil(lambda: editor.name_edit.text() == row.full_name, timeout=10_000)


def _select_and_show(qtbot, view, index: int):
    """Select row ``index`` and wait until the side panel shows that prospect."""
    view.table.selectRow(index)
    row = view.selected_row()
    panel = view.side_panel
    qtbot.waitUntil(
        lambda: panel.snapshot is not None and panel.snapshot.id == row.id, timeout=5_000
    )
    return row, panel


def test_side_panel_shows_the_selected_prospect(qtbot, unlocked_window):
    view = unlocked_window.list_view
    row, panel = _select_and_show(qtbot, view, 5)
    assert panel.name_label.text() == row.full_name
    assert panel.detail_values["nik"].text() == mask_nik(row.nik)
    assert panel.print_button.isEnabled() and panel.print_button.toolTip()


def test_searching_keeps_the_shown_record_without_reading_it_again(qtbot, unlocked_window):
    """A search that keeps the selected prospect selects it again; the side panel keeps what it
    shows (no DB read per keystroke), and reads it again when the record changes."""
    view = unlocked_window.list_view
    row, panel = _select_and_show(qtbot, view, 5)
    shown = panel.snapshot
    loads: list[object] = []
    original = panel._load
    panel._debounce.timeout.disconnect(original)
    panel._debounce.timeout.connect(lambda: (loads.append(panel._wanted), original()))
    view.table.setFocus()
    view.search_edit.setText(row.full_name)
    view.apply_query()
    qtbot.waitUntil(lambda: not view.model.loading and view.model.query.text == row.full_name)
    qtbot.waitUntil(lambda: view.selected_row() is not None and view.selected_row().id == row.id)
    wait_for_tasks(qtbot)
    qtbot.wait(150)  # longer than the panel's debounce
    assert loads == []
    assert panel.snapshot is shown
    view.reload_rows([row.id])  # the record changed (a save or a pulled sync page)
    qtbot.waitUntil(lambda: loads == [row.id] and panel.snapshot is not shown, timeout=5_000)
    assert panel.snapshot.id == row.id


def _answer(qtbot, window, button_text: str) -> None:
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, QMessageBox), timeout=5_000)
    box = window.active_dialog
    button = next(b for b in box.buttons() if b.text() == button_text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_delete_key_deletes_a_draft_after_confirmation(qtbot, unlocked_window):
    view = unlocked_window.list_view
    view.status_combo.setCurrentIndex(view.status_combo.findData("draft"))
    model = view.model
    qtbot.waitUntil(
        lambda: model.query.filters.badge == "draft" and model.total is not None, timeout=5_000
    )
    total = model.total
    view.table.setFocus()
    view.table.selectRow(0)
    row = view.selected_row()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert "belum pernah dikirim" in unlocked_window.active_dialog.text()
    _answer(qtbot, unlocked_window, "Batal")
    wait_for_tasks(qtbot)
    assert model.row_of(row.id) >= 0
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    _answer(qtbot, unlocked_window, "&Hapus draf")
    qtbot.waitUntil(lambda: model.row_of(row.id) < 0 and model.total == total - 1, timeout=5_000)
    with unlocked_window.context.db.read_scope() as session:
        assert search.count(session, filters=ProspectFilters(badge="draft")) == total - 1


def test_delete_key_on_a_sent_prospect_offers_withdrawal(qtbot, unlocked_window):
    view = unlocked_window.list_view
    view.status_combo.setCurrentIndex(view.status_combo.findData("queued"))
    model = view.model
    qtbot.waitUntil(
        lambda: model.query.filters.badge == "queued" and not model.loading, timeout=5_000
    )
    view.table.setFocus()
    view.table.selectRow(0)
    row = view.selected_row()
    assert row.revision > 0
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert "Batalkan pendaftaran" in unlocked_window.active_dialog.text()
    _answer(qtbot, unlocked_window, "&Batalkan pendaftaran")
    qtbot.waitUntil(lambda: model.row_of(row.id) < 0, timeout=5_000)
    with unlocked_window.context.db.read_scope() as session:
        withdrawn = search.page(session, filters=ProspectFilters(badge="withdrawn"))
    assert row.id in [r.id for r in withdrawn]


def test_the_history_button_shows_the_record_history(qtbot, unlocked_window):
    row, panel = _select_and_show(qtbot, unlocked_window.list_view, 3)
    qtbot.mouseClick(panel.history_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(unlocked_window.active_dialog, QMessageBox), timeout=5_000)
    box = unlocked_window.active_dialog
    assert box.windowTitle() == f"Riwayat {row.full_name}"
    assert box.text().startswith("Dibuat: ")
    assert f"Revisi di laptop ini: {row.revision}" in box.text()
    box.accept()
    qtbot.waitUntil(lambda: unlocked_window.active_dialog is None, timeout=5_000)


def test_empty_store_says_how_to_start(qtbot, make_main_window, empty_profile):
    from tests.ui.conftest import unlock

    window = make_main_window()
    unlock(qtbot, window, empty_profile)
    view = window.list_view
    qtbot.waitUntil(
        lambda: view.state_text == "Belum ada prospek. Tekan Prospek baru.", timeout=5_000
    )
    assert view.new_button.isVisibleTo(view)
    assert window.status.texts()["total"] == "0 prospek"


def test_the_first_page_comes_before_the_rest_of_the_session(
    qtbot, make_main_window, seeded_profile
):
    """The password is checked and the first page read without the ORM: the list is on screen
    while the session (store, sync, counts, outreach) is still opening, its actions off; then
    the session completes around the same rows, without loading them again."""
    window = make_main_window()
    seen: dict[str, object] = {}
    resets: list[int] = []

    def opening(_opening: object) -> None:
        view = window.list_view
        seen["rows"] = view.model.rowCount() if view is not None else None
        seen["shown"] = view is not None and window.views.currentWidget() is view
        seen["session"] = window.session
        seen["editor"] = window.editor
        texts = window.status.texts()  # not read yet: "…", not a false 0 or "Belum terdaftar"
        seen["status"] = (texts["state"], texts["unsent"], texts["corrections"])
        window.act_new.trigger()  # Ctrl+N while the session opens: kept, not lost
        seen["outreach"] = window.coverage.outreach_view
        if view is not None:
            seen["first_id"] = view.model.row_at(0).id
            view.model.modelReset.connect(lambda: resets.append(1))
        # A slow opening (a cold laptop imports the ORM for ~0.3 s): the side panel asks for
        # its store while the session is still opening, and gets it on the DB lane.
        lanes.db().submit(time.sleep, 0.4)

    window.unlock_screen.opening.connect(opening)
    screen = window.unlock_screen
    screen.profile_combo.setCurrentIndex(screen.profile_combo.findData(seeded_profile.slug))
    screen.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(window.session_started, timeout=10_000):
        screen.try_unlock()
    first_id = seen.pop("first_id", None)
    assert seen == {
        "rows": min(SEEDED_COUNT, 64),
        "shown": True,
        "session": None,
        "editor": None,
        "status": ("…", "Belum terkirim …", "Perlu perbaikan …"),
        "outreach": None,
    }
    assert window.session is not None
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.editor, timeout=10_000)
    assert QApplication.overrideCursor() is None  # the busy cursor of the opening is gone
    qtbot.waitUntil(lambda: window.sync.counts.get("total") == SEEDED_COUNT, timeout=10_000)
    assert window.coverage.outreach_view is not None
    qtbot.waitUntil(lambda: window.status.texts()["state"] == "Belum terdaftar", timeout=10_000)
    assert "…" not in window.status.texts()["unsent"]
    qtbot.waitUntil(lambda: window.list_view.village_choices.rowCount() > 1, timeout=10_000)
    assert window.list_view.model.row_at(0).id == first_id and resets == []
    panel = window.list_view.side_panel
    qtbot.waitUntil(lambda: panel._snapshot is not None, timeout=10_000)
    assert panel._snapshot.id == first_id
    window.editor.maybe_close()  # the new prospect is empty: nothing to keep


def test_typing_keeps_the_rows_until_the_new_page_arrives(qtbot, unlocked_window):
    """One reset per query: the table never goes empty ("Memuat…") between keystrokes."""
    view = unlocked_window.list_view
    model = view.model
    emptied = []
    model.modelReset.connect(lambda: emptied.append(model.rowCount() == 0))
    before = model.rowCount()
    view.search_edit.setText("a")
    view.apply_query()
    assert model.loading and model.rowCount() == before and view.state_text == ""
    qtbot.waitUntil(lambda: not model.loading, timeout=5_000)
    assert emptied == [False] and model.query.text == "a"


def test_occupation_filter_follows_reference_data_and_keeps_the_choice(qtbot, unlocked_window):
    from models.rules import reference
    from ui.reference_watch import watch_reference_data

    watch_reference_data()
    view = unlocked_window.list_view
    model = view.model
    chosen = view.occupation_choices.values()[0]
    view.occupation_combo.setCurrentIndex(view.occupation_combo.findData(chosen))
    qtbot.waitUntil(lambda: model.query.filters.occupation == chosen, timeout=5_000)

    files = reference.shipped_files("occupations")
    files["occupations.csv"] += "UJI_PEMANDU,Pemandu wisata,Tour guide,lainnya,\n"
    reference.install("occupations", files, version="2026-12")  # as a sync does
    qtbot.waitUntil(lambda: "UJI_PEMANDU" in view.occupation_choices.values(), timeout=5_000)
    assert view.occupation_combo.itemText(view.occupation_combo.findData("UJI_PEMANDU")) == (
        "Pemandu wisata"
    )
    current = view.occupation_choices.value_at(view.occupation_combo.currentIndex())
    assert current == chosen and model.query.filters.occupation == chosen  # choice kept


def test_start_sizes_its_first_screens_then_turns_the_sizing_filter_on(
    qtbot, jangkau_qapp, make_main_window, seeded_profile
):
    """As main.py starts (no sizing filter, it would slow the first frame): the unlock screen
    and the list built early get their control heights directly; once the unlock screen has
    been idle, the filter is on and sizes every control polished later."""
    from PySide6.QtWidgets import QPushButton

    from ui import theme

    theme._remove_sizer(jangkau_qapp)
    try:
        theme.apply_theme(jangkau_qapp, touch_mode="off", watch=False)
        window = make_main_window()
        assert not theme._sizer
        screen = window.unlock_screen
        for control in (screen.password_edit, screen.profile_combo, screen.unlock_button):
            assert control.minimumHeight() >= theme.CONTROL_HEIGHT
        qtbot.waitUntil(lambda: bool(theme._sizer), timeout=5_000)  # idle at the unlock screen
        view = window._spare_list
        assert view is not None and view.search_edit.minimumHeight() >= theme.CONTROL_HEIGHT
        later = QPushButton("Nanti")
        qtbot.addWidget(later)
        later.show()
        assert later.minimumHeight() >= theme.CONTROL_HEIGHT
    finally:
        theme.watch_controls(jangkau_qapp)


_ENDLESS = (  # most of a minute of work unless something stops it
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 300000000) "
    "SELECT count(*) FROM n"
)


@pytest.mark.parametrize("slow", ["count", "page"])
def test_a_new_query_stops_the_read_still_running(qtbot, unlocked_window, monkeypatch, slow):
    """The status bar's count runs once typing pauses, and a page read can take a while on a
    big store: a key typed meanwhile must not wait behind them on the DB lane. The new query
    interrupts the old one's read, its page comes, then its count; nothing reports an error."""
    from sqlalchemy import text

    from ui.table_models.prospects import ListQuery

    model = unlocked_window.list_view.model
    wait_for_tasks(qtbot)
    real = getattr(search, slow)
    started, sorts, failures = [], [], []
    model.load_failed.connect(failures.append)

    def slow_read(session, **kwargs):  # the first read of the old query runs long
        sorts.append(model.query.sort)
        if len(sorts) == 1:
            started.append(time.monotonic())
            session.scalar(text(_ENDLESS))
        return real(session, **kwargs)

    model.set_query(ListQuery())  # all 300: a first page of 64, then the count
    if slow == "count":
        qtbot.waitUntil(lambda: not model.loading, timeout=5_000)
    monkeypatch.setattr(search, slow, slow_read)
    if slow == "page":
        model.set_query(ListQuery(sort="name_desc"))
    qtbot.waitUntil(lambda: bool(started), timeout=5_000)
    assert model.total is None  # still counting, or still reading the page
    model.set_query(ListQuery(sort="name_asc"))
    qtbot.waitUntil(lambda: not model.loading and model.query.sort == "name_asc", timeout=10_000)
    qtbot.waitUntil(lambda: model.total is not None, timeout=10_000)
    assert model.total == SEEDED_COUNT
    names = [r.full_name.casefold() for r in _rows(unlocked_window)]
    assert names == sorted(names)
    assert sorts[0] != "name_asc" and set(sorts[1:]) == {"name_asc"}  # the old read never ended
    assert failures == []
