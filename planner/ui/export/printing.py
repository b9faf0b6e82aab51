"""文件 ▸ 打印…: the current project's assignment sheets on paper, through Qt's print preview and
print dialog.

The sheets are the same content as the Word and phone versions
(:mod:`planner.export.sheetdata`), laid out as Qt rich text on landscape A4, each sheet starting
a new page with the table headers repeated. The preview opens first (zoom, page set-up, then the
printer dialog from its toolbar); nothing is written to disk.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QWidget

from planner.export.planview import PlanView
from planner.export.sheetdata import SheetContent, sheet_content, sheet_subjects
from planner.services.queries import load_plan
from planner.ui.context import AppContext
from planner.ui.export.sheet_html import print_html
from planner.ui.graph.scene import CJK_FAMILIES, ensure_fonts


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrintSheets", text)


def sheet_document(contents: list[SheetContent]) -> QTextDocument:
    """The sheets as one rich-text document; printing paginates it on the printer's pages."""
    ensure_fonts()
    doc = QTextDocument()
    font = QFont()
    font.setFamilies([*CJK_FAMILIES, "Planner Sans SC", font.defaultFamily()])
    font.setPointSizeF(9.5)
    doc.setDefaultFont(font)
    doc.setHtml(print_html(contents))
    # no page size of our own: QTextDocument.print_() lays the text out on the printer's page in
    # points (a page size in printer pixels would shrink the text to specks at 1200 dpi)
    return doc


def project_sheets(ctx: AppContext, project_id: uuid.UUID, per: str = "outlet") -> list[SheetContent]:
    plan = load_plan(ctx.db, project_id)
    view = PlanView(plan, ctx.lang_code)
    return [sheet_content(view, per, sid) for sid in sheet_subjects(plan, per)]


def make_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                      QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    return printer


class SheetPrinter:
    """Opens the print preview of a project's sheets; keeps what the preview needs alive."""

    def __init__(self, ctx: AppContext, parent: QWidget | None) -> None:
        self.ctx, self.parent = ctx, parent
        self.contents: list[SheetContent] = []
        self.preview: QPrintPreviewDialog | None = None
        self.printer: QPrinter | None = None

    def open(self, project_id: uuid.UUID | None, *, show: bool = True) -> QPrintPreviewDialog | None:
        if project_id is None:
            QMessageBox.information(self.parent, _tr("打印任务单"), _tr("请先在“项目”页选择一个项目。"))
            return None
        self.contents = project_sheets(self.ctx, project_id)
        if not self.contents:
            QMessageBox.information(self.parent, _tr("打印任务单"), _tr("这个项目还没有可派发的任务。"))
            return None
        self.printer = make_printer()
        self.preview = QPrintPreviewDialog(self.printer, self.parent)
        self.preview.setWindowTitle(_tr("打印任务单"))
        self.preview.paintRequested.connect(self.paint)
        if show:
            self.preview.open()
        return self.preview

    def paint(self, printer: QPrinter) -> None:
        doc = sheet_document(self.contents)
        doc.print_(printer)
