"""Where a server sign-in is remembered: the user name in the preferences file, the password only in
the operating system's keyring (Windows Credential Manager, macOS Keychain, Secret Service), through
the optional ``keyring`` package. Without it — or with no secure keyring backend (plain-text and terminal-prompting file backends do
not count) — nothing about the password is stored, the sign-in says so, and the app asks at every
start. Never in plain text, never in the INI file.
"""

from __future__ import annotations

import contextlib
import hashlib
from typing import Any

from planner.ui import prefs

SERVICE = "joint-coverage-planner"


#: backends that are no secure store: none at all, plain text on disk, or a file whose master
#: password is asked on the terminal (a desktop app has none to answer it)
_REFUSED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt.file")


def _secure(backend: Any) -> bool:
    module, name = type(backend).__module__, type(backend).__name__.lower()
    return not module.startswith(_REFUSED_MODULES) and "plaintext" not in name and "fail" not in module


def _installed() -> bool:
    try:
        import keyring  # noqa: F401
    except Exception:
        return False
    return True


def _keyring() -> Any | None:
    """The most preferred *secure* keyring backend (its ``get/set/delete_password``), else ``None``.

    ``keyring`` chains every viable backend (``ChainerBackend``) and writes to the first that
    accepts: with ``keyrings.alt`` installed a locked Secret Service would let the password fall
    through to a plain-text file. So the chain is taken apart and only a secure backend is used.
    """
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:
        return None
    chained = getattr(backend, "backends", None)
    for candidate in (chained if isinstance(chained, list | tuple) else [backend]):
        if _secure(candidate):
            return candidate
    return None


def status() -> str:
    """``"ok"`` (a secure keyring), ``"no_backend"`` (keyring installed, no secure store) or ``"missing"``."""
    if _keyring() is not None:
        return "ok"
    return "no_backend" if _installed() else "missing"


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
        value = kr.get_password(SERVICE, f"{user}@{server}")
    except Exception:  # locked, refused, the service gone: ask instead
        return None
    return value if isinstance(value, str) and value else None


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
