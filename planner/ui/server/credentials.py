"""Where a server sign-in is remembered: the user name in the preferences file, the password only in
the operating system's keyring (Windows Credential Manager, macOS Keychain, Secret Service), through
the optional ``keyring`` package. Without it — or with no usable keyring backend — nothing about the
password is stored and the app asks at every start. Never in plain text, never in the INI file.
"""

from __future__ import annotations

import contextlib
import hashlib
from typing import Any

from planner.ui import prefs

SERVICE = "joint-coverage-planner"


def _keyring() -> Any | None:
    """The ``keyring`` module if installed and backed by a real store, else ``None``."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, fail.Keyring) or "plaintext" in type(backend).__name__.lower():
        return None  # no secure store (or a plain-text file): ask every time instead
    return keyring


def available() -> bool:
    return _keyring() is not None


def _key(server: str) -> str:
    # QSettings keys cannot hold '/' or ':' safely; the server label can.
    return "servers/" + hashlib.sha1(server.encode("utf-8")).hexdigest()[:16]


def remembered_user(server: str) -> str:
    return str(prefs.store().value(_key(server) + "/user", "") or "")


def remember_user(server: str, user: str) -> None:
    s = prefs.store()
    s.setValue(_key(server) + "/user", user)
    s.setValue(_key(server) + "/label", server)
    s.sync()


def password(server: str, user: str) -> str | None:
    kr = _keyring()
    if kr is None or not user:
        return None
    try:
        return kr.get_password(SERVICE, f"{user}@{server}")
    except Exception:
        return None


def store_password(server: str, user: str, secret: str) -> bool:
    kr = _keyring()
    if kr is None:
        return False
    try:
        kr.set_password(SERVICE, f"{user}@{server}", secret)
        return True
    except Exception:
        return False


def forget_password(server: str, user: str) -> None:
    kr = _keyring()
    if kr is None:
        return
    with contextlib.suppress(Exception):  # nothing stored
        kr.delete_password(SERVICE, f"{user}@{server}")
