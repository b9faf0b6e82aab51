"""Edit ▸ Undo in the app when another editor saved the same row: a message, no overwrite."""

from __future__ import annotations

from planner.domain.enums import Entity
from planner.services import outlets, queries
from planner.services.commands import Update
from planner.store.database import Database, _sqlite_engine
from tests.ui.ws_fixtures import ws_ctx  # noqa: F401


def test_undo_after_a_colleagues_save_says_changed_elsewhere(ws_ctx, db, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    row = outlets.create_outlet(db, name="荣昌区融媒体中心", tier="county").row
    assert ws_ctx.push(Update(Entity.OUTLET, row.id, {"notes": "我的备注"}, expected_version=row.version,
                              text="修改媒体单位"))
    other = Database(url=str(db.path), engine=_sqlite_engine(db.path, read_only=False), path=db.path)
    try:
        outlets.update_outlet(other, row.id, expected_version=2, notes="同事的备注")
    finally:
        other.engine.dispose()
    replaced = []
    ws_ctx.database_replaced.connect(lambda: replaced.append(True))
    ws_ctx.undo_stack.undo()  # this crashed the app: the failed step cleared the stack running it
    qtbot.waitUntil(lambda: ws_ctx.undo_stack.count() == 0)
    assert ws_ctx.messages == ["该媒体单位已被其他人或其他窗口修改，已重新载入，请再试一次。"]
    assert replaced  # the history is dropped, every screen reloads
    assert queries.list_outlets(db)[0].notes == "同事的备注"
