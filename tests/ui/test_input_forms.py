# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""Forms: an error under a field goes once the field is fixed; phone numbers are checked; dates are
date editors with a calendar; messages are wholly in the interface language."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from ws_fixtures import make_page, settle, ws_ctx, ws_demo_ctx  # noqa: F401 - fixtures

from planner.domain.timefmt import PLAN_TZ
from planner.services import queries
from planner.ui.dates import DateField, DateTimeField
from planner.ui.directory.outlet_dialog import OutletDialog
from planner.ui.directory.person_dialog import PersonDialog
from planner.ui.workspace.project_dialog import ProjectDialog
from planner.ui.workspace.stage_dialog import StageDialog

pytestmark = pytest.mark.qt


def test_an_error_goes_once_the_field_is_fixed(qtbot, ws_demo_ctx) -> None:
    dialog = OutletDialog(ws_demo_ctx, queries.list_outlets(ws_demo_ctx.db))
    qtbot.addWidget(dialog)
    dialog.name.setText("璧山区测试中心")
    dialog.contact_phone.setText("86961234")  # no area code
    dialog.accept()
    assert "区号" in dialog.error_texts()["contact_phone"]
    dialog.contact_phone.setText("023-8696")  # still wrong: the message stays
    assert "contact_phone" in dialog.error_texts()
    dialog.contact_phone.setText("023-86961234")  # fixed: it goes at once, before saving
    assert "contact_phone" not in dialog.error_texts()
    dialog.contact_email.setText("desk-at-bishan")
    dialog.accept()
    assert dialog.error_texts()["contact_email"] == "邮箱格式不正确：desk-at-bishan"
    dialog.contact_email.setText("desk@bishan.cn")
    assert "contact_email" not in dialog.error_texts()
    dialog.name.setText("")
    dialog.accept()
    assert "name" in dialog.error_texts()
    dialog.name.setText("璧")  # a field the form cannot judge alone: its error goes when edited
    assert "name" not in dialog.error_texts()


def test_person_phone_forms_and_english_messages(qtbot, ws_demo_ctx) -> None:
    ws_demo_ctx.lang = "en"
    outlets = queries.list_outlets(ws_demo_ctx.db)
    dialog = PersonDialog(ws_demo_ctx, outlets)
    qtbot.addWidget(dialog)
    dialog.name.setText("Li")
    dialog.outlet.set_id(outlets[0].id)
    dialog.phone.setText("1381234567")
    dialog.email.setText("li")
    dialog.accept()
    cjk = re.compile(r"[\u4e00-\u9fff]")
    phone = dialog.error_texts()["phone"]
    assert phone.startswith("Not a phone number") and not cjk.search(phone)  # wholly English
    dialog.phone.setText("028-86961234 ext. 8012")
    dialog.accept()
    email = dialog.error_texts()["email"]
    assert email == "Not an e-mail address: li" and "phone" not in dialog.error_texts()
    dialog.email.setText("li@example.cn")
    assert dialog.error_texts() == {}
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_dates_are_calendar_editors_and_the_order_error_goes(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    dialog = ProjectDialog(ws_demo_ctx, page.directory, parent=page)
    qtbot.addWidget(dialog)
    assert isinstance(dialog.starts, DateField) and dialog.starts.edit.calendarPopup()
    assert dialog.starts.value() is None and dialog.starts.edit.text() == "未填"
    dialog.title_edit.setText("日期测试")
    dialog.starts.set_value(date(2026, 5, 10))
    dialog.ends.set_value(date(2026, 5, 1))
    dialog.accept()
    assert "ends_on" in dialog.error_texts()
    dialog.starts.set_value(date(2026, 4, 28))  # fixing the other date fixes the order
    assert "ends_on" not in dialog.error_texts()
    dialog.ends.set_value(None)
    dialog.ends.set_box.setChecked(True)  # ticked: it starts from the project's start
    assert dialog.ends.value() == date(2026, 4, 28)
    project = queries.list_projects(ws_demo_ctx.db)[0].project
    stages = queries.load_stages(ws_demo_ctx.db, project.id)
    stage = StageDialog(ws_demo_ctx, project.id, stages, stages[0], parent=page)
    qtbot.addWidget(stage)
    assert isinstance(stage.starts, DateTimeField) and stage.starts.value() == stages[0].starts_at
    stage.starts.set_value(datetime(2026, 12, 26, 8, 30, tzinfo=PLAN_TZ))
    stage.accept()
    assert stage.result() == stage.DialogCode.Accepted, stage.error_texts()
    assert queries.load_stages(ws_demo_ctx.db, project.id)[0].starts_at == datetime(2026, 12, 26, 8, 30, tzinfo=PLAN_TZ)


def test_no_form_shows_a_stale_example_date(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    project = queries.list_projects(ws_demo_ctx.db)[0].project
    stages = queries.load_stages(ws_demo_ctx.db, project.id)
    from PySide6.QtWidgets import QLineEdit

    for dialog in (ProjectDialog(ws_demo_ctx, page.directory, parent=page),
                   StageDialog(ws_demo_ctx, project.id, stages, None, parent=page)):
        qtbot.addWidget(dialog)
        for edit in dialog.findChildren(QLineEdit):
            assert not re.search(r"20\d\d-\d\d", edit.placeholderText()), edit.placeholderText()
