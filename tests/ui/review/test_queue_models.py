"""The queue and record list models: "Terima 37/37" of a closed event, sorting, flags, checks."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from PySide6.QtCore import Qt

from sync.review_schemas import BatchOut, PersonRef, RecordSummary
from ui.screens.review.queue_table import BatchTableModel, RecordTableModel

pytestmark = pytest.mark.gui

AGENT = PersonRef(id=uuid.uuid4(), username="agen07", display_name="Agen 07")


def _batch(**kw) -> BatchOut:
    values = {
        "id": uuid.uuid4(),
        "agent": AGENT,
        "arrived": 0,
        "total": 0,
        "pending": 0,
        "last_received_at": datetime(2026, 3, 12, 3, 0, tzinfo=UTC),
    }
    values.update(kw)
    return BatchOut(**values)


def test_closed_event_shows_received_of_expected_and_sorts_by_waiting(review_catalogue):
    del review_catalogue
    model = BatchTableModel()
    market = _batch(
        place_name="Pasar Contoh", date=date(2026, 3, 10), closed=True, expected=37, arrived=37,
        total=37, pending=12,
    )  # fmt: skip
    harbour = _batch(
        place_name="TPI Contoh", date=date(2026, 3, 11), expected=22, arrived=20, total=20,
        pending=20, flagged=2,
    )  # fmt: skip
    loose = _batch(id=None, arrived=3, total=3, pending=0)
    model.set_rows([market, harbour, loose])
    texts = [[model.index(r, c).data() for c in range(5)] for r in range(3)]
    assert texts[0] == ["Pasar Contoh · 10 Mar 2026", "Agen 07", "37/37", "12", ""]
    assert texts[1] == ["TPI Contoh · 11 Mar 2026", "Agen 07", "20/22", "20", "2"]
    assert texts[2] == ["Di luar kegiatan · 12 Mar 2026", "Agen 07", "3", "0", ""]
    assert model.index(1, model.TERIMA).data(Qt.ItemDataRole.ToolTipRole) == (
        "20 dari 22 data kegiatan yang ditutup sudah diterima."
    )
    assert model.index(1, model.TANDA).data(Qt.ItemDataRole.DecorationRole) is not None
    assert loose.key == f"none:{AGENT.id}" and model.find(loose.key) == 2
    model.sort(model.TUNGGU, Qt.SortOrder.DescendingOrder)
    assert [b.pending for b in model.rows] == [20, 12, 0]
    model.set_rows([loose, market, harbour])  # a reload keeps the chosen order
    assert [b.pending for b in model.rows] == [20, 12, 0]


def test_record_rows_show_state_flags_and_checks(review_catalogue):
    del review_catalogue
    model = RecordTableModel()

    def summary(name: str, **kw) -> RecordSummary:
        values = {"id": uuid.uuid4(), "revision": 1, "agent": AGENT, "full_name": name}
        values.update(kw)
        return RecordSummary(**values)

    rows = [
        summary("BUDI", review_state="received"),
        summary("ANI", review_state="returned", errors=1, warnings=2),
        summary("CICI", review_state="received", flags=["possible_duplicate"]),
    ]
    model.set_rows(rows)
    assert [model.index(r, 0).data() for r in range(3)] == [
        "Terkirim",
        "Perlu perbaikan",
        "Terkirim",
    ]
    assert model.index(1, model.CEK).data() == "\u2715 1  ! 2"
    assert model.index(2, model.TANDA).data() == "duplikat"
    assert [r.clean for r in rows] == [True, False, False]
    model.sort(model.NAMA)
    assert [r.full_name for r in model.rows] == ["ANI", "BUDI", "CICI"]
    model.update(rows[0].id, review_state="approved")
    assert model.index(1, 0).data() == "Disetujui"
