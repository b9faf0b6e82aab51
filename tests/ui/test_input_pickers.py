# ruff: noqa: F811 - pytest fixtures imported from ui_shell_fixtures are parameters here
"""Pickers suggest as you type, the same way everywhere: contains, full pinyin, initials.

The place picker's completer model once had no parent and was garbage-collected, so nothing was
ever suggested; an ambiguous name (朝阳) was called unknown. These tests type as an editor does.
"""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ui_shell_fixtures import demo_ctx  # noqa: F401 - fixtures

from planner.domain import place_search
from planner.domain.errors import ValidationError
from planner.services import queries
from planner.ui.directory.outlet_dialog import OutletDialog
from planner.ui.directory.place_edit import PlaceEdit
from planner.ui.pickers import outlet_combo, person_combo

pytestmark = pytest.mark.qt


@pytest.fixture
def place(qtbot):
    edit = PlaceEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(place_search.ready, timeout=30000)
    qtbot.waitUntil(edit.hasFocus, timeout=3000)
    return edit


def _type(qtbot, edit, text: str) -> None:
    """Type ``text``: ASCII through real key presses, Chinese as an input method commits it."""
    edit.clear()
    if text.isascii():
        QTest.keyClicks(edit, text)
    else:
        edit.insert(text)
        edit.textEdited.emit(edit.text())


def test_place_suggestions_for_name_initials_and_pinyin(place, qtbot) -> None:
    gc.collect()  # the model must survive a collection
    assert place.popup.completer.model() is place.popup.model
    for typed in ("温江", "wj", "wenjiang"):
        _type(qtbot, place, typed)
        assert place.suggestions()[0] == "温江区 · 四川省成都市", typed
        assert place.popup.completer.popup().isVisible(), typed
    _type(qtbot, place, "yongchuan")
    assert place.suggestions()[0] == "永川区 · 重庆市"


def test_choosing_a_suggestion_sets_the_place(place, qtbot) -> None:
    _type(qtbot, place, "wj")
    popup = place.popup.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    popup.setCurrentIndex(place.popup.completer.completionModel().index(0, 0))
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert place.text() == "温江区 · 四川省成都市"
    assert place.adcode().startswith("510115")


def test_an_ambiguous_name_lists_its_candidates(place, qtbot) -> None:
    _type(qtbot, place, "朝阳")
    shown = place.suggestions()
    assert {"朝阳区 · 北京市", "朝阳区 · 吉林省长春市", "朝阳市 · 辽宁省"} <= set(shown)
    with pytest.raises(ValidationError) as err:
        place.adcode()
    assert err.value.code == "ambiguous_place"
    assert place.popup.completer.popup().isVisible()
    assert len(place.suggestions()) == 4  # exactly the candidates, to pick one


def test_a_station_is_offered_the_place_it_lies_in(place, qtbot) -> None:
    _type(qtbot, place, "成都东站")
    assert place.suggestions()[0] == "成都市 · 四川省"
    place.set_adcode("510115")
    assert place.text() == "温江区 · 四川省成都市" and place.adcode().startswith("510115")


def test_outlet_dialog_says_which_places_a_name_means(demo_ctx, qtbot) -> None:
    dialog = OutletDialog(demo_ctx, queries.list_outlets(demo_ctx.db))
    qtbot.addWidget(dialog)
    dialog.name.setText("朝阳测试融媒体中心")
    dialog.place.setText("朝阳")
    dialog.accept()
    text = dialog.error_texts()["adcode"]
    assert "北京市朝阳区" in text and "吉林省长春市朝阳区" in text
    assert "未知" not in text


def test_outlet_and_person_pickers_match_inside_names_and_by_pinyin(demo_ctx, qtbot) -> None:
    outlets = queries.list_outlets(demo_ctx.db)
    combo = outlet_combo(outlets, "（无）")
    qtbot.addWidget(combo)
    combo.show()
    combo.setFocus()
    qtbot.waitUntil(lambda: combo.popup.completer is not None and QApplication.focusWidget() is not None, timeout=3000)
    edit = combo.lineEdit()
    for typed in ("川报", "日报报业", "cb", "wjq"):
        edit.clear()
        if typed.isascii():
            QTest.keyClicks(edit, typed)
        else:
            edit.insert(typed)
            edit.textEdited.emit(edit.text())
        found = combo.suggestions()
        wanted = "温江区融媒体中心" if typed == "wjq" else "四川日报报业集团"
        assert any(s.startswith(wanted) for s in found), (typed, found)
    assert combo.current_id(field="lead", what="媒体单位") is not None  # one match: taken
    edit.setText("日报")
    with pytest.raises(ValidationError) as err:
        combo.current_id(field="lead", what="媒体单位")
    assert err.value.code == "ambiguous_choice"
    people = queries.list_people(demo_ctx.db)
    pc = person_combo(people, None, outlets)
    qtbot.addWidget(pc)
    pc.show()
    pc.setFocus()
    name = people[0].name
    pc.lineEdit().insert(name)
    pc.lineEdit().textEdited.emit(name)
    outlet = next(o for o in outlets if o.id == people[0].outlet_id)
    assert any(s == f"{name} · {outlet.display_name}" for s in pc.suggestions())


def test_enter_in_an_outlet_picker_saves_the_form(demo_ctx, qtbot) -> None:
    from planner.ui.directory.person_dialog import PersonDialog

    outlets = queries.list_outlets(demo_ctx.db)
    dialog = PersonDialog(demo_ctx, outlets)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Enter Test")
    dialog.outlet.set_id(outlets[0].id)
    dialog.outlet.setFocus()
    qtbot.waitUntil(lambda: dialog.outlet.lineEdit().hasFocus(), timeout=3000)
    QTest.keyClick(dialog.outlet.lineEdit(), Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_texts()
