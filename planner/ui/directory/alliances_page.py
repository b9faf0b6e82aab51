"""The alliances directory page (联合体), with the selected alliance's member outlets beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.domain.enums import AllianceKind, Entity, MembershipRole
from planner.domain.rows import MembershipRow
from planner.services import queries
from planner.services.commands import Create, Delete
from planner.ui.context import AppContext
from planner.ui.directory.alliance_dialog import AllianceDialog
from planner.ui.directory.alliances_model import AllianceTableModel
from planner.ui.directory.page import DirectoryPage
from planner.ui.directory.table_model import RowTableModel

MemberRole = Qt.ItemDataRole.UserRole + 1


class AlliancesPage(DirectoryPage):
    ENTITY = Entity.ALLIANCE
    WATCH = (Entity.MEMBERSHIP, Entity.OUTLET)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.search.setPlaceholderText(self.tr("筛选联合体：名称、类型、说明…"))
        self.memberships: list[MembershipRow] = []
        self.outlet_names: dict[Any, str] = {}
        self.kind_filter = self.add_filter(
            self.tr("全部类型"), [(k.label(ctx.lang_code), k) for k in AllianceKind], lambda k: lambda r: r.kind == k
        )
        members_box = QGroupBox(self.tr("成员单位"))
        self.members = QListWidget()
        self.add_member_button = QPushButton(self.tr("添加成员…"))
        self.remove_member_button = QPushButton(self.tr("移除成员"))
        self.add_member_button.clicked.connect(self.add_member)
        self.remove_member_button.clicked.connect(self.remove_member)
        box = QVBoxLayout(members_box)
        box.addWidget(self.members)
        row = QHBoxLayout()
        row.addWidget(self.add_member_button)
        row.addWidget(self.remove_member_button)
        box.addLayout(row)
        # put the table and the member list side by side
        layout = self.layout()
        layout.removeWidget(self.stack)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.stack)
        splitter.addWidget(members_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.insertWidget(1, splitter, 1)
        self.view.selectionModel().selectionChanged.connect(self._show_members)
        self.members.itemSelectionChanged.connect(self._update_member_buttons)
        self._update_member_buttons()

    def make_model(self) -> RowTableModel:
        return AllianceTableModel(self.ctx.lang_code, self)

    def empty_text(self) -> str:
        return self.tr("还没有联合体。\n点击“新建…”（Ctrl+N）登记一个联合体、区域联盟或合作协议，再添加成员单位。")

    def load(self) -> None:
        self.memberships = queries.list_memberships(self.ctx.db)
        self.outlet_names = {o.id: o.name for o in queries.list_outlets(self.ctx.db)}
        counts: dict[Any, int] = {}
        for m in self.memberships:
            counts[m.alliance_id] = counts.get(m.alliance_id, 0) + 1
        model: AllianceTableModel = self.model  # type: ignore[assignment]
        model.member_counts = counts
        model.set_rows(queries.list_alliances(self.ctx.db))
        self._show_members()

    def reload(self) -> None:
        super().reload()
        first = self.proxy.id_at(0) if self.proxy.rowCount() else None
        if self.selected_id() is None and first is not None:
            self.select_id(first)  # the member list beside the table is never blank for no reason

    def open_dialog(self, row: Any | None) -> None:
        AllianceDialog(self.ctx, row, self).exec()

    # -- members -------------------------------------------------------------------------------
    def _show_members(self, *_: Any) -> None:
        self.members.clear()
        aid = self.selected_id()
        if aid is not None:
            for m in sorted((m for m in self.memberships if m.alliance_id == aid),
                            key=lambda m: (m.role != MembershipRole.CHAIR, m.role != MembershipRole.FOUNDER,
                                           self.outlet_names.get(m.outlet_id, ""))):
                item = QListWidgetItem(f"{self.outlet_names.get(m.outlet_id, '?')}（{m.role.label(self.ctx.lang_code)}）")
                item.setData(MemberRole, m.id)
                self.members.addItem(item)
        self._update_member_buttons()

    def _update_member_buttons(self) -> None:
        if not hasattr(self, "members"):
            return
        self.add_member_button.setEnabled(self.selected_id() is not None)
        self.remove_member_button.setEnabled(bool(self.members.selectedItems()))

    def add_member(self) -> None:
        aid = self.selected_id()
        if aid is None:
            return
        present = {m.outlet_id for m in self.memberships if m.alliance_id == aid}
        choices = sorted((name, oid) for oid, name in self.outlet_names.items() if oid not in present)
        if not choices:
            return
        name, ok = QInputDialog.getItem(self, self.tr("添加成员"), self.tr("媒体单位："), [c[0] for c in choices], 0, False)
        if not ok:
            return
        outlet_id = dict(choices)[name]
        self.ctx.push(Create(Entity.MEMBERSHIP, {"alliance_id": aid, "outlet_id": outlet_id, "role": MembershipRole.MEMBER},
                             text=self.tr("添加成员“{name}”").format(name=name)))

    def remove_member(self) -> None:
        items = self.members.selectedItems()
        if not items:
            return
        mid = items[0].data(MemberRole)
        self.ctx.push(Delete(Entity.MEMBERSHIP, mid, text=self.tr("移除成员“{name}”").format(name=items[0].text())))
