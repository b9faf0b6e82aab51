"""Where a signed-in editor's password may rest: only a secure OS keyring. A real Secret Service
(gnome-keyring on a private D-Bus session) round-trips it; plain-text and terminal-prompting file
backends, or none at all, count as "no keyring" and the sign-in says the password is not remembered;
a keyring that refuses to store it is reported after signing in (issue #16 item 1)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = [pytest.mark.qt]

keyring = pytest.importorskip("keyring")


@pytest.fixture
def backend():
    """Set ``keyring``'s backend for one test, and put the previous one back."""
    before = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(before)


SCRIPT = textwrap.dedent("""
    import json, pathlib
    from planner.ui.server import credentials
    state = credentials.status()
    kind = type(credentials._keyring()).__module__
    stored = credentials.store_password("db.example.cn:5432/planner", "zhangwei", "秘密-Passw0rd")
    back = credentials.password("db.example.cn:5432/planner", "zhangwei")
    credentials.forget_password("db.example.cn:5432/planner", "zhangwei")
    gone = credentials.password("db.example.cn:5432/planner", "zhangwei")
    on_disk = any("Passw0rd" in p.read_text("utf-8", "replace") for p in pathlib.Path.home().rglob("*")
                  if p.is_file() and p.suffix in (".cfg", ".ini", ".json", ".txt"))
    print(json.dumps({"state": state, "kind": kind, "stored": stored, "back": back, "gone": gone, "on_disk": on_disk}))
""")


@pytest.mark.skipif(not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")),
                    reason="needs dbus-run-session and gnome-keyring (Debian: dbus, gnome-keyring)")
def test_a_real_secret_service_round_trips_the_password_and_nothing_lands_on_disk(tmp_path):
    pytest.importorskip("keyrings.alt")  # so a plain-text file backend is in keyring's chain too
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "PLANNER_HOME": str(home / "planner"), "XDG_DATA_HOME": str(home / "data"),
           "XDG_RUNTIME_DIR": str(home)}
    env.pop("PYTHON_KEYRING_BACKEND", None)  # keyring's own choice, as on a desk
    inner = f"printf unlock | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; {sys.executable} -c \"$0\""
    out = subprocess.run(["dbus-run-session", "--", "sh", "-c", inner, SCRIPT], env=env, capture_output=True, text=True,
                         timeout=120, cwd=Path(__file__).resolve().parents[2])
    line = next((x for x in reversed(out.stdout.splitlines()) if x.startswith("{")), None)
    assert line is not None, out.stderr[-2000:]
    result = json.loads(line)
    assert result == {"state": "ok", "kind": "keyring.backends.SecretService", "stored": True,
                      "back": "秘密-Passw0rd", "gone": None, "on_disk": False}


def test_plain_text_or_no_backend_counts_as_no_keyring_and_stores_nothing(backend, tmp_path, monkeypatch):
    from keyring.backends import fail

    from planner.ui.server import credentials

    alt = pytest.importorskip("keyrings.alt.file")
    plain = alt.PlaintextKeyring()
    monkeypatch.setattr(type(plain), "file_path", str(tmp_path / "plain.cfg"), raising=False)
    for chosen in (plain, fail.Keyring()):
        backend(chosen)
        assert credentials.status() == "no_backend" and not credentials.available()
        assert credentials.store_password("s", "u", "秘密-Passw0rd") is False
        assert credentials.password("s", "u") is None
    assert not (tmp_path / "plain.cfg").exists()


def test_a_chain_is_taken_apart_so_a_secure_backend_never_falls_through_to_plain_text(monkeypatch):
    from planner.ui.server import credentials

    alt = pytest.importorskip("keyrings.alt.file")

    class Vault:  # stands for Secret Service / Keychain: a secure backend (not a refused module)
        def get_password(self, service: str, user: str) -> str | None:
            return None

    class Chain:
        def __init__(self, *backends: object) -> None:
            self.backends = list(backends)

    vault = Vault()
    monkeypatch.setattr(keyring, "get_keyring", lambda: Chain(vault, alt.PlaintextKeyring()))
    assert credentials._keyring() is vault
    monkeypatch.setattr(keyring, "get_keyring", lambda: Chain(alt.PlaintextKeyring()))
    assert credentials._keyring() is None and credentials.status() == "no_backend"


def test_the_sign_in_says_why_the_password_is_not_remembered(qtbot, monkeypatch):
    from sqlalchemy.engine import make_url

    from planner.ui.server import credentials
    from planner.ui.server.signin import SignInDialog

    url = make_url("postgresql+psycopg://db.example.cn/planner")
    monkeypatch.setattr(credentials, "_keyring", lambda: None)
    dialog = SignInDialog(url, "zh")
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled() and dialog.remember.text() == "记住密码（本机没有系统钥匙串）"
    assert "密码不会保存" in dialog.remember.toolTip()
    monkeypatch.setattr(credentials, "_installed", lambda: False)
    dialog = SignInDialog(url, "zh")
    qtbot.addWidget(dialog)
    assert dialog.remember.text() == "记住密码（需要安装 keyring）"


@pytest.mark.postgres
def test_a_keyring_that_refuses_to_store_is_reported_after_signing_in(shared_server, qtbot, monkeypatch):
    from sqlalchemy.engine import make_url

    from planner.ui.server import credentials
    from planner.ui.server.signin import SignInDialog

    class Locked:
        def get_password(self, service: str, user: str) -> str | None:
            raise RuntimeError("locked")

        def set_password(self, service: str, user: str, secret: str) -> None:
            raise RuntimeError("the user dismissed the unlock prompt")

        def delete_password(self, service: str, user: str) -> None:
            raise RuntimeError("locked")

    monkeypatch.setattr(credentials, "_keyring", lambda: Locked())
    dialog = SignInDialog(make_url(shared_server.url("viewer"))._replace(password=None), "zh")
    qtbot.addWidget(dialog)
    warned: list[str] = []
    dialog.warn = warned.append
    dialog.password.setText("秘密-Passw0rd")
    dialog.remember.setChecked(True)
    dialog.sign_in()
    assert dialog.database is not None and dialog.database.account.role.value == "viewer"
    dialog.database.close()
    assert warned == ["已登录，但系统钥匙串没有保存密码（可能已锁定或拒绝了请求），下次登录需要重新输入。"]
