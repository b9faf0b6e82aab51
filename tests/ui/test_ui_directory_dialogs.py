# ruff: noqa: F811 - pytest fixtures imported from ui_shell_fixtures are parameters here
"""The add/edit dialogs refuse bad input inline (the database unchanged) and push undoable commands."""

from __future__ import annotations

import pytest
from ui_shell_fixtures import ctx, demo_ctx  # noqa: F401 - fixtures

from planner.domain.enums import Entity, PersonRole, Tier
from planner.services import queries
from planner.services.commands import Create
from planner.ui.directory.alliance_dialog import AllianceDialog
from planner.ui.directory.outlet_dialog import OutletDialog
from planner.ui.directory.person_dialog import PersonDialog

pytestmark = pytest.mark.qt


def _outlet_dialog(ctx, qtbot, row=None) -> OutletDialog:
    dialog = OutletDialog(ctx, queries.list_outlets(ctx.db), row)
    qtbot.addWidget(dialog)
    return dialog


def test_outlet_dialog_refuses_empty_name(ctx, qtbot) -> None:
    dialog = _outlet_dialog(ctx, qtbot)
    dialog.name.setText("   ")
    dialog.accept()
    assert dialog.result() == 0
    errors = dialog.error_texts()
    assert "不能为空" in errors["name"]
    assert dialog.findChild(type(dialog.general_error), "error_name").isVisibleTo(dialog)
    assert queries.list_outlets(ctx.db) == []
    assert ctx.undo_stack.count() == 0


def test_outlet_dialog_refuses_control_characters(ctx, qtbot) -> None:
    dialog = _outlet_dialog(ctx, qtbot)
    dialog.name.setText("温江\x07融媒")
    dialog.accept()
    assert "控制字符" in dialog.error_texts()["name"]
    dialog.name.setText("温江区融媒体中心")
    dialog.contact_phone.setText("028\x0012345")
    dialog.accept()
    assert "控制字符" in dialog.error_texts()["contact_phone"]
    assert "name" not in dialog.error_texts() or not dialog.error_texts()["name"]
    assert queries.list_outlets(ctx.db) == []


def test_outlet_dialog_refuses_duplicate_and_unknown_place(ctx, qtbot) -> None:
    ctx.push(Create(Entity.OUTLET, {"name": "温江区融媒体中心", "tier": Tier.COUNTY}))
    dialog = _outlet_dialog(ctx, qtbot)
    dialog.name.setText("温江区 融媒体中心")  # same name once white space is folded
    dialog.accept()
    assert "已存在" in dialog.error_texts()["name"]
    dialog.name.setText("郫都区融媒体中心")
    dialog.place.setText("不存在的地方")
    dialog.accept()
    assert "未知" in dialog.error_texts()["adcode"]
    assert len(queries.list_outlets(ctx.db)) == 1


def test_outlet_dialog_creates_edits_and_undoes(ctx, qtbot) -> None:
    dialog = _outlet_dialog(ctx, qtbot)
    dialog.name.setText("温江区融媒体中心")
    dialog.short_name.setText("温江")
    dialog.place.setText("温江区")
    dialog.format_checks[next(iter(dialog.format_checks))].setChecked(True)
    dialog.capacity.setValue(6)
    dialog.accept()
    assert dialog.result() == 1, dialog.error_texts()
    [row] = queries.list_outlets(ctx.db)
    assert (row.name, row.short_name, row.adcode[:6], row.capacity) == ("温江区融媒体中心", "温江", "510115", 6)
    assert ctx.undo_stack.undoText() == "新建媒体单位“温江区融媒体中心”"
    edit = _outlet_dialog(ctx, qtbot, row)
    assert edit.place.adcode() == row.adcode
    edit.capacity.setValue(9)
    edit.accept()
    assert edit.result() == 1, edit.error_texts()
    assert queries.list_outlets(ctx.db)[0].capacity == 9
    ctx.undo_stack.undo()
    assert queries.list_outlets(ctx.db)[0].capacity == 6
    ctx.undo_stack.undo()
    assert queries.list_outlets(ctx.db) == []
    ctx.undo_stack.redo()
    assert queries.list_outlets(ctx.db)[0].id == row.id


def test_alliance_dialog_takes_a_date_from_its_calendar_field_and_refuses_a_duplicate(ctx, qtbot) -> None:
    import datetime as dt

    dialog = AllianceDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.name.setText("天府融媒联合体")
    assert dialog.founded_on.value() is None  # may stay empty
    dialog.founded_on.set_value(dt.date(2023, 7, 17))
    assert dialog.founded_on.edit.calendarPopup()
    dialog.accept()
    assert dialog.result() == 1, dialog.error_texts()
    again = AllianceDialog(ctx)
    qtbot.addWidget(again)
    again.name.setText("天府融媒联合体")
    again.accept()
    assert "已存在" in again.error_texts()["name"]
    assert len(queries.list_alliances(ctx.db)) == 1


def test_person_dialog_needs_an_outlet_and_a_valid_email(ctx, qtbot) -> None:
    ctx.push(Create(Entity.OUTLET, {"name": "温江区融媒体中心", "tier": Tier.COUNTY}))
    outlets = queries.list_outlets(ctx.db)
    dialog = PersonDialog(ctx, outlets)
    qtbot.addWidget(dialog)
    dialog.name.setText("李记者")
    dialog.accept()
    assert "不能为空" in dialog.error_texts()["outlet_id"]
    dialog.outlet.setCurrentIndex(1)
    dialog.email.setText("not-an-address")
    dialog.accept()
    assert "email" in dialog.error_texts() and dialog.error_texts()["email"]
    dialog.email.setText("li@example.cn")
    dialog.role.setCurrentIndex(dialog.role.findData(PersonRole.CAMERA.value))
    dialog.accept()
    assert dialog.result() == 1, dialog.error_texts()
    [person] = queries.list_people(ctx.db)
    assert (person.name, person.role, person.outlet_id) == ("李记者", PersonRole.CAMERA, outlets[0].id)
    dup = PersonDialog(ctx, outlets, outlet_id=outlets[0].id)
    qtbot.addWidget(dup)
    dup.name.setText("李记者")
    dup.accept()
    assert "已存在" in dup.error_texts()["name"]
