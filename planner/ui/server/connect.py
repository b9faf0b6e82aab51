"""文件 ▸ 连接服务器…: a desk opens a shared server without the command line.

The editor types the server's address — ``host/database``, ``host:port/database`` or a full
``postgresql+psycopg://…`` URL with options such as ``?sslmode=verify-full`` — or picks one of the
recent servers; then the ordinary sign-in (:mod:`planner.ui.server.signin`) asks for the user name
and password. Recent servers are kept in the preferences without user name or password (the user
name is remembered per server by :mod:`planner.ui.server.credentials`, the password only in the
keyring) and appear in 文件 ▸ 最近文件 below the files.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from planner.store.server import server_label
from planner.ui import prefs

DRIVER = "postgresql+psycopg"
RECENT_KEY = "servers/recent"
MAX_RECENT = 8
MAX_ADDRESS = 1000


def parse_address(text: str) -> URL:
    """The server URL (without user name or password) an address names; ``ValueError`` with one
    sentence (in the interface language) if it names none."""
    address = (text or "").strip()
    if not address:
        raise ValueError(QCoreApplication.translate("ConnectServer", "请输入服务器地址，如 db.example.cn/planner。"))
    if len(address) > MAX_ADDRESS or any(c.isspace() or ord(c) < 32 for c in address):
        raise ValueError(QCoreApplication.translate("ConnectServer", "服务器地址不能含空格或控制字符。"))
    if "://" not in address:
        address = f"{DRIVER}://{address}"
    try:
        url = make_url(address)
        port = url.port  # a port that is not a number raises here
    except (ArgumentError, ValueError):
        raise ValueError(QCoreApplication.translate("ConnectServer", "无法识别服务器地址：{address}。请写成 主机/数据库，如 db.example.cn/planner。").format(
            address=text.strip()[:200])) from None
    if url.drivername in ("postgresql", "postgres", "postgresql+psycopg2", "postgresql+psycopg"):
        url = url.set(drivername=DRIVER)
    else:
        raise ValueError(QCoreApplication.translate("ConnectServer", "只能连接 PostgreSQL 服务器（地址以 postgresql:// 开头，或只写 主机/数据库）。"))
    if not url.host or not url.database:
        raise ValueError(QCoreApplication.translate("ConnectServer", "服务器地址要有主机和数据库名，如 db.example.cn/planner。"))
    if port is not None and not 0 < port < 65536:
        raise ValueError(QCoreApplication.translate("ConnectServer", "端口应在 1 到 65535 之间。"))
    return url._replace(username=None, password=None)  # the sign-in asks; never kept in the recent list


def url_text(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def recent_servers() -> list[str]:
    value = prefs.store().value(RECENT_KEY, [])
    if isinstance(value, str):
        value = [value]
    out = []
    for v in value or []:
        try:
            out.append(url_text(parse_address(str(v))))  # an edited INI cannot smuggle a password in
        except ValueError:
            continue
    return out


def add_recent_server(url: str) -> None:
    clean = url_text(parse_address(url))
    servers = [clean] + [s for s in recent_servers() if s != clean]
    s = prefs.store()
    s.setValue(RECENT_KEY, servers[:MAX_RECENT])
    s.sync()


class ConnectDialog(QDialog):
    """Asks for the server's address (recent ones to pick); :attr:`url` once it names a server."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url: URL | None = None
        self.setWindowTitle(self.tr("连接服务器"))
        self.setModal(True)
        self.setMinimumWidth(480)
        intro = QLabel(self.tr("联盟共享服务器的地址（问管理员要）：主机/数据库，如 db.example.cn/planner；也可以写完整的 postgresql:// 地址，带 sslmode 等选项。"))
        intro.setWordWrap(True)
        self.address = QComboBox()
        self.address.setEditable(True)
        self.address.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for server in recent_servers():
            self.address.addItem(server_label(server), server)
        self.address.setCurrentIndex(0 if self.address.count() else -1)
        self.address.lineEdit().setPlaceholderText(self.tr("如 db.example.cn/planner"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("连接"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.connect_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("服务器地址")))
        layout.addWidget(self.address)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.address.setFocus(Qt.FocusReason.OtherFocusReason)

    def address_text(self) -> str:
        """The typed address, or the full URL of a recent server picked from the list."""
        text = self.address.currentText()
        index = self.address.currentIndex()
        if index >= 0 and text == self.address.itemText(index):
            return str(self.address.itemData(index))
        return text

    def connect_clicked(self) -> None:
        try:
            self.url = parse_address(self.address_text())
        except ValueError as err:
            self.error.setText(str(err))
            self.error.setVisible(True)
            self.address.setFocus()
            return
        self.accept()


class ServerConnector:
    """The 连接服务器… action of one window's File menu and the servers in its recent list."""

    def __init__(self, files: Any, window: QWidget) -> None:
        self.files = files
        self.window = window
        self.action = QAction(QCoreApplication.translate("ConnectServer", "连接服务器…"), window)
        self.action.setProperty("help_text", QCoreApplication.translate("ConnectServer", "打开联盟的共享服务器（输入地址，再登录）"))
        self.action.triggered.connect(lambda _checked=False: self.connect())

    def connect(self) -> bool:
        dialog = ConnectDialog(self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.url is None:
            return False
        return self.open(url_text(dialog.url))

    def open(self, url: str) -> bool:
        """Sign in to ``url`` and make it the window's database; ``False`` if cancelled or refused."""
        from planner.ui.file_actions import open_or_report

        ctx = self.files.ctx
        db = open_or_report(url, self.window, ctx.lang_code)  # the sign-in; a refusal is a message box
        if db is None:
            return False
        ctx.replace_database(db)
        add_recent_server(url)
        self.files.opened.emit(db.label)
        return True

    def fill_recent(self, menu: QMenu) -> None:
        """Add the recent servers to 最近文件 (below the files)."""
        servers = recent_servers()
        if not servers:
            return
        menu.addSeparator()
        for url in servers:
            action = menu.addAction(QCoreApplication.translate("ConnectServer", "服务器 {server}").format(server=server_label(url)))
            action.triggered.connect(lambda _c=False, u=url: self.open(u))


def install_connect_action(file_menu: QMenu, files: Any, window: QWidget) -> ServerConnector:
    """Put 连接服务器… after 打开… in ``file_menu`` and the recent servers into 最近文件."""
    connector = ServerConnector(files, window)
    file_menu.insertAction(files.recent_menu.menuAction(), connector.action)
    files.recent_menu.aboutToShow.connect(lambda: connector.fill_recent(files.recent_menu))
    files.connector = connector
    return connector
