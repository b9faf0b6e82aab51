"""The bundled CJK font: register it at start-up as the fallback family so Chinese renders on a
machine with no CJK font installed.

The font is an OFL-licensed subset of Noto Sans CJK SC (``resources/fonts/``, built by
``build_spec/build_font_subset.py``, licence in ``resources/fonts/OFL.txt``).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from planner.paths import resource

FONT_FILE = "PlannerSansSC-Regular.otf"
FAMILY = "Planner Sans SC"

_registered: str | None = None


def register_bundled_font() -> str | None:
    """Load the bundled font once; returns its family name (``None`` if the file is missing)."""
    global _registered
    if _registered is not None:
        return _registered
    path = resource("fonts", FONT_FILE)
    if not path.is_file():
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    _registered = families[0] if families else FAMILY
    return _registered


def install_fallback(app: QGuiApplication) -> str | None:
    """Make the bundled family the fallback of the application font (after the system UI font).

    Latin text keeps the platform's UI font; any character it lacks (all of Chinese on a machine
    without CJK fonts) falls back to the bundled family before Qt's own fallback search.
    """
    family = register_bundled_font()
    if family is None:
        return None
    font = QFont(app.font())
    first = font.family()
    font.setFamilies([first, family] if first and first != family else [family])
    app.setFont(font)
    for generic in ("Sans Serif", "SimSun", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC"):
        QFont.insertSubstitution(generic, family)
    return family
