# ruff: noqa: F811 - pytest fixtures imported from ui_shell_fixtures are parameters here
"""Importing outlets from a sheet runs in a worker: a dry run lists bad rows, then the good rows are
written after an automatic backup."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from ui_shell_fixtures import ctx, demo_ctx  # noqa: F401 - fixtures

from planner.services import files, queries
from planner.ui.directory import OutletsPage

pytestmark = pytest.mark.qt


def test_import_checks_then_imports_good_rows(ctx, qtbot, tmp_path: Path, monkeypatch) -> None:
    sheet = tmp_path / "outlets.csv"
    sheet.write_text("名称,层级,所在地\n温江区融媒体中心,县级,温江区\n,县级,\n郫都区融媒体中心,县级,郫都区\n", encoding="utf-8")
    questions: list[str] = []

    def yes(_p, _t, text, *a, **k):
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    page = OutletsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(ctx.changed, timeout=20000):
        page.importer.check(str(sheet))
    assert "可导入 2 家" in questions[0] and "第 3 行" in questions[0]
    assert sorted(o.name for o in queries.list_outlets(ctx.db)) == ["温江区融媒体中心", "郫都区融媒体中心"]
    assert any(b.reason == "before-import" for b in files.list_backups(ctx.db))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)


def test_import_with_nothing_good_writes_nothing(ctx, qtbot, tmp_path: Path, monkeypatch) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("名称,层级\n温江\x01,县级\n", encoding="utf-8")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warned.append(text))
    page = OutletsPage(ctx)
    qtbot.addWidget(page)
    page.importer.check(str(sheet))
    qtbot.waitUntil(lambda: bool(warned), timeout=20000)
    assert "可导入 0 家" in warned[0]
    assert queries.list_outlets(ctx.db) == []
