"""Opening a planner database on a shared server (PostgreSQL) from a SQLAlchemy URL.

The first client to open an empty database creates the schema, and an older schema is migrated,
both under an advisory lock and only by the database's owner: editors' logins may not alter the
schema, and get a clear "ask the owner to upgrade" instead. On a server set up with accounts
(``planner-cli server init``) the signed-in login's account is loaded into ``Database.account``,
and the server's refusals (SQLSTATE 42501 from grants, policies and guard triggers) become a
:class:`PermissionDeniedError` whose sentence says what the role may do; deadlocks and
serialization failures become an ordinary "changed elsewhere, try again" conflict.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from planner.domain.accounts import REFUSALS, Account, AccountRole
from planner.domain.errors import (
    DatabaseError,
    NotPlannerDatabaseError,
    PermissionDeniedError,
    PlannerError,
    SchemaTooNewError,
    ServerError,
    StaleError,
)
from planner.store.database import Database, write_head_facts
from planner.store.schema import APP_ID, HEAD, REVISIONS

_MIGRATION_LOCK = 424242  # pg_advisory_xact_lock key: one migrating client at a time
CONNECT_TIMEOUT = 10  # seconds

#: SQLSTATEs a busy server gives that mean "try again", not "broken"
RETRY_STATES = frozenset({"40P01", "40001"})  # deadlock_detected, serialization_failure
#: SQLSTATEs of a failed log-in (wrong password, unknown role, not allowed to connect)
LOGIN_STATES = frozenset({"28P01", "28000", "42501"})


def server_label(url: str) -> str:
    """``host:port/database`` of a URL, without the user or password (for messages)."""
    try:
        u = make_url(url)
    except ArgumentError:
        return url.split("@")[-1][:200]
    port = f":{u.port}" if u.port else ""
    return f"{u.host or 'localhost'}{port}/{u.database or ''}"


def sqlstate(exc: BaseException | None) -> str | None:
    """The SQLSTATE of a driver error (psycopg), if it has one."""
    return getattr(exc, "sqlstate", None) or getattr(getattr(exc, "diag", None), "sqlstate", None)


def open_server(url: str, *, read_only: bool = False) -> Database:
    label = server_label(url)
    try:
        # An unreachable server must not hang a sign-in or a command for minutes (libpq waits forever).
        timeout = {} if "connect_timeout" in url else {"connect_args": {"connect_timeout": CONNECT_TIMEOUT}}
        engine = create_engine(url, pool_pre_ping=True, **timeout)
    except (ArgumentError, ImportError, ValueError) as exc:
        raise DatabaseError(path=label, detail=str(exc)[:300]) from None
    holder: dict[str, Database] = {}
    own_pids: set[int] = set()
    _install_error_mapping(engine, holder, label)

    if engine.dialect.name == "postgresql":
        @event.listens_for(engine, "connect")
        def _remember_pid(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            # Our own sessions' notifications need no refresh: the screen already shows the change.
            with dbapi_conn.cursor() as cur:
                cur.execute("SELECT pg_backend_pid()")
                own_pids.add(int(cur.fetchone()[0]))

    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            tables = set(inspect(conn).get_table_names())
            db = Database(url=url, engine=engine, read_only=read_only)
            holder["db"] = db
            if not tables:
                if read_only:
                    raise NotPlannerDatabaseError(path=db.label)
                _require_schema_rights(conn, label)
                from planner.store.models import metadata

                metadata.create_all(conn)
                write_head_facts(conn)
                db.created = True
            else:
                if not {"alembic_version", "setting"} <= tables:
                    raise NotPlannerDatabaseError(path=db.label)
                app = conn.execute(text("SELECT value FROM setting WHERE key='app.id'")).scalar()
                if app != APP_ID:
                    raise NotPlannerDatabaseError(path=db.label)
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                if revision not in REVISIONS:
                    raise SchemaTooNewError(path=db.label, found=revision)
                if revision != HEAD:
                    if read_only:
                        raise DatabaseError("schema_needs_upgrade", path=db.label)
                    if conn.dialect.name == "postgresql" and not _is_owner(conn):
                        raise ServerError("server_needs_upgrade", server=label, found=revision)
                    from planner.store.migrate import run_upgrade

                    run_upgrade(conn)
                    db.migrated_from = revision
            if conn.dialect.name == "postgresql":
                db.account = _load_account(conn, label, refresh_rules=not read_only)
    except PlannerError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise DatabaseError(path=label, detail=str(getattr(exc, "orig", exc))[:300]) from None
    db.server_pids = own_pids  # type: ignore[attr-defined]
    db.reload_settings()
    return db


def _install_error_mapping(engine: Any, holder: dict[str, Database], label: str) -> None:
    """Turn the server's refusals into the planner's typed errors, for every statement and log-in."""

    @event.listens_for(engine, "handle_error")
    def _explain(ctx):  # type: ignore[no-untyped-def]
        orig = ctx.original_exception
        state = sqlstate(orig)
        if ctx.connection is None or ctx.is_pre_ping:  # while connecting
            if state in LOGIN_STATES or "password" in str(orig).lower():
                raise ServerError("server_login_failed", server=label) from None
            if state is None:
                raise ServerError("server_unreachable", server=label, detail=_first_line(orig)) from None
            return None
        if state == "42501":
            db = holder.get("db")
            raise refusal(db.account if db is not None else None, str(orig)) from None
        if state in RETRY_STATES:
            raise StaleError(what="记录", sqlstate=state) from None
        return None


def refusal(account: Account | None, message: str = "") -> PermissionDeniedError:
    """The one-sentence refusal for ``account``'s role (the guard trigger's hint names the role)."""
    role = account.role if account is not None else None
    for candidate in AccountRole:
        if f"planner-role:{candidate.value}" in message:
            role = candidate
    zh, en = REFUSALS[role or AccountRole.ADMIN]
    return PermissionDeniedError(reason=zh, reason_en=en)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:200]


def _is_owner(conn: Connection) -> bool:
    """Does the session's role own the planner tables (or is it a superuser)?"""
    return bool(conn.execute(text(
        "SELECT r.rolsuper OR pg_has_role(current_user, t.tableowner, 'MEMBER') "
        "FROM pg_roles r, pg_tables t WHERE r.rolname = current_user "
        "AND t.schemaname = 'public' AND t.tablename = 'setting'")).scalar())


def _require_schema_rights(conn: Connection, label: str) -> None:
    if conn.dialect.name != "postgresql":
        return
    may_create = conn.execute(text("SELECT has_schema_privilege('public', 'CREATE')")).scalar()
    if not may_create:
        raise ServerError("server_not_set_up", server=label)


def _load_account(conn: Connection, label: str, *, refresh_rules: bool) -> Account | None:
    """The signed-in account (``None`` for the owner or a server without accounts).

    The owner's client also re-applies the server rules when they are older than this program's
    (after an upgrade, so new tables get theirs).
    """
    from planner.store.policies import SECURITY_VERSION, apply_security, security_state

    prefix, version = security_state(conn)
    if prefix is None:
        return None
    owner = _is_owner(conn)
    if owner and refresh_rules and version != SECURITY_VERSION:
        apply_security(conn, prefix)
    row = conn.execute(text(
        "SELECT a.login, a.role, a.display_name, a.outlet_id, coalesce(nullif(o.short_name, ''), o.name, ''), "
        "a.person_id FROM server_account a LEFT JOIN outlet o ON o.id = a.outlet_id "
        "WHERE a.login = session_user")).first()
    if row is None:
        if owner:
            return None
        login = conn.execute(text("SELECT session_user")).scalar()
        raise ServerError("server_not_account", login=login, server=label)
    return Account(login=row[0], role=AccountRole(row[1]), display_name=row[2], outlet_id=row[3],
                   outlet_name=row[4], person_id=row[5])


def init_server(url: str, *, prefix: str | None = None) -> tuple[Database, str]:
    """``planner-cli server init``: schema (created or migrated), then roles, grants, policies, triggers.

    Idempotent; returns the open database and the group roles' prefix.
    """
    db = open_server(url)
    if db.engine.dialect.name != "postgresql":
        db.close()
        raise ServerError("not_server")
    from planner.store.policies import apply_security

    try:
        with db.engine.begin() as conn:
            prefix = apply_security(conn, prefix)
    except BaseException:
        db.close()
        raise
    db.reload_settings()
    return db, prefix
