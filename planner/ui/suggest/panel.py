"""The 补位建议 panel beside the coverage matrix: what the optimiser proposes for the open project.

The coordinator sets the weights (sliders, defaults from :class:`~planner.graph.staffing.Weights`)
and the alliance to draw from, and asks for suggestions; they are computed on the database thread
(:func:`planner.services.suggestions.suggest_staffing`) and listed with their explanation, the holes
no outlet can close say why, and every suggestion is previewed *greyed* in the matrix (the matrix
model's layer ``"suggested"``; their outlets get columns while shown). Accepting one, the selected
or all of them is **one undo step** (:class:`~planner.services.staffing_commands.ApplySuggestions`);
rejecting asks for a reason and is remembered for the project (for one stage or all of them), and a
rejection can be withdrawn. Once asked, the panel recomputes by itself when the plan, the weights
or the rejections change, so what it shows is never stale.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.changes import Changes
from planner.domain.enums import Entity
from planner.domain.errors import PlannerError
from planner.graph.staffing import (
    StaffingResult,
    Suggestion,
    Weights,
    note_text,
    suggestion_text,
    unfilled_text,
)
from planner.graph.staffing.explain import what_text
from planner.services.rejections import RejectionRow, list_rejections
from planner.services.staffing_commands import ApplySuggestions, ForgetRejection, RejectSuggestion
from planner.services.suggestions import suggest_staffing
from planner.store.database import Database
from planner.ui.context import AppContext
from planner.ui.server.gates import gate_suggest_panel
from planner.ui.suggest.reject_dialog import RejectDialog
from planner.ui.suggest.scope import StageScope
from planner.ui.suggest.weights import WeightSliders
from planner.ui.workers import Worker
from planner.ui.workspace.loader import Directory, ProjectData
from planner.ui.workspace.matrix_model import Piece

if TYPE_CHECKING:
    from planner.ui.workspace.matrix_tab import MatrixTab

#: the matrix layer the suggestions are previewed in
LAYER = "suggested"
#: the holes the optimiser closes (finding kinds of the plan analysis)
HOLE_KINDS = frozenset({"uncovered_stage", "missing_format", "no_lead"})
SuggestionRole = Qt.ItemDataRole.UserRole + 10
_UNFILLED = QColor("#b3261e")
_RECOMPUTE_MS = 400  # a slider dragged across several steps asks once


@dataclass(frozen=True)
class Computed:
    """What one computation brings back to the GUI thread."""

    project_id: uuid.UUID
    result: StaffingResult
    rejections: tuple[RejectionRow, ...]


def compute(progress: Any, db: Database, project_id: uuid.UUID, weights: Weights,
            alliance_ids: tuple[uuid.UUID, ...], stage_ids: tuple[uuid.UUID, ...] = ()) -> Computed:
    """Suggestions and the project's rejections (runs in a worker on the database thread)."""
    progress.check()
    result = suggest_staffing(db, project_id, weights=weights, alliance_ids=alliance_ids,
                              stage_refs=[str(sid) for sid in stage_ids])
    progress.check()
    return Computed(project_id, result, tuple(list_rejections(db, project_id)))


def preload(progress: Any) -> None:
    """Import the solver (scipy.optimize takes a second or two) before the first 生成建议 needs it."""
    import scipy.optimize  # noqa: F401


def hole_count(data: ProjectData | None) -> int:
    return sum(1 for f in data.findings if f.kind.value in HOLE_KINDS) if data is not None else 0


class SuggestPanel(QWidget):
    """The panel; the workspace page gives it the open project (:meth:`set_data`) and the directory."""

    def __init__(self, ctx: AppContext, matrix: MatrixTab, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.matrix = matrix
        self.data: ProjectData | None = None
        self.directory = Directory()
        self.result: StaffingResult | None = None
        self.rejections: tuple[RejectionRow, ...] = ()
        self.asked = False  # the coordinator asked for suggestions for this project: keep them current
        self._gen = 0
        self.busy = False
        self._preloaded = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_RECOMPUTE_MS)
        self._timer.timeout.connect(self.recompute)

        title = QLabel(self.tr("补位建议"))
        font = QFont(title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        intro = QLabel(self.tr("为没有主办、缺少报道形式或无人报道的环节挑选单位。建议以灰色“＋”显示在矩阵中，采纳后才写入。"))
        intro.setWordWrap(True)
        intro.setStyleSheet("color:#555")

        self.weights_toggle = QToolButton()
        self.weights_toggle.setText(self.tr("权重"))
        self.weights_toggle.setCheckable(True)
        self.weights_toggle.setChecked(True)
        self.weights_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.weights_toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.weights_toggle.setAutoRaise(True)
        self.weights = WeightSliders()
        self.weights_toggle.toggled.connect(self._toggle_weights)
        self.weights.changed.connect(self._on_weights_changed)
        self.alliance = QComboBox()
        self.alliance.addItem(self.tr("全部单位"), "")
        self.alliance.setToolTip(self.tr("只从这个联合体的成员中挑选"))
        self.alliance.currentIndexChanged.connect(self._on_weights_changed)
        pool = QHBoxLayout()
        pool.addWidget(QLabel(self.tr("候选：")))
        pool.addWidget(self.alliance, 1)
        self.scope = StageScope()
        self.scope.changed.connect(self._on_weights_changed)
        scope = QHBoxLayout()
        scope.addWidget(QLabel(self.tr("范围：")))
        scope.addWidget(self.scope, 1)

        self.compute_button = QPushButton(self.tr("生成建议"))
        self.compute_button.setDefault(False)
        self.compute_button.clicked.connect(self.ask)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemSelectionChanged.connect(self._on_selection)
        self.list.itemDoubleClicked.connect(lambda item: self.accept_selected() if item.data(SuggestionRole) else None)
        self.accept_button = QPushButton(self.tr("采纳所选"))
        self.accept_button.clicked.connect(self.accept_selected)
        self.accept_all_button = QPushButton(self.tr("全部采纳"))
        self.accept_all_button.clicked.connect(self.accept_all)
        self.reject_button = QPushButton(self.tr("否决…"))
        self.reject_button.clicked.connect(self.reject_current)
        buttons = QHBoxLayout()
        for b in (self.accept_button, self.accept_all_button, self.reject_button):
            buttons.addWidget(b)

        self.rejections_toggle = QToolButton()
        self.rejections_toggle.setCheckable(True)
        self.rejections_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.rejections_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.rejections_toggle.setAutoRaise(True)
        self.rejections_toggle.toggled.connect(self._toggle_rejections)
        self.rejection_list = QListWidget()
        self.rejection_list.setWordWrap(True)
        self.rejection_list.setMaximumHeight(110)
        self.rejection_list.itemSelectionChanged.connect(self._update_buttons)
        self.forget_button = QPushButton(self.tr("撤销否决"))
        self.forget_button.setToolTip(self.tr("这家单位以后又可以被建议"))
        self.forget_button.clicked.connect(self.forget_current)
        rejected_box = QWidget()
        rb = QVBoxLayout(rejected_box)
        rb.setContentsMargins(0, 0, 0, 0)
        rb.addWidget(self.rejection_list)
        rb.addWidget(self.forget_button, 0, Qt.AlignmentFlag.AlignRight)
        self.rejected_box = rejected_box
        rejected_box.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("关闭补位建议（建议不再显示在矩阵中）"))
        close.clicked.connect(matrix.hide_side_panel)
        heading = QHBoxLayout()
        heading.addWidget(title, 1)
        heading.addWidget(close)
        layout.addLayout(heading)
        layout.addWidget(intro)
        layout.addWidget(self.weights_toggle)
        layout.addWidget(self.weights)
        layout.addLayout(pool)
        layout.addLayout(scope)
        layout.addWidget(self.compute_button)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        self._filler = QWidget()  # takes the list's room while there is no list, so nothing floats apart
        layout.addWidget(self._filler, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.rejections_toggle)
        layout.addWidget(rejected_box)
        self.setMinimumWidth(260)

        ctx.changed.connect(self._on_ctx_changed)
        matrix.side_panel_toggled.connect(self._on_panel_toggled)
        self._show()

    def _on_panel_toggled(self, shown: bool) -> None:
        """Closed, the panel stops keeping suggestions current and takes its greyed preview out of
        the matrix (nobody sees the list they belong to); opened again, 生成建议 asks anew."""
        if not shown and (self.asked or self.result is not None):
            self.asked = False
            self._timer.stop()
            self._gen += 1
            self.busy = False
            self.result = None
            self._clear_preview()
            self._show()

    def showEvent(self, event: Any) -> None:
        # the first time the panel is seen, load the solver in the background: the coordinator's first
        # 生成建议 then waits for the optimisation only (not at start-up: that would slow the first paint)
        if not self._preloaded:
            self._preloaded = True
            self.ctx.start(Worker(preload))
        super().showEvent(event)

    # -- what the page tells it ------------------------------------------------------------------
    def set_directory(self, directory: Directory) -> None:
        self.directory = directory
        current = self.alliance.currentData()
        self.alliance.blockSignals(True)
        self.alliance.clear()
        self.alliance.addItem(self.tr("全部单位"), "")
        for a in directory.alliances:
            self.alliance.addItem(a.name, str(a.id))
        self.alliance.setCurrentIndex(max(0, self.alliance.findData(current or "")))
        self.alliance.blockSignals(False)

    def set_data(self, data: ProjectData | None) -> None:
        """The open project (None: no project). Another project starts afresh; the same one,
        changed, is recomputed if the coordinator had asked for suggestions."""
        same = data is not None and self.data is not None and data.plan.project.id == self.data.plan.project.id
        self.data = data
        self._fill_scope(same)
        self._clear_preview()
        self.result = None
        if not same:
            self.asked = False
            self.rejections = ()
            self._gen += 1
            self.busy = False
        if same and self.asked:
            self.recompute()
        self._show()

    def _fill_scope(self, same: bool) -> None:
        """The stages to choose from (the choice is kept while the same project is reloaded)."""
        kept = self.scope.chosen() if same else ()
        stages = self.data.plan.stages if self.data is not None else ()
        self.scope.set_stages(((st.id, f"{st.position}. {st.title}") for st in stages), keep=kept)

    @property
    def project_id(self) -> uuid.UUID | None:
        return self.data.plan.project.id if self.data is not None else None

    # -- computing -------------------------------------------------------------------------------
    def ask(self) -> None:
        """生成建议: compute now, and keep the suggestions current from now on."""
        self.asked = True
        self.recompute()

    def recompute(self) -> None:
        self._timer.stop()
        pid, weights = self.project_id, self.weights.weights()
        if pid is None or weights is None:
            self._show()
            return
        self._gen += 1
        gen = self._gen
        self.busy = True
        alliance = self.alliance.currentData()
        alliances = (uuid.UUID(alliance),) if alliance else ()
        worker = Worker(compute, self.ctx.db, pid, weights, alliances, self.scope.chosen())

        def finished(done: Computed) -> None:
            if gen == self._gen and done.project_id == self.project_id:
                self.busy = False
                self.result, self.rejections = done.result, done.rejections
                self._preview()
                self._show()

        def failed(exc: Any) -> None:
            if gen == self._gen:
                self.busy = False
                self.result = None
                self._clear_preview()
                self._show(error=self.ctx.error_message(exc) if isinstance(exc, PlannerError) else str(exc))

        def cancelled() -> None:
            if gen == self._gen:
                self.busy = False

        worker.signals.finished.connect(finished)
        worker.signals.failed.connect(failed)
        worker.signals.cancelled.connect(cancelled)
        self.ctx.start(worker, database=True)
        self._show()

    def _on_weights_changed(self, *_: Any) -> None:
        if self.asked and self.data is not None:
            self._timer.start()
        else:
            self._show()

    def _on_ctx_changed(self, changes: Changes) -> None:
        # plan changes come back through set_data (the page reloads the project); rejections do not
        if self.asked and changes.touches(Entity.SUGGESTION_REJECTION):
            self.recompute()

    # -- the matrix preview ----------------------------------------------------------------------
    def _preview(self) -> None:
        pieces: dict[tuple[uuid.UUID, uuid.UUID], list[Piece]] = {}
        lang = self.ctx.lang_code
        for s in self.result.suggestions if self.result else ():
            text = f"＋{s.role.label(lang)}·{s.format.label(lang)}"
            tip = self.tr("建议（未采纳）：") + suggestion_text(s, lang)
            pieces.setdefault((s.stage_id, s.outlet_id), []).append(Piece(text, LAYER, None, tip))
        outlets = []
        for s in self.result.suggestions if self.result else ():
            row = self.directory.outlet(s.outlet_id) or (self.data.plan.outlets.get(s.outlet_id) if self.data else None)
            if row is not None and row not in outlets:
                outlets.append(row)
        self.matrix.model.set_layer(LAYER, pieces)
        self.matrix.set_preview_outlets(outlets)

    def _clear_preview(self) -> None:
        self.matrix.model.set_layer(LAYER, {})
        self.matrix.set_preview_outlets([])

    # -- acting ----------------------------------------------------------------------------------
    def selected(self) -> list[Suggestion]:
        return [item.data(SuggestionRole) for item in self.list.selectedItems() if item.data(SuggestionRole)]

    def accept_selected(self) -> bool:
        return self._accept(self.selected())

    def accept_all(self) -> bool:
        return self._accept(list(self.result.suggestions) if self.result else [])

    def _accept(self, items: list[Suggestion]) -> bool:
        if not items or self.project_id is None:
            return False
        if len(items) == 1:
            s = items[0]
            text = self.tr("采纳补位建议：{outlet}报道“{stage}”").format(outlet=s.outlet_name, stage=s.stage_title)
        else:
            text = self.tr("采纳 {n} 条补位建议").format(n=len(items))
        return self.ctx.push(ApplySuggestions(self.project_id, items, text=text)) is not None

    def reject_current(self, *, dialog: RejectDialog | None = None) -> bool:
        """Reject the current suggestion with a reason (``dialog`` already filled: tests)."""
        item = self.list.currentItem()
        s = item.data(SuggestionRole) if item is not None else None
        if s is None or self.project_id is None:
            return False
        if dialog is None:
            dialog = RejectDialog(s.outlet_name, s.stage_title, self)
            if not dialog.exec():
                return False
        stage_id = None if dialog.whole_project() else s.stage_id
        text = self.tr("否决补位建议：{outlet}").format(outlet=s.outlet_name)
        return self.ctx.push(RejectSuggestion(self.project_id, s.outlet_id, dialog.text(), stage_id, text=text)) is not None

    def forget_current(self) -> bool:
        item = self.rejection_list.currentItem()
        row = item.data(SuggestionRole) if item is not None else None
        if row is None:
            return False
        text = self.tr("撤销否决：{outlet}").format(outlet=row.outlet_name)
        return self.ctx.push(ForgetRejection(row.id, row.version, text=text)) is not None

    # -- showing ---------------------------------------------------------------------------------
    def _toggle_weights(self, shown: bool) -> None:
        self.weights.setVisible(shown)
        self.weights_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _toggle_rejections(self, shown: bool) -> None:
        self.rejected_box.setVisible(shown)
        self.rejections_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _on_selection(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.matrix.select_cell(chosen[0].stage_id, chosen[0].outlet_id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = bool(self.result and self.result.suggestions) and not self.busy
        self.accept_all_button.setEnabled(has)
        self.accept_button.setEnabled(has and bool(self.selected()))
        item = self.list.currentItem()
        self.reject_button.setEnabled(has and item is not None and item.data(SuggestionRole) is not None)
        self.forget_button.setEnabled(self.rejection_list.currentItem() is not None)
        gate_suggest_panel(self)  # a shared server's role: taking or rejecting suggestions is planning

    def _show(self, error: str = "") -> None:
        lang = self.ctx.lang_code
        has_project = self.data is not None
        for w in (self.compute_button, self.weights, self.alliance, self.scope):
            w.setEnabled(has_project)
        if self.weights.weights() is None:
            self.compute_button.setEnabled(False)
        self.compute_button.setText(self.tr("重新生成") if self.result is not None else self.tr("生成建议"))
        self.list.clear()
        if error:
            self.status.setText(error)
            self.status.setStyleSheet("color:#b3261e")
        else:
            self.status.setStyleSheet("")
            self.status.setText(self._status_text())
        result = self.result
        if result is not None:
            for s in result.suggestions:
                head = f"{s.stage_position}. {what_text(s.stage_title, s.format, s.role, lang)}"
                role = f"（{s.role.label(lang)}）" if lang == "zh" else f" ({s.role.label(lang)})"
                item = QListWidgetItem(f"{head}{role}\n{suggestion_text(s, lang)}")
                item.setData(SuggestionRole, s)
                item.setToolTip(suggestion_text(s, lang))
                self.list.addItem(item)
            for u in result.unfilled:
                text = (self.tr("未能补上：") + unfilled_text(u, lang))
                item = QListWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setForeground(QBrush(_UNFILLED))
                item.setToolTip(text)
                self.list.addItem(item)
            for n in result.notes:
                item = QListWidgetItem(note_text(n, lang))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setForeground(QBrush(QColor("#555")))
                self.list.addItem(item)
        self.list.setVisible(result is not None)
        self._filler.setVisible(result is None)
        self.rejection_list.clear()
        for r in self.rejections:
            where = r.stage_title or self.tr("整个项目")
            item = QListWidgetItem(f"{r.outlet_name} · {where}\n{r.reason}")
            item.setData(SuggestionRole, r)
            self.rejection_list.addItem(item)
        self.rejections_toggle.setText(self.tr("已否决（{n}）").format(n=len(self.rejections)))
        self.rejections_toggle.setVisible(bool(self.rejections))
        if not self.rejections:
            self.rejected_box.setVisible(False)
        self._update_buttons()

    def _status_text(self) -> str:
        if self.data is None:
            return self.tr("选择一个项目后可生成补位建议。")
        if self.weights.weights() is None:
            return self.tr("至少要有一项权重大于 0。")
        if self.busy:
            return self.tr("正在计算补位建议…")
        result = self.result
        if result is None:
            holes = hole_count(self.data)
            if not self.data.plan.stages:
                return self.tr("这个项目还没有环节，无从补位。")
            if holes == 0:
                return self.tr("这个项目目前没有缺口：每个环节都有主办和要求的报道形式。")
            return self.tr("这个项目有 {n} 处缺口。调好权重后点“生成建议”。").format(n=holes)
        if result.status == "nothing_to_do":
            return self.tr("没有需要补位的缺口：每个环节都有主办单位和项目要求的全部报道形式。")
        text = self.tr("{holes} 处缺口，{n} 条建议；目标值 {objective}（逐项挑选基线 {greedy}），求解 {seconds} 秒。").format(
            holes=result.holes, n=len(result.suggestions), objective=f"{result.objective:.1f}",
            greedy=f"{result.greedy_objective:.1f}", seconds=f"{result.solver_seconds:.2f}")
        if result.status == "time_limit":
            text += self.tr("求解达到时限，这是目前找到的最好方案。")
        elif result.status == "greedy":
            text += self.tr("求解器在时限内没有找到方案，以下为逐项挑选的结果。")
        return text
