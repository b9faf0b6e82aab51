"""The export dialog: runs each export in a worker, remembers the folder, reports errors and cancel."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.qt


@pytest.fixture
def ctx(small, qtbot):  # type: ignore[no-untyped-def]
    from planner.ui.context import AppContext

    context = AppContext(small.db)
    yield context
    context.wait_for_workers()


@pytest.fixture
def make_dialog(ctx, small, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    from planner.ui.export.export_dialog import ExportDialog
    from planner.ui.export.runner import ExportRunner

    monkeypatch.setattr(ExportRunner, "ask_to_open", False)

    def make(**kw):  # type: ignore[no-untyped-def]
        dialog = ExportDialog(ctx, None, project_id=small.project.id, **kw)
        qtbot.addWidget(dialog)
        return dialog
    return make


def _choose(combo, data):  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(data))
    assert combo.currentData() == data


def test_pack_from_the_dialog_remembers_the_folder(make_dialog, small, tmp_path, qtbot):
    dialog = make_dialog()
    _choose(dialog.kind, "pack")
    assert dialog.name.text() == "策划方案-TY-1.docx"
    out = tmp_path / "exports"
    dialog.folder.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        dialog.start_export()
    assert blocker.args[0] == out / "策划方案-TY-1.docx"
    assert (out / "策划方案-TY-1.docx").is_file()
    assert small.db.setting("export.folder") == str(out)
    again = make_dialog()
    assert again.folder.text() == str(out)


def test_sheets_for_one_outlet_in_one_document(make_dialog, small, tmp_path, qtbot):
    dialog = make_dialog()
    _choose(dialog.kind, "sheets")
    assert dialog.outlet.count() == 4  # all + the three outlets of the project (cancelled ones included)
    _choose(dialog.outlet, str(small.sc.id))
    _choose(dialog.single, True)
    assert dialog.name.text() == "任务单-TY-1-隆昌市融媒体中心.docx"
    dialog.folder.setText(str(tmp_path))
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        dialog.start_export()
    assert [p.name for p in blocker.args[0]] == ["任务单-TY-1-隆昌市融媒体中心.docx"]


def test_contribution_csv_with_weights(make_dialog, small, tmp_path, qtbot):
    dialog = make_dialog()
    _choose(dialog.kind, "contribution")
    assert not dialog.project.isEnabled()
    _choose(dialog.file_format, ".csv")
    _choose(dialog.alliance, str(small.alliance.id))
    dialog.weights["lead"].setValue(5)
    dialog.folder.setText(str(tmp_path))
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        dialog.start_export()
    text = blocker.args[0].read_text(encoding="utf-8-sig")
    assert "荣昌区融媒体中心" in text and "大足区融媒体中心" in text and "四川广播电视台" not in text


def test_bad_template_is_reported_in_the_dialog(make_dialog, tmp_path):
    dialog = make_dialog()
    _choose(dialog.kind, "pack")
    dialog.folder.setText(str(tmp_path))
    dialog.template.setText(str(tmp_path / "missing.docx"))
    dialog.start_export()
    assert dialog.runner is None
    assert not dialog.error.isHidden() and "模板文件不存在" in dialog.error.text()


def test_cancel_leaves_nothing(make_dialog, tmp_path, qtbot, monkeypatch):
    import planner.services.exports as ex

    def slow(db, pid, dest, *, progress=None, **kw):  # type: ignore[no-untyped-def]
        for i in range(2000):
            progress(i, 2000, "…")
            time.sleep(0.005)
        dest.write_text("should never happen")
        return dest

    monkeypatch.setattr(ex, "export_sheets", slow)
    dialog = make_dialog()
    _choose(dialog.kind, "sheets")
    dialog.folder.setText(str(tmp_path / "o"))
    dialog.start_export()
    with qtbot.waitSignal(dialog.runner.cancelled, timeout=30000):
        dialog.runner.dialog.canceled.emit()  # what the progress dialog's cancel button sends
    assert "导出已取消" in dialog.error.text()
    assert not (tmp_path / "o").exists()
    assert dialog.buttons.isEnabled()


def test_offer_to_open(ctx, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox, QWidget

    from planner.ui.export import runner as runner_mod

    opened = []
    monkeypatch.setattr(runner_mod.QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(runner_mod.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    parent = QWidget()
    qtbot.addWidget(parent)
    r = runner_mod.ExportRunner(ctx, parent, lambda p: None, "x")
    r.offer_to_open(tmp_path / "a.docx")
    r.offer_to_open([tmp_path / "d" / "1.docx", tmp_path / "d" / "2.docx"])
    assert opened == [str(tmp_path / "a.docx"), str(tmp_path / "d")]


def test_open_export_dialog_entry_point(ctx, small, qtbot):
    from planner.ui.export import open_export_dialog

    dialog = open_export_dialog(ctx, None, project_id=small.project.id)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.project_id() == small.project.id
    dialog.grab().save("/tmp/export-dialog.png")


def test_sheets_as_a_long_picture_from_the_dialog(make_dialog, small, tmp_path, qtbot):
    from PySide6.QtGui import QImage

    dialog = make_dialog()
    _choose(dialog.kind, "sheets")
    _choose(dialog.doc_format, "png")
    _choose(dialog.outlet, str(small.sc.id))
    assert dialog.name.text().endswith(".png")
    dialog.folder.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(dialog.exported, timeout=60000) as blocker:
        dialog.start_export()
    (path,) = blocker.args[0]
    assert path.suffix == ".png" and QImage(str(path)).width() == 1080
    _choose(dialog.kind, "pack")
    assert dialog.doc_format.findData("png") == -1  # a pack has no phone picture


def test_pdf_without_libreoffice_says_so_in_the_dialog(make_dialog, small, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANNER_SOFFICE", "")
    monkeypatch.setattr("shutil.which", lambda name: None)
    dialog = make_dialog()
    _choose(dialog.kind, "pack")
    _choose(dialog.doc_format, "pdf")
    assert dialog.name.text() == "策划方案-TY-1.pdf"
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.start_export()
    assert not dialog.error.isHidden() and "LibreOffice" in dialog.error.text()
    assert dialog.runner is None and not (tmp_path / "out").exists()


def test_print_preview_prints_every_outlet_sheet(ctx, small, tmp_path, qtbot):
    from PySide6.QtPrintSupport import QPrinter

    from planner.ui.export.printing import SheetPrinter

    printer = SheetPrinter(ctx, None)
    preview = printer.open(small.project.id, show=False)
    qtbot.addWidget(preview)
    assert len(printer.contents) == 3
    out = tmp_path / "printed.pdf"
    target = printer.printer
    target.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target.setOutputFileName(str(out))
    printer.paint(target)
    import re

    data = out.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert data.startswith(b"%PDF") and pages >= 3  # each outlet's sheet starts a new page


def test_print_action_is_in_the_file_menu(ctx, qtbot):
    from planner.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    assert win.print_action in win.file_menu.actions() and win.print_action.shortcut().toString() == "Ctrl+P"
    win.close()
