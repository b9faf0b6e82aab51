"""Helpers for tests that make throw-away databases on the test PostgreSQL server."""

from __future__ import annotations

import time
import uuid
import warnings

from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError


def create_database(admin_url: str, prefix: str = "t_") -> tuple[str, str]:
    """A new, empty database beside ``admin_url``'s: its name and its URL."""
    name = f"{prefix}{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return name, admin_url.rsplit("/", 1)[0] + "/" + name


def drop_database(admin_url: str, name: str, *, tries: int = 10) -> None:
    """Drop ``name``, retrying while a server process we may not terminate is still in it.

    ``WITH (FORCE)`` ends our own leftover sessions, but an autovacuum worker belongs to the
    superuser, and a non-superuser may not end it ("must be a member of the role whose process is
    being terminated"); it leaves by itself within moments.
    """
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        for attempt in range(tries):
            try:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                return
            except DBAPIError as exc:
                if attempt == tries - 1:
                    warnings.warn(f"test database {name} left behind: {exc.orig}", stacklevel=2)
                    return
                time.sleep(0.3 * (attempt + 1))
    finally:
        admin.dispose()
