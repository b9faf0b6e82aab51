"""The exchange actions and the conflict screen, offscreen."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.qt

from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QWidget  # noqa: E402

from planner.services import assignments  # noqa: E402
from planner.services.exchange import export_bundle, import_bundle, preview_import, read_bundle  # noqa: E402
from planner.services.queries import list_projects, load_plan  # noqa: E402
from tests.exchange.conftest import dump  # noqa: E402


@pytest.fixture
def ctx(qtbot, desk_b):
    from planner.ui.context import AppContext

    context = AppContext(desk_b)
    yield context
    context.wait_for_workers()


def _conflicted(demo_db, desk_b, tmp_path):  # type: ignore[no-untyped-def]
    project = next(p.project for p in list_projects(demo_db) if p.project.code == "YKGT-2026")
    export_bundle(demo_db, project.id, tmp_path / "a1.jcp")
    import_bundle(desk_b, tmp_path / "a1.jcp")
    a = load_plan(demo_db, project.id).assignments[0]
    assignments.update_assignment(demo_db, a.id, brief="A 的说明")
    assignments.update_assignment(desk_b, a.id, brief="B 的说明")
    export_bundle(demo_db, project.id, tmp_path / "a2.jcp")
    return project, a


def test_install_adds_four_actions(qtbot, ctx):
    parent = QWidget()
    qtbot.addWidget(parent)
    from planner.ui.exchange import install_exchange_actions

    menu = QMenu(parent)
    actions = install_exchange_actions(menu, ctx, parent)
    assert [a.text() for a in actions] == ["导出计划…", "导入计划…", "导出回执表…", "导入回执…", "导出回执包…",
                                           "导出日历（.ics）…", "导出任务表（CSV/XLSX）…"]
    assert menu.actions() == actions


def test_conflict_dialog_lists_fields_and_returns_choices(qtbot, demo_db, desk_b, tmp_path):
    from planner.ui.exchange.conflict_dialog import ConflictDialog

    _project, a = _conflicted(demo_db, desk_b, tmp_path)
    plan = preview_import(desk_b, read_bundle(tmp_path / "a2.jcp"))
    dialog = ConflictDialog(plan)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, dialog.COL_FIELD).text() == "任务说明"
    assert dialog.table.item(0, dialog.COL_MINE).text() == "B 的说明"
    assert dialog.table.item(0, dialog.COL_THEIRS).text() == "A 的说明"
    ok = dialog.buttons.buttons()[0]
    assert dialog.undecided() == 1 and not ok.isEnabled()
    dialog.choose_all("theirs")
    assert dialog.undecided() == 0 and ok.isEnabled()
    assert dialog.choices() == {(a.id, "brief"): "theirs"}
    dialog.resize(1000, 300)
    dialog.grab().save(str(tmp_path / "conflicts.png"))


def test_import_action_merges_with_the_user_choice(qtbot, ctx, demo_db, desk_b, tmp_path, monkeypatch):
    from planner.ui.exchange.actions import ExchangeActions
    from planner.ui.exchange.conflict_dialog import ConflictDialog

    project, a = _conflicted(demo_db, desk_b, tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    handler = ExchangeActions(ctx, parent)

    def exec_choosing_theirs(self):  # type: ignore[no-untyped-def]
        self.choose_all("theirs")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ConflictDialog, "exec", exec_choosing_theirs)
    with qtbot.waitSignal(ctx.changed, timeout=20000):
        assert handler.import_bundle(str(tmp_path / "a2.jcp")) is not None
    row = next(x for x in load_plan(desk_b, project.id).assignments if x.id == a.id)
    assert row.brief == "A 的说明"


def test_import_action_reports_a_hostile_bundle(qtbot, ctx, tmp_path, monkeypatch):
    from planner.ui.exchange.actions import ExchangeActions

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    bad = tmp_path / "bad.jcp"
    bad.write_bytes(b"not a zip")
    parent = QWidget()
    qtbot.addWidget(parent)
    before = dump(ctx.db)
    assert ExchangeActions(ctx, parent).import_bundle(str(bad)) is not None  # checked off the UI thread
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "bad.jcp" in shown[0]
    ctx.wait_for_workers()
    assert dump(ctx.db) == before


def test_export_actions_write_files_off_the_ui_thread(qtbot, ctx, demo_db, desk_b, tmp_path, monkeypatch):
    from planner.ui.exchange.actions import ExchangeActions

    project = next(p.project for p in list_projects(demo_db) if p.project.code == "YKGT-2026")
    export_bundle(demo_db, project.id, tmp_path / "a.jcp")
    import_bundle(desk_b, tmp_path / "a.jcp")
    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    parent = QWidget()
    qtbot.addWidget(parent)
    handler = ExchangeActions(ctx, parent)
    for method, name in ((handler.export_table, "t.xlsx"), (handler.export_ics, "c.ics"),
                         (handler.export_bundle, "b.jcp")):
        assert method(project.id, str(tmp_path / name)) is not None
        qtbot.waitUntil(lambda n=name: (tmp_path / n).exists(), timeout=10000)
        ctx.wait_for_workers()
        assert (tmp_path / name).stat().st_size > 0


def test_export_actions_ask_for_project_and_file_and_add_the_suffix(qtbot, ctx, demo_db, desk_b, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from planner.ui.exchange.actions import ExchangeActions

    project = next(p.project for p in list_projects(demo_db) if p.project.code == "YKGT-2026")
    export_bundle(demo_db, project.id, tmp_path / "a.jcp")
    import_bundle(desk_b, tmp_path / "a.jcp")

    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    monkeypatch.setattr(QInputDialog, "getItem", lambda _p, _t, _l, items, *a: (next(i for i in items if "YKGT" in i), True))
    parent = QWidget()
    qtbot.addWidget(parent)
    handler = ExchangeActions(ctx, parent)
    for method, name, expected in ((handler.export_ics, "日程", "日程.ics"), (handler.export_table, "任务表", "任务表.xlsx"),
                                   (handler.export_table, "任务表.csv", "任务表.csv"), (handler.export_bundle, "包", "包.jcp")):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, n=name: (str(tmp_path / n), ""))
        assert method() is not None
        qtbot.waitUntil(lambda e=expected: (tmp_path / e).exists(), timeout=10000)
        ctx.wait_for_workers()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))  # cancelled
    assert handler.export_ics() is None


def test_import_action_with_nothing_new_says_so_and_writes_no_plan_rows(qtbot, ctx, demo_db, desk_b, tmp_path,
                                                                         monkeypatch):
    from planner.ui.exchange.actions import ExchangeActions

    project = next(p.project for p in list_projects(demo_db) if p.project.code == "YKGT-2026")
    export_bundle(demo_db, project.id, tmp_path / "a.jcp")
    import_bundle(desk_b, tmp_path / "a.jcp")
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    parent = QWidget()
    qtbot.addWidget(parent)
    before = dump(desk_b)
    with qtbot.waitSignal(ctx.changed, timeout=20000) as blocker:
        ExchangeActions(ctx, parent).import_bundle(str(tmp_path / "a.jcp"))
    assert told and "无需更改" in told[0]
    assert blocker.args[0].empty
    assert {t: rows for t, rows in dump(desk_b).items() if t != "setting"} == \
        {t: rows for t, rows in before.items() if t != "setting"}


def test_reply_sheet_actions_export_preview_import_as_one_undo_step(qtbot, demo_db, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QInputDialog

    from planner.export.replysheet import FIRST_ROW, column_of
    from planner.ui.context import AppContext
    from planner.ui.exchange.actions import ExchangeActions
    from planner.ui.exchange.conflict_dialog import ConflictDialog
    from planner.ui.exchange.reply_dialog import ReplyPreviewDialog

    ctx = AppContext(demo_db)
    project = next(p.project for p in list_projects(demo_db) if p.project.code == "YKGT-2026")
    plan = load_plan(demo_db, project.id)
    a = plan.assignments[0]
    outlet = plan.outlets[a.outlet_id]
    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    monkeypatch.setattr(QInputDialog, "getItem", lambda _p, _t, _l, items, *rest: (outlet.name, True))
    parent = QWidget()
    qtbot.addWidget(parent)
    handler = ExchangeActions(ctx, parent)
    path = tmp_path / "回执.xlsx"
    assert handler.export_reply_sheets(project.id, path=str(path)) is not None
    qtbot.waitUntil(path.exists, timeout=20000)
    ctx.wait_for_workers()
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    row = next(r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, column_of("id")).value == str(a.id))
    ws.cell(row, column_of("notes")).value = "回执备注"
    ws.cell(row, column_of("link")).value = "https://example.cn/1"
    wb.save(path)
    assignments.update_assignment(demo_db, a.id, deliverable_url="https://desk.example/later")  # a conflict
    seen = {}

    def choose_theirs(self):  # type: ignore[no-untyped-def]
        self.choose_all("theirs")
        seen["conflicts"] = self.table.rowCount()
        return QDialog.DialogCode.Accepted

    def accept_preview(self):  # type: ignore[no-untyped-def]
        seen["preview"] = self.table.rowCount()
        self.resize(980, 400)
        self.grab().save(str(tmp_path / "reply-preview.png"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ConflictDialog, "exec", choose_theirs)
    monkeypatch.setattr(ReplyPreviewDialog, "exec", accept_preview)
    with qtbot.waitSignal(ctx.changed, timeout=20000):
        handler.import_replies(str(path))
    assert seen == {"conflicts": 1, "preview": 2}  # the link taken, the notes as a new signed note
    row = next(x for x in load_plan(demo_db, project.id).assignments if x.id == a.id)
    assert "回执备注" in row.notes and row.deliverable_url == "https://example.cn/1"
    assert ctx.undo_stack.count() == 1 and "回执" in ctx.undo_stack.undoText()
    ctx.undo_stack.undo()
    row = next(x for x in load_plan(demo_db, project.id).assignments if x.id == a.id)
    assert "回执备注" not in row.notes and row.deliverable_url == "https://desk.example/later"
    ctx.wait_for_workers()
