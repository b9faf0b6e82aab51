"""The people directory page (人员): filters by role, outlet tier, province/city, platform and alliance."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from PySide6.QtWidgets import QWidget

from planner.domain.enums import Entity, PersonRole, Tier
from planner.domain.rows import PersonRow
from planner.services import queries
from planner.ui.context import AppContext
from planner.ui.directory.outlets_page import region_choices
from planner.ui.directory.page import DirectoryPage
from planner.ui.directory.people_model import PersonTableModel
from planner.ui.directory.person_dialog import PersonDialog
from planner.ui.directory.table_model import RowTableModel


class PeoplePage(DirectoryPage):
    ENTITY = Entity.PERSON
    WATCH = (Entity.OUTLET, Entity.MEMBERSHIP, Entity.ALLIANCE)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.search.setPlaceholderText(self.tr("筛选人员：姓名、单位、电话…"))
        self.memberships: dict[uuid.UUID, set[uuid.UUID]] = {}
        lang = ctx.lang_code
        self.role_filter = self.add_filter(
            self.tr("全部角色"), [(r.label(lang), r) for r in PersonRole], lambda v: lambda r: r.role == v
        )
        self.tier_filter = self.add_filter(
            self.tr("全部层级"), [(t.label(lang), t) for t in Tier], lambda t: lambda r: self._outlet_attr(r, "tier") == t
        )
        self.region_filter = self.add_filter(
            self.tr("全部地区"), [], lambda code: lambda r: (self._outlet_attr(r, "adcode") or "").startswith(code)
        )
        self.platform_filter = self.add_filter(
            self.tr("全部平台"), [], lambda p: lambda r: self._outlet_attr(r, "platform") == p
        )
        self.alliance_filter = self.add_filter(
            self.tr("全部联合体"), [], lambda aid: lambda r: uuid.UUID(aid) in self.memberships.get(r.outlet_id, set())
        )
        self.active_filter = self.add_filter(
            self.tr("在岗与否"), [(self.tr("仅在岗"), True), (self.tr("仅不在岗"), False)], lambda v: lambda r: r.active == v
        )
        from planner.ui.erase_person import install_erase_button

        self.erase_button = install_erase_button(self)  # 清除个人信息… (个人信息保护法)

    def _outlet_attr(self, row: PersonRow, name: str) -> Any:
        outlet = self.model.outlets.get(row.outlet_id)  # type: ignore[attr-defined]
        return getattr(outlet, name, None) if outlet else None

    def make_model(self) -> RowTableModel:
        return PersonTableModel(self.ctx.lang_code, self)

    def empty_text(self) -> str:
        if self.model.outlets:  # type: ignore[attr-defined]  # a directory loaded without staff
            return self.tr("还没有人员。\n点击“新建…”（Ctrl+N）为单位添加记者、编辑等人员。")
        return self.tr("还没有人员。\n先在“媒体单位”页添加单位，再点击“新建…”（Ctrl+N）为单位添加记者、编辑等人员。")

    def load(self) -> None:
        outlets = queries.list_outlets(self.ctx.db)
        model: PersonTableModel = self.model  # type: ignore[assignment]
        model.set_outlets({o.id: o for o in outlets})
        model.set_rows(queries.list_people(self.ctx.db))
        self.memberships = defaultdict(set)
        for m in queries.list_memberships(self.ctx.db):
            self.memberships[m.outlet_id].add(m.alliance_id)
        self.refill_filter(self.region_filter, region_choices([o.adcode for o in outlets]))
        self.refill_filter(self.platform_filter, [(p, p) for p in sorted({o.platform for o in outlets if o.platform})])
        self.refill_filter(self.alliance_filter, [(a.name, str(a.id)) for a in queries.list_alliances(self.ctx.db)])

    def open_dialog(self, row: Any | None) -> None:
        outlets = sorted(self.model.outlets.values(), key=lambda o: o.name)  # type: ignore[attr-defined]
        PersonDialog(self.ctx, outlets, row, self).exec()
