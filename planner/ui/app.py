"""Start the desktop app: parse the options, set up Qt (HiDPI, bundled font, translations), open the
database (reporting any error in a dialog), and show the main window.

``planner [--db PATH | --demo] [--lang zh_CN|en] [--smoke]``; ``--smoke`` paints the main window
once, prints ``first paint: X.XXX s`` and exits 0 (start-up benchmark and frozen-build check).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

_T0 = time.perf_counter()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="planner", description="联合报道策划 / Joint-coverage planner")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="PATH", help="open this database file (or server URL)")
    where.add_argument("--demo", action="store_true", help="open a fresh demo database in a temporary folder")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="interface language (default: the saved choice, else zh_CN)")
    parser.add_argument("--smoke", action="store_true", help="paint the main window once, print the time, exit 0")
    return parser.parse_args(argv)


def demo_path() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="planner-demo-"))
    return folder / f"demo-{datetime.now():%Y%m%d-%H%M%S}.db"


def _load_demo(db, parent=None) -> None:  # type: ignore[no-untyped-def]
    """Fill ``db`` with the demo data, showing progress (the GUI thread waits: it is a few seconds)."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QProgressDialog

    from planner.services.demo import load_demo

    dialog = QProgressDialog(QCoreApplication.translate("App", "正在载入演示数据…"), "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(300)

    def progress(done: int, total: int, _text: str = "") -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        QCoreApplication.processEvents()

    try:
        load_demo(db, progress=progress)
    finally:
        dialog.close()


def offer_start(db, parent=None, lang: str = "zh") -> str:  # type: ignore[no-untyped-def]
    """A new database: what to start with (directory, demo, empty) and this desk's identity
    (:mod:`planner.ui.onboarding`); returns the choice."""
    from planner.ui.onboarding import first_start

    return first_start(db, parent, lang)


def setup_application(argv0: str = "planner"):  # type: ignore[no-untyped-def]
    """The ``QApplication`` (created once), with HiDPI rounding and the bundled CJK font."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from planner.ui.fonts import install_fallback

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication([argv0])
    app.setApplicationName("JointCoveragePlanner")
    app.setOrganizationName("MediaAlliance")
    app.setApplicationDisplayName("联合报道策划")
    install_fallback(app)
    return app


def settle_gc() -> None:
    """End the start-up: move every object made so far out of the collector's way, collect again.

    Start-up makes ~a million long-lived objects (modules, classes, Qt wrappers); collecting while
    they are made costs ~10% of start-up, and scanning them later lengthens every full collection
    (a scroll stall). ``gc.freeze`` puts them in the permanent generation. From here on the
    collector runs on the GUI thread only (:mod:`planner.ui.collector`: a collection on a worker
    thread can delete Qt objects there and crash).
    """
    from planner.ui import collector

    gc.freeze()
    collector.install()


WARM_AFTER_MS = 1000


def warm_up() -> None:
    """Once the window is up, load in the background what typing in a picker needs (pypinyin's
    tables, ~0.3 s of CPU), so suggestions by pinyin are ready before anyone types — without
    competing with the first paint."""
    from planner.ui.pickers import pinyin_loader

    pinyin_loader().request()


def import_core() -> None:
    """Import the database stack before Qt: SQLAlchemy, pydantic, SQLModel and the store.

    Once shiboken (PySide6) is loaded, its import hook reads the source of every module imported
    after it, looking for ``from __feature__ import``: SQLAlchemy, pydantic and SQLModel are ~400
    modules, and importing them after Qt took 0.3 s more CPU than before it (0.83 s against 0.55 s
    here) — a fifth of the start-up. Nothing here imports Qt (the core never does).

    The core modules the window's first paint uses come here too (~10–15 ms less than after Qt);
    ``tests/ui/test_startup_imports.py`` checks that none is left for after Qt. The tables
    (:mod:`planner.store.models`) and the services built on them are not imported here: the first
    paint reads nothing through them, and defining the 21 tables costs ~0.12 s of CPU. The screens'
    first loads import them right after the paint (``AppContext.later``).
    """
    import sqlalchemy.dialects.sqlite  # noqa: F401 - create_engine loads it by name, later
    import sqlmodel  # noqa: F401 - with SQLAlchemy's ORM and pydantic: the tables are defined on them

    import planner.domain.changes
    import planner.domain.findings
    import planner.domain.places
    import planner.domain.rows
    import planner.domain.timefmt
    import planner.services.files
    import planner.store.database
    import planner.store.integrity
    import planner.store.server  # noqa: F401


def run(argv: list[str]) -> int:
    args = parse_args(argv)
    gc.disable()  # until the window is up: see settle_gc
    try:
        return _run(args)
    finally:
        collector = sys.modules.get("planner.ui.collector")
        if not gc.isenabled() and not (collector and collector.installed()):
            gc.enable()  # an early return (the database did not open) or an error


def _run(args: argparse.Namespace) -> int:
    if args.demo:
        target: Path | str | None = demo_path()
    elif args.db:
        target = args.db
    else:
        from planner.paths import default_database_path

        target = default_database_path()
    trust = False
    if "://" not in str(target):
        from planner.store import clean_close, precheck

        # A file exactly as this program last closed it cleanly is checked right after the first
        # paint (planner.ui.integrity_watch) instead of before opening; any other file's
        # integrity check runs while the app is imported and set up.
        with contextlib.suppress(OSError):
            trust = clean_close.matches(Path(target).expanduser().resolve())
        if not trust:
            precheck.start(target)

    import_core()
    from planner.ui import i18n, prefs

    app = setup_application()
    lang = args.lang or prefs.language()
    i18n.install(lang, app)

    from planner.ui.file_actions import open_or_report

    lang_code = "en" if lang == "en" else "zh"
    db = open_or_report(target, None, lang_code, trust_clean_close=trust)
    if db is None:
        return 1
    first = db.created and not args.smoke and not args.demo  # the first start, or --db on a new file
    if args.demo or first:
        settle_gc()  # loading the demo makes (and drops) many objects; collect as usual
    if args.demo:
        _load_demo(db)
    elif first:
        offer_start(db, None, lang_code)
    if db.path is not None and not args.demo:
        prefs.add_recent_file(db.path)
    elif db.path is None:  # a shared server (--db URL): 文件 ▸ 最近文件 offers it next time
        from planner.ui.server.connect import add_recent_server

        with contextlib.suppress(ValueError):
            add_recent_server(str(target))

    from planner.ui.context import AppContext
    from planner.ui.main_window import MainWindow

    ctx = AppContext(db, lang)
    ctx.hold_workers()  # the screens' first loads start once the window is painted
    window = MainWindow(ctx)
    _release_after_first_paint(window, ctx)
    if args.smoke:
        return _smoke(app, window, ctx)
    window.show()
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, settle_gc)  # after the first events: the window is up
    QTimer.singleShot(WARM_AFTER_MS, warm_up)
    code = app.exec()
    ctx.wait_for_workers()
    ctx.db.close()
    if window.restart_requested:
        from PySide6.QtCore import QProcess

        restart_args = restart_command(ctx.db.path)
        QProcess.startDetached(restart_args[0], restart_args[1:])
    return int(code)


#: The screens' first loads start after the window's first paint, or after this long at the latest
#: (a window that starts minimised is not painted).
RELEASE_AT_THE_LATEST_MS = 2000


def _release_after_first_paint(window, ctx) -> None:  # type: ignore[no-untyped-def]
    """Start the workers the window's screens queued while it was built (``ctx.hold_workers``)
    once its first paint is done: they read the project list, the directory and the counts, ~50 ms
    of CPU that competed with building and painting the window."""
    from PySide6.QtCore import QTimer

    from planner.ui.first_paint import FirstPaint

    FirstPaint(window, lambda: QTimer.singleShot(0, ctx.release_workers))  # once this paint is done
    QTimer.singleShot(RELEASE_AT_THE_LATEST_MS, ctx.release_workers)


def restart_command(db_path: Path | None) -> list[str]:
    """The command line that starts the app again on ``db_path`` (frozen or from source)."""
    cmd = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "planner"]
    if db_path is not None:
        cmd += ["--db", str(db_path)]
    return cmd


def _await_check(watch) -> None:  # type: ignore[no-untyped-def]
    """Wait for the check a file opened without its open-time check gets after the first paint
    (so a smoke run, too, leaves a checked file and its clean-close stamp behind)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if not watch.pending():
        return
    loop = QEventLoop()
    watch.checked.connect(loop.quit)
    QTimer.singleShot(60000, loop.quit)
    watch.check_now()  # at once if it has not started yet (it is due now anyway)
    loop.exec()


def _smoke(app, window, ctx) -> int:  # type: ignore[no-untyped-def]
    """Show ``window``, wait for its first paint, print the seconds since start-up and exit 0."""
    from PySide6.QtCore import QEventLoop, QTimer

    from planner.ui.first_paint import FirstPaint

    painted: dict[str, float] = {}
    loop = QEventLoop()

    def first_paint() -> None:
        painted["t"] = time.perf_counter() - _T0
        painted["cpu"] = time.process_time()
        # printed now, as the bare window of bench_startup does: a benchmark sees the line before the
        # work that starts after the paint (the screens' first loads) has run
        print(f"first paint: {painted['t']:.3f} s", flush=True)
        print(f"cpu: {painted['cpu']:.3f} s", flush=True)  # the process's CPU time: steadier on a busy machine
        QTimer.singleShot(0, loop.quit)

    watch = FirstPaint(window, first_paint)
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.timeout.connect(loop.quit)
    timeout.start(20000)
    window.show()
    loop.exec()
    timeout.stop()
    settle_gc()
    watch.cancel()
    _await_check(window.files.integrity)
    window.close()
    ctx.wait_for_workers()
    ctx.db.close()
    if "t" not in painted:
        print("first paint: never (timed out)", file=sys.stderr)
        return 1
    return 0
