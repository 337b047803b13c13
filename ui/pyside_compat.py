"""Work around PySide6 6.12.0 dropping a reference to ``None`` on Python 3.11.

PySide6 6.12.0 returns ``None`` from every void method (``widget.show()``, ``setText()``,
``processEvents()``…) and from every method whose result converts to ``None`` (``parent()`` of a
top-level, ``currentData()`` of an empty row) without taking a new reference. Since Python 3.12
``None`` is immortal (PEP 683) and that is harmless; on 3.11, which this project runs, every such
call lowers ``None``'s reference count by one, and after a few thousand calls the interpreter
aborts with "Fatal Python error: none_dealloc". A fresh process starts with a count of ~4,000.

The remedy other extension projects ship for the same bug class (PyMuPDF #5043 "Prevent Death
of None") is to make ``None`` effectively immortal on older Pythons, which is what 3.12 does:
raise its reference count by 2**60, so no number of dropped references can bring it to zero in
the life of the process. ``None`` is never deallocated in CPython anyway; only the count moves.
Nothing happens on Python ≥ 3.12 or on interpreters other than CPython.

``True`` and ``False`` get the same margin: a process that runs the prospect list for a while
(100,000-row bench: unlock, 60 searches) aborted at exit with "Fatal Python error: bool_dealloc"
after the same kind of dropped references to a returned bool.
"""

from __future__ import annotations

import ctypes
import sys

__all__ = ["IMMORTAL_MARGIN", "protect_none"]

IMMORTAL_MARGIN = 1 << 60
_done = False


def protect_none() -> bool:
    """Make ``None``, ``True`` and ``False`` immortal for all practical purposes; True if a
    change was made."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for singleton in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt: first field of PyObject
        if refcnt.value < IMMORTAL_MARGIN:
            refcnt.value += IMMORTAL_MARGIN
    _done = True
    return True
