"""Helpers shared by the editor tests and the screenshot script.

``build_catalogue`` compiles the Indonesian translations of the editor (plus the shell's error
sentences and badges) into a temporary ``.qm``: lupdate over the sources, filled from the
translation memory ``ui/i18n/id/*.tsv``, then lrelease — the same steps as ``ui.i18n.build``,
without touching the committed catalogue. ``fill_example`` types a realistic prospect through the
widgets' own setters (the keyboard-only path has its own test).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from ui.i18n.build import _tool, fill_from_memory, load_memory

ROOT = Path(__file__).resolve().parents[3]
SOURCES = [
    *sorted((ROOT / "ui" / "screens" / "editor").glob("*.py")),
    ROOT / "ui" / "errors.py",
    ROOT / "ui" / "badges.py",
]


def build_catalogue(folder: Path) -> Path:
    ts = folder / "editor_id.ts"
    qm = folder / "editor_id.qm"
    subprocess.run(
        [
            _tool("lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *map(str, SOURCES),
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
    )
    fill_from_memory(ts, load_memory())
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def install_catalogue(qm: Path) -> QTranslator:
    translator = QTranslator(QCoreApplication.instance())
    if not translator.load(str(qm)):
        raise RuntimeError(f"cannot load {qm}")
    QCoreApplication.installTranslator(translator)
    return translator


def unfinished(ts: Path) -> list[tuple[str, str]]:
    import xml.etree.ElementTree as ET

    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") == "unfinished":
                out.append((name, message.findtext("source") or ""))
    return out


def fill_example(editor) -> None:  # noqa: ANN001 - a ProspectEditor
    """A realistic prospect: a market trader in Medono, income 2.800.000 with JHT, 6 months."""
    ident = editor.identity
    ident.nik_edit.setText("3375 0141 0788 9902")
    ident.nik_edit.textEdited.emit(ident.nik_edit.text())
    ident.name_edit.setText("SITI AMINAH")
    ident.name_edit.textEdited.emit("SITI AMINAH")
    ident.birth_place_edit.setText("PEKALONGAN")
    ident.mother_edit.setText("SRI WAHYUNI")
    ident.mobile_edit.setText("0812-2750-1188")
    ident.email_edit.setText("siti.aminah@contoh.id")
    ident.already_pu_combo.set_code("TIDAK")
    addr = editor.address
    addr.address_edit.setText("Jl. Dr. Sutomo Gg. 3 No. 12")
    addr.rt_edit.setText("004")
    addr.rw_edit.setText("007")
    addr.regions.set_area("33.75.01.1002")
    work = editor.work
    work.occupation_1_combo.set_code("PDG_PASAR")
    work.work_location_edit.setText("Pasar Banjarsari, los B-17")
    work.working_hours_edit.setText("05.00–13.00")
    work.income_edit.set_value(2_800_000)
    prog = editor.programme
    prog.package_jht_radio.setChecked(True)
    prog.period_combo.set_code("6")
    prog.first_month_combo.set_code("2026-04")
    heirs = editor.heirs
    row = heirs.add_heir()
    row.name.setText("AHMAD FAUZI")
    row.relationship.set_code("SUAMI_ISTRI")
    row.mobile.setText("0813-2600-4411")
    row = heirs.add_heir()
    row.name.setText("NUR AINI")
    row.relationship.set_code("ANAK")
    consent = editor.consent
    consent.read_aloud_check.setChecked(True)
    consent.witness_edit.setText("Bu RT Medono")
    consent.purpose_checks["ENROLMENT"].setChecked(True)
    consent.participant_pad.add_stroke(
        [(20, 60), (40, 30), (60, 70), (80, 28), (100, 66), (130, 40), (160, 58)]
    )
    consent.agent_pad.add_stroke([(20, 50), (50, 35), (90, 60), (120, 30), (150, 55)])
    editor.notes.notes_edit.setPlainText("Minta dihubungi sore hari setelah pasar tutup.")
    editor._on_edited()  # noqa: SLF001 - one revalidation after the programmatic fill
