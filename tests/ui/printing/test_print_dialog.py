"""Cetak formulir (UI.md §3.5): list, preview on white, pages and zoom, Simpan PDF, reprints,
restricted records, the empty and no-printer states."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from tests.ui.layout_checks import duplicate_mnemonics, truncated
from tests.ui.printing.support import (
    click,
    list_texts,
    pdf_pages,
    pdf_text,
    print_audits,
    printed_count,
    save_pdf,
)
from ui import translations
from ui.errors import message_for_code
from ui.screens.printing import PrintRequest
from ui.screens.printing.preview import ZOOM_STEPS

pytestmark = pytest.mark.gui

WHITE = QColor(Qt.GlobalColor.white)


def _dark_pixels(image, step: int = 4) -> int:
    return sum(
        1
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
        if image.pixelColor(x, y).lightness() < 128
    )


def test_two_prospects_are_listed_and_page_one_is_drawn_on_white(qtbot, open_dialog, add_prospect):
    first = add_prospect("SITI AMINAH")
    second = add_prospect("BUDI SANTOSO")
    dialog = open_dialog(ids=[first, second])
    assert dialog.windowTitle() == "Cetak formulir"
    assert list_texts(dialog) == ["SITI AMINAH", "BUDI SANTOSO"]
    assert [item.id for item in dialog.printable_items()] == [first, second]
    qtbot.waitUntil(lambda: dialog.preview.has_document, timeout=10_000)
    image = dialog.preview.image
    assert not image.isNull() and image.hasAlphaChannel() is False
    assert image.width() < image.height()  # an A4 page, portrait
    for x, y in ((1, 1), (image.width() - 2, 1), (1, image.height() - 2)):
        assert image.pixelColor(x, y) == WHITE  # white paper, not the transparent raw render
    assert _dark_pixels(image) > 500  # and something is printed on it
    assert dialog.controls.page_label.text() == f"Halaman 1/{dialog.preview.pages}"
    assert dialog.preview.pages >= 1
    assert dialog.count_label.text() == "2 formulir akan dicetak"
    # until the user zooms, the page fills the view's width (at most its real size)
    zoom = dialog.preview.zoom
    assert 50 <= zoom <= 100 and dialog.controls.zoom_label.text() == f"{zoom}%"
    assert not dialog.preview.scroll_area.horizontalScrollBar().isVisible()
    room = dialog.preview.scroll_area.viewport().width()
    assert dialog.preview.page_label.width() <= room - 32 < dialog.preview.page_label.width() + 40


def test_pages_and_zoom_follow_the_keys(qtbot, open_dialog, add_prospect):
    dialog = open_dialog(ids=[add_prospect("SITI AMINAH")])
    qtbot.waitUntil(lambda: dialog.preview.has_document, timeout=10_000)
    pages = dialog.preview.pages
    assert pages == 2  # a full form: data on page 1, consent and signatures on page 2
    assert not dialog.controls.prev_button.isEnabled() and dialog.controls.next_button.isEnabled()
    width = dialog.preview.image.width()
    dialog.preview.setFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_PageDown)
    assert dialog.preview.page == 1
    assert dialog.controls.page_label.text() == "Halaman 2/2"
    assert dialog.controls.prev_button.isEnabled() and not dialog.controls.next_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_PageDown)  # already on the last page
    assert dialog.preview.page == 1
    click(qtbot, dialog.controls.prev_button)
    assert dialog.controls.page_label.text() == "Halaman 1/2"
    fitted = dialog.preview.zoom
    qtbot.keyClick(dialog, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = next(step for step in ZOOM_STEPS if step > fitted)
    assert dialog.controls.zoom_label.text() == f"{bigger}%"
    assert dialog.preview.image.width() > width
    qtbot.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.preview.zoom < fitted and dialog.preview.image.width() < width
    for _ in range(12):
        click(qtbot, dialog.controls.zoom_in_button)
    assert dialog.controls.zoom_label.text() == "200%"  # the largest step
    bar = dialog.preview.scroll_area.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=2_000)  # wider than the view now
    dialog.resize(dialog.width() - 100, dialog.height())  # the user's zoom stays
    qtbot.waitUntil(lambda: not dialog.preview._refit.isActive(), timeout=2_000)
    assert dialog.preview.zoom == 200


def test_save_pdf_holds_both_forms_and_counts_the_print(
    qtbot, open_dialog, add_prospect, ctx, tmp_path: Path
):
    first = add_prospect("SITI AMINAH")
    second = add_prospect("BUDI SANTOSO")
    dialog = open_dialog(ids=[first, second])
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "dua formulir.pdf"
    with qtbot.waitSignal(dialog.printed, timeout=20_000) as recorded:
        assert save_pdf(qtbot, dialog, target) == "saved"
    assert sorted(recorded.args[0]) == sorted([first, second])
    text = pdf_text(target)
    assert "SITI AMINAH" in text and "BUDI SANTOSO" in text
    assert "CETAK ULANG" not in text
    assert pdf_pages(target) == 4
    assert [printed_count(ctx.db, i) for i in (first, second)] == [1, 1]
    assert [print_audits(ctx.db, i) for i in (first, second)] == [1, 1]
    assert dialog.status_label.text().startswith("Tersimpan pukul ")
    assert str(target) in dialog.status_label.text()
    assert sorted(p.name for p in target.parent.iterdir()) == ["dua formulir.pdf"]

    # The list reloads: the next print is the second one, and the paper says so.
    qtbot.waitUntil(lambda: list_texts(dialog) == ["SITI AMINAH (2x)", "BUDI SANTOSO (2x)"])
    tip = dialog.list.item(0).toolTip()
    assert "Sudah dicetak 1 kali" in tip
    again = tmp_path / "ulang.pdf"
    assert save_pdf(qtbot, dialog, again) == "saved"
    assert "CETAK ULANG ke-1" in pdf_text(again)
    qtbot.waitUntil(lambda: printed_count(ctx.db, first) == 2, timeout=5_000)
    qtbot.waitUntil(lambda: list_texts(dialog)[0] == "SITI AMINAH (3x)", timeout=5_000)


def test_unticked_prospects_are_left_out(qtbot, open_dialog, add_prospect, ctx, tmp_path: Path):
    first = add_prospect("SITI AMINAH")
    second = add_prospect("BUDI SANTOSO")
    dialog = open_dialog(ids=[first, second])
    dialog.list.set_checked(second, False)
    assert dialog.count_label.text() == "1 formulir akan dicetak"
    target = tmp_path / "satu.pdf"
    assert save_pdf(qtbot, dialog, target) == "saved"
    text = pdf_text(target)
    assert "SITI AMINAH" in text and "BUDI SANTOSO" not in text
    qtbot.waitUntil(lambda: printed_count(ctx.db, first) == 1, timeout=5_000)
    assert printed_count(ctx.db, second) == 0
    # ticks survive the reload after a print
    qtbot.waitUntil(lambda: list_texts(dialog)[0] == "SITI AMINAH (2x)", timeout=5_000)
    assert [item.id for item in dialog.printable_items()] == [first]


def test_restricted_record_is_listed_but_never_printed(
    qtbot, open_dialog, add_prospect, ctx, tmp_path: Path
):
    shown = add_prospect("SITI AMINAH")
    hidden = add_prospect("DEWI LESTARI", restricted=True)
    dialog = open_dialog(ids=[hidden, shown])
    assert list_texts(dialog) == ["DEWI LESTARI – Dibatasi", "SITI AMINAH"]
    row = dialog.list.item(0)
    assert not row.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not row.flags() & Qt.ItemFlag.ItemIsEnabled
    assert dialog.list.current_item().id == shown  # the preview starts on a printable one
    dialog.list.set_checked(hidden, True)  # cannot be ticked
    assert [item.id for item in dialog.printable_items()] == [shown]
    assert "1 dibatasi atau dibatalkan, tidak dicetak" in dialog.count_label.text()
    target = tmp_path / "f.pdf"
    assert save_pdf(qtbot, dialog, target) == "saved"
    text = pdf_text(target)
    assert "SITI AMINAH" in text and "DEWI LESTARI" not in text
    qtbot.waitUntil(lambda: printed_count(ctx.db, shown) == 1, timeout=5_000)
    assert printed_count(ctx.db, hidden) == 0


def test_only_restricted_records_leave_nothing_to_print(qtbot, open_dialog, add_prospect):
    dialog = open_dialog(ids=[add_prospect("DEWI LESTARI", restricted=True)])
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    assert dialog.preview.message.text() == (
        "Peserta meminta penggunaan datanya dibatasi, jadi formulir tidak dicetak."
    )
    assert dialog.status_label.text() == "Pilih satu atau lebih prospek."


def test_nothing_chosen_asks_for_a_prospect(qtbot, open_dialog, add_prospect):
    empty = open_dialog(ids=[])
    assert empty.preview.message.text() == "Pilih satu atau lebih prospek."
    assert empty.preview.stack.currentWidget() is empty.preview.message
    assert not empty.save_button.isEnabled()
    only = add_prospect("SITI AMINAH")
    dialog = open_dialog(ids=[only])
    assert dialog.save_button.isEnabled()
    dialog.list.set_checked(only, False)
    assert not dialog.save_button.isEnabled()
    assert dialog.status_label.text() == "Pilih satu atau lebih prospek."
    assert dialog.count_label.text() == "Pilih satu atau lebih prospek."
    dialog.list.set_checked(only, True)
    assert dialog.save_button.isEnabled() and dialog.status_label.text() == ""


def test_no_printer_offers_save_pdf_with_the_plain_sentence(qtbot, open_dialog, add_prospect):
    """CUPS_SERVER points at a closed port (conftest): CUPS answers with no printer at all."""
    dialog = open_dialog(ids=[add_prospect("SITI AMINAH")])
    assert dialog.controls.no_printer
    assert dialog.controls.printer_combo.currentText() == "Tidak ada printer"
    assert not dialog.controls.printer_combo.isEnabled()
    assert not dialog.print_button.isEnabled()
    assert dialog.save_button.isEnabled() and dialog.save_button.isDefault()
    sentence = message_for_code("printer-missing")
    assert sentence == "Printer tidak ditemukan. Periksa kabel dan daya, atau Simpan PDF."
    assert (
        dialog.controls.notice_label.isVisible() and dialog.controls.notice_label.text() == sentence
    )


def test_a_draft_prints_without_qr(qtbot, open_dialog, add_prospect, ctx, tmp_path: Path):
    draft = add_prospect("SITI AMINAH", submit=False)
    dialog = open_dialog(ids=[draft])
    assert "tanpa kode QR" in dialog.list.item(0).toolTip()
    target = tmp_path / "draf.pdf"
    assert save_pdf(qtbot, dialog, target) == "saved"
    text = pdf_text(target)
    assert "SITI AMINAH" in text and "JKU1" not in text and "Revisi" not in text
    qtbot.waitUntil(lambda: printed_count(ctx.db, draft) == 1, timeout=5_000)


def test_blank_form_and_information_sheet(qtbot, open_dialog, add_prospect, ctx, tmp_path: Path):
    blank = open_dialog(PrintRequest.blank())
    assert blank.windowTitle() == "Formulir kosong"
    assert not blank.left.isVisible()
    qtbot.waitUntil(lambda: blank.preview.has_document, timeout=10_000)
    target = tmp_path / "kosong.pdf"
    assert save_pdf(qtbot, blank, target) == "saved"
    text = pdf_text(target)
    assert "FORMULIR PENDAFTARAN" in text and "No. formulir" in text

    person = add_prospect("SITI AMINAH")
    info = open_dialog(PrintRequest.info(person))
    assert info.windowTitle() == "Lembar informasi – SITI AMINAH"
    target = tmp_path / "info.pdf"
    assert save_pdf(qtbot, info, target) == "saved"
    text = pdf_text(target)
    assert "SITI AMINAH" in text and "IURAN ANDA" in text
    assert printed_count(ctx.db, person) == 0  # only enrollment forms are counted
    assert print_audits(ctx.db, person) == 0


def test_layout_fits_without_truncation_or_duplicate_mnemonics(qtbot, open_dialog, add_prospect):
    dialog = open_dialog(ids=[add_prospect("SITI AMINAH"), add_prospect("BUDI SANTOSO")])
    qtbot.waitUntil(lambda: dialog.preview.has_document, timeout=10_000)
    assert dialog.width() <= 1366 and dialog.height() <= 700
    for language in ("id", "en"):
        translations.set_language(language)
        qtbot.waitUntil(lambda: dialog.layout().activate() or True, timeout=1_000)
        assert truncated(dialog) == [], language
        assert duplicate_mnemonics(dialog) == {}, language
    translations.set_language("id")
    assert dialog.save_button.text() == "&Simpan PDF"


def test_other_printer_opens_the_print_dialog(qtbot, open_dialog, add_prospect):
    """*Printer lain…* opens Qt's print dialog with the copies asked for; closing it prints
    nothing and forgets it. (PySide's QPrintDialog binds only open(receiver, member): a plain
    ``dialog.open()`` raised TypeError here.)"""
    from PySide6.QtPrintSupport import QPrintDialog

    from ui.screens.printing.printers import PrinterChoice

    dialog = open_dialog(ids=[add_prospect("SITI AMINAH")])
    assert dialog.output.print_now(PrinterChoice(kind="dialog"), copies=2) is None
    chooser = dialog.output.print_dialog
    assert isinstance(chooser, QPrintDialog)
    qtbot.waitUntil(chooser.isVisible, timeout=5000)
    assert chooser.isModal() and chooser.printer().copyCount() == 2
    chooser.reject()
    qtbot.waitUntil(lambda: dialog.output.print_dialog is None, timeout=5000)
