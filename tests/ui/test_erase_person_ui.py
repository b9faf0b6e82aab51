"""人员 ▸ 清除个人信息…: the button on the people page, its dialog, and what it leaves."""

from __future__ import annotations

from planner.domain.enums import Entity
from planner.services import files, outlets, people, queries
from planner.services.commands import Delete
from tests.ui.ws_fixtures import ws_ctx  # noqa: F401


def test_erase_from_the_people_page(ws_ctx, db, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from planner.ui.directory.people_page import PeoplePage
    from planner.ui.erase_person import ErasePersonDialog

    outlet = outlets.create_outlet(db, name="荣昌区融媒体中心", tier="county").row
    keep = people.create_person(db, outlet_id=outlet.id, name="张敏", role="reporter", phone="13911112222").row
    gone = people.create_person(db, outlet_id=outlet.id, name="李强", role="camera", email="li@example.cn").row
    ws_ctx.push(Delete(Entity.PERSON, gone.id, expected_version=1, text="删除人员"))
    files.backup_now(db, "before-import")
    page = PeoplePage(ws_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.ensure_loaded()
    assert page.select_id(keep.id)
    shown: list[ErasePersonDialog] = []
    monkeypatch.setattr(ErasePersonDialog, "exec", lambda self: shown.append(self) or 0)
    page.erase_button.click()
    [dialog] = shown
    labels = [dialog.person.itemText(i) for i in range(dialog.person.count())]
    assert labels == ["张敏（荣昌区融媒体中心）", "李强（荣昌区融媒体中心）——已删除"]
    assert dialog.person.currentData() == keep.id  # the selected person comes preselected
    assert not dialog.purge.isHidden() and "1 个自动备份" in dialog.purge.text()
    dialog.show()
    dialog.grab().save("/tmp/erase-dialog.png")
    dialog.person.setCurrentIndex(1)
    dialog.purge.setChecked(True)
    dialog.accept()
    assert files.list_backups(db) == []
    assert ws_ctx.undo_stack.count() == 0  # the delete's undo step held 李强's e-mail
    assert gone.id not in {p.id for p in people.erasable_people(db)}
    assert next(p for p in queries.list_people(db) if p.id == keep.id).phone == "13911112222"
