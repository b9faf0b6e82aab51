"""The outlets directory page (媒体单位): filters by tier, province/city, platform and alliance."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from planner.domain.enums import Entity, Tier
from planner.domain.places import places
from planner.domain.rows import OutletRow
from planner.services import queries
from planner.ui.context import AppContext
from planner.ui.directory.import_outlets import OutletImport
from planner.ui.directory.outlet_dialog import OutletDialog
from planner.ui.directory.outlets_model import OutletTableModel
from planner.ui.directory.page import DirectoryPage
from planner.ui.directory.table_model import RowTableModel


def region_choices(adcodes: list[str | None]) -> list[tuple[str, str]]:
    """Provinces and, indented under each, the cities that occur in ``adcodes``: (label, code prefix)."""
    idx = places()
    provinces: dict[str, set[str]] = defaultdict(set)
    for code in adcodes:
        if code:
            provinces[code[:2]].add(code[:4])
    out: list[tuple[str, str]] = []
    for prov in sorted(provinces, key=lambda p: (p not in ("51", "50"), p)):
        p = idx.province(prov)
        out.append((p.name if p else prov, prov))
        for city in sorted(provinces[prov]):
            if city.endswith("00") and prov == "50":
                continue
            c = idx.city(city)
            if c is not None and (p is None or c.name != p.name):
                out.append(("　" + c.name, city))
    return out


class OutletsPage(DirectoryPage):
    ENTITY = Entity.OUTLET
    WATCH = (Entity.ALLIANCE, Entity.MEMBERSHIP)
    graph_requested = Signal(object)  # outlet id: show it in the collaboration graph

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.search.setPlaceholderText(self.tr("筛选媒体单位：名称、地区、平台、联系人…"))
        self.memberships: dict[uuid.UUID, set[uuid.UUID]] = {}
        self.tier_filter = self.add_filter(
            self.tr("全部层级"), [(t.label(ctx.lang_code), t) for t in Tier], lambda t: lambda r: r.tier == t
        )
        self.region_filter = self.add_filter(
            self.tr("全部地区"), [], lambda code: lambda r: bool(r.adcode) and r.adcode.startswith(code)
        )
        self.platform_filter = self.add_filter(self.tr("全部平台"), [], lambda p: lambda r: r.platform == p)
        self.alliance_filter = self.add_filter(
            self.tr("全部联合体"), [], lambda aid: lambda r: uuid.UUID(aid) in self.memberships.get(r.id, set())
        )
        self.importer = OutletImport(ctx, self)
        self.import_button = QPushButton(self.tr("从表格导入…"))
        self.import_button.clicked.connect(self.importer.choose_and_check)
        self.graph_button = QPushButton(self.tr("在图谱中查看"))
        self.graph_button.clicked.connect(self._on_graph_clicked)
        self.layout().itemAt(2).layout().insertWidget(1, self.import_button)
        self.layout().itemAt(2).layout().insertWidget(2, self.graph_button)
        self._update_buttons()

    def make_model(self) -> RowTableModel:
        return OutletTableModel(self.ctx.lang_code, self)

    def empty_text(self) -> str:
        return self.tr("还没有媒体单位。\n点击“新建…”（Ctrl+N）添加一家，或点击“从表格导入…”从 CSV/Excel 表格批量导入。")

    def load(self) -> None:
        outlets = queries.list_outlets(self.ctx.db)
        alliances = {a.id: a for a in queries.list_alliances(self.ctx.db)}
        self.memberships = defaultdict(set)
        names: dict[uuid.UUID, list[str]] = defaultdict(list)
        for m in queries.list_memberships(self.ctx.db):
            self.memberships[m.outlet_id].add(m.alliance_id)
            if m.alliance_id in alliances:
                names[m.outlet_id].append(alliances[m.alliance_id].name)
        model: OutletTableModel = self.model  # type: ignore[assignment]
        model.alliance_names = dict(names)
        model.set_rows(outlets)
        self.refill_filter(self.region_filter, region_choices([o.adcode for o in outlets]))
        self.refill_filter(self.platform_filter, [(p, p) for p in sorted({o.platform for o in outlets if o.platform})])
        self.refill_filter(self.alliance_filter, [(a.name, str(a.id)) for a in alliances.values()])

    def open_dialog(self, row: Any | None) -> None:
        dialog = OutletDialog(self.ctx, self.model.rows(), row, self)
        dialog.exec()

    def row_label(self, row: OutletRow) -> str:
        return row.name

    def _update_buttons(self, *_: Any) -> None:
        super()._update_buttons()
        if hasattr(self, "graph_button"):
            self.graph_button.setEnabled(self.selected_id() is not None)

    def _on_graph_clicked(self) -> None:
        sid = self.selected_id()
        if sid is not None:
            self.graph_requested.emit(sid)
