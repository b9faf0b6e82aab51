"""Accounts on a shared server: one PostgreSQL login per editor, with a role and an outlet.

An account is a login role that is a member of one of the database's four group roles (see
:mod:`planner.store.policies`) plus a ``server_account`` row naming its role, outlet, person and
display name, which the row-level security policies look up. Both are written together by
``SECURITY DEFINER`` functions owned by the database's owner, so an administrator's own login
needs no ``CREATEROLE`` (in PostgreSQL 15 that right could change the owner's password), and the
functions cannot be turned against roles that are not accounts of this database.

Passwords never travel or rest in plain text here: the client computes the SCRAM-SHA-256 verifier
(RFC 5802/7677, as ``psql``'s ``\\password`` does) and the server stores only that; the functions
refuse anything else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import stringprep
import unicodedata
import uuid
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from planner.domain.accounts import AccountRole, valid_login
from planner.domain.errors import PermissionDeniedError, ServerError, ValidationError
from planner.store.database import Database

MIN_PASSWORD = 8
SCRAM_ITERATIONS = 4096  # PostgreSQL's default (scram_iterations)

_ADMIN_CHECK = """
    IF NOT (EXISTS (SELECT 1 FROM server_account WHERE login = session_user AND role = 'admin')
            OR pg_has_role(session_user, (SELECT tableowner FROM pg_tables
                                          WHERE schemaname = 'public' AND tablename = 'server_account'), 'MEMBER'))
    THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'planner: only administrators manage accounts',
              HINT = 'planner-role:' || coalesce(planner_my_role(), '');
    END IF;"""

_DEFINER = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp"

ACCOUNT_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION planner_account_check(p_role text, p_outlet uuid, p_person uuid) RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF p_role NOT IN ('admin', 'coordinator', 'desk', 'viewer') THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'planner:bad_role';
    END IF;
    IF p_role = 'desk' AND p_outlet IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'planner:account_needs_outlet';
    END IF;
    IF p_role = 'coordinator' AND p_person IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'planner:account_needs_person';
    END IF;
END $$;

CREATE OR REPLACE FUNCTION planner_account_add(p_login text, p_role text, p_outlet uuid, p_person uuid,
                                               p_display text, p_verifier text) RETURNS void {_DEFINER} AS $$
DECLARE grp text := (SELECT value FROM setting WHERE key = 'server.roles') || '_' || p_role;
BEGIN
    {_ADMIN_CHECK}
    IF p_login !~ '^[a-z][a-z0-9_]{{1,62}}$' THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'planner:bad_login';
    END IF;
    PERFORM planner_account_check(p_role, p_outlet, p_person);
    IF p_verifier IS NOT NULL AND p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'planner:plain_password';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
        RAISE EXCEPTION USING ERRCODE = '42710', MESSAGE = 'planner:account_exists';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', p_login, p_verifier, grp);
    INSERT INTO server_account (login, role, display_name, outlet_id, person_id, created_at, created_by)
    VALUES (p_login, p_role, left(coalesce(p_display, ''), 100), p_outlet, p_person, now(), left(session_user, 63));
END $$;

CREATE OR REPLACE FUNCTION planner_account_update(p_login text, p_role text, p_outlet uuid, p_person uuid,
                                                  p_display text) RETURNS void {_DEFINER} AS $$
DECLARE
    prefix text := (SELECT value FROM setting WHERE key = 'server.roles');
    old_role text;
BEGIN
    {_ADMIN_CHECK}
    SELECT role INTO old_role FROM server_account WHERE login = p_login;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '42704', MESSAGE = 'planner:account_not_found';
    END IF;
    PERFORM planner_account_check(p_role, p_outlet, p_person);
    IF old_role <> p_role THEN
        EXECUTE format('REVOKE %I FROM %I', prefix || '_' || old_role, p_login);
        EXECUTE format('GRANT %I TO %I', prefix || '_' || p_role, p_login);
    END IF;
    UPDATE server_account SET role = p_role, outlet_id = p_outlet, person_id = p_person,
           display_name = left(coalesce(p_display, ''), 100) WHERE login = p_login;
END $$;

CREATE OR REPLACE FUNCTION planner_account_password(p_login text, p_verifier text) RETURNS void {_DEFINER} AS $$
BEGIN
    {_ADMIN_CHECK}
    IF NOT EXISTS (SELECT 1 FROM server_account WHERE login = p_login) THEN
        RAISE EXCEPTION USING ERRCODE = '42704', MESSAGE = 'planner:account_not_found';
    END IF;
    IF p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'planner:plain_password';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_verifier);
END $$;

CREATE OR REPLACE FUNCTION planner_account_remove(p_login text) RETURNS void {_DEFINER} AS $$
DECLARE old_role text;
BEGIN
    {_ADMIN_CHECK}
    SELECT role INTO old_role FROM server_account WHERE login = p_login;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '42704', MESSAGE = 'planner:account_not_found';
    END IF;
    IF old_role = 'admin' AND (SELECT count(*) FROM server_account WHERE role = 'admin') = 1
       AND EXISTS (SELECT 1 FROM server_account WHERE login = session_user) THEN
        RAISE EXCEPTION USING ERRCODE = '55000', MESSAGE = 'planner:last_admin';
    END IF;
    DELETE FROM server_account WHERE login = p_login;
    EXECUTE format('DROP ROLE %I', p_login);
END $$;
"""


@dataclass(frozen=True, slots=True)
class AccountRow:
    """One account as ``server list-users`` shows it."""

    login: str
    role: AccountRole
    display_name: str
    outlet_id: uuid.UUID | None
    outlet_name: str
    person_id: uuid.UUID | None
    person_name: str
    created_at: object
    created_by: str


# -- passwords ----------------------------------------------------------------------------------
def saslprep(password: str) -> str:
    """RFC 4013 SASLprep, as PostgreSQL applies it to a password before hashing.

    PostgreSQL (and libpq when it logs in) fall back to the raw string when the password is not
    valid SASLprep input; we do the same, so a verifier made here always matches a log-in.
    """
    mapped = "".join(
        " " if stringprep.in_table_c12(ch) else ch for ch in password if not stringprep.in_table_b1(ch)
    )
    normal = unicodedata.normalize("NFKC", mapped)
    if not normal:
        return password
    prohibited = (stringprep.in_table_c12, stringprep.in_table_c21_c22, stringprep.in_table_c3,
                  stringprep.in_table_c4, stringprep.in_table_c5, stringprep.in_table_c6, stringprep.in_table_c7,
                  stringprep.in_table_c8, stringprep.in_table_c9, stringprep.in_table_a1)
    if any(check(ch) for ch in normal for check in prohibited):
        return password
    if any(stringprep.in_table_d1(ch) for ch in normal):
        if not (stringprep.in_table_d1(normal[0]) and stringprep.in_table_d1(normal[-1])):
            return password
        if any(stringprep.in_table_d2(ch) for ch in normal):
            return password
    return normal


def scram_verifier(password: str, *, salt: bytes | None = None, iterations: int = SCRAM_ITERATIONS) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for ``password`` (never the password itself)."""
    salt = salt if salt is not None else os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", saslprep(password).encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def check_password(password: str | None) -> None:
    if password is not None and len(password) < MIN_PASSWORD:
        raise ValidationError("bad_password", field="password", min=MIN_PASSWORD)


# -- the account functions, called from Python ---------------------------------------------------
def _server_only(db: Database) -> None:
    if db.is_sqlite:
        raise ServerError("not_server")
    from planner.store.policies import SETTING_PREFIX

    db.reload_settings()
    if not db.setting(SETTING_PREFIX):
        raise ServerError("server_no_roles")


def _call(db: Database, sql: str, params: dict, *, login: str) -> None:
    try:
        with db.engine.begin() as conn:
            conn.execute(text(sql), params)
    except PermissionDeniedError:
        raise
    except DBAPIError as exc:
        raise account_error(exc, login=login, server=db.label) from None


def account_error(exc: DBAPIError, *, login: str, server: str) -> Exception:
    """The typed error for a failure of an account function."""
    message = str((getattr(exc.orig, "diag", None) and exc.orig.diag.message_primary) or exc.orig)
    code = message.split(":", 1)[1] if message.startswith("planner:") else ""
    if code in ("bad_login", "account_exists", "account_not_found", "account_needs_outlet", "account_needs_person",
                "last_admin"):
        return ServerError(code, login=login)
    return ServerError("server_error", server=server, detail=message[:300])


def add_account(
    db: Database, *, login: str, role: AccountRole, password: str | None, outlet_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None, display_name: str = "",
) -> None:
    """Create the login ``login`` with ``role``; ``password`` ``None`` makes an account that cannot log in yet."""
    _server_only(db)
    if not valid_login(login):
        raise ServerError("bad_login", login=login)
    check_password(password)
    if role is AccountRole.DESK and outlet_id is None:
        raise ServerError("account_needs_outlet", login=login)
    if role is AccountRole.COORDINATOR and person_id is None:
        raise ServerError("account_needs_person", login=login)
    verifier = scram_verifier(password) if password is not None else None
    _call(db, "SELECT planner_account_add(:l, :r, :o, :p, :d, :v)",
          {"l": login, "r": role.value, "o": outlet_id, "p": person_id, "d": display_name, "v": verifier}, login=login)


def update_account(
    db: Database, *, login: str, role: AccountRole, outlet_id: uuid.UUID | None, person_id: uuid.UUID | None,
    display_name: str,
) -> None:
    _server_only(db)
    _call(db, "SELECT planner_account_update(:l, :r, :o, :p, :d)",
          {"l": login, "r": role.value, "o": outlet_id, "p": person_id, "d": display_name}, login=login)


def set_password(db: Database, *, login: str, password: str) -> None:
    """An administrator sets ``login``'s password (the verifier is computed here)."""
    _server_only(db)
    check_password(password)
    _call(db, "SELECT planner_account_password(:l, :v)", {"l": login, "v": scram_verifier(password)}, login=login)


def change_own_password(db: Database, password: str) -> None:
    """The signed-in editor changes their own password (PostgreSQL lets every login do that)."""
    check_password(password)
    verifier = scram_verifier(password)
    with db.engine.begin() as conn:
        login = conn.execute(text("SELECT session_user")).scalar()
        conn.exec_driver_sql(f"ALTER ROLE \"{login}\" PASSWORD '{verifier}'")  # verifier: base64, $ and :


def remove_account(db: Database, login: str) -> None:
    _server_only(db)
    _call(db, "SELECT planner_account_remove(:l)", {"l": login}, login=login)


def list_accounts(db: Database) -> list[AccountRow]:
    _server_only(db)
    sql = text(
        "SELECT a.login, a.role, a.display_name, a.outlet_id, coalesce(nullif(o.short_name, ''), o.name, ''), "
        "a.person_id, coalesce(p.name, ''), a.created_at, a.created_by FROM server_account a "
        "LEFT JOIN outlet o ON o.id = a.outlet_id LEFT JOIN person p ON p.id = a.person_id ORDER BY a.role, a.login")
    with db.engine.connect() as conn:
        return [AccountRow(r[0], AccountRole(r[1]), *r[2:]) for r in conn.execute(sql)]
