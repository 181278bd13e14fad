"""Switching the GUI language at run time: our .qm, Qt's own qtbase .qm, and domain messages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from app import paths
from app.domain import i18n

LANGUAGES: dict[str, str] = {"zh_CN": "中文", "en": "English"}

_installed: list[QTranslator] = []


def qm_path(lang: str = "zh_CN") -> Path:
    return paths.resources_dir() / "i18n" / f"storekeeper_{lang}.qm"


def current_language() -> str:
    return i18n.language()


def apply_language(lang: str) -> None:
    """Install the translators for `lang` ('zh_CN' or 'en'); every widget gets a LanguageChange.

    English is the source language, so it needs no translator of ours.
    """
    app = QCoreApplication.instance()
    i18n.set_language(lang)
    lang = i18n.language()
    if app is None:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        ours = QTranslator(app)
        if ours.load(str(qm_path(lang))):
            _installed.append(ours)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator(app)
        if qtbase.load("qtbase_zh_CN", qt_dir):
            _installed.append(qtbase)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    for translator in _installed:
        app.installTranslator(translator)
    # Deliver the LanguageChange events now, so every window is retranslated when this returns.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
