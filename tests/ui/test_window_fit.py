# ruff: noqa: F811 - pytest fixtures imported from ui_shell_fixtures are parameters here
"""A window's default size fits the screen's available area with room for a frame, and a shown window
that reaches past the edge (a restored geometry from a larger screen) is shrunk and moved back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget
from ui_shell_fixtures import ctx  # noqa: F401 - fixture

from planner.ui import window_fit

pytestmark = pytest.mark.qt


@pytest.fixture
def real_screen(monkeypatch):
    """As on a real display (offscreen, windows keep the size they ask for)."""
    monkeypatch.setattr(window_fit, "fitting_needed", lambda: True)


def test_offscreen_windows_keep_their_size(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    assert not window_fit.fitting_needed()  # the tests' platform: screenshots stay as asked
    assert window_fit.default_size(widget, QSize(10_000, 10_000)) == QSize(10_000, 10_000)


def test_default_size_leaves_room_for_the_frame(qtbot, real_screen) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.setMinimumSize(200, 150)
    area = window_fit.available_area(widget)
    assert area is not None
    size = window_fit.default_size(widget, QSize(10_000, 10_000))
    assert size.width() == area.width() - window_fit.FRAME_ALLOWANCE.width()
    assert size.height() == area.height() - window_fit.FRAME_ALLOWANCE.height()
    assert window_fit.default_size(widget, QSize(300, 200)) == QSize(300, 200)  # small enough: as asked
    assert window_fit.default_size(widget, QSize(10, 10)) == QSize(200, 150)  # never below the minimum


def test_a_window_past_the_edge_comes_back(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.setMinimumSize(200, 150)
    area = window_fit.available_area(widget)
    assert area is not None
    widget.resize(area.width() + 300, area.height() + 200)
    widget.move(area.x() + 120, area.y() + 80)
    widget.show()
    qtbot.waitExposed(widget)
    assert window_fit.keep_on_screen(widget)
    assert area.contains(widget.frameGeometry()), (widget.frameGeometry(), area)
    assert not window_fit.keep_on_screen(widget)  # once inside, nothing to do


def test_main_window_default_size_fits(ctx, qtbot, real_screen) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    area = window_fit.available_area(window)
    assert area is not None
    expected = window_fit.default_size(window, QSize(1280, 760))
    assert window.size() == expected
    if area.width() >= 1280 + 16 and area.height() >= 760 + 40:
        assert expected == QSize(1280, 760)
    window.show()
    qtbot.waitExposed(window)
    window_fit.keep_on_screen(window)
    if area.width() >= window.minimumWidth() and area.height() >= window.minimumHeight():
        assert area.contains(window.frameGeometry())

