# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""The matrix paints from what its model worked out once, and looks as it did.

Each open of the large project paints ~170 matrix cells twice through a Python delegate. A filled
cell asked the model for eight roles (``initStyleOption``), got a new ``QBrush`` each time and
measured its text's width and elision anew (CJK shaping, ~20 µs a measure); a blank one walked
the layers per cell. Now blank cells are one set lookup, brushes are kept per colour and cell,
and measures per text, font and room — and the pictures are the same pixel for pixel.
"""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem
from ws_fixtures import make_page, settle, ws_demo_ctx  # noqa: F401 - fixtures

from planner.domain.enums import Role, Status
from planner.services import queries
from planner.services.commands import SetStatus
from planner.ui.workspace.matrix_model import INACTIVE_LAYER, ROLE_COLOURS, MatrixModel, Piece, PiecesRole
from tests.counting import uuid_hashes

pytestmark = pytest.mark.qt


def _counted_static_texts(monkeypatch, module) -> list[str]:  # type: ignore[no-untyped-def]
    """The texts laid out from now on as ``module``'s ``QStaticText`` (a list that grows)."""
    from PySide6.QtGui import QStaticText

    made: list[str] = []

    class Counting(QStaticText):
        def __init__(self, text: str) -> None:
            made.append(text)
            super().__init__(text)

    monkeypatch.setattr(module, "QStaticText", Counting)
    return made


def _blank_by_definition(model: MatrixModel, row: int, column: int) -> bool:
    """A blank cell: no live piece and no greyed one in a shown layer (what is_blank meant before)."""
    key = (model.stage_at(row).id, model.outlet_at(column).id)
    if model.cells(*key):
        return False
    return not any(layer.get(key) for name, layer in model._layers.items() if model.layer_shown(name))


def _check_filled(model: MatrixModel) -> None:
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            assert model.is_blank(r, c) == _blank_by_definition(model, r, c), (r, c)


class _Reference(QStyledItemDelegate):
    """The delegate's painting as it was: initStyleOption, PiecesRole, a measure per piece and paint."""

    def paint(self, painter, option, index):  # type: ignore[no-untyped-def]
        model = index.model()
        marked = QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_MouseOver
        if not option.state & marked and not index.data(PiecesRole):
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        pieces = index.data(PiecesRole) or []
        opt.text = ""
        opt.widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        rect = opt.rect.adjusted(4, 0, -4, 0)
        x = rect.left()
        for i, piece in enumerate(pieces):
            text = ("  " if i else "") + piece.text
            font = QFont(opt.font)
            font.setItalic(piece.greyed)
            font.setStrikeOut(piece.struck)
            painter.setFont(font)
            metrics = painter.fontMetrics()
            room = rect.right() - x
            if room <= metrics.horizontalAdvance("…"):
                break
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            if opt.state & QStyle.StateFlag.State_Selected:
                painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText))
            else:
                painter.setPen(QColor("#8a8a8a") if piece.greyed else opt.palette.color(QPalette.ColorRole.Text))
            painter.drawText(QRect(x, rect.top(), room, rect.height()),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
            x += metrics.horizontalAdvance(shown)
            if shown != text:
                break
        painter.restore()
        assert model is not None


def _open(qtbot, ctx, make_page):  # type: ignore[no-untyped-def]
    page = make_page(ctx)
    page.tabs.setCurrentWidget(page.matrix_tab)
    project = max(queries.list_projects(ctx.db), key=lambda s: s.assignments).project
    page.select_project(project.id)
    settle(qtbot, page)
    return page


def test_blank_cells_are_worked_out_again_after_every_change(qtbot, ws_demo_ctx, make_page) -> None:
    page = _open(qtbot, ws_demo_ctx, make_page)
    tab, model = page.matrix_tab, page.matrix_tab.model
    _check_filled(model)
    plan = page.data.plan
    live = next(a for a in plan.assignments if a.status not in (Status.DECLINED, Status.CANCELLED))
    ws_demo_ctx.push(SetStatus([live.id], Status.DECLINED, reason="人手不足"))
    settle(qtbot, page)
    _check_filled(model)  # a declined piece: greyed
    tab.show_inactive.setChecked(False)
    _check_filled(model)  # … hidden: blank
    stage, outlet = model.stage_at(0).id, model.outlet_at(model.columnCount() - 1).id
    model.set_layer("suggested", {(stage, outlet): [Piece("建议·图片")], (uuid.uuid4(), outlet): [Piece("x")]})
    assert not model.is_blank(0, model.columnCount() - 1)
    _check_filled(model)
    model.show_layer("suggested", False)
    _check_filled(model)
    tab.show_inactive.setChecked(True)
    tab.all_outlets.setChecked(True)  # other columns
    _check_filled(model)
    tab.set_data(None)
    assert model.filled() == set()


def test_backgrounds_are_one_brush_per_colour_and_follow_the_cells(qtbot, ws_demo_ctx, make_page) -> None:
    page = _open(qtbot, ws_demo_ctx, make_page)
    model = page.matrix_tab.model
    seen = 0
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            brush = model.index(r, c).data(Qt.ItemDataRole.BackgroundRole)
            cells = [x for x in model.cells(model.stage_at(r).id, model.outlet_at(c).id)
                     if x.status not in (Status.DECLINED, Status.CANCELLED)]
            if cells:
                role = Role.LEAD if any(x.role is Role.LEAD for x in cells) else cells[0].role
                assert brush.color() == ROLE_COLOURS[role]
                assert model.background_at(r, c) is model.background_at(r, c)  # kept, not made per paint
                seen += 1
    assert seen > 0
    # a change of the cell changes its colour (the kept brushes go with the old cells)
    r, c = next((r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                if model.background_at(r, c) is not None and not model.is_blank(r, c))
    key = (model.stage_at(r).id, model.outlet_at(c).id)
    ids = [x.assignment_id for x in model.cells(*key)]
    ws_demo_ctx.push(SetStatus(ids, Status.CANCELLED, reason="改由他台报道"))
    settle(qtbot, page)
    r, c = model.row_of(key[0]), model.column_of(key[1])
    assert model.background_at(r, c).color() != ROLE_COLOURS[Role.LEAD] or not model.cells(*key)
    assert all(p.layer == INACTIVE_LAYER for p in model.pieces(*key))


def test_a_second_paint_measures_no_text_and_a_font_change_measures_again(qtbot, ws_demo_ctx, make_page) -> None:
    page = _open(qtbot, ws_demo_ctx, make_page)
    view = page.matrix_tab.view
    delegate = view.itemDelegate()
    measured: list[str] = []
    original = delegate._measure

    def measure(painter, text, room):  # type: ignore[no-untyped-def]
        measured.append(text)
        return original(painter, text, room)

    delegate._measure = measure
    view.viewport().grab()
    view.viewport().grab()
    first = len(measured)
    view.viewport().grab()
    assert len(measured) == first  # the same texts in the same room: measured once
    font = QFont(view.font())
    font.setPointSize(font.pointSize() + 3)
    view.setFont(font)
    view.viewport().grab()
    assert len(measured) > first  # another font: its own measures


@pytest.mark.parametrize("style", ["Fusion", "Windows", "style sheet"])
def test_the_matrix_looks_as_it_did(qtbot, ws_demo_ctx, make_page, style) -> None:
    """Pixel for pixel the same as the delegate before (initStyleOption, measures per paint): live and
    greyed pieces, a selected filled cell and a selected blank one, a column too narrow for its text;
    plain filled cells get their background without asking the style, as Fusion and Windows draw it,
    and from the style under a style sheet (which may draw items its own way)."""
    from PySide6.QtWidgets import QStyleFactory

    page = _open(qtbot, ws_demo_ctx, make_page)
    view, model = page.matrix_tab.view, page.matrix_tab.model
    if style == "style sheet":
        view.setStyleSheet("QTableView::item { background: #fdf6e3; border-bottom: 1px solid #c0c0c0; }")
    elif style != "Fusion":
        other = QStyleFactory.create(style)
        assert other is not None
        view.setStyle(other)
    plan = page.data.plan
    live = next(a for a in plan.assignments if a.status not in (Status.DECLINED, Status.CANCELLED))
    ws_demo_ctx.push(SetStatus([live.id], Status.DECLINED, reason="人手不足"))
    settle(qtbot, page)
    model.set_layer("suggested", {(model.stage_at(0).id, model.outlet_at(0).id): [Piece("建议·图片")]})
    view.setColumnWidth(1, 46)
    view.setRowHeight(0, 25)  # odd heights: the laid-out texts are centred as drawText centres them
    view.setRowHeight(1, 31)
    ours = view.itemDelegate()
    reference = _Reference(view)
    filled = next((r, c) for r in range(model.rowCount()) for c in range(model.columnCount()) if not model.is_blank(r, c))
    blank = next((r, c) for r in range(model.rowCount()) for c in range(model.columnCount()) if model.is_blank(r, c))
    for cell in (filled, blank):
        view.setCurrentIndex(model.index(*cell))
        pictures = []
        for delegate in (ours, reference):
            view.setItemDelegate(delegate)
            pictures.append(view.viewport().grab().toImage())
        assert pictures[0] == pictures[1], cell
    view.setItemDelegate(ours)


def test_a_second_paint_lays_out_no_text(qtbot, ws_demo_ctx, make_page, monkeypatch) -> None:
    """drawText shaped every piece's text again on each paint (~2–4 ms of the large project's two
    paints per open); the fitted text is kept laid out per text, font and room, and a struck-through
    piece (its strike-out line would move) is drawn as before."""
    from planner.ui.workspace import matrix_view

    made = _counted_static_texts(monkeypatch, matrix_view)
    page = _open(qtbot, ws_demo_ctx, make_page)
    view = page.matrix_tab.view
    plan = page.data.plan
    live = next(a for a in plan.assignments if a.status not in (Status.DECLINED, Status.CANCELLED))
    ws_demo_ctx.push(SetStatus([live.id], Status.DECLINED, reason="人手不足"))  # a struck-through piece
    settle(qtbot, page)
    view.viewport().grab()
    first = len(made)
    assert first > 0 and all("\n" not in t for t in made)
    view.viewport().grab()
    assert len(made) == first  # the same texts in the same room: laid out once
    kept = view.itemDelegate()._elided.values()
    assert any(laid_out is None for shown, _w, laid_out in kept if shown)  # struck: drawText
    assert all(laid_out.text() == shown for shown, _w, laid_out in kept if laid_out is not None)


def test_the_headers_size_hints_are_kept_per_set_of_labels(qtbot, ws_demo_ctx, make_page) -> None:
    """Qt works a header's size hint out again after each reset and each show of the table, measuring up
    to 200 labels through Python; the same labels give the same hint without measuring."""
    from PySide6.QtWidgets import QHeaderView

    page = _open(qtbot, ws_demo_ctx, make_page)
    tab, view, model = page.matrix_tab, page.matrix_tab.view, page.matrix_tab.model
    tab.all_outlets.setChecked(True)  # many columns
    asked: list[int] = []
    original = model.headerData

    def header_data(section, orientation, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.DisplayRole:
            asked.append(section)
        return original(section, orientation, role)

    model.headerData = header_data  # type: ignore[method-assign]
    for header in (view.horizontalHeader(), view.verticalHeader()):
        plain = QHeaderView(header.orientation())
        plain.setModel(model)
        assert header.sizeHint() == plain.sizeHint()  # what Qt itself works out
    page.list_view.clearSelection()
    settle(qtbot, page)
    page.select_project(max(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.assignments).project.id)
    settle(qtbot, page)
    view.viewport().grab()
    asked.clear()
    hints = [h.sizeHint() for h in (view.horizontalHeader(), view.verticalHeader())]
    assert asked == []  # kept: no label measured
    asked.clear()
    tab.tier.setCurrentIndex(1)  # labels not seen before: measured, and right
    hint = view.horizontalHeader().sizeHint()
    assert model.columnCount() > 0 and asked
    plain = QHeaderView(Qt.Orientation.Horizontal)
    plain.setModel(model)
    assert hint == plain.sizeHint()
    assert hints[1] == view.verticalHeader().sizeHint()


def test_the_outlet_list_answers_only_its_roles_and_counts_its_columns_once(qtbot, ws_demo_ctx, make_page,
                                                                             monkeypatch) -> None:
    """The outlet list beside the matrix is painted on every open: each row was asked seven roles down
    to cell(), and each of ~140 columnCount() calls per paint translated the header again."""
    from planner.ui.workspace import outlet_list_model

    page = _open(qtbot, ws_demo_ctx, make_page)
    model = page.matrix_tab.outlet_model
    asked: list[int] = []
    cell = model.cell

    def counting_cell(row, column, role):  # type: ignore[no-untyped-def]
        asked.append(int(role))
        return cell(row, column, role)

    translated: list[str] = []

    class Translate:
        @staticmethod
        def translate(context: str, text: str) -> str:
            translated.append(text)
            return text

    model.cell = counting_cell  # type: ignore[method-assign]
    monkeypatch.setattr(outlet_list_model, "QCoreApplication", Translate)
    page.matrix_tab.outlet_view.viewport().grab()
    # its delegate reads a row's name and mark itself (OutletNameDelegate): no role at all, or only these
    assert set(asked) <= {int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole),
                          int(Qt.ItemDataRole.BackgroundRole)}
    page.matrix_tab.outlet_view.setItemDelegate(QStyledItemDelegate(page.matrix_tab.outlet_view))
    page.matrix_tab.outlet_view.viewport().grab()
    assert asked and set(asked) <= {int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole),
                                    int(Qt.ItemDataRole.BackgroundRole)}
    assert translated == []  # the column count is kept
    index = model.index(0, 0)
    assert index.data() == model.rows()[0].name and model.rows()[0].name in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.FontRole) is None and model.columnCount() == 1
    assert model.flags(index) & Qt.ItemFlag.ItemIsDragEnabled and not model.flags(model.index(-1, 0))


def test_opening_counts_and_covers_by_the_ids_ints(qtbot, ws_demo_ctx, make_page, monkeypatch) -> None:
    """The stage counts (环节 tab), the covered stages and the blank cells are worked out without a
    Python-level uuid.UUID hash per assignment (~6,000 calls an open of the large project), and right."""
    page = _open(qtbot, ws_demo_ctx, make_page)
    data = page.data
    plan = data.plan
    with uuid_hashes(monkeypatch) as hashes:
        page.stages_tab.set_data(data)
        model = page.matrix_tab.model
        model.set_matrix(data.matrix, model.outlets())
        model.filled()
    inactive = sum(1 for a in plan.assignments if a.status in (Status.DECLINED, Status.CANCELLED))
    assert hashes.n < len(plan.stages) * 2 + inactive * 4 + 10 < len(plan.assignments) * 2

    from planner.domain.enums import ACTIVE_STATUSES
    from planner.ui.workspace.stages_model import StagesModel

    for row, stage in enumerate(plan.stages):
        active = [a for a in plan.assignments if a.stage_id == stage.id and a.status in ACTIVE_STATUSES]
        count = page.stages_tab.model.index(row, StagesModel.ASSIGNMENTS).data()
        assert count == str(len(active)), stage.title
        live = [a for a in plan.assignments if a.stage_id == stage.id and a.status not in (Status.DECLINED, Status.CANCELLED)]
        assert model.is_covered(stage.id) == bool(live)
    _check_filled(model)


def test_the_same_matrix_shown_again_keeps_what_was_worked_out_of_it(qtbot, ws_demo_ctx, make_page,
                                                                      monkeypatch) -> None:
    """A project reopened unchanged brings the very same matrix (loader.KEPT) after the empty one of "no
    project": its covered stages, greyed pieces and filled cells are not worked out again (~1 ms of the
    GUI thread for the large project); any change still works them out, and rightly."""
    import planner.ui.workspace.matrix_model as mm
    from planner.ui.workspace import loader

    loader.KEPT.clear()
    page = _open(qtbot, ws_demo_ctx, make_page)
    tab, model = page.matrix_tab, page.matrix_tab.model
    first, matrix = model.filled(), page.data.matrix
    assert first
    splits: list[int] = []
    real = mm._split
    monkeypatch.setattr(mm, "_split", lambda cells, lang: splits.append(len(cells)) or real(cells, lang))
    project_id = page.data.plan.project.id
    page.list_view.clearSelection()
    settle(qtbot, page)
    assert page.data is None and model.filled() == set()
    page.select_project(project_id)
    settle(qtbot, page)
    assert page.data.matrix is matrix  # kept by the loader
    assert [n for n in splits if n] == [] and model.filled() is first  # nothing worked out again
    _check_filled(model)
    fresh = MatrixModel()
    fresh.set_matrix(matrix, model.outlets())
    assert fresh.filled() == first and fresh._covered == model._covered
    assert fresh._layers[INACTIVE_LAYER] == model._layers[INACTIVE_LAYER]
    # every change still works the filled cells out again
    tab.show_inactive.setChecked(False)
    _check_filled(model)
    tab.show_inactive.setChecked(True)
    _check_filled(model)
    stage, outlet = model.stage_at(0).id, model.outlet_at(model.columnCount() - 1).id
    model.set_layer("suggested", {(stage, outlet): [Piece("建议·图片")]})
    _check_filled(model)
    assert not model.is_blank(0, model.columnCount() - 1)
    model.set_layer("suggested", {})
    tab.all_outlets.setChecked(True)  # other columns
    _check_filled(model)
    tab.all_outlets.setChecked(False)
    _check_filled(model)
    assert model.filled() == first
    loader.KEPT.clear()


def test_the_cells_flags_are_answered_in_cpp_and_drops_still_land(qtbot, ws_demo_ctx, make_page) -> None:
    """Qt asks a cell's flags for every cell it paints (~340 calls into Python per open of the large
    project); the model leaves them to QAbstractTableModel, and an outlet dragged onto a cell or a row
    header still goes to that stage (the view's own drag handlers ask no flags)."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    from planner.ui.workspace.matrix_model import OUTLET_MIME

    assert "flags" not in MatrixModel.__dict__
    page = _open(qtbot, ws_demo_ctx, make_page)
    view, model = page.matrix_tab.view, page.matrix_tab.model
    flags = model.flags(model.index(0, 0))
    assert flags & Qt.ItemFlag.ItemIsEnabled and flags & Qt.ItemFlag.ItemIsSelectable
    assert model.flags(model.index(-1, 0)) == Qt.ItemFlag.NoItemFlags
    dropped: list[tuple] = []
    model.outlet_dropped.disconnect()
    model.outlet_dropped.connect(lambda s, o: dropped.append((s, o)))
    outlet = model.outlet_at(0).id
    mime = QMimeData()
    mime.setData(OUTLET_MIME, str(outlet).encode())
    rect = view.visualRect(model.index(1, 0))
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    for widget, point in ((view.viewport(), rect.center()), (view.verticalHeader().viewport(), QPoint(5, rect.center().y()))):
        for kind in (QDragEnterEvent, QDragMoveEvent):
            event = kind(point, *args)
            QApplication.sendEvent(widget, event)
            assert event.isAccepted()
        QApplication.sendEvent(widget, QDropEvent(QPointF(point), *args))
    assert dropped == [(model.stage_at(1).id, outlet)] * 2


def test_the_outlet_list_looks_as_it_did_and_lays_out_each_name_once(qtbot, ws_demo_ctx, make_page,
                                                                       monkeypatch) -> None:
    """The outlet list is painted on every open; the style shaped each name again for every paint. Its
    delegate keeps each name laid out and paints pixel for pixel what QStyledItemDelegate paints: plain,
    selected, with the focus, a shared server's marks, elided in a narrow list, disabled."""
    from planner.ui.server.marks import MARKS
    from planner.ui.workspace import outlet_list_model

    made = _counted_static_texts(monkeypatch, outlet_list_model)
    page = _open(qtbot, ws_demo_ctx, make_page)
    tab = page.matrix_tab
    view = tab.outlet_view
    ours, reference = view.itemDelegate(), QStyledItemDelegate(view)
    assert isinstance(ours, outlet_list_model.OutletNameDelegate)

    def same() -> None:
        pictures = []
        for delegate in (ours, reference):
            view.setItemDelegate(delegate)
            pictures.append(view.viewport().grab().toImage())
        view.setItemDelegate(ours)
        assert pictures[0] == pictures[1]

    same()
    first = len(made)
    assert first > 3
    view.viewport().grab()
    assert len(made) == first  # the same names in the same width: laid out once
    model = tab.outlet_model
    view.setCurrentIndex(model.index(2, 0))
    same()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    same()
    try:
        MARKS.note_changed([model.row_at(0).id], "王编辑")
        MARKS.set_editing({model.row_at(1).id: ["李编辑"]})
        same()
    finally:
        MARKS.clear()
    tab.splitter.setSizes([90, 1000])  # names elided
    qtbot.wait(10)
    same()
    view.setEnabled(False)
    same()


def test_the_outlet_list_leaves_other_styles_to_draw_as_they_do(qtbot, ws_demo_ctx, make_page, monkeypatch) -> None:
    """The kept names follow Fusion's text placement; under another style (Windows', macOS's) every row is
    painted by the style itself, as QStyledItemDelegate paints it, and no name is laid out."""
    from PySide6.QtWidgets import QStyleFactory

    from planner.ui.workspace import outlet_list_model

    made = _counted_static_texts(monkeypatch, outlet_list_model)
    page = _open(qtbot, ws_demo_ctx, make_page)
    view = page.matrix_tab.outlet_view
    windows = QStyleFactory.create("Windows")
    assert windows is not None and windows.name() != "fusion"
    view.setStyle(windows)
    ours, reference = view.itemDelegate(), QStyledItemDelegate(view)
    made.clear()
    pictures = []
    for delegate in (ours, reference):
        view.setItemDelegate(delegate)
        pictures.append(view.viewport().grab().toImage())
    view.setItemDelegate(ours)
    assert pictures[0] == pictures[1] and made == []
