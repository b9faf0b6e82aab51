"""Opening a planner database: checks, locking, creation at head, backup-then-migrate.

``open_database`` is the one way in, for the app, the command line and the tests alike. It refuses —
with a typed error and without touching the file — anything that is not a planner database, a
schema newer than this program, a damaged file, or a file another process is writing.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from planner.domain.accounts import Account
from planner.domain.errors import (
    CorruptDatabaseError,
    DatabaseError,
    DatabaseInUseError,
    NotPlannerDatabaseError,
    SchemaTooNewError,
)
from planner.store import precheck
from planner.store.lock import FileLock
from planner.store.schema import APP_ID, HEAD, REVISIONS

_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Database:
    """An open planner database. Use :meth:`transaction` for work; close it when done."""

    url: str
    engine: Engine
    path: Path | None = None
    read_only: bool = False
    created: bool = False
    migrated_from: str | None = None
    backup_path: Path | None = None
    #: the signed-in editor on a shared server with accounts (``planner.store.server``), else ``None``
    account: Account | None = None
    _lock: FileLock | None = field(default=None, repr=False)
    _settings: dict[str, str] = field(default_factory=dict, repr=False)
    #: row id → the version this program's own undo history last left the row at (see
    #: :mod:`planner.services.commands`): a later undo or redo step expects exactly that version
    undo_versions: dict = field(default_factory=dict, repr=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def label(self) -> str:
        """What a person calls this database: the file path, or the server URL without password."""
        if self.path is not None:
            return str(self.path)
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any exception."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for reading only (never committed)."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    # -- settings cache -----------------------------------------------------------------------
    def setting(self, key: str, default: str = "") -> str:
        if not self._settings:
            self.reload_settings()
        return self._settings.get(key, default)

    def reload_settings(self) -> None:
        with self.engine.connect() as conn:
            rows = conn.execute(text("SELECT key, value FROM setting")).all()
        self._settings = {k: v for k, v in rows}

    @property
    def desk(self) -> str:
        """This desk's identity as written in the change log: editor name and outlet, or the desk id.

        On a shared server it is the signed-in account's (the database stamps the same into the log).
        """
        if self.account is not None:
            return self.account.identity
        editor = self.setting("desk.editor")
        outlet = self.setting("desk.outlet_name")
        if editor and outlet:
            return f"{editor}（{outlet}）"
        return editor or outlet or f"desk-{self.setting('desk.id')[:8]}"

    @property
    def login(self) -> str:
        """The signed-in account's login on a shared server; empty on a file."""
        return self.account.login if self.account is not None else ""

    @property
    def desk_outlet_id(self) -> uuid.UUID | None:
        """The outlet the change log names: the account's on a server, else this desk's setting."""
        if self.account is not None:
            return self.account.outlet_id
        try:
            return uuid.UUID(self.setting("desk.outlet_id")) if self.setting("desk.outlet_id") else None
        except ValueError:
            return None

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(target: str | Path | None = None, *, read_only: bool = False) -> Database:
    """Open (or create) the planner database at ``target``: a file path or a SQLAlchemy URL.

    ``None`` means the user's default database. A new file is created at the head revision; an
    older one is backed up with SQLite's backup API and then migrated. ``read_only`` opens without
    the writer's lock and refuses an out-of-date schema instead of migrating it.
    """
    if target is None:
        from planner.paths import default_database_path

        target = default_database_path()
    text_target = str(target)
    if "://" in text_target:
        from planner.store.server import open_server

        return open_server(text_target, read_only=read_only)
    return _open_sqlite(Path(text_target).expanduser().resolve(), read_only=read_only)


def _open_sqlite(path: Path, *, read_only: bool) -> Database:
    if path.is_dir():
        raise NotPlannerDatabaseError(path=str(path))
    if read_only and not path.exists():
        raise DatabaseError("not_found", what="数据库", ref=str(path))
    lock: FileLock | None = None
    if not read_only:
        if not path.parent.is_dir():
            raise DatabaseError(path=str(path), detail="folder does not exist / 文件夹不存在")
        lock = FileLock(path)
        lock.acquire()
    try:
        revision = inspect_sqlite(path) if path.exists() else None
        if revision is not None and revision not in REVISIONS:
            raise SchemaTooNewError(path=str(path), found=revision)
        if read_only and revision != HEAD:
            raise DatabaseError("schema_needs_upgrade", path=str(path))
        engine = _sqlite_engine(path, read_only=read_only)
        db = Database(url=str(engine.url), engine=engine, path=path, read_only=read_only, _lock=lock)
        if revision is None:
            _create_schema(db)
        elif revision != HEAD:
            from planner.store.migrate import upgrade_sqlite

            db.backup_path = upgrade_sqlite(db, revision)
            db.migrated_from = revision
        db.reload_settings()
        return db
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def inspect_sqlite(path: Path) -> str | None:
    """The schema revision of the planner file at ``path``; ``None`` for an empty file.

    Raises a typed error for anything else, reading the file only.
    """
    with path.open("rb") as fh:
        header = fh.read(100)
    if not header:
        return None
    if not header.startswith(_SQLITE_MAGIC):
        raise NotPlannerDatabaseError(path=str(path))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error as exc:
        raise DatabaseError(path=str(path), detail=str(exc)) from None
    try:
        check = precheck.take(path) or con.execute("PRAGMA quick_check").fetchall()
        if check != [("ok",)]:
            raise CorruptDatabaseError(path=str(path), detail=str(check[0][0])[:200])
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return None
        if not {"alembic_version", "setting"} <= tables:
            raise NotPlannerDatabaseError(path=str(path))
        app = con.execute("SELECT value FROM setting WHERE key='app.id'").fetchone()
        if not app or app[0] != APP_ID:
            raise NotPlannerDatabaseError(path=str(path))
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None:
            raise NotPlannerDatabaseError(path=str(path))
        return str(row[0])
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            raise DatabaseInUseError(path=str(path)) from None
        raise CorruptDatabaseError(path=str(path), detail=str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(path=str(path), detail=str(exc)) from None
    finally:
        con.close()


def _sqlite_engine(path: Path, *, read_only: bool) -> Engine:
    url = f"sqlite:///file:{path}?mode=ro&uri=true" if read_only else f"sqlite:///{path}"
    engine = create_engine(url, connect_args={"timeout": 10, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    return engine


def _create_schema(db: Database) -> None:
    """Create every table at the head revision and record what this file is."""
    from planner.store.models import metadata

    try:
        with db.engine.begin() as conn:
            metadata.create_all(conn)
            write_head_facts(conn)
    except SQLAlchemyError as exc:
        raise DatabaseError(path=db.label, detail=str(exc.orig if hasattr(exc, "orig") else exc)) from None
    db.created = True


def write_head_facts(conn) -> None:  # type: ignore[no-untyped-def]
    """Stamp the head revision and the app id into a freshly created schema."""
    conn.execute(
        text(
            "CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL, "
            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
        )
    )
    conn.execute(text("DELETE FROM alembic_version"))
    conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": HEAD})
    for key, value in (("app.id", APP_ID), ("desk.id", uuid.uuid4().hex)):
        conn.execute(text("INSERT INTO setting (key, value) VALUES (:k, :v)"), {"k": key, "v": value})
