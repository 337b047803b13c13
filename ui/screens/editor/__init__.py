"""The prospect editor (UI.md §3.4): ``ProspectEditor`` and its sections."""

from ui.screens.editor.editor_widget import ProspectEditor

__all__ = ["ProspectEditor"]
