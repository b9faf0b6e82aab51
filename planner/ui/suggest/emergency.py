"""新建突发联动: the emergency fast path — a place and a time, and the plan is staffed and ready to send.

One dialog, three clicks: type the place (the place picker), keep the time (now) or change it,
生成方案; the emergency template's stages are laid from that moment at that place and the nearest
outlets that produce live and short video are proposed for every stage, each with its reason
(:func:`planner.services.emergency.draft_emergency`, in a worker). 建立并导出回执表 writes the project
and every proposed piece as **one undo step** (:class:`~planner.services.emergency.StartEmergency`)
and writes one reply sheet per outlet into the chosen folder, ready to send; 仅建立项目 skips the
sheets. Nothing is written before the coordinator has seen the proposal.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.domain.timefmt import PLAN_TZ
from planner.graph.staffing import suggestion_text, unfilled_text
from planner.graph.staffing.explain import what_text
from planner.services.emergency import MUST_PRODUCE, EmergencyDraft, StartEmergency, draft_emergency
from planner.services.exchange.reply_export import export_reply_sheets
from planner.store.database import Database
from planner.ui.context import AppContext
from planner.ui.directory.place_edit import PlaceEdit
from planner.ui.workers import Worker
from planner.ui.workspace.loader import Directory


def make_draft(progress: Any, db: Database, place: str, at: datetime, title: str, alliance_ids: tuple[uuid.UUID, ...],
               lang: str) -> EmergencyDraft:
    progress.check()
    return draft_emergency(db, place=place, at=at, title=title or None, alliance_ids=alliance_ids, lang=lang)


class EmergencyDialog(QDialog):
    """The fast path's one dialog; ``created_id`` is the new project after 建立."""

    def __init__(self, ctx: AppContext, directory: Directory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draft: EmergencyDraft | None = None
        self.created_id: uuid.UUID | None = None
        self.sheets: list[Path] = []
        self.busy = False
        self._gen = 0
        self.setWindowTitle(self.tr("新建突发联动"))
        self.place = PlaceEdit()
        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        now = datetime.now(PLAN_TZ).replace(second=0, microsecond=0)
        self.when.setDateTime(QDateTime(now.year, now.month, now.day, now.hour, now.minute, 0))
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("留空则为“地点 + 突发事件联动报道 + 时间”"))
        self.alliance = QComboBox()
        self.alliance.addItem(self.tr("全部单位"), "")
        for a in directory.alliances:
            self.alliance.addItem(a.name, str(a.id))
        form = QFormLayout()
        form.addRow(self.tr("事发地点："), self.place)
        form.addRow(self.tr("事发时间："), self.when)
        form.addRow(self.tr("项目标题："), self.title_edit)
        form.addRow(self.tr("候选单位："), self.alliance)
        intro = QLabel(self.tr("按突发事件模板建立环节（首发预警 → 现场直播 → 权威发布与辟谣 → 救援进展 → 善后与恢复），"
                               "为每个环节推荐离事发地最近、具备直播和短视频能力的单位。"))
        intro.setWordWrap(True)
        intro.setStyleSheet("color:#555")
        self.draft_button = QPushButton(self.tr("生成方案"))
        self.draft_button.setDefault(True)
        self.draft_button.clicked.connect(self.make_draft)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(220)
        self.create_button = QPushButton(self.tr("建立并导出回执表…"))
        self.create_button.setToolTip(self.tr("建立项目和全部推荐任务（可一步撤销），并为每家单位生成一份回执表"))
        self.create_button.clicked.connect(lambda: self.create(sheets=True))
        self.create_only_button = QPushButton(self.tr("仅建立项目"))
        self.create_only_button.clicked.connect(lambda: self.create(sheets=False))
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.create_button, self.create_only_button, cancel):
            buttons.addWidget(b)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.draft_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.resize(760, 560)
        for w in (self.place, self.title_edit):
            w.textChanged.connect(self._forget)
        self.when.dateTimeChanged.connect(self._forget)
        self.alliance.currentIndexChanged.connect(self._forget)
        self._show()

    # -- the draft -------------------------------------------------------------------------------
    def moment(self) -> datetime:
        q = self.when.dateTime()
        d, t = q.date(), q.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=PLAN_TZ)

    def make_draft(self) -> None:
        try:
            adcode = self.place.adcode(field="place")
        except PlannerError as err:
            self._show(error=self.ctx.error_message(err))
            return
        if adcode is None:
            self._show(error=self.tr("请填写事发地点。"))
            self.place.setFocus()
            return
        self._gen += 1
        gen = self._gen
        self.busy = True
        alliance = self.alliance.currentData()
        worker = Worker(make_draft, self.ctx.db, adcode, self.moment(), self.title_edit.text().strip(),
                        (uuid.UUID(alliance),) if alliance else (), self.ctx.lang_code)

        def finished(draft: EmergencyDraft) -> None:
            if gen == self._gen:
                self.busy = False
                self.draft = draft
                self._show()

        def failed(exc: Any) -> None:
            if gen == self._gen:
                self.busy = False
                self.draft = None
                self._show(error=self.ctx.error_message(exc) if isinstance(exc, PlannerError) else str(exc))

        worker.signals.finished.connect(finished)
        worker.signals.failed.connect(failed)
        worker.signals.cancelled.connect(lambda: setattr(self, "busy", False) if gen == self._gen else None)
        self.ctx.start(worker, database=True)
        self._show()

    def _forget(self, *_: Any) -> None:
        """A changed field makes the proposal stale: it must be made again before anything is written."""
        if self.draft is not None or self.busy:
            self._gen += 1
            self.busy = False
            self.draft = None
            self._show()

    # -- writing ---------------------------------------------------------------------------------
    def create(self, *, sheets: bool, folder: str | None = None) -> bool:
        """建立: the project and its pieces as one undo step; then (``sheets``) the reply sheets into ``folder``."""
        if self.draft is None or self.busy:
            return False
        if sheets and folder is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("回执表保存到"), str(Path.home()))
            if not folder:
                return False
        text = self.tr("新建突发联动“{title}”").format(title=self.draft.project.title)
        changes = self.ctx.push(StartEmergency(self.draft, text=text))
        if changes is None:
            return False
        self.created_id = changes.row.id
        if sheets and folder and self.draft.result.suggestions:
            try:
                self.sheets = export_reply_sheets(self.ctx.db, self.created_id, folder, self.ctx.lang_code)
            except (PlannerError, OSError) as err:
                message = self.ctx.error_message(err) if isinstance(err, PlannerError) else str(err)
                self.ctx.failed.emit(self.tr("项目已建立，但回执表未能写出：{error}").format(error=message))
        self.accept()
        return True

    # -- showing ---------------------------------------------------------------------------------
    def _show(self, error: str = "") -> None:
        lang = self.ctx.lang_code
        self.list.clear()
        draft = self.draft
        ready = draft is not None and not self.busy
        self.create_button.setEnabled(ready and bool(draft and draft.result.suggestions))
        self.create_only_button.setEnabled(ready)
        self.draft_button.setEnabled(not self.busy)
        if error:
            self.status.setStyleSheet("color:#b3261e")
            self.status.setText(error)
            return
        self.status.setStyleSheet("")
        if self.busy:
            self.status.setText(self.tr("正在生成方案…"))
            return
        if draft is None:
            self.status.setText(self.tr("填好地点和时间后点“生成方案”。"))
            return
        result = draft.result
        outlets = len({s.outlet_id for s in result.suggestions})
        self.status.setText(self.tr("“{title}”：{stages} 个环节，推荐 {n} 项任务、{outlets} 家单位；求解 {seconds} 秒。").format(
            title=draft.project.title, stages=len(draft.stages), n=len(result.suggestions), outlets=outlets,
            seconds=f"{result.solver_seconds:.2f}"))
        for st in draft.stages:
            head = QListWidgetItem(f"{st.position}. {st.title}  {st.starts_at.astimezone(PLAN_TZ):%m-%d %H:%M}")
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(head)
            for s in (x for x in result.suggestions if x.stage_id == st.id):
                role = f"{s.role.label(lang)}·{s.format.label(lang)}"
                self.list.addItem(QListWidgetItem(f"    {role}  {suggestion_text(s, lang)}"))
            for u in (x for x in result.unfilled if x.stage_id == st.id):
                item = QListWidgetItem("    " + self.tr("未能补上：") + unfilled_text(u, lang, MUST_PRODUCE))
                item.setForeground(Qt.GlobalColor.darkRed)
                item.setToolTip(what_text(u.stage_title, u.format, u.role, lang))
                self.list.addItem(item)
