# ruff: noqa: F811 - pytest fixtures imported from ui_shell_fixtures are parameters here
"""What start-up does before the first paint, and what it leaves until the window is up.

Loading pypinyin's tables costs ~0.3 s of CPU; the workspace's hidden 任务 tab makes its pickers at
start-up, and they used to load the tables then, competing with the first paint. A picker now
asks for them when it is first shown, and the app warms them once the window is up.
"""

from __future__ import annotations

import pytest
from ui_shell_fixtures import ctx  # noqa: F401 - fixtures

from planner.ui import app, pickers

pytestmark = pytest.mark.qt


class _Loader:
    def __init__(self) -> None:
        self.requests = 0

    def request(self) -> None:
        self.requests += 1


@pytest.fixture
def loader(monkeypatch) -> _Loader:
    # imported first, so the matrix tab keeps the real loader it imports by name (made from the
    # fake, it failed here when this file ran alone, and kept the fake for the rest of the run)
    import planner.ui.workspace.matrix_tab  # noqa: F401

    fake = _Loader()
    monkeypatch.setattr(pickers, "pinyin_loader", lambda: fake)
    return fake


def test_a_picker_loads_the_pinyin_tables_when_shown_not_when_made(qtbot, loader) -> None:
    combo = pickers.IdCombo("（无）")
    qtbot.addWidget(combo)
    assert loader.requests == 0
    combo.show()
    qtbot.waitExposed(combo)
    assert loader.requests >= 1


def test_building_the_main_window_loads_no_pinyin_and_the_app_warms_it_afterwards(qtbot, ctx, loader) -> None:
    from planner.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert loader.requests == 0  # the hidden 任务 tab's pickers wait until they are shown
    app.warm_up()  # what the app runs once the window is up (WARM_AFTER_MS after show)
    assert loader.requests == 1
    window.close()
