"""The 补位建议 panel's 范围 chooser: stages ticked by real clicks and keys in its open list."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.ui.suggest.scope import StageScope

pytestmark = pytest.mark.qt


def _click(scope: StageScope, row: int) -> None:
    view = scope.view()
    where = view.visualRect(scope.model().index(row, 0)).center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)


def test_ticking_stages_in_the_open_list(qtbot) -> None:  # type: ignore[no-untyped-def]
    scope = StageScope()
    qtbot.addWidget(scope)
    ids = [uuid.uuid4() for _ in range(3)]
    scope.set_stages([(sid, f"{n}. 环节{n}") for n, sid in enumerate(ids, 1)])
    scope.show()
    heard: list[tuple[uuid.UUID, ...]] = []
    scope.changed.connect(lambda: heard.append(scope.chosen()))
    assert scope.chosen() == () and scope.summary() == "全部环节"

    scope.showPopup()
    qtbot.waitUntil(scope.view().isVisible)
    _click(scope, 1)
    _click(scope, 3)
    assert scope.view().isVisible()  # still open for the next stage
    assert scope.chosen() == (ids[0], ids[2]) and heard == [(ids[0],), (ids[0], ids[2])]
    assert scope.summary() == "2 个环节"
    _click(scope, 1)  # a second click unticks
    assert scope.chosen() == (ids[2],) and scope.summary() == "3. 环节3"

    scope.view().setCurrentIndex(scope.model().index(2, 0))
    QTest.keyClick(scope.view(), Qt.Key.Key_Space)  # the keyboard ticks too
    assert scope.chosen() == (ids[1], ids[2])

    _click(scope, 0)  # 全部环节 clears the choice and closes the list
    assert scope.chosen() == () and heard[-1] == () and scope.summary() == "全部环节"
    qtbot.waitUntil(lambda: not scope.view().isVisible())


def test_the_choice_survives_a_reload_of_the_same_stages(qtbot) -> None:  # type: ignore[no-untyped-def]
    scope = StageScope()
    qtbot.addWidget(scope)
    ids = [uuid.uuid4() for _ in range(3)]
    scope.set_stages([(sid, str(n)) for n, sid in enumerate(ids)])
    scope.set_chosen([ids[1], uuid.uuid4()])  # an id not in the list is ignored
    heard: list[int] = []
    scope.changed.connect(lambda: heard.append(1))
    scope.set_stages([(sid, str(n)) for n, sid in enumerate(ids[1:])], keep=scope.chosen())
    assert scope.chosen() == (ids[1],) and not heard  # reloading is no change of the user's
    scope.set_chosen([ids[1]])
    assert not heard  # the same set again: no recomputation
