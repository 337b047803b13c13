"""A save the store refuses loses nothing (issue "Bad input": nothing the agent typed is ever
discarded by a failed save). The fault is real: the store's SQLite connections are made
read-only (``PRAGMA query_only``), so the write fails inside SQLite as a full disk or a
locked file would; then *Try again* saves what is still on screen."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from PySide6.QtCore import Qt

from models.services import prospects
from tests.ui.editor.support import fill_example

pytestmark = pytest.mark.gui


@contextmanager
def read_only(db) -> Iterator[None]:  # noqa: ANN001 - models.db.Database
    """Every connection of the store refuses writes while inside (new ones, via the pool)."""

    def refuse_writes(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
        dbapi_connection.execute("PRAGMA query_only = 1")

    event.listen(db.engine, "connect", refuse_writes)
    db.engine.dispose()  # pooled connections are made again, read-only
    try:
        yield
    finally:
        event.remove(db.engine, "connect", refuse_writes)
        db.engine.dispose()


def test_a_refused_save_keeps_the_typing_and_try_again_saves_it(qtbot, editor, ctx) -> None:
    editor.load_new()
    fill_example(editor)
    editor._autosave_timer.stop()  # the explicit save below is the first write
    with read_only(ctx.db):
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: editor.banners.banner("save_error") is not None, timeout=15_000)
        banner = editor.banners.banner("save_error")
        assert banner.text().startswith("Not saved. ")
        assert banner.text().endswith(" What you typed is still here.")
        assert editor.dirty and editor.identity.name_edit.text() == "SITI AMINAH"
        assert editor.identity.mobile_edit.text() == "0812-2750-1188"
        with pytest.raises(prospects.NotFoundError):
            prospects.load(ctx.db, prospect_id=editor.prospect_id)
    (retry,) = banner.buttons
    assert retry.text() == "Try again"
    with qtbot.waitSignal(editor.saved, timeout=15_000):
        retry.click()
    qtbot.waitUntil(lambda: editor.banners.banner("save_error") is None, timeout=5_000)
    snap = prospects.load(ctx.db, prospect_id=editor.prospect_id)
    assert snap.payload["full_name"] == "SITI AMINAH" and snap.badge == "draft"
    assert not editor.dirty
