"""Fixtures of the print screen tests: a real encrypted store with submitted prospects, an
``AppContext`` on it, the Indonesian catalogue of these screens, and no printer.

The store is made once per session by the real create path (fast Argon2 parameters) and copied
per test. Prospects are valid synthetic ones (``models.services.demo_seed.make_prospect``) saved
through ``models.services.prospects.save`` with ``submit=True``, so they have revision 1 and a QR.
``CUPS_SERVER`` points at a closed loopback port, so CUPS lists no printer whatever this machine
has configured (the no-printer state is then real, not simulated).
"""

from __future__ import annotations

import dataclasses
import random
import shutil
import socket
import subprocess
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import shiboken6

from core.settings import Settings
from models.db import Database, key_path_for
from models.keyfile import KdfParams
from models.services import prospects as prospect_service
from models.services.context import load_agent_context
from models.services.demo_seed import make_prospect
from tests.printing.test_cups import cups_queue  # noqa: F401 - the real-queue fixture
from tests.ui.editor.support import unfinished
from ui.app_context import AppContext
from ui.i18n.build import _tool, fill_from_memory, load_memory
from ui.tasks import pending_count

PASSWORD = "kata-sandi-uji-123"
TODAY = date(2026, 2, 10)
ROOT = Path(__file__).resolve().parents[3]
SOURCES = [
    *sorted((ROOT / "ui" / "screens" / "printing").glob("*.py")),
    ROOT / "ui" / "errors.py",
    ROOT / "ui" / "badges.py",
    # the strings this area changed in the shell's and the editor's files
    ROOT / "ui" / "main_window.py",
    ROOT / "ui" / "screens" / "side_panel.py",
    ROOT / "ui" / "screens" / "editor" / "editor_widget.py",
    ROOT / "ui" / "table_models" / "prospects.py",
]
OWN_CONTEXTS = (
    "PdfPreview",
    "PrintActions",
    "PrintControls",
    "PrintDialog",
    "PrintList",
    "PrintOutput",
    "VerifyDialog",
)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def no_cups_printer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUPS_SERVER", f"127.0.0.1:{_closed_port()}")


@pytest.fixture(scope="session")
def _printing_strings_translated(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every string of these screens has an Indonesian entry (compiled from the sources and
    ui/i18n/id/*.tsv; the temporary catalogue is never installed)."""
    folder = tmp_path_factory.mktemp("i18n_printing")
    ts, qm = folder / "printing_id.ts", folder / "printing_id.qm"
    cmd = [
        _tool("lupdate"),
        "-no-obsolete",
        "-locations",
        "none",
        *map(str, SOURCES),
        "-ts",
        str(ts),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=60)
    fill_from_memory(ts, load_memory())
    untranslated = [entry for entry in unfinished(ts) if entry[0] in OWN_CONTEXTS]
    assert untranslated == [], "untranslated strings in the print screens"
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60)


@pytest.fixture
def printing_catalogue(jangkau_qapp: Any, _printing_strings_translated: None) -> None:
    """The app in Indonesian through its own catalogue (``ui.translations``)."""
    del jangkau_qapp, _printing_strings_translated
    from ui import translations

    translations.set_language("id")


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("print_store") / "agent.db"
    db = Database.create(
        path, password=PASSWORD, profile_name="Rina Wulandari", argon2_params=KdfParams.fast()
    )
    db.close()
    return path


@pytest.fixture
def store(store_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "store" / "agent.db"
    path.parent.mkdir()
    shutil.copy2(store_template, path)
    shutil.copy2(key_path_for(store_template), key_path_for(path))
    db = Database.open(path, password=PASSWORD)
    yield db
    db.close()


@pytest.fixture
def ctx(store: Database, qtbot: Any, printing_catalogue: None) -> Iterator[AppContext]:  # noqa: ARG001
    settings = Settings()
    agent = dataclasses.replace(load_agent_context(store, settings=settings), username="agen07")
    yield AppContext(db=store, settings=settings, agent=agent, today=lambda: TODAY)
    qtbot.waitUntil(lambda: pending_count() == 0, timeout=20_000)


@pytest.fixture
def add_prospect(ctx: AppContext) -> Callable[..., uuid.UUID]:
    """``add_prospect("SITI AMINAH", restricted=False, submit=True)`` → its id."""
    rng = random.Random(20260210)
    used: set[str] = set()
    counter = iter(range(10**6))

    def add(name: str, *, submit: bool = True, **overrides: Any) -> uuid.UUID:
        item = make_prospect(rng, today=TODAY, used_niks=used, mobile_number=next(counter))
        item.payload.update(full_name=name, **overrides)
        prospect_service.save(
            ctx.db,
            prospect_id=item.id,
            payload=item.payload,
            submit=submit,
            agent=ctx.agent,
            today=TODAY,
            consent=item.consent,
        )
        return item.id

    return add


@pytest.fixture
def open_dialog(ctx: AppContext, qtbot: Any) -> Iterator[Callable[..., Any]]:
    """Open a real ``PrintDialog`` and wait until its list (or document) is loaded."""
    from ui.screens.printing import PrintDialog, PrintRequest

    dialogs: list[Any] = []

    def open_(request: Any = None, *, ids: list[uuid.UUID] | None = None) -> Any:
        request = request or PrintRequest.forms(ids or [])
        dialog = PrintDialog(ctx, request)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.items_loaded, timeout=10_000):
            dialog.show()
        qtbot.waitUntil(lambda: dialog.controls.printers is not None, timeout=10_000)
        dialogs.append(dialog)
        return dialog

    yield open_
    for dialog in dialogs:
        if shiboken6.isValid(dialog):
            dialog.output.cancel()
            dialog.close()
    qtbot.waitUntil(lambda: pending_count() == 0, timeout=20_000)
