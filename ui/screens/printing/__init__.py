"""Printing screens (UI.md §3.5): the print dialog with its preview, the verify dialog and the
print menu of the main window. The drawing itself is ``printing/`` (ReportLab, no Qt).

Names are imported on first use: the main window builds the print menu with every session,
and the dialogs behind it import ReportLab, which the way to the prospect list does not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ui.screens.printing.print_actions import PrintActions
    from ui.screens.printing.print_dialog import PrintDialog, PrintRequest
    from ui.screens.printing.verify_dialog import VerifyDialog

__all__ = ["PrintActions", "PrintDialog", "PrintRequest", "VerifyDialog"]

_HOMES = {
    "PrintActions": "print_actions",
    "PrintDialog": "print_dialog",
    "PrintRequest": "print_dialog",
    "VerifyDialog": "verify_dialog",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
