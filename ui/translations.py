"""Which language the app speaks: the Jangkau catalogue plus Qt's own ``qtbase`` strings.

Source strings are English (STYLE.md §6); Indonesian comes from ``ui/i18n/jangkau_id.qm``
(built from ``jangkau_id.ts`` by ``python -m ui.i18n.build``) and Qt's ``qtbase_id`` for the
standard dialog buttons. ``set_language`` swaps the translators at run time; Qt then sends every
widget a ``LanguageChange`` event and each screen re-runs its ``retranslate_ui``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from core import paths

log = logging.getLogger(__name__)

__all__ = ["catalogue_path", "current_language", "set_language"]

_installed: list[QTranslator] = []
_current = {"language": "en"}


def catalogue_path(language: str) -> Path:
    return paths.translations_dir() / f"jangkau_{language}.qm"


def current_language() -> str:
    return _current["language"]


def set_language(language: str) -> bool:
    """Install the translators for ``language`` (``id`` or ``en``); False if the catalogue is missing."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QApplication")
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    _current["language"] = language
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    if language == "en":
        _deliver_language_change()
        return True
    ok = True
    ours = QTranslator(app)
    if ours.load(str(catalogue_path(language))):
        QCoreApplication.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("translation catalogue %s missing; run `make build`", catalogue_path(language))
        ok = False
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if qtbase.load(f"qtbase_{language}", qt_dir):
        QCoreApplication.installTranslator(qtbase)
        _installed.append(qtbase)
    else:
        log.info("no qtbase_%s in %s; standard buttons stay English", language, qt_dir)
    _deliver_language_change()
    return ok


def _deliver_language_change() -> None:
    """Retranslate now rather than at the next turn of the event loop (no mixed-language frame)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
