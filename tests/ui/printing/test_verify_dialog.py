"""Periksa formulir cetak: the QR read off a saved form matches the record; after an edit it no
longer does (content differs, then out of date once sent again); junk and strangers are named."""

from __future__ import annotations

import random
import uuid
from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from models.services import demo_seed
from models.services import prospects as prospect_service
from tests.printing.conftest import rasterise_pdf, read_qr_codes
from tests.ui.printing.conftest import TODAY
from tests.ui.printing.support import save_pdf
from ui.screens.printing import VerifyDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def verify_dialog(ctx, qtbot):
    dialog = VerifyDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _check(qtbot, dialog, text: str):
    dialog.code_edit.clear()
    qtbot.keyClicks(dialog.code_edit, text)
    with qtbot.waitSignal(dialog.checked, timeout=10_000) as blocker:
        qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    return blocker.args[0]


def _edit(ctx, prospect_id: uuid.UUID, *, submit: bool, **changes) -> None:
    snap = prospect_service.load(ctx.db, prospect_id=prospect_id)
    payload = {**snap.payload, **changes}
    prospect_service.save(
        ctx.db,
        prospect_id=prospect_id,
        payload=payload,
        submit=submit,
        agent=ctx.agent,
        today=TODAY,
        consent=snap.consent,
    )


def test_printed_qr_matches_then_differs_after_an_edit(
    qtbot, open_dialog, ctx, verify_dialog, tmp_path: Path
):
    # a prospect the server already holds (revision 1 sent): a new submit makes revision 2
    seeded = demo_seed.seed(
        ctx.db, count=1, rng=random.Random(3), agent=ctx.agent, today=TODAY, synced_share=1.0
    )
    person = seeded.ids[0]
    _edit(ctx, person, submit=False, full_name="SITI AMINAH")
    target = tmp_path / "siti.pdf"
    assert save_pdf(qtbot, open_dialog(ids=[person]), target) == "saved"
    codes = read_qr_codes(rasterise_pdf(target, page=1, dpi=150))
    assert len(codes) == 1 and codes[0].startswith(f"JKU1|{person}|1|")  # the title block's
    qr_text = codes[0]

    outcome = _check(qtbot, verify_dialog, qr_text)
    assert outcome.verification.status == "match"
    text = verify_dialog.result_label.text()
    assert "Cocok" in text
    assert "sesuai dengan data terbaru SITI AMINAH (versi 1)" in text

    # The agent changes the address (a draft on top of revision 1): same revision, other data.
    _edit(ctx, person, submit=False, address_line="Jl. Pelabuhan No. 9")
    outcome = _check(qtbot, verify_dialog, qr_text)
    assert (outcome.verification.status, outcome.verification.reason) == (
        "mismatch",
        "content-differs",
    )
    assert "Tidak cocok" in verify_dialog.result_label.text()
    assert "sama-sama versi 1" in verify_dialog.result_label.text()

    # Sent again: revision 2 exists, the paper is out of date.
    _edit(ctx, person, submit=True)
    outcome = _check(qtbot, verify_dialog, "  " + qr_text.lower() + " ")  # as pasted
    assert outcome.verification.reason == "outdated"
    assert "(versi kertas 1, sekarang 2)" in verify_dialog.result_label.text()
    assert "Cetak ulang" in verify_dialog.result_label.text()


def test_unknown_and_invalid_codes_are_said_plainly(qtbot, verify_dialog):
    stranger = f"JKU1|{uuid.uuid4()}|3|9f86d081884c7d65"
    assert _check(qtbot, verify_dialog, stranger).verification.status == "unknown"
    assert "Tidak ada prospek dengan kode ini" in verify_dialog.result_label.text()
    assert _check(qtbot, verify_dialog, "bukan kode").verification.status == "invalid"
    assert verify_dialog.result_label.text().endswith(
        "Ini bukan kode formulir Jangkau. Pindai ulang kode QR-nya; teksnya diawali JKU1."
    )
    verify_dialog.code_edit.setText("JKU1|")
    assert verify_dialog.result_label.text() == ""  # typing clears the old answer
