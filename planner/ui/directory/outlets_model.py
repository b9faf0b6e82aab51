"""Table model of outlets (媒体单位)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from planner.domain.enums import TIER_RANK
from planner.domain.places import places
from planner.domain.rows import OutletRow
from planner.ui.directory.table_model import RowTableModel


class OutletTableModel(RowTableModel):
    NAME, SHORT, TIER, PLACE, PLATFORM, FORMATS, CAPACITY, CONTACT, ALLIANCES = range(9)

    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        self.lang = lang
        self.alliance_names: dict[uuid.UUID, list[str]] = {}
        super().__init__(parent)

    def set_alliances(self, names_by_outlet: dict[uuid.UUID, list[str]]) -> None:
        """Alliance names per outlet (shown in a column and searched)."""
        self.alliance_names = names_by_outlet
        if self.rowCount():
            self.dataChanged.emit(self.index(0, self.ALLIANCES), self.index(self.rowCount() - 1, self.ALLIANCES))

    @property
    def sep(self) -> str:
        return ", " if self.lang.startswith("en") else "、"

    def place_label(self, row: OutletRow) -> str:
        return places().label(row.adcode) if row.adcode else ""

    def columns(self) -> list[tuple[str, Callable[[Any], Any], Callable[[Any], Any] | None]]:
        lang = lambda: self.lang  # noqa: E731 - read at display time: the language can change
        return [
            (self.tr("名称"), lambda r: r.name, None),
            (self.tr("简称"), lambda r: r.short_name, None),
            (self.tr("层级"), lambda r: r.tier.label(lang()), lambda r: TIER_RANK[r.tier]),
            (self.tr("地区"), self.place_label, lambda r: r.adcode or "~"),
            (self.tr("平台"), lambda r: r.platform, None),
            (self.tr("可承担形式"), lambda r: self.sep.join(f.label(lang()) for f in r.formats), lambda r: len(r.formats)),
            (self.tr("产能"), lambda r: "" if r.capacity is None else r.capacity, lambda r: -1 if r.capacity is None else r.capacity),
            (self.tr("联系人"), lambda r: " ".join(x for x in (r.contact_name, r.contact_phone) if x), None),
            (self.tr("所属联合体"), lambda r: self.sep.join(self.alliance_names.get(r.id, [])), None),
        ]

    def search_text(self, row: OutletRow) -> str:
        return " ".join((row.name, row.short_name, row.platform, self.place_label(row), row.contact_name,
                         row.tier.zh, row.tier.en, " ".join(self.alliance_names.get(row.id, []))))
