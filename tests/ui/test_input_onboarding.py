# ruff: noqa: F811 - pytest fixtures imported from ws_fixtures are parameters here
"""A desk's first minutes: a new file makes the first-start offer (also with --db), the directory
loads without projects, the desk's identity is asked in a short step, the directory can be loaded
from the File menu, and the app reopens the project last open."""

from __future__ import annotations

from pathlib import Path

import pytest
from ws_fixtures import make_page, settle, ws_ctx, ws_demo_ctx  # noqa: F401 - fixtures

from planner.services import queries
from planner.ui import app as app_module
from planner.ui.onboarding import DIRECTORY, EMPTY, FirstStartDialog

pytestmark = pytest.mark.qt


def test_first_start_loads_the_directory_then_asks_who_works_here(qtbot, db) -> None:
    dialog = FirstStartDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.directory_button.isChecked()  # the directory is the usual start
    dialog.next_step()
    assert dialog.choice == DIRECTORY
    counts = queries.counts(db)
    assert counts["outlets"] > 200 and counts["projects"] == 0 and counts["people"] == 0
    assert dialog.pages.currentWidget() is dialog.identity
    dialog.next_step()  # nothing filled in: said so, not saved
    assert dialog.error.isVisibleTo(dialog) and dialog.result() == 0
    dialog.editor.setText("张编辑")
    outlet = next(o for o in queries.list_outlets(db) if o.name == "重庆日报报业集团")
    dialog.outlet.set_id(outlet.id)
    dialog.next_step()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert db.setting("desk.editor") == "张编辑" and db.setting("desk.outlet_id") == str(outlet.id)


def test_skipping_leaves_an_empty_database(qtbot, db) -> None:
    dialog = FirstStartDialog(db)
    qtbot.addWidget(dialog)
    dialog.skip()  # start empty …
    assert dialog.choice == EMPTY and dialog.pages.currentWidget() is dialog.identity
    assert not dialog.outlet_row.isEnabled()  # no outlets to choose yet
    dialog.skip()  # … and no identity now
    assert dialog.result() == dialog.DialogCode.Rejected and queries.counts(db)["outlets"] == 0


class _Offered(Exception):
    pass


@pytest.fixture
def same_translators():
    """``run()`` installs the translators of the app's language; put back exactly the ones there were:
    Qt's own Chinese catalogue would rename keys ("Up" → "上") for the tests that run after this one."""
    from PySide6.QtCore import QCoreApplication, QLocale

    from planner.ui import i18n

    before, locale = i18n.installed(), QLocale()
    yield
    for translator in i18n.installed():
        QCoreApplication.removeTranslator(translator)
    i18n._installed[:] = before
    for translator in before:
        QCoreApplication.installTranslator(translator)
    QLocale.setDefault(locale)


def test_a_new_file_given_with_db_gets_the_same_offer(qapp, tmp_path: Path, monkeypatch, same_translators) -> None:
    seen = []

    def offered(db, parent=None, lang="zh"):
        seen.append(db.label)
        db.close()  # let go of the file (and its lock) before leaving run() early
        raise _Offered

    monkeypatch.setattr(app_module, "offer_start", offered)
    new = tmp_path / "new.db"
    with pytest.raises(_Offered):
        app_module.run(["--db", str(new)])
    assert seen and str(new) in seen[0]
    # an existing file is opened as it is
    monkeypatch.setattr(app_module, "offer_start", lambda *a, **k: pytest.fail("offered for an existing file"))
    assert app_module.run(["--smoke", "--db", str(new)]) == 0


def test_file_menu_loads_the_directory_in_a_worker(qtbot, ws_ctx) -> None:
    from planner.ui.main_window import MainWindow

    window = MainWindow(ws_ctx)
    qtbot.addWidget(window)
    assert window.directory_action.isEnabled()
    worker = window.directory_load.run(people_too=False)
    with qtbot.waitSignal(worker.signals.finished, timeout=120000):
        pass
    qtbot.waitUntil(lambda: window.directory_load.last is not None, timeout=5000)
    assert window.directory_load.last.added["outlets"] > 200
    assert queries.counts(ws_ctx.db)["projects"] == 0
    assert list(Path(str(ws_ctx.db.path) + ".backups").glob("*before-directory-load*"))
    worker = window.directory_load.run()
    with qtbot.waitSignal(worker.signals.finished, timeout=120000):
        pass
    qtbot.waitUntil(lambda: window.directory_load.last.added["outlets"] == 0, timeout=5000)
    window.close()


def test_the_last_project_opens_again(qtbot, ws_demo_ctx, make_page) -> None:
    page = make_page(ws_demo_ctx)
    assert page.current_project_id() is None
    project = sorted(queries.list_projects(ws_demo_ctx.db), key=lambda s: s.project.title)[1].project
    page.select_project(project.id)
    settle(qtbot, page)
    again = make_page(ws_demo_ctx)  # the next start, on the same file
    qtbot.waitUntil(lambda: again.current_project_id() == project.id, timeout=10000)
    settle(qtbot, again)
    assert again.data is not None and again.data.plan.project.id == project.id


def test_tab_goes_from_the_name_to_the_outlet(qtbot, db) -> None:
    dialog = FirstStartDialog(db)
    qtbot.addWidget(dialog)
    dialog.skip()
    assert dialog.editor.nextInFocusChain() is dialog.outlet or dialog.outlet.isAncestorOf(dialog.editor.nextInFocusChain())
