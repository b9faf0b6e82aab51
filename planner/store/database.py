"""Opening a planner database: checks, locking, creation at head, backup-then-migrate.

``open_database`` is the one way in, for the app, the command line and the tests alike. It refuses —
with a typed error and without touching the file — anything that is not a planner database, a
schema newer than this program, a damaged file, or a file another process is writing.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
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
    DiskFullError,
    NotPlannerDatabaseError,
    PlannerError,
    SchemaTooNewError,
    WritesStoppedError,
)
from planner.store import clean_close, precheck
from planner.store.failures import classify, is_disk_full, translated
from planner.store.lock import FileLock
from planner.store.schema import APP_ID, HEAD, REVISIONS

_SQLITE_MAGIC = b"SQLite format 3\x00"
#: WAL with ``synchronous=FULL``: every commit is flushed to disk (one fsync of the write-ahead
#: log) before the edit is reported saved, so neither a crash nor a power cut loses an edit the
#: screen showed as saved. ``NORMAL`` would be as safe against a crash, but a power cut could take
#: the last few commits; FULL costs about 3 ms per commit here, invisible in an edit, and bulk
#: work (imports, merges, the demo) is one transaction.
SYNCHRONOUS = "FULL"


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
    #: why writing stopped (a failed full integrity check), or ``None`` while writes are allowed
    writes_stopped: str | None = None
    #: opened without the open-time ``quick_check`` because the file was exactly as this program's
    #: last clean close left it (:mod:`planner.store.clean_close`); the app's full check right after
    #: the first paint clears it (:mod:`planner.ui.integrity_watch`). A file still unchecked, or
    #: found damaged, gets no stamp when it closes, so the next open checks it.
    unchecked: bool = False

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
        """One unit of work: committed when the block ends, rolled back on any exception.

        A full disk (or quota) is a :class:`DiskFullError`: the transaction is rolled back and the
        file stays as it was — it is not damaged, and needs no restoring from a backup.
        """
        if self.writes_stopped:
            raise WritesStoppedError(path=self.label)
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException as exc:
                with suppress(SQLAlchemyError):  # a connection lost with the error: the error says why
                    session.rollback()
                if not isinstance(exc, PlannerError) and is_disk_full(exc, self.path):
                    raise DiskFullError(path=self.label) from exc
                raise

    def stop_writes(self, detail: str) -> None:
        """No more writes into this database (its full integrity check failed): every later
        transaction raises :class:`WritesStoppedError`; reading, saving a copy and restoring a
        backup still work."""
        self.writes_stopped = detail or "integrity"

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

    def close(self, *, keep_lock: bool = False) -> FileLock | None:
        """Close every connection and release the writer's lock — or, with ``keep_lock``, hand the
        still-held lock back, so the file can be replaced (a restore) and reopened with it
        (``open_database(path, lock=…)``) without another program slipping in between.

        A writer's clean close of a checked, undamaged file records the file's stamp
        (:func:`planner.store.clean_close.record`, after the last connection folded the write-ahead
        log into the file), so the app's next start may skip the open-time check.
        """
        self.engine.dispose()
        lock, self._lock = self._lock, None
        if (lock is not None and not keep_lock and self.path is not None and not self.unchecked
                and not self.writes_stopped):
            clean_close.record(self.path)
        if lock is not None and not keep_lock:
            lock.release()
            return None
        return lock

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(target: str | Path | None = None, *, read_only: bool = False,
                  lock: FileLock | None = None, synchronous: str = SYNCHRONOUS,
                  trust_clean_close: bool = False) -> Database:
    """Open (or create) the planner database at ``target``: a file path or a SQLAlchemy URL.

    ``None`` means the user's default database. A new file is created at the head revision; an
    older one is backed up with SQLite's backup API and then migrated. ``read_only`` opens without
    the writer's lock and refuses an out-of-date schema instead of migrating it. ``lock`` is the
    writer's lock of this file, already held (after replacing the file under it); it is kept by
    the new :class:`Database`, or released if opening fails. ``synchronous`` is for a file built
    aside and flushed as a whole before it is moved into place (:mod:`planner.store.replace`),
    which needs no flush per commit (``"OFF"``). ``trust_clean_close`` (the desktop app's start-up,
    which checks the file in full right after its first paint) skips the open-time ``quick_check``
    of a writer's file that is exactly as this program's last clean close left it
    (:mod:`planner.store.clean_close`); the database is then :attr:`Database.unchecked`.
    """
    if target is None:
        from planner.paths import default_database_path

        target = default_database_path()
    text_target = str(target)
    if "://" in text_target:
        from planner.store.server import open_server

        return open_server(text_target, read_only=read_only)
    if synchronous not in ("OFF", "NORMAL", "FULL", "EXTRA"):
        raise ValueError(synchronous)
    return _open_sqlite(Path(text_target).expanduser().resolve(), read_only=read_only, lock=lock,
                        synchronous=synchronous, trust_clean_close=trust_clean_close)


def _open_sqlite(path: Path, *, read_only: bool, lock: FileLock | None = None,
                 synchronous: str = SYNCHRONOUS, trust_clean_close: bool = False) -> Database:
    try:
        if path.is_dir():
            raise NotPlannerDatabaseError(path=str(path))
        if read_only and not path.exists():
            raise DatabaseError("not_found", what="数据库", ref=str(path))
        if not read_only and lock is None:
            if not path.parent.is_dir():
                raise DatabaseError("folder_missing", path=str(path))
            lock = FileLock(path)
            with translated(label=str(path), path=path):
                lock.acquire()
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    existed = path.exists()
    trusted = False
    try:
        with translated(label=str(path), path=path):
            if existed and not read_only:
                # Compared under the writer's lock; taken away until the next clean close (a crash).
                trusted = trust_clean_close and clean_close.matches(path)
                clean_close.forget(path)
            revision = inspect_sqlite(path, check=not trusted) if existed else None
            if trusted and revision != HEAD:  # a file about to be migrated is checked first
                trusted = False
                revision = inspect_sqlite(path)
            if revision is not None and revision not in REVISIONS:
                raise SchemaTooNewError(path=str(path), found=revision)
            if read_only and revision != HEAD:
                raise DatabaseError("schema_needs_upgrade", path=str(path))
            engine = _sqlite_engine(path, read_only=read_only, synchronous=synchronous)
            db = Database(url=str(engine.url), engine=engine, path=path, read_only=read_only, _lock=lock,
                          unchecked=trusted)
            try:
                if revision is None:
                    _create_schema(db)
                elif revision != HEAD:
                    from planner.store.migrate import upgrade_sqlite

                    db.backup_path = upgrade_sqlite(db, revision)
                    db.migrated_from = revision
                db.reload_settings()
            except BaseException:
                engine.dispose()
                if not existed:  # a file we started and could not finish (a full disk): not left behind
                    _remove_files(path)
                raise
        return db
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def _remove_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with suppress(OSError):
            path.with_name(path.name + suffix).unlink(missing_ok=True)


def inspect_sqlite(path: Path, *, check: bool = True) -> str | None:
    """The schema revision of the planner file at ``path``; ``None`` for an empty file.

    Raises a typed error for anything else, reading the file only. ``check=False`` leaves out
    ``PRAGMA quick_check`` (a file unchanged since its last clean close: :mod:`.clean_close`).
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
        raise classify(exc, label=str(path), path=path) from None
    try:
        if check:
            rows = precheck.take(path) or con.execute("PRAGMA quick_check").fetchall()
            if rows != [("ok",)]:
                raise CorruptDatabaseError(path=str(path), detail=str(rows[0][0])[:200])
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
    except sqlite3.Error as exc:
        # Only SQLite's own "corrupt"/"not a database" mean damaged: a full disk reports its failed
        # -shm allocation as "disk I/O error", and calling that damaged sent people to restore an
        # old backup over a healthy file.
        raise classify(exc, label=str(path), path=path) from None
    finally:
        con.close()


def _sqlite_engine(path: Path, *, read_only: bool, synchronous: str = SYNCHRONOUS) -> Engine:
    url = f"sqlite:///file:{path}?mode=ro&uri=true" if read_only else f"sqlite:///{path}"
    engine = create_engine(url, connect_args={"timeout": 10, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA synchronous={synchronous}")
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
        raise classify(exc, label=db.label, path=db.path) from None
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
