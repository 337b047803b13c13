"""The desktop user interface (PySide6): the only package that imports Qt, with main.py."""

from ui.pyside_compat import protect_none

protect_none()
