"""Printing screens (UI.md §3.5): the print dialog with its preview, the verify dialog and the
print menu of the main window. The drawing itself is ``printing/`` (ReportLab, no Qt)."""

from ui.screens.printing.print_actions import PrintActions
from ui.screens.printing.print_dialog import PrintDialog, PrintRequest
from ui.screens.printing.verify_dialog import VerifyDialog

__all__ = ["PrintActions", "PrintDialog", "PrintRequest", "VerifyDialog"]
