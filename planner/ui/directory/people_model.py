"""Table model of people (人员) of the outlets."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from planner.domain.rows import OutletRow, PersonRow
from planner.ui.directory.table_model import RowTableModel


class PersonTableModel(RowTableModel):
    NAME, OUTLET, ROLE, PHONE, EMAIL, ACTIVE = range(6)

    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        self.lang = lang
        self.outlets: dict[uuid.UUID, OutletRow] = {}
        super().__init__(parent)

    def set_outlets(self, outlets: dict[uuid.UUID, OutletRow]) -> None:
        """The outlets people belong to (for the outlet column, search and filters); set before rows."""
        self.outlets = outlets

    def outlet_name(self, row: PersonRow) -> str:
        outlet = self.outlets.get(row.outlet_id)
        return outlet.display_name if outlet else ""

    def columns(self) -> list[tuple[str, Callable[[Any], Any], Callable[[Any], Any] | None]]:
        return [
            (self.tr("姓名"), lambda r: r.name, None),
            (self.tr("所属单位"), self.outlet_name, None),
            (self.tr("角色"), lambda r: r.role.label(self.lang), None),
            (self.tr("电话"), lambda r: r.phone, None),
            (self.tr("邮箱"), lambda r: r.email, None),
            (self.tr("在岗"), lambda r: self.tr("是") if r.active else self.tr("否"), lambda r: int(r.active)),
        ]

    def search_text(self, row: PersonRow) -> str:
        return " ".join((row.name, self.outlet_name(row), row.role.zh, row.role.en, row.phone, row.email))
