"""Translations of the desktop app: Qt ``.qm`` files for the app (``resources/translations``) and for
Qt's own dialogs (``qtbase_<lang>.qm`` from PySide6).

Source strings in the code are Chinese (``self.tr("文件")``), so Chinese needs no app translator;
English loads ``planner_en.qm``. Every installed ``QTranslator`` is kept referenced here, or Qt
would drop it silently. Switching language in the settings applies after a restart (the settings
dialog offers to restart at once): screens built by other parts of the app only translate their
strings when they are created.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from planner.paths import resource

LANGUAGES = {"zh_CN": "中文（简体）", "en": "English"}

_installed: list[QTranslator] = []


def normalize(lang: str | None) -> str:
    if not lang:
        return "zh_CN"
    low = lang.replace("-", "_").lower()
    if low.startswith("en"):
        return "en"
    if low.startswith("zh"):
        return "zh_CN"
    raise ValueError(lang)


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install(lang: str, app: QCoreApplication | None = None) -> list[str]:
    """Install the translators for ``lang`` (replacing earlier ones); returns the files loaded."""
    app = app or QCoreApplication.instance()
    lang = normalize(lang)
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    loaded: list[str] = []
    candidates = [("qtbase_" + lang, qt_translations_dir()), ("qtbase_" + lang, str(resource("translations")))]
    if lang != "zh_CN":
        candidates.insert(0, ("planner_" + lang, str(resource("translations"))))
    seen: set[str] = set()
    for name, folder in candidates:
        if name in seen:
            continue
        tr = QTranslator(app)
        if tr.load(name, folder):
            QCoreApplication.installTranslator(tr)
            _installed.append(tr)
            loaded.append(f"{folder}/{name}.qm")
            seen.add(name)
    QLocale.setDefault(QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Chinese,
                               QLocale.Country.UnitedStates if lang == "en" else QLocale.Country.China))
    return loaded


def installed() -> list[QTranslator]:
    return list(_installed)
