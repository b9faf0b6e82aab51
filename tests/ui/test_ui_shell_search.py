# ruff: noqa: F811 - pytest fixtures imported from ui_shell_fixtures are parameters here
"""Global search: Chinese substring and pinyin (initials and full spelling); choosing navigates."""

from __future__ import annotations

import pytest
from ui_shell_fixtures import ctx, demo_ctx  # noqa: F401 - fixtures

from planner.domain.enums import Entity, Tier
from planner.services.commands import Create
from planner.services.lookup import build_index
from planner.ui.search import SearchBox

pytestmark = pytest.mark.qt


def test_index_finds_by_substring_and_pinyin(demo_db) -> None:
    index = build_index(demo_db)
    assert len(index) > 300
    by_initials = index.search("cqx")
    assert by_initials and by_initials[0].title.startswith("重庆西")
    assert by_initials[0].kind == "stage"
    assert any(h.title == "温江区融媒体中心" and h.kind == "outlet" for h in index.search("温江"))
    assert any(h.title == "温江区融媒体中心" for h in index.search("wenjiang"))
    assert any(h.kind == "project" and "渝昆" in h.title for h in index.search("ykgt"))
    assert index.search("") == []
    assert index.search("qqqqqxx") == []
    only_outlets = index.search("wj", kinds=("outlet",))
    assert only_outlets and all(h.kind == "outlet" for h in only_outlets)


def test_people_found_with_their_outlet(demo_db) -> None:
    from planner.services import queries

    person = queries.list_people(demo_db)[0]
    hits = build_index(demo_db).search(person.name)
    hit = next(h for h in hits if h.id == person.id)
    assert hit.kind == "person" and hit.detail


def test_search_box_builds_in_worker_and_navigates(demo_ctx, qtbot) -> None:
    box = SearchBox(demo_ctx)
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.index_ready, timeout=20000):
        box.rebuild()
    hits = box.update_results("cqx")
    assert hits and box.results.rowCount() == len(hits)
    assert "重庆西" in box.results.item(0).text()
    with qtbot.waitSignal(demo_ctx.navigate_requested) as blocker:
        box.setText("cqx")
        box.returnPressed.emit()
    assert blocker.args == ["stage", hits[0].id]
    assert box.text() == ""


def test_search_index_follows_changes(ctx, qtbot) -> None:
    box = SearchBox(ctx)
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.index_ready, timeout=20000):
        box.rebuild()
    assert box.hits("pdq") == []
    with qtbot.waitSignal(box.index_ready, timeout=20000):
        ctx.push(Create(Entity.OUTLET, {"name": "郫都区融媒体中心", "tier": Tier.COUNTY}))
    assert [h.title for h in box.hits("pdq")] == ["郫都区融媒体中心"]


def test_choosing_from_the_popup_navigates(demo_ctx, qtbot) -> None:
    from PySide6.QtCore import QModelIndex

    box = SearchBox(demo_ctx)
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.index_ready, timeout=20000):
        box.rebuild()
    hits = box.update_results("wenjiang")
    completion = box.completer_.completionModel()
    assert completion.rowCount() == len(hits)
    with qtbot.waitSignal(demo_ctx.navigate_requested) as blocker:
        box.completer_.activated[QModelIndex].emit(completion.index(0, 0))
    assert blocker.args == [hits[0].kind, hits[0].id]
