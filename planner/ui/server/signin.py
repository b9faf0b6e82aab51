"""Signing in to a shared server: the dialog that asks for the user name and password.

:func:`open_server_interactive` is how the app opens a ``postgresql+psycopg://`` URL: a password in
the URL or in the keyring is tried first; otherwise (or if it is refused) the dialog asks, shows a
refusal in one sentence under the fields and stays open. The user name is remembered per server;
the password only in the keyring, and only if the editor ticks 记住密码.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from planner.domain.errors import DatabaseError, PlannerError, error_text
from planner.store.database import Database, open_database
from planner.store.server import server_label
from planner.ui.server import credentials


def with_login(url: URL, user: str, password: str | None) -> URL:
    return url._replace(username=user or None, password=password or None)  # .set() cannot clear a value


def try_open(url: URL) -> Database:
    return open_database(url.render_as_string(hide_password=False))


class SignInDialog(QDialog):
    """User name and password for one server; :attr:`database` is set once the server accepts them."""

    def __init__(self, url: URL, lang: str = "zh", message: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = url
        self.lang = lang
        self.server = server_label(url.render_as_string(hide_password=True))
        self.database: Database | None = None
        self.setWindowTitle(self.tr("登录共享服务器"))
        self.setModal(True)
        self.setMinimumWidth(420)
        intro = QLabel(self.tr("服务器：{server}").format(server=self.server))
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.user = QLineEdit(url.username or credentials.remembered_user(self.server))
        self.user.setPlaceholderText(self.tr("如 zhangwei"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("记住密码（保存在系统钥匙串中）"))
        state = credentials.status()
        if state == "missing":
            self.remember.setEnabled(False)
            self.remember.setToolTip(self.tr("未安装 keyring，密码不会保存，每次启动都需要输入。"))
            self.remember.setText(self.tr("记住密码（需要安装 keyring）"))
        elif state == "no_backend":
            self.remember.setEnabled(False)
            self.remember.setToolTip(self.tr("本机没有可用的系统钥匙串（如 Secret Service、KWallet、Windows 凭据管理器），密码不会保存，每次登录都需要输入。"))
            self.remember.setText(self.tr("记住密码（本机没有系统钥匙串）"))
        #: Tells the editor something after a successful sign-in (replaceable in tests).
        self.warn = lambda text: QMessageBox.warning(self, self.tr("密码未保存"), text)
        self.error = QLabel(message)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setVisible(bool(message))
        form = QFormLayout()
        form.addRow(intro)
        form.addRow(self.tr("用户名"), self.user)
        form.addRow(self.tr("密码"), self.password)
        form.addRow("", self.remember)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.sign_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._focus = self.password if self.user.text() else self.user

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self._focus.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def sign_in(self) -> None:
        user = self.user.text().strip()
        if not user:
            self.show_error(self.tr("请输入用户名。"))
            self.user.setFocus()
            return
        if not self.password.text():
            self.show_error(self.tr("请输入密码。"))
            self.password.setFocus()
            return
        self.show_error(self.tr("正在连接…"))
        QCoreApplication.processEvents()
        try:
            self.database = try_open(with_login(self.url, user, self.password.text()))
        except PlannerError as err:
            self.show_error(error_text(err, self.lang))
            self.password.selectAll()
            self.password.setFocus()
            return
        credentials.remember_user(self.server, user)
        if self.remember.isChecked() and not credentials.store_password(self.server, user, self.password.text()):
            self.warn(self.tr("已登录，但系统钥匙串没有保存密码（可能已锁定或拒绝了请求），下次登录需要重新输入。"))
        self.accept()


def open_server_interactive(target: str, parent: QWidget | None = None, lang: str = "zh") -> Database | None:
    """Open a server URL, asking for the sign-in when needed; ``None`` if the editor cancels."""
    try:
        url = make_url(target)
    except ArgumentError as exc:
        raise DatabaseError(path=target.split("@")[-1], detail=str(exc)[:200]) from None
    server = server_label(url.render_as_string(hide_password=True))
    message = ""
    user = url.username or credentials.remembered_user(server)
    secret = url.password or (credentials.password(server, user) if user else None)
    if user and secret:
        try:
            return try_open(with_login(url, user, secret))
        except PlannerError as err:
            if err.code != "server_login_failed":
                raise
            if not url.password:
                credentials.forget_password(server, user)  # the keyring's copy is out of date
            message = error_text(err, lang)
    dialog = SignInDialog(url._replace(password=None), lang, message, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.database
