"""Keeping a top-level window inside the screen's available area, window-manager frame included.

A window's default size is what fits: on a 1366×768 laptop under a window manager with a title bar
(openbox, GNOME) a fixed 1280×760 client area pushed the status bar below the screen's edge. Qt only
knows the frame once the window manager has framed the window, so :func:`default_size` leaves room
for a typical frame, and :func:`keep_on_screen` — called after the window is shown — shrinks and
moves it by what the real frame turned out to need. A restored geometry (from the last session) is
checked the same way, since it may come from a larger screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# room for a window manager's frame before the real one is known: borders and a title bar
FRAME_ALLOWANCE = QSize(16, 40)
# platforms without a screen a person looks at (tests, screenshots): nothing is cut off there, and
# their nominal 800×600 screen would shrink every window to its minimum
_NO_SCREEN = frozenset({"offscreen", "minimal"})


def fitting_needed() -> bool:
    """Whether windows are shown on a real screen, where they must fit."""
    return QGuiApplication.platformName() not in _NO_SCREEN


def available_area(widget: QWidget) -> QRect | None:
    """The available geometry (without panels and docks) of the widget's screen, or the primary one."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def default_size(widget: QWidget, preferred: QSize) -> QSize:
    """``preferred``, or smaller so that it fits the available area with a frame around it."""
    area = available_area(widget)
    if area is None or area.isEmpty() or not fitting_needed():
        return preferred
    minimum = widget.minimumSize()
    width = min(preferred.width(), area.width() - FRAME_ALLOWANCE.width())
    height = min(preferred.height(), area.height() - FRAME_ALLOWANCE.height())
    return QSize(max(width, minimum.width()), max(height, minimum.height()))


def place_centred(widget: QWidget, size: QSize) -> None:
    """Resize ``widget`` to ``size`` and centre its (expected) frame in the available area."""
    widget.resize(size)
    area = available_area(widget)
    if area is None or area.isEmpty() or not fitting_needed():
        return
    outer = size + FRAME_ALLOWANCE
    widget.move(area.x() + max(0, (area.width() - outer.width()) // 2),
                area.y() + max(0, (area.height() - outer.height()) // 2))


def keep_on_screen(widget: QWidget) -> bool:
    """Shrink and move a shown, normal (not maximised) window so that its frame lies inside the
    available area; ``True`` when it had to change. Safe to call more than once."""
    if not widget.isVisible() or widget.isMaximized() or widget.isFullScreen():
        return False
    area = available_area(widget)
    if area is None or area.isEmpty():
        return False
    frame = widget.frameGeometry()
    client = widget.geometry()
    extra_w = frame.width() - client.width()  # what the window manager adds around the client area
    extra_h = frame.height() - client.height()
    width = min(client.width(), max(area.width() - extra_w, widget.minimumWidth()))
    height = min(client.height(), max(area.height() - extra_h, widget.minimumHeight()))
    x = min(max(frame.x(), area.x()), area.x() + max(0, area.width() - width - extra_w))
    y = min(max(frame.y(), area.y()), area.y() + max(0, area.height() - height - extra_h))
    if (width, height) == (client.width(), client.height()) and (x, y) == (frame.x(), frame.y()):
        return False
    widget.resize(width, height)
    widget.move(x, y)  # move() places the frame's top-left corner
    return True


def check_after_show(widget: QWidget) -> None:
    """Run :func:`keep_on_screen` once the window manager has had time to frame the window (the frame's
    size arrives asynchronously under X11), and once more a little later."""
    if not fitting_needed():
        return
    for delay in (0, 250, 1000):
        QTimer.singleShot(delay, widget, lambda w=widget: keep_on_screen(w))
