"""UI.md §7 check 5, no lost typing: fill every section, wait for the 10-second autosave, kill
the process with SIGKILL; the next start restores everything and offers to continue.

The editor runs in a real child process (tests/ui/editor/kill_worker.py) on a store copied from
the session template; the test reopens the same store and profile folder afterwards.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from core import paths
from tests.ui.editor.conftest import PASSWORD

pytestmark = pytest.mark.gui


@pytest.mark.timeout(120)
def test_typing_survives_kill_9_after_the_autosave(qtbot, ctx, store) -> None:
    store_path = Path(store.path)
    store.close()  # the child owns the store until it is killed
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.ui.editor.kill_worker",
            str(store_path),
            str(ctx.profile_dir),
            PASSWORD,
        ],
        cwd=str(paths.PROJECT_ROOT),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        line = child.stdout.readline()  # blocks until the autosave, 10 s after the fill
        assert line.startswith("autosaved "), (line, child.stderr.read() if child.poll() else "")
        pid = uuid.UUID(line.split()[1])
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL

    import dataclasses

    from models.db import Database
    from ui.screens.editor import ProspectEditor

    reopened = Database.open(store_path, password=PASSWORD)
    try:
        again = ProspectEditor(dataclasses.replace(ctx, db=reopened))
        qtbot.addWidget(again)
        again.show()
        again.load_existing(pid)
        qtbot.waitUntil(lambda: again.isEnabled() and again.prospect_id == pid, timeout=5_000)
        qtbot.waitUntil(lambda: again.name_edit.text() != "", timeout=5_000)
        assert again.name_edit.text() == "SITI AMINAH"
        assert again.identity.mother_edit.text() == "SRI WAHYUNI"
        assert again.address.rt_edit.text() == "004"
        assert again.work.work_location_edit.text() == "Pasar Banjarsari, los B-17"
        assert again.income_edit.text() == "2.800.000"
        assert again.programme.package_jht_radio.isChecked()
        heirs = [again.heirs.heir_row(i).name.text() for i in range(again.heirs.heir_count())]
        assert heirs == ["AHMAD FAUZI", "NUR AINI"]
        assert again.consent.purpose_checks["ENROLMENT"].isChecked()
        assert again.consent.witness_edit.text() == "Bu RT Medono"
        assert "sore hari" in again.notes.notes_edit.toPlainText()
        banner = again.banners.banner("recovery")
        assert banner is not None  # the autosaved copy is offered: continue or discard
        assert [b.text() for b in banner.buttons] == ["Continue", "Discard"]
        again.close()
        qtbot.waitUntil(lambda: not again.isVisible(), timeout=5_000)
    finally:
        from ui.tasks import pending_count

        qtbot.waitUntil(lambda: pending_count() == 0, timeout=10_000)
        reopened.close()
