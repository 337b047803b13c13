"""A cheaper answer to PySide6's "does this module use PySide?" question at every import.

Once PySide6 is loaded, each module imported afterwards is checked for ``from __feature__``
support by ``shibokensupport.feature._mod_uses_pyside``, which runs ``inspect.getsource`` on it:
linecache, tokenize and a decode of the whole file, ~0.7 ms per module, about 50 modules on the
way from *Buka* to the list. The question it asks is only whether the text ``PySide6`` occurs in
the source; reading the file's bytes answers it the same way for every ``.py`` module. A module
with no file (built in) or a compiled extension has no source: PySide6's check catches the error
``inspect`` raises and answers False, which this says at once. Every other case is left to it.

The check lives in ``shibokensupport``, which exists only once ``PySide6`` is imported, so this
imports ``PySide6`` first: ``main.py`` imports ``ui`` before any Qt module, and without that the
hook was never installed in the app (only where a test or the bench had loaded Qt already).
"""

from __future__ import annotations

import sys
from importlib.machinery import EXTENSION_SUFFIXES
from types import ModuleType

__all__ = ["speed_up_feature_check"]

_EXTENSIONS = tuple(EXTENSION_SUFFIXES)


def speed_up_feature_check() -> bool:
    """Install the byte search; False if this PySide6 has no such hook (nothing changed)."""
    import PySide6  # noqa: F401 - loads shibokensupport, where the check lives

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "_jangkau", False):
        return False

    def _mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if path is None or (isinstance(path, str) and path.endswith(_EXTENSIONS)):
            return False  # no source: inspect.getsource raises, and the original says False
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    _mod_uses_pyside._jangkau = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = _mod_uses_pyside  # type: ignore[union-attr]
    return True
