"""Printing the shown week, or saving it as a PDF (A4 landscape, the same painter as the screen).

The page holds a title (whose schedule, which week), the week's day header and banner strip, and
the hour grid squeezed to the hours that have something in them (at least 08:00–18:00), so a week
fits one sheet. The PDF is written to a temporary file beside the target and renamed when
complete (``planner.atomic``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QFileDialog, QWidget

from planner.domain.agenda import Agenda, Scope, week_start
from planner.domain.timefmt import PLAN_TZ, day_start
from planner.ui.schedule.layout import banners, grid_boxes, is_banner, local
from planner.ui.schedule.render import Geometry, SchedulePainter

#: Logical page size: A4 landscape at 96 dots per inch (what the screen painter is made for).
PAGE_W, PAGE_H = 1123, 794
MARGIN = 28


def hour_range(agenda: Agenda) -> tuple[int, int]:
    """First and last hour to print: those with items, widened to at least 08:00–18:00."""
    hours = [(local(i.start).hour, local(i.end).hour + (1 if local(i.end).minute else 0))
             for i in agenda.items if not is_banner(i)]
    first = min([8, *[h for h, _ in hours]])
    last = max([18, *[min(24, max(e, h + 1)) for h, e in hours]])
    return first, last


def paint_week(p: QPainter, agenda: Agenda, lang: str, *, title: str, printed: str) -> None:
    """Paint ``agenda`` (a week) on a page whose logical size is ``PAGE_W`` × ``PAGE_H``."""
    painter = SchedulePainter(lang)
    font = QFont(p.font())
    font.setPixelSize(11)
    p.setFont(font)
    p.fillRect(QRectF(0, 0, PAGE_W, PAGE_H), QColor("#ffffff"))
    head = QFont(font)
    head.setPixelSize(17)
    head.setBold(True)
    p.setFont(head)
    p.setPen(QColor("#1d1d1d"))
    p.drawText(QRectF(MARGIN, MARGIN - 6, PAGE_W - 2 * MARGIN, 26), Qt.AlignmentFlag.AlignLeft, title)
    p.setFont(font)
    p.setPen(QColor("#777777"))
    p.drawText(QRectF(MARGIN, PAGE_H - MARGIN + 4, PAGE_W - 2 * MARGIN, 16), Qt.AlignmentFlag.AlignRight, printed)
    first_day = local(agenda.start).date()
    first_hour, last_hour = hour_range(agenda)
    body = QRectF(MARGIN, MARGIN + 26, PAGE_W - 2 * MARGIN, PAGE_H - 2 * MARGIN - 30)
    lanes = banners(agenda.items, first_day, 7)
    n_lanes = 1 + max((b.lane for b in lanes), default=-1)
    probe = Geometry(body.width(), 7, 1.0, n_lanes)
    hour_px = (body.height() - probe.grid_top) / (last_hour - first_hour)
    g = Geometry(body.width(), 7, hour_px, n_lanes)
    p.save()
    p.translate(body.left(), body.top())
    y0 = g.grid_top - first_hour * hour_px
    p.setClipRect(QRectF(0, g.grid_top, g.width, body.height() - g.grid_top))
    painter.paint_grid(p, g, y0, first_day, first_day - timedelta(days=30), datetime.now(PLAN_TZ), g.grid_top,
                       body.height())
    for box in grid_boxes(agenda.items, first_day, 7, hour_px):
        painter.paint_box(p, g.box_rect(box, y0), box.item)
    p.setClipping(False)
    painter.paint_header(p, g, first_day, first_day - timedelta(days=30))
    for b in lanes:
        painter.paint_box(p, g.banner_rect(b), b.item)
    p.setPen(QColor("#bdbdbd"))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(QRectF(0, 0, g.width, body.height()))
    p.restore()


def week_title(agenda: Agenda) -> str:
    first = local(agenda.start).date()
    last = first + timedelta(days=6)
    span = QCoreApplication.translate("SchedulePrint", "{y}年{m}月{d}日 – {m2}月{d2}日").format(y=first.year, m=first.month, d=first.day, m2=last.month, d2=last.day)
    return QCoreApplication.translate("SchedulePrint", "{label} · 日程 · {span}").format(label=agenda.label, span=span)


def printed_line() -> str:
    now = datetime.now(PLAN_TZ)
    return QCoreApplication.translate("SchedulePrint", "联合报道策划 · 打印于 {when}").format(when=f"{now:%Y-%m-%d %H:%M}")


def write_week_pdf(agenda: Agenda, path: str | Path, lang: str) -> Path:
    """Write the week as a one-page PDF, atomically."""
    from planner.atomic import atomic_target

    target = Path(path)
    with atomic_target(target) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(96)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                         QMarginsF(0, 0, 0, 0)))
        writer.setTitle(week_title(agenda))
        writer.setCreator("joint-coverage planner")
        p = QPainter(writer)
        _fit(p, writer.width(), writer.height())
        paint_week(p, agenda, lang, title=week_title(agenda), printed=printed_line())
        p.end()
    return target


def _fit(p: QPainter, width: int, height: int) -> None:
    """Map the logical A4 page onto the device, keeping its proportions."""
    scale = min(width / PAGE_W, height / PAGE_H)
    p.setViewport(0, 0, int(PAGE_W * scale), int(PAGE_H * scale))
    p.setWindow(0, 0, PAGE_W, PAGE_H)


def _week_of(page: Any) -> tuple[Scope, datetime, datetime] | None:
    if page.scope is None:
        return None
    monday = week_start(page.anchor)
    return page.scope, day_start(monday), day_start(monday + timedelta(days=7))


def with_week(page: Any, then: Any) -> None:
    """Call ``then(agenda)`` with the shown week's agenda (the loaded one, or read on the database thread)."""
    week = _week_of(page)
    if week is None:
        return
    scope, start, end = week
    loaded = page.agenda
    if loaded is not None and loaded.scope == scope and loaded.start == start and loaded.end == end:
        then(loaded)
        return
    from planner.services.agenda import agenda
    from planner.ui.workers import Worker

    db = page.ctx.db
    worker = Worker(lambda _p: agenda(db, scope, start, end))
    worker.signals.finished.connect(then)
    worker.signals.failed.connect(page._on_failed)
    page._start(worker)


def export_week_pdf(page: Any, path: str | None = None) -> None:
    if path is None:
        from planner.ui import prefs

        folder = prefs.export_folder() or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(page, QCoreApplication.translate("SchedulePrint", "本周日程导出为 PDF"), str(Path(folder) / QCoreApplication.translate("SchedulePrint", "日程.pdf")), "PDF (*.pdf)")
        if not path:
            return
    if not path.lower().endswith(".pdf"):
        path += ".pdf"

    def write(agenda: Agenda) -> None:
        try:
            write_week_pdf(agenda, path, page.ctx.lang_code)
        except OSError as exc:
            page.ctx.failed.emit(QCoreApplication.translate("SchedulePrint", "无法保存 {path}：{error}").format(path=path, error=exc.strerror or exc))
            return
        from planner.ui.notify import notify

        notify(page.ctx, page, QCoreApplication.translate("SchedulePrint", "已保存：{path}").format(path=path))

    with_week(page, write)


def print_week(page: QWidget) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    def go(agenda: Agenda) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(week_title(agenda))
        dialog = QPrintDialog(printer, page)
        dialog.setWindowTitle(QCoreApplication.translate("SchedulePrint", "打印本周日程"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        p = QPainter(printer)
        rect = printer.pageLayout().paintRectPixels(printer.resolution())
        _fit(p, rect.width(), rect.height())
        paint_week(p, agenda, page.ctx.lang_code, title=week_title(agenda), printed=printed_line())  # type: ignore[attr-defined]
        p.end()

    with_week(page, go)


__all__ = ["export_week_pdf", "hour_range", "paint_week", "print_week", "write_week_pdf"]
