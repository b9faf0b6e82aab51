"""The rules of a shared server, written into PostgreSQL itself: roles, grants, row-level security.

:func:`apply_security` makes a planner database on PostgreSQL one that an alliance can open to many
editors. It is idempotent (``planner-cli server init`` runs it; so does the owner's client after a
schema migration, so new tables get their rules), and everything it writes is in this module:

* four group roles per database, ``<prefix>_admin | _coordinator | _desk | _viewer`` (the prefix
  is the database name unless chosen), which every login role (account) is a member of; only they
  may connect to the database;
* **grants**: everyone reads; the directory is written by administrators only; plans by
  administrators and coordinators; an outlet's desk may update only ``status, notes,
  deliverable_url, reason`` (and the ``version``/``updated_at`` stamp) of assignments and add or
  remove their people; viewers write nothing; nobody but the owner alters the schema;
* **row-level security** keyed on the signed-in login (``server_account``, looked up from
  ``session_user`` by ``SECURITY DEFINER`` helper functions): a desk *sees* only the projects its
  outlet is in (an assignment of its outlet, or the lead); new rows must fall inside what the role
  may plan (``WITH CHECK``);
* **guard triggers** (``BEFORE UPDATE OR DELETE``) that refuse, with SQLSTATE 42501, a change to a
  row the role may see but not change (a coordinator's colleague's project, another outlet's
  assignment) — a policy would skip such rows silently, and the app must explain a refusal;
* the change log is stamped by the database with the login, outlet and name of the account that
  writes it (an editor cannot write an entry in someone else's name), and nobody but the owner
  may change or delete entries;
* statement-level triggers that ``NOTIFY planner_changes`` with the table, the ids and the editor
  after every write, which the live-update listener (:mod:`planner.store.live`) turns into
  refreshes on the other editors' screens.

Tables this module does not know yet (a later feature's) are readable by all and writable by
administrators and coordinators until their own rules are added to :data:`TABLE_RULES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from planner.domain.accounts import DESK_ASSIGNMENT_FIELDS, AccountRole
from planner.domain.errors import ServerError

#: Bumped whenever the rules below change, so an upgraded client re-applies them.
SECURITY_VERSION = "5"  # 2: exchange metadata; 3: notes and series; 4: notes live; 5: desks keep their own people's absences
SETTING_PREFIX = "server.roles"
SETTING_VERSION = "server.security"
CHANGES_CHANNEL = "planner_changes"
PRESENCE_CHANNEL = "planner_presence"
#: at most this many ids in one change notification; more means "reload this table"
NOTIFY_MAX_IDS = 100

DIRECTORY = ("outlet", "alliance", "membership", "person")
PLAN = ("project", "stage", "stage_dependency", "assignment", "assignment_person")
#: tables whose changes other editors' screens follow live
LIVE_TABLES = (*DIRECTORY, *PLAN, "setting", "availability", "note")

A, C, D, V = (AccountRole.ADMIN, AccountRole.COORDINATOR, AccountRole.DESK, AccountRole.VIEWER)


@dataclass(frozen=True)
class Rule:
    """Who may write a table (everyone may read it; row-level security narrows that)."""

    write: tuple[AccountRole, ...] = (A, C)
    desk_update_columns: tuple[str, ...] = ()
    desk_insert_delete: bool = False
    desk_insert: bool = False
    rls: bool = False
    guard: bool = False


TABLE_RULES: dict[str, Rule] = {
    **{t: Rule(write=(A,)) for t in DIRECTORY},
    "project": Rule(rls=True, guard=True),
    "stage": Rule(rls=True, guard=True),
    "stage_dependency": Rule(rls=True, guard=True),
    "assignment": Rule(rls=True, guard=True,
                       desk_update_columns=(*sorted(DESK_ASSIGNMENT_FIELDS), "version", "updated_at")),
    "assignment_person": Rule(rls=True, guard=True, desk_insert_delete=True),
    "change_log": Rule(write=(), rls=True),  # inserts granted separately; never updated or deleted
    "setting": Rule(),
    # absences: administrators and coordinators of anyone, a desk of its own outlet's people
    "availability": Rule(rls=True, guard=True, desk_insert_delete=True, desk_update_columns=("*",)),
    "server_account": Rule(write=()),  # through the account functions only
    "alembic_version": Rule(write=()),
    # Exchange metadata. Every write stamps its record's revision, so a desk inserts and updates the
    # stamps of what it may edit (its projects' rows; row security), but never deletes one: a lost
    # tombstone would let an old bundle bring a deleted record back. Labels and the values kept for
    # deleted plan records are visible only where the record itself is.
    "sync_record": Rule(desk_insert=True, desk_update_columns=("*",), rls=True),
    # Written by merges (bundle and reply-sheet imports): the coordinators' work, not a desk's.
    "sync_conflict": Rule(rls=True),  # both values of a decided conflict: seen where the record is
    "sync_alias": Rule(),
    "sync_peer": Rule(),
    # Notes threads (planner.services.notes): seen where their stage or assignment is; a desk writes
    # notes on the stages and assignments of its projects (the conversation with the coordinator and
    # the other outlets) and corrects or deletes them (the service allows that to a note's author only).
    "note": Rule(rls=True, desk_insert_delete=True, desk_update_columns=("body", "version", "updated_at")),
    # Recurring series (planner.services.series): the coordinators' planning, seen where the project is.
    "stage_series": Rule(rls=True),
    "series_occurrence": Rule(rls=True),
}


def default_rule(table: str) -> Rule:
    return Rule()


def role_prefix(database_name: str) -> str:
    """The group roles' prefix for a database: its name, folded to ``[a-z0-9_]`` (≤ 40 characters)."""
    prefix = re.sub(r"[^a-z0-9_]", "_", database_name.lower())[:40].strip("_") or "planner"
    return prefix if prefix[0].isalpha() else f"p_{prefix}"[:40]


def group(prefix: str, role: AccountRole) -> str:
    return f"{prefix}_{role.value}"


def _q(name: str) -> str:
    """A quoted SQL identifier (our names are ``[a-z0-9_]``, quoted all the same)."""
    return '"' + name.replace('"', '""') + '"'


# -- helper functions (SECURITY DEFINER: they read what the caller's own policies hide) ----------
_DEFINER = "STABLE SECURITY DEFINER SET search_path = public, pg_temp"

FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION planner_my_role() RETURNS text LANGUAGE sql {_DEFINER} AS
$$ SELECT role FROM server_account WHERE login = session_user $$;

CREATE OR REPLACE FUNCTION planner_my_outlet() RETURNS uuid LANGUAGE sql {_DEFINER} AS
$$ SELECT outlet_id FROM server_account WHERE login = session_user $$;

CREATE OR REPLACE FUNCTION planner_my_person() RETURNS uuid LANGUAGE sql {_DEFINER} AS
$$ SELECT person_id FROM server_account WHERE login = session_user $$;

-- The projects an outlet's desk sees: its outlet has an assignment in them, or leads them.
CREATE OR REPLACE FUNCTION planner_desk_projects() RETURNS uuid[] LANGUAGE sql {_DEFINER} AS
$$ WITH me AS (SELECT outlet_id FROM server_account WHERE login = session_user)
   SELECT coalesce(array_agg(DISTINCT pid), '{{}}') FROM (
       SELECT s.project_id AS pid FROM assignment a JOIN stage s ON s.id = a.stage_id
        WHERE a.outlet_id = (SELECT outlet_id FROM me)
       UNION SELECT p.id FROM project p WHERE p.lead_outlet_id = (SELECT outlet_id FROM me)) x $$;

CREATE OR REPLACE FUNCTION planner_desk_stages() RETURNS uuid[] LANGUAGE sql {_DEFINER} AS
$$ SELECT coalesce(array_agg(id), '{{}}') FROM stage WHERE project_id = ANY (planner_desk_projects()) $$;

-- The projects a coordinator plans: those naming their person as coordinator.
CREATE OR REPLACE FUNCTION planner_coord_projects() RETURNS uuid[] LANGUAGE sql {_DEFINER} AS
$$ SELECT coalesce(array_agg(id), '{{}}') FROM project
    WHERE coordinator_id = (SELECT person_id FROM server_account WHERE login = session_user) $$;

CREATE OR REPLACE FUNCTION planner_coord_stages() RETURNS uuid[] LANGUAGE sql {_DEFINER} AS
$$ SELECT coalesce(array_agg(id), '{{}}') FROM stage WHERE project_id = ANY (planner_coord_projects()) $$;

-- May a desk read this change-log entry? (``projects``: the desk's projects, computed once per query)
CREATE OR REPLACE FUNCTION planner_desk_sees(p_entity text, p_id uuid, projects uuid[]) RETURNS boolean
LANGUAGE sql {_DEFINER} AS
$$ SELECT CASE p_entity
     WHEN 'project' THEN p_id = ANY (projects)
     WHEN 'stage' THEN EXISTS (SELECT 1 FROM stage s WHERE s.id = p_id AND s.project_id = ANY (projects))
     WHEN 'stage_dependency' THEN EXISTS (SELECT 1 FROM stage_dependency d JOIN stage s ON s.id = d.stage_id
                                          WHERE d.id = p_id AND s.project_id = ANY (projects))
     WHEN 'assignment' THEN EXISTS (SELECT 1 FROM assignment a JOIN stage s ON s.id = a.stage_id
                                    WHERE a.id = p_id AND s.project_id = ANY (projects))
     WHEN 'assignment_person' THEN EXISTS (SELECT 1 FROM assignment a JOIN stage s ON s.id = a.stage_id
                                           WHERE a.id = p_id AND s.project_id = ANY (projects))
     ELSE true END $$;

-- How an account is named in the change log and in live updates: 张三（川报集团）.
CREATE OR REPLACE FUNCTION planner_identity(p_login text) RETURNS text LANGUAGE sql {_DEFINER} AS
$$ SELECT left(coalesce(nullif(a.display_name, ''), a.login)
              || coalesce('（' || coalesce(nullif(o.short_name, ''), o.name) || '）', ''), 200)
     FROM server_account a LEFT JOIN outlet o ON o.id = a.outlet_id WHERE a.login = p_login $$;

-- Refuses (SQLSTATE 42501) a change to a plan row the signed-in role may see but not change.
CREATE OR REPLACE FUNCTION planner_guard() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS
$$
DECLARE
    me server_account%ROWTYPE;
    old_row jsonb := to_jsonb(OLD);
    proj uuid;
    outlet uuid;
    coord uuid;
    found_parent boolean := true;
BEGIN
    SELECT * INTO me FROM server_account WHERE login = session_user;
    IF NOT FOUND OR me.role = 'admin' THEN  -- the owner (maintenance) or an administrator
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_TABLE_NAME = 'project' THEN
        proj := OLD.id;
    ELSIF TG_TABLE_NAME = 'stage' THEN
        proj := (old_row->>'project_id')::uuid;
    ELSIF TG_TABLE_NAME = 'stage_dependency' THEN
        SELECT s.project_id INTO proj FROM stage s WHERE s.id = (old_row->>'stage_id')::uuid;
        found_parent := FOUND;
    ELSIF TG_TABLE_NAME = 'assignment' THEN
        outlet := (old_row->>'outlet_id')::uuid;
        SELECT s.project_id INTO proj FROM stage s WHERE s.id = (old_row->>'stage_id')::uuid;
        found_parent := FOUND;
    ELSIF TG_TABLE_NAME = 'assignment_person' THEN
        SELECT a.outlet_id, s.project_id INTO outlet, proj
          FROM assignment a JOIN stage s ON s.id = a.stage_id WHERE a.id = (old_row->>'assignment_id')::uuid;
        found_parent := FOUND;
    ELSIF TG_TABLE_NAME = 'availability' THEN
        IF me.role = 'coordinator' THEN  -- coordinators keep anyone's absences
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        SELECT p.outlet_id INTO outlet FROM person p WHERE p.id = (old_row->>'person_id')::uuid;
        found_parent := FOUND;
    END IF;
    IF found_parent AND proj IS NOT NULL THEN
        SELECT p.coordinator_id INTO coord FROM project p WHERE p.id = proj;
        found_parent := FOUND;
    END IF;
    -- A parent already gone was deleted earlier in this statement or transaction (a cascade from
    -- a permitted delete): the child goes with it.
    IF NOT found_parent
       OR (me.role = 'coordinator' AND me.person_id IS NOT NULL AND coord = me.person_id)
       OR (me.role = 'desk' AND TG_TABLE_NAME IN ('assignment', 'assignment_person', 'availability')
           AND me.outlet_id IS NOT NULL AND outlet = me.outlet_id) THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    RAISE EXCEPTION USING ERRCODE = '42501',
        MESSAGE = format('planner: the %s account %s may not %s this %s row', me.role, me.login,
                         lower(TG_OP), TG_TABLE_NAME),
        HINT = 'planner-role:' || me.role;
END
$$;

-- Stamps every change-log entry with the account writing it.
CREATE OR REPLACE FUNCTION planner_stamp_log() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS
$$
DECLARE me server_account%ROWTYPE;
BEGIN
    SELECT * INTO me FROM server_account WHERE login = session_user;
    IF FOUND THEN
        NEW.login := me.login;
        NEW.outlet_id := me.outlet_id;
        NEW.desk := planner_identity(me.login);
        NEW.at := now();
    ELSIF coalesce(NEW.login, '') = '' THEN
        NEW.login := left(session_user, 63);
    END IF;
    RETURN NEW;
END
$$;

-- One notification per statement: table, operation, editor, and the ids (or none: too many).
CREATE OR REPLACE FUNCTION planner_notify() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS
$$
DECLARE
    n integer;
    ids jsonb;
BEGIN
    SELECT count(*), jsonb_agg(k) INTO n, ids FROM (
        SELECT coalesce(to_jsonb(c)->>'id', to_jsonb(c)->>'assignment_id', to_jsonb(c)->>'key') AS k
          FROM changed_rows c LIMIT {NOTIFY_MAX_IDS + 1}) x;
    IF n = 0 THEN
        RETURN NULL;
    END IF;
    PERFORM pg_notify('{CHANGES_CHANNEL}', json_build_object(
        't', TG_TABLE_NAME, 'op', lower(left(TG_OP, 1)), 'by', session_user,
        'who', coalesce(planner_identity(session_user), session_user), 'pid', pg_backend_pid(),
        'ids', CASE WHEN n > {NOTIFY_MAX_IDS} THEN NULL ELSE ids END)::text);
    RETURN NULL;
END
$$;
"""


def _policies(table: str, g: dict[AccountRole, str]) -> list[tuple[str, str]]:
    """(policy name, the rest of its CREATE POLICY statement) for one table."""
    admin, coord, desk, viewer = g[A], g[C], g[D], g[V]
    all_but_desk = f"{admin}, {coord}, {viewer}"
    coord_stages = "(SELECT planner_coord_stages())::uuid[]"
    desk_stages = "(SELECT planner_desk_stages())::uuid[]"
    my_outlet = "(SELECT planner_my_outlet())"
    out = [
        ("planner_admin", f"FOR ALL TO {admin} USING (true) WITH CHECK (true)"),
    ]

    def read(desk_sees: str) -> list[tuple[str, str]]:
        """Everyone but a desk reads every row; a desk reads the rows ``desk_sees`` allows."""
        return [("planner_read", f"FOR SELECT TO {all_but_desk} USING (true)"),
                ("planner_read_desk", f"FOR SELECT TO {desk} USING ({desk_sees})")]

    def planned(check: str) -> list[tuple[str, str]]:
        """Coordinators write what they plan (``check`` on the new row; the guard checks the old)."""
        return [("planner_coord_insert", f"FOR INSERT TO {coord} WITH CHECK ({check})"),
                ("planner_coord_update", f"FOR UPDATE TO {coord} USING (true) WITH CHECK ({check})"),
                ("planner_coord_delete", f"FOR DELETE TO {coord} USING (true)")]

    if table == "project":
        # the guard trigger checks the old row; the new one may name another coordinator (hand-over)
        out += [
            *read("id = ANY ((SELECT planner_desk_projects())::uuid[])"),
            ("planner_coord_insert", f"FOR INSERT TO {coord} WITH CHECK (coordinator_id = (SELECT planner_my_person()))"),
            ("planner_coord_update", f"FOR UPDATE TO {coord} USING (true) WITH CHECK (true)"),
            ("planner_coord_delete", f"FOR DELETE TO {coord} USING (true)"),
        ]
    elif table == "stage":
        out += (read("project_id = ANY ((SELECT planner_desk_projects())::uuid[])")
                + planned("project_id = ANY ((SELECT planner_coord_projects())::uuid[])"))
    elif table == "stage_dependency":
        out += (read(f"stage_id = ANY ({desk_stages})")
                + planned(f"stage_id = ANY ({coord_stages}) AND depends_on_id = ANY ({coord_stages})"))
    elif table == "assignment":
        out += read(f"stage_id = ANY ({desk_stages})") + planned(f"stage_id = ANY ({coord_stages})") + [
            ("planner_desk_update", f"FOR UPDATE TO {desk} USING (stage_id = ANY ({desk_stages})) "
                                    f"WITH CHECK (outlet_id = {my_outlet})"),
        ]
    elif table == "assignment_person":
        coord_check = f"EXISTS (SELECT 1 FROM assignment a WHERE a.id = assignment_id AND a.stage_id = ANY ({coord_stages}))"
        desk_check = (f"EXISTS (SELECT 1 FROM assignment a WHERE a.id = assignment_id AND a.outlet_id = {my_outlet}) "
                      f"AND EXISTS (SELECT 1 FROM person p WHERE p.id = person_id AND p.outlet_id = {my_outlet})")
        out += read("assignment_id IN (SELECT id FROM assignment)") + planned(coord_check) + [
            ("planner_desk_insert", f"FOR INSERT TO {desk} WITH CHECK ({desk_check})"),
            ("planner_desk_delete", f"FOR DELETE TO {desk} USING (assignment_id IN (SELECT id FROM assignment))"),
        ]
    elif table == "sync_record":
        # a directory record's stamp (no scope) is public like the record; a plan record's follows its project
        desk_scope = "scope = ANY ((SELECT planner_desk_projects())::uuid[])"
        out += [
            *read(f"scope IS NULL OR {desk_scope}"),
            ("planner_coord", f"FOR ALL TO {coord} USING (true) WITH CHECK (true)"),
            ("planner_desk_insert", f"FOR INSERT TO {desk} WITH CHECK ({desk_scope})"),
            ("planner_desk_update", f"FOR UPDATE TO {desk} USING ({desk_scope}) WITH CHECK ({desk_scope})"),
        ]
    elif table == "sync_conflict":
        out += [
            *read("planner_desk_sees(entity, record_id, (SELECT planner_desk_projects())::uuid[])"),
            ("planner_coord", f"FOR ALL TO {coord} USING (true) WITH CHECK (true)"),
        ]
    elif table == "note":
        sees = f"stage_id = ANY ({desk_stages}) OR assignment_id IN (SELECT id FROM assignment)"
        seen = f"({sees})"
        out += [
            *read(sees),
            ("planner_coord", f"FOR ALL TO {coord} USING (true) WITH CHECK (true)"),
            ("planner_desk_insert", f"FOR INSERT TO {desk} WITH CHECK {seen}"),
            ("planner_desk_update", f"FOR UPDATE TO {desk} USING {seen} WITH CHECK {seen}"),
            ("planner_desk_delete", f"FOR DELETE TO {desk} USING {seen}"),
        ]
    elif table == "stage_series":
        out += [
            *read("project_id = ANY ((SELECT planner_desk_projects())::uuid[])"),
            ("planner_coord", f"FOR ALL TO {coord} USING (true) "
                              "WITH CHECK (project_id = ANY ((SELECT planner_coord_projects())::uuid[]))"),
        ]
    elif table == "series_occurrence":
        out += [
            *read(f"stage_id = ANY ({desk_stages})"),
            ("planner_coord", f"FOR ALL TO {coord} USING (true) WITH CHECK (stage_id = ANY ({coord_stages}))"),
        ]
    elif table == "availability":
        own = f"EXISTS (SELECT 1 FROM person p WHERE p.id = person_id AND p.outlet_id = {my_outlet})"
        out += [  # everyone reads (the people picker shows who is away); the guard checks a desk's old row
            ("planner_read", f"FOR SELECT TO {all_but_desk}, {desk} USING (true)"),
            ("planner_coord", f"FOR ALL TO {coord} USING (true) WITH CHECK (true)"),
            ("planner_desk_insert", f"FOR INSERT TO {desk} WITH CHECK ({own})"),
            ("planner_desk_update", f"FOR UPDATE TO {desk} USING (true) WITH CHECK ({own})"),
            ("planner_desk_delete", f"FOR DELETE TO {desk} USING (true)"),
        ]
    elif table == "change_log":
        # nobody updates or deletes entries (no grant); the owner bypasses row security
        out = [
            *read(f"login = session_user OR outlet_id = {my_outlet} "
                  "OR planner_desk_sees(entity, entity_id, (SELECT planner_desk_projects())::uuid[])"),
            ("planner_write", f"FOR INSERT TO {admin}, {coord}, {desk} WITH CHECK (login = session_user)"),
        ]
    return out


def _grants(table: str, rule: Rule, g: dict[AccountRole, str]) -> list[str]:
    t = _q(table)
    everyone = ", ".join(g.values())
    sql = [f"REVOKE ALL ON {t} FROM PUBLIC, {everyone}", f"GRANT SELECT ON {t} TO {everyone}"]
    if rule.write:
        sql.append(f"GRANT INSERT, UPDATE, DELETE ON {t} TO {', '.join(g[r] for r in rule.write)}")
    if rule.desk_update_columns == ("*",):
        sql.append(f"GRANT UPDATE ON {t} TO {g[D]}")
    elif rule.desk_update_columns:
        cols = ", ".join(_q(c) for c in rule.desk_update_columns)
        sql.append(f"GRANT UPDATE ({cols}) ON {t} TO {g[D]}")
    if rule.desk_insert_delete:
        sql.append(f"GRANT INSERT, DELETE ON {t} TO {g[D]}")
    elif rule.desk_insert:
        sql.append(f"GRANT INSERT ON {t} TO {g[D]}")
    if table == "change_log":
        sql.append(f"GRANT INSERT ON {t} TO {g[A]}, {g[C]}, {g[D]}")
    return sql


def apply_security(conn: Connection, prefix: str | None = None) -> str:
    """Create or refresh the roles, grants, policies and triggers; return the role prefix.

    Runs in the caller's transaction, which must belong to the database's owner with the right to
    create roles (``CREATEROLE``). Idempotent: running it again changes nothing, and after a
    migration it gives new tables their rules.
    """
    _require_owner(conn)
    conn.execute(text("SELECT pg_advisory_xact_lock(424243)"))  # two `server init`s at once wait
    stored = conn.execute(text("SELECT value FROM setting WHERE key = :k"), {"k": SETTING_PREFIX}).scalar()
    database = conn.execute(text("SELECT current_database()")).scalar() or "planner"
    prefix = stored or prefix or role_prefix(database)
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", prefix):
        raise ServerError("server_error", server=database, detail=f"role prefix {prefix!r}: use a-z, 0-9, _")
    g = {role: _q(group(prefix, role)) for role in AccountRole}
    for role in AccountRole:
        conn.execute(text(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + group(prefix, role) + "') "
            f"THEN CREATE ROLE {g[role]} NOLOGIN; END IF; END $$"))
    everyone = ", ".join(g.values())
    db_q = _q(database)
    conn.execute(text(f"REVOKE CONNECT, TEMPORARY ON DATABASE {db_q} FROM PUBLIC"))
    conn.execute(text(f"GRANT CONNECT ON DATABASE {db_q} TO {everyone}"))
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {everyone}"))
    conn.execute(text(FUNCTIONS))
    from planner.store.accounts import ACCOUNT_FUNCTIONS

    conn.execute(text(ACCOUNT_FUNCTIONS))
    for name in ("planner_account_add", "planner_account_remove", "planner_account_update", "planner_account_password"):
        conn.execute(text(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC"))
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {name} TO {g[A]}"))
    tables = [r[0] for r in conn.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))]
    for table in tables:
        rule = TABLE_RULES.get(table) or default_rule(table)
        for statement in _grants(table, rule, g):
            conn.execute(text(statement))
        _apply_rls(conn, table, rule, g)
        _apply_triggers(conn, table, rule)
    for key, value in ((SETTING_PREFIX, prefix), (SETTING_VERSION, SECURITY_VERSION)):
        conn.execute(text("DELETE FROM setting WHERE key = :k"), {"k": key})
        conn.execute(text("INSERT INTO setting (key, value) VALUES (:k, :v)"), {"k": key, "v": value})
    return prefix


def _apply_rls(conn: Connection, table: str, rule: Rule, g: dict[AccountRole, str]) -> None:
    t = _q(table)
    existing = [r[0] for r in conn.execute(
        text("SELECT policyname FROM pg_policies WHERE schemaname = 'public' AND tablename = :t"), {"t": table})]
    for name in existing:
        conn.execute(text(f"DROP POLICY {_q(name)} ON {t}"))
    if not rule.rls:
        conn.execute(text(f"ALTER TABLE {t} DISABLE ROW LEVEL SECURITY"))
        return
    conn.execute(text(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY"))
    for name, body in _policies(table, g):
        conn.execute(text(f"CREATE POLICY {_q(name)} ON {t} {body}"))


def _apply_triggers(conn: Connection, table: str, rule: Rule) -> None:
    t = _q(table)
    for name in ("planner_guard", "planner_stamp_log", "planner_notify_i", "planner_notify_u", "planner_notify_d"):
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {t}"))
    if rule.guard:
        conn.execute(text(f"CREATE TRIGGER planner_guard BEFORE UPDATE OR DELETE ON {t} "
                          "FOR EACH ROW EXECUTE FUNCTION planner_guard()"))
    if table == "change_log":
        conn.execute(text(f"CREATE TRIGGER planner_stamp_log BEFORE INSERT ON {t} "
                          "FOR EACH ROW EXECUTE FUNCTION planner_stamp_log()"))
    if table in LIVE_TABLES:
        for suffix, event, which in (("i", "INSERT", "NEW"), ("u", "UPDATE", "NEW"), ("d", "DELETE", "OLD")):
            conn.execute(text(
                f"CREATE TRIGGER planner_notify_{suffix} AFTER {event} ON {t} REFERENCING {which} TABLE AS changed_rows "
                "FOR EACH STATEMENT EXECUTE FUNCTION planner_notify()"))


def _require_owner(conn: Connection) -> None:
    """Refuse unless the connection's role owns the planner tables and may create roles."""
    row = conn.execute(text(
        "SELECT current_user, r.rolsuper, r.rolcreaterole, "
        "(SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'setting') "
        "FROM pg_roles r WHERE r.rolname = current_user")).one()
    login, superuser, createrole, owner = row
    if owner is not None and owner != login and not superuser:
        raise ServerError("server_owner_only", owner=owner, login=login)
    if not (superuser or createrole):
        raise ServerError("server_needs_createrole", login=login)


def security_state(conn: Connection) -> tuple[str | None, str | None]:
    """(role prefix, rules version) of a server database, ``(None, None)`` before ``server init``."""
    rows = dict(conn.execute(text("SELECT key, value FROM setting WHERE key IN (:a, :b)"),
                             {"a": SETTING_PREFIX, "b": SETTING_VERSION}).all())
    return rows.get(SETTING_PREFIX), rows.get(SETTING_VERSION)
