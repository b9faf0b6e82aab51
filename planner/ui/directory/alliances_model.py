"""Table model of alliances (联合体 / 联盟 / 合作协议)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from planner.domain.rows import AllianceRow
from planner.ui.directory.table_model import RowTableModel


class AllianceTableModel(RowTableModel):
    NAME, KIND, FOUNDED, MEMBERS, DESCRIPTION = range(5)

    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        self.lang = lang
        self.member_counts: dict[uuid.UUID, int] = {}
        super().__init__(parent)

    def set_member_counts(self, counts: dict[uuid.UUID, int]) -> None:
        self.member_counts = counts
        if self.rowCount():
            self.dataChanged.emit(self.index(0, self.MEMBERS), self.index(self.rowCount() - 1, self.MEMBERS))

    def columns(self) -> list[tuple[str, Callable[[Any], Any], Callable[[Any], Any] | None]]:
        return [
            (self.tr("名称"), lambda r: r.name, None),
            (self.tr("类型"), lambda r: r.kind.label(self.lang), None),
            (self.tr("成立日期"), lambda r: r.founded_on.isoformat() if r.founded_on else "", None),
            (self.tr("成员数"), lambda r: self.member_counts.get(r.id, 0), lambda r: self.member_counts.get(r.id, 0)),
            (self.tr("说明"), lambda r: r.description.replace("\n", " ")[:120], None),
        ]

    def search_text(self, row: AllianceRow) -> str:
        return " ".join((row.name, row.kind.zh, row.kind.en, row.description))
