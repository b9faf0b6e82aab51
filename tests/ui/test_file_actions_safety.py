"""文件 ▸ 新建数据库 over an existing file and 从自动备份恢复: under the file's lock, backed up first."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from planner.services import files, outlets, queries
from planner.store.database import open_database


def _actions(qtbot, db):  # type: ignore[no-untyped-def]
    from planner.ui.context import AppContext
    from planner.ui.file_actions import FileActions

    ctx = AppContext(db)
    messages: list[str] = []
    ctx.failed.connect(messages.append)
    window = QWidget()
    qtbot.addWidget(window)
    actions = FileActions(ctx, window)
    actions.integrity._timer.stop()  # not part of these tests
    return ctx, actions, messages


def test_new_database_over_an_existing_file(qtbot, db, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.db"
    with open_database(other) as o:
        outlets.create_outlet(o, name="旧文件里的单位", tier="county")
    ctx, actions, _ = _actions(qtbot, db)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    critical: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: critical.append(a[2]))

    holder = open_database(other)  # another program has it open: nothing may happen to it
    try:
        actions.new_database()
        assert critical and "正被另一个程序窗口使用" in critical[0]
        assert [o.name for o in queries.list_outlets(holder)] == ["旧文件里的单位"]
    finally:
        holder.close()
    actions.new_database()
    assert "已存在" in asked[-1] and ".backups" in asked[-1]
    assert ctx.db.path == other.resolve() and queries.list_outlets(ctx.db) == []
    [kept] = files.list_backups(ctx.db)
    assert kept.reason == "before-replace"
    ctx.db.close()


def test_restore_keeps_the_lock_from_close_to_reopen(qtbot, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    outlets.create_outlet(db, name="备份里的单位", tier="county")
    files.backup_now(db, "before-import")
    outlets.create_outlet(db, name="备份之后的单位", tier="county")
    ctx, actions, _ = _actions(qtbot, db)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (a[3][0], True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    seen: list[bool] = []
    real = files.restore_backup

    def watching(backup_file, target, *, lock=None):  # type: ignore[no-untyped-def]
        seen.append(lock is not None and lock.held)
        return real(backup_file, target, lock=lock)

    monkeypatch.setattr(files, "restore_backup", watching)
    actions.restore_backup()
    assert seen == [True]
    assert {o.name for o in queries.list_outlets(ctx.db)} == {"备份里的单位"}
    ctx.db.close()
