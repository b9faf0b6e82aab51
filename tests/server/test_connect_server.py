"""文件 ▸ 连接服务器…: a desk opens the shared server from the menu — address, then the sign-in — and
finds it again in 最近文件, never with a password stored (issue #16 item 1)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import make_url

from planner.ui.server.connect import add_recent_server, parse_address, recent_servers

pytestmark = [pytest.mark.qt]


@pytest.mark.parametrize(("typed", "expected"), [
    ("db.example.cn/planner", "postgresql+psycopg://db.example.cn/planner"),
    (" 10.0.0.5:6543/联盟 ", "postgresql+psycopg://10.0.0.5:6543/%E8%81%94%E7%9B%9F"),
    ("postgresql://zhang:pw@db.example.cn/planner?sslmode=verify-full",
     "postgresql+psycopg://db.example.cn/planner?sslmode=verify-full"),
])
def test_an_address_names_a_server_without_user_or_password(typed, expected):
    url = parse_address(typed)
    assert url.render_as_string(hide_password=False) == expected
    assert parse_address(expected) == url  # the recent list keeps the rendered text: it reads back the same


@pytest.mark.parametrize(("typed", "says"), [
    ("", "请输入服务器地址"),
    ("db.example.cn", "要有主机和数据库名"),
    ("mysql://db.example.cn/planner", "只能连接 PostgreSQL"),
    ("db.example.cn:99999/planner", "端口"),
    ("db.example.cn:abc/planner", "无法识别服务器地址"),
    ("db example/planner", "不能含空格"),
])
def test_a_bad_address_is_one_sentence(typed, says):
    with pytest.raises(ValueError) as info:
        parse_address(typed)
    assert says in str(info.value) and "\n" not in str(info.value)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_a_server_or_one_clear_sentence(typed):
    try:
        url = parse_address(typed)
    except ValueError as err:
        assert str(err) and len(str(err)) < 400
    else:
        assert url.host and url.database and url.password is None and url.username is None


def test_the_recent_list_never_keeps_a_login(tmp_path):
    from planner.ui import prefs

    add_recent_server("postgresql+psycopg://zhang:秘密@db.example.cn/planner")
    add_recent_server("db2.example.cn/planner")
    assert recent_servers()[:2] == ["postgresql+psycopg://db2.example.cn/planner",
                                    "postgresql+psycopg://db.example.cn/planner"]
    from pathlib import Path

    text = Path(prefs.store().fileName()).read_text(encoding="utf-8")
    assert "秘密" not in text and "zhang" not in text


@pytest.mark.postgres
def test_a_desk_connects_from_the_file_menu_and_finds_the_server_in_the_recent_list(
        shared_server, qtbot, demo_db, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from planner.ui.context import AppContext
    from planner.ui.main_window import MainWindow
    from planner.ui.server import credentials
    from planner.ui.server.connect import ConnectDialog
    from planner.ui.server.signin import SignInDialog

    monkeypatch.setattr(credentials, "_keyring", lambda: None)  # asked every time
    ctx = AppContext(demo_db)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    actions = [a.text() for a in window.file_menu.actions()]
    assert actions.index("连接服务器…") == actions.index("打开…") + 1
    pg = make_url(shared_server.url())
    address = f"{pg.host}:{pg.port or 5432}/{pg.database}"
    login = shared_server.login("desk_yc")
    seen: list[str] = []

    def answer(first_try: str = "wrong") -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, ConnectDialog) and w.isVisible():
                w.address.setEditText("nonsense host/x")
                w.connect_clicked()
                seen.append(w.error.text())  # a bad address: one sentence, the dialog stays
                w.address.setEditText(address)
                w.connect_clicked()
                QTimer.singleShot(200, answer)
                return
            if isinstance(w, SignInDialog) and w.isVisible():
                w.user.setText(login)
                w.password.setText("秘密-Passw0rd")
                w.sign_in()
                return
        QTimer.singleShot(100, answer)

    QTimer.singleShot(200, answer)
    assert window.files.connector.connect()
    assert seen and "不能含空格" in seen[0]
    assert window.ctx.db.account is not None and window.ctx.db.account.login == login
    assert window.server.role_label.isVisible() and window.server.role_label.text() == "角色：单位编辑"
    assert recent_servers()[0].endswith(f"/{pg.database}") and login not in recent_servers()[0]
    window.files.recent_menu.aboutToShow.emit()
    entries = [a.text() for a in window.files.recent_menu.actions()]
    assert f"服务器 {address}" in entries
    window.grab().save("/tmp/server2-connected.png")

    # back to the file, then the recent entry: the sign-in remembers the user name; cancel keeps the file
    window.files.switch_to(demo_db.path)
    assert window.ctx.db.account is None
    assert _sessions_of(shared_server, login) == 0  # leaving the server leaves no idle session behind

    def cancel() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, SignInDialog) and w.isVisible():
                seen.append(w.user.text())
                w.reject()
                return
        QTimer.singleShot(100, cancel)

    QTimer.singleShot(200, cancel)
    entry = next(a for a in window.files.recent_menu.actions() if a.text() == f"服务器 {address}")
    entry.trigger()
    assert seen[-1] == login and window.ctx.db.account is None and window.ctx.db.path == demo_db.path
    window.close()
    window.ctx.wait_for_workers()
    assert _sessions_of(shared_server, login) == 0


def _sessions_of(server, login: str) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    with server.owner.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                 "AND usename = :u"), {"u": login}).scalar()
