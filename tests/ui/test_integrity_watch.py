"""The app's background integrity check: a damaged file stops saving and is offered its backup."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from planner.services import files, outlets, queries
from planner.store.database import open_database
from tests.core.test_integrity_check import damage_an_index


def test_a_damaged_file_stops_saving_and_the_latest_backup_is_restored(qtbot, demo_db_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.context import AppContext
    from planner.ui.file_actions import FileActions
    from planner.ui.integrity_watch import IntegrityWatch
    from planner.ui.workers import wait_for_all

    with open_database(demo_db_path) as db:
        outlets.create_outlet(db, name="备份中的单位", tier="county")
        files.backup_now(db, "before-import")
        outlets.create_outlet(db, name="备份之后的单位", tier="county")
    damage_an_index(demo_db_path)

    asked: list[str] = []

    def answer(self, box: QMessageBox) -> object:  # type: ignore[no-untyped-def]
        asked.append(box.text() + " " + box.informativeText())
        return next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)

    monkeypatch.setattr(IntegrityWatch, "ask", answer)
    db = open_database(demo_db_path)  # quick_check passes
    ctx = AppContext(db)
    messages: list[str] = []
    ctx.failed.connect(messages.append)
    window = QWidget()
    qtbot.addWidget(window)
    actions = FileActions(ctx, window)
    actions.integrity.delay_ms = 0
    results: list[bool] = []
    actions.integrity.checked.connect(results.append)
    actions.integrity.schedule()
    qtbot.waitUntil(lambda: len(results) >= 2, timeout=30000)  # damaged, then the restored file is healthy
    assert results[:2] == [False, True]
    assert messages[0].endswith("已停止保存修改。请从自动备份恢复，或先另存副本。")
    assert "已损坏" in asked[0] and "before-import" in asked[0]
    names = {o.name for o in queries.list_outlets(ctx.db)}
    assert "备份中的单位" in names and "备份之后的单位" not in names
    assert ctx.db.writes_stopped is None
    outlets.create_outlet(ctx.db, name="恢复之后可以写入", tier="county")
    reasons = {b.reason for b in files.list_backups(ctx.db)}
    assert "before-restore" in reasons  # the damaged file itself is kept too
    ctx.wait_for_workers()
    wait_for_all()
    ctx.db.close()


def test_a_healthy_file_is_checked_without_a_word(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.context import AppContext
    from planner.ui.file_actions import FileActions
    from planner.ui.workers import wait_for_all

    ctx = AppContext(db)
    messages: list[str] = []
    ctx.failed.connect(messages.append)
    window = QWidget()
    qtbot.addWidget(window)
    actions = FileActions(ctx, window)
    actions.integrity.delay_ms = 0
    with qtbot.waitSignal(actions.integrity.checked, timeout=30000) as blocker:
        actions.integrity.schedule()
    assert blocker.args == [True] and messages == [] and db.writes_stopped is None
    ctx.wait_for_workers()
    wait_for_all()
