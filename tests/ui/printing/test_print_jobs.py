"""Long print jobs (UI.md §1.8, §7.7): a 100-form batch shows progress at once and *Batal*
stops it between forms, leaving no file and no count; *Cetak* through ``QPrinter`` rasterises
at 300 dpi; the QR fingerprint is the one the outbox sends to the server."""

from __future__ import annotations

import json
import random
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from models.outbox import OutboxEntry
from models.services import demo_seed
from printing import cups
from tests.printing.test_cups import _output_dir
from tests.ui.printing.conftest import TODAY
from tests.ui.printing.support import choose_file, click, pdf_pages, pdf_text, printed_count
from ui.screens.printing import print_jobs
from ui.screens.printing.printers import raster_printer

pytestmark = pytest.mark.gui


def test_batch_of_100_shows_progress_and_cancel_leaves_nothing(
    qtbot, open_dialog, ctx, tmp_path: Path
):
    seeded = demo_seed.seed(
        ctx.db, count=100, rng=random.Random(5), agent=ctx.agent, today=TODAY, submitted_share=1.0
    )
    dialog = open_dialog(ids=seeded.ids)
    assert len(dialog.printable_items()) == 100
    assert dialog.count_label.text() == "100 formulir akan dicetak"
    folder = tmp_path / "pdf"
    folder.mkdir()
    target = folder / "seratus.pdf"
    seen: list[tuple[int, int]] = []
    choose_file(qtbot, dialog, target)
    started = time.monotonic()
    qtbot.waitUntil(lambda: dialog.progress_bar.isVisible(), timeout=1_000)  # UI.md §7.7
    assert time.monotonic() - started < 1.0
    assert dialog.cancel_button.isVisible() and dialog.cancel_button.text() == "Batal"
    assert dialog.progress_label.text().startswith("Menyiapkan ")
    assert dialog.progress_label.text().endswith("/100")
    locked: list[bool] = []
    clicked = threading.Event()
    hold: dict[str, int] = {}

    def hold_after_third(done: int, _total: int, _name: object) -> None:
        # On the render lane: the batch waits at the third report from here until Batal is
        # clicked, so the cancel lands mid-batch however fast forms render (~6 ms each).
        hold.setdefault("at", done + 2)
        if done == hold["at"]:
            clicked.wait(10)

    def progress(done: int, total: int, _name: object) -> None:
        seen.append((done, total))
        if done == hold.get("at"):
            locked.append(not dialog.save_button.isEnabled() and not dialog.list.isEnabled())
            click(qtbot, dialog.cancel_button)
            clicked.set()

    job = dialog.output.job
    job.progress.connect(hold_after_third, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(dialog.finished_output, timeout=15_000) as outcome:
        job.progress.connect(progress)
    assert locked == [True]
    assert outcome.args == ["cancelled"]
    stopped_at = seen[-1][0]
    assert stopped_at < 100  # stopped within a form or two, not at the end
    assert seen == sorted(seen) and all(total == 100 for _done, total in seen)
    assert not target.exists()
    assert list(folder.iterdir()) == []  # no temporary file either
    assert dialog.status_label.text() == "Dibatalkan. Tidak ada yang disimpan atau dicetak."
    assert not dialog.progress_bar.isVisible() and dialog.save_button.isEnabled()
    assert all(printed_count(ctx.db, i) == 0 for i in seeded.ids[:10])


def test_print_through_qprinter_is_a_300_dpi_raster(
    qtbot, open_dialog, add_prospect, ctx, tmp_path
):
    person = add_prospect("SITI AMINAH")
    dialog = open_dialog(ids=[person])
    printer = raster_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printer.pdf"
    printer.setOutputFileName(str(out))
    assert printer.resolution() == 300
    with qtbot.waitSignal(dialog.finished_output, timeout=30_000) as outcome:
        dialog.output.print_to(printer)
    assert outcome.args == ["printed"]
    assert pdf_pages(out) == 2
    page = PdfReader(out).pages[0]
    images = list(page.images)
    assert len(images) == 1
    width, height = images[0].image.size
    assert abs(width - 2480) <= 2 and abs(height - 3508) <= 2  # A4 at 300 dpi
    assert abs(float(page.mediabox.width) - 595.3) < 1.5  # on A4 paper
    assert not (page.extract_text() or "").strip()  # pixels, not text
    qtbot.waitUntil(lambda: printed_count(ctx.db, person) == 1, timeout=5_000)


def test_qr_fingerprint_is_the_payload_hash_the_server_receives(ctx, add_prospect):
    person = add_prospect("SITI AMINAH")
    items, missing = print_jobs.load_items(
        ctx.db, [person], agent=ctx.agent, settings=ctx.settings, today=TODAY
    )
    assert missing == []
    with ctx.db.read_scope() as session:
        body = session.scalars(
            select(OutboxEntry.body).where(OutboxEntry.record_id == person)
        ).one()
    sent = json.loads(body)["payload_hash"].removeprefix("sha256:")
    assert items[0].form.qr_text == f"JKU1|{person}|1|{sent[:16]}"


@pytest.mark.slow
@pytest.mark.timeout(900)  # the first run may apt-get install cups and cups-pdf
def test_cetak_sends_the_vector_pdf_through_a_real_cups_queue(
    qtbot, open_dialog, add_prospect, ctx, cups_queue, monkeypatch
):
    """The preferred path: a CUPS printer gets the vector file through ``lp`` (cups-pdf here,
    a virtual printer that writes what it receives)."""
    monkeypatch.delenv("CUPS_SERVER")  # this test wants the machine's real CUPS
    person = add_prospect("SITI AMINAH")
    started = time.time()
    dialog = open_dialog(ids=[person])
    index = dialog.controls.printer_combo.findText(cups_queue, Qt.MatchFlag.MatchStartsWith)
    assert index >= 0, [
        dialog.controls.printer_combo.itemText(i)
        for i in range(dialog.controls.printer_combo.count())
    ]
    dialog.controls.printer_combo.setCurrentIndex(index)
    assert dialog.printer_choice.kind == "lp" and not dialog.controls.notice_label.isVisible()
    with qtbot.waitSignal(dialog.finished_output, timeout=30_000) as outcome:
        click(qtbot, dialog.print_button)
    assert outcome.args == ["queued"]
    result = dialog.output.last_result
    assert result.job_id and result.job_id.startswith(f"{cups_queue}-")
    assert dialog.status_label.text().startswith(f"Dikirim ke {cups_queue} pukul ")
    qtbot.waitUntil(lambda: printed_count(ctx.db, person) == 1, timeout=5_000)
    assert cups.wait_for_job(result.job_id, timeout=60) == "done"

    def written() -> Path | None:
        for pdf in _output_dir().glob("*.pdf"):
            fresh = pdf.stat().st_mtime >= started - 1 and pdf.stat().st_size > 0
            if fresh and "SITI AMINAH" in pdf_text(pdf):
                return pdf
        return None

    qtbot.waitUntil(lambda: written() is not None, timeout=60_000)  # cups-pdf wrote it
    found = written()
    assert found is not None
    try:
        assert pdf_pages(found) == 2 and "Formulir F1 BPU" in pdf_text(found)  # still vector text
    finally:
        found.unlink()
