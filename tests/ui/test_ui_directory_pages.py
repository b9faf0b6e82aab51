# ruff: noqa: F811 - pytest fixtures imported from ui_shell_fixtures are parameters here
"""The directory pages: filters by tier, region, platform and alliance; empty states; delete and undo."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from ui_shell_fixtures import ctx, demo_ctx  # noqa: F401 - fixtures

from planner.domain.enums import Tier
from planner.services import queries
from planner.ui.directory import AlliancesPage, OutletsPage, PeoplePage

pytestmark = pytest.mark.qt


def _show(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_outlet_filters(demo_ctx, qtbot) -> None:
    page = _show(qtbot, OutletsPage(demo_ctx))
    total = page.model.rowCount()
    assert total == len(queries.list_outlets(demo_ctx.db))
    page.tier_filter.setCurrentIndex(page.tier_filter.findData(Tier.PROVINCIAL))
    provincial = page.proxy.rowCount()
    assert 0 < provincial < total
    page.tier_filter.setCurrentIndex(0)
    page.region_filter.setCurrentIndex(page.region_filter.findData("50"))  # Chongqing
    chongqing = page.proxy.rowCount()
    assert 0 < chongqing < total
    assert all(page.proxy.index(i, 0).data() for i in range(chongqing))
    page.region_filter.setCurrentIndex(0)
    page.platform_filter.setCurrentIndex(page.platform_filter.findData("新重庆"))
    assert 0 < page.proxy.rowCount() < total
    page.platform_filter.setCurrentIndex(0)
    fu = next(a for a in queries.list_alliances(demo_ctx.db) if a.name.startswith("涪江"))
    page.alliance_filter.setCurrentIndex(page.alliance_filter.findData(str(fu.id)))
    assert page.proxy.rowCount() == len(queries.list_memberships(demo_ctx.db, alliance_id=fu.id))
    page.search.setText("没有这个单位")
    assert page.proxy.rowCount() == 0
    assert page.stack.currentWidget() is page.empty
    assert "筛选" in page.empty.text()
    page.clear_filters()
    assert page.proxy.rowCount() == total
    assert "250" in page.count_label.text() or str(total) in page.count_label.text()


def test_empty_state_on_new_database(ctx, qtbot) -> None:
    for cls, word in ((OutletsPage, "媒体单位"), (PeoplePage, "人员"), (AlliancesPage, "联合体")):
        page = _show(qtbot, cls(ctx))
        assert page.stack.currentWidget() is page.empty
        assert word in page.empty.text() and "新建" in page.empty.text()
        if cls is PeoplePage:  # no outlets yet: those come first
            assert "先在“媒体单位”页添加单位" in page.empty.text()


def test_people_page_of_a_directory_without_staff(ctx, qtbot) -> None:
    """Outlets loaded without people: the empty page does not send the editor to add outlets first."""
    from planner.services import outlets

    outlets.create_outlet(ctx.db, name="永川区融媒体中心", tier=Tier.COUNTY)
    page = _show(qtbot, PeoplePage(ctx))
    assert page.stack.currentWidget() is page.empty
    assert "新建" in page.empty.text() and "媒体单位" not in page.empty.text()


def test_delete_person_and_undo(demo_ctx, qtbot, monkeypatch) -> None:
    page = _show(qtbot, PeoplePage(demo_ctx))
    person = queries.list_people(demo_ctx.db)[0]
    assert page.select_id(person.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_selected()
    assert person.id not in {p.id for p in queries.list_people(demo_ctx.db)}
    qtbot.waitUntil(lambda: page.model.row_of(person.id) == -1)
    assert demo_ctx.undo_stack.undoText().startswith("删除")
    demo_ctx.undo_stack.undo()
    assert person.id in {p.id for p in queries.list_people(demo_ctx.db)}
    qtbot.waitUntil(lambda: page.model.row_of(person.id) >= 0)


def test_delete_outlet_in_use_is_explained(demo_ctx, qtbot, monkeypatch) -> None:
    page = _show(qtbot, OutletsPage(demo_ctx))
    used = {a.outlet_id for a in queries.load_assignments(demo_ctx.db)}
    outlet = next(o for o in queries.list_outlets(demo_ctx.db) if o.id in used)
    page.select_id(outlet.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(demo_ctx.failed) as blocker:
        page.delete_selected()
    assert "不能删除" in blocker.args[0]
    assert outlet.id in {o.id for o in queries.list_outlets(demo_ctx.db)}


def test_alliance_members_add_and_remove(demo_ctx, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    page = _show(qtbot, AlliancesPage(demo_ctx))
    alliance = next(a for a in queries.list_alliances(demo_ctx.db) if a.name.startswith("渝中"))
    page.select_id(alliance.id)
    before = page.members.count()
    assert before == 2
    outsider = next(n for oid, n in sorted(page.outlet_names.items(), key=lambda x: x[1])
                    if oid not in {m.outlet_id for m in queries.list_memberships(demo_ctx.db, alliance_id=alliance.id)})
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (outsider, True))
    page.add_member()
    qtbot.waitUntil(lambda: page.members.count() == before + 1)
    demo_ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: page.members.count() == before)
