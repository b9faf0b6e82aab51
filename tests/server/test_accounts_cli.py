"""``planner-cli server …``: init (idempotent, owner only), accounts added, listed, changed and removed
by the owner or an admin account; passwords only ever as SCRAM verifiers (issue #16, items 1 and 3)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from planner.cli import main
from planner.domain.accounts import valid_login
from planner.store.accounts import saslprep, scram_verifier
from tests.server.conftest import PASSWORD, url_for

pytestmark = pytest.mark.postgres


def _cli(capsys, *argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _can_log_in(url: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except OperationalError:
        return False
    finally:
        engine.dispose()


def _policy_count(url: str) -> tuple[int, int, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        counts = conn.execute(text(
            "SELECT (SELECT count(*) FROM pg_policies WHERE schemaname = 'public'), "
            "(SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'planner_%'), "
            "(SELECT count(*) FROM pg_roles WHERE rolname LIKE current_database() || '\\_%')")).one()
    engine.dispose()
    return tuple(counts)


def test_init_is_idempotent_and_accounts_round_trip(fresh_server, capsys, monkeypatch):
    owner_url = url_for(fresh_server)
    code, out, _ = _cli(capsys, "server", "init", "--db", owner_url)
    assert code == 0 and "服务器已就绪" in out and f"{fresh_server}_desk" in out
    first = _policy_count(owner_url)
    code, out, _ = _cli(capsys, "--lang", "en", "server", "init", "--db", owner_url)
    assert code == 0 and "up to date" in out
    assert _policy_count(owner_url) == first and first[0] > 20 and first[2] == 4

    from planner.store.database import open_database
    from tests.server.conftest import build_plan

    with open_database(owner_url) as owner:
        build_plan(owner)
    admin = f"{fresh_server}_u_admin"
    desk = f"{fresh_server}_u_desk"
    code, out, err = _cli(capsys, "server", "add-user", admin, "--role", "admin", "--display-name", "联盟管理员",
                          "--password-stdin", "--db", owner_url, stdin=PASSWORD + "\n", monkeypatch=monkeypatch)
    assert code == 0, err
    admin_url = url_for(fresh_server, admin, PASSWORD)
    # the admin account (no CREATEROLE of its own) manages the others
    code, out, err = _cli(capsys, "server", "add-user", desk, "--role", "desk", "--outlet", "永川区融媒体中心",
                          "--password", "desk-password-1", "--db", admin_url)
    assert code == 0, err
    assert _can_log_in(url_for(fresh_server, desk, "desk-password-1"))
    code, out, _ = _cli(capsys, "server", "list-users", "--db", admin_url, "--json")
    assert code == 0 and '"role": "desk"' in out and "永川" in out
    # nothing resembling the password is stored anywhere readable
    engine = create_engine(owner_url)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"), {"r": desk}).scalar() \
            if conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar() else None
        dump = str(conn.execute(text("SELECT * FROM server_account")).all())
    engine.dispose()
    assert "desk-password-1" not in dump and (stored is None or stored.startswith("SCRAM-SHA-256$"))

    code, _, err = _cli(capsys, "server", "set-user", desk, "--role", "viewer", "--db", admin_url)
    assert code == 0, err
    code, out, _ = _cli(capsys, "--lang", "en", "server", "list-users", "--db", admin_url)
    assert "Viewer" in out
    code, _, err = _cli(capsys, "server", "passwd", desk, "--password", "another-pass-2", "--db", admin_url)
    assert code == 0, err
    assert _can_log_in(url_for(fresh_server, desk, "another-pass-2"))
    assert not _can_log_in(url_for(fresh_server, desk, "desk-password-1"))
    code, _, err = _cli(capsys, "server", "remove-user", desk, "--db", admin_url)
    assert code == 0, err
    assert not _can_log_in(url_for(fresh_server, desk, "another-pass-2"))


def test_account_commands_refuse_clearly(server, capsys):
    owner_url = server.url()
    desk_url = server.url("desk_yc")
    cases = [
        (("server", "add-user", "Bad Name", "--role", "viewer", "--no-password", "--db", owner_url), "登录名 Bad Name 无效"),
        (("server", "add-user", server.login("desk_yc"), "--role", "viewer", "--no-password", "--db", owner_url), "已被占用"),
        (("server", "add-user", "postgres", "--role", "admin", "--no-password", "--db", owner_url), "已被占用"),
        (("server", "add-user", f"{server.name}_u_new", "--role", "desk", "--no-password", "--db", owner_url), "必须指定所属媒体单位"),
        (("server", "add-user", f"{server.name}_u_new", "--role", "coordinator", "--no-password", "--db", owner_url), "--person"),
        (("server", "add-user", f"{server.name}_u_new", "--role", "viewer", "--password", "short", "--db", owner_url), "至少需要 8 个字符"),
        (("server", "add-user", f"{server.name}_u_new", "--role", "viewer", "--no-password", "--db", desk_url), "单位编辑只能修改"),
        (("server", "remove-user", "nobody_here", "--db", owner_url), "没有名为 nobody_here 的账号"),
        (("server", "init", "--db", server.url("admin")), "只有数据库的所有者"),
        (("server", "remove-user", server.login("admin"), "--db", server.url("admin")), "不能删除最后一个管理员账号"),
        (("server", "list-users", "--db", "/tmp/not-a-server.db"), "只适用于 PostgreSQL"),
    ]
    for argv, expected in cases:
        code, out, err = _cli(capsys, *argv)
        assert code == 1, (argv, out, err)
        assert expected in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, (argv, err)


def test_a_coordinator_account_needs_a_person_and_takes_their_outlet(server, capsys):
    login = f"{server.name}_u_coord_c"
    code, _, err = _cli(capsys, "server", "add-user", login, "--role", "coordinator", "--person", "李协调",
                        "--password", PASSWORD, "--db", server.url())
    assert code == 0, err
    db = server.open_as("coord_c")
    assert db.account.person_id == server.ids["coord_b"] and db.account.outlet_id == server.ids["chuanbao"]
    assert db.desk == "李协调（四川日报报业集团）"


def test_the_scram_verifier_matches_postgresql_for_any_password(server):
    """Passwords with Chinese, full-width, spaces and symbols log in: our SASLprep equals libpq's."""
    from planner.domain.accounts import AccountRole
    from planner.store import accounts

    for i, password in enumerate(["川渝联合报道２０２６", "pass word with spaces", "Ωmega≠éà#$%&'\"\\", "ﬁﬂ-ligatures-ok"]):
        login = f"{server.name}_u_pw{i}"
        accounts.add_account(server.owner, login=login, role=AccountRole.VIEWER, password=password)
        assert _can_log_in(url_for(server.name, login, password)), password


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_login_names_are_checked_before_reaching_the_server(name):
    ok = valid_login(name)
    assert ok == (2 <= len(name) <= 63 and name.isascii() and name[0].isalpha() and name.islower() is not False
                  and all(c.isdigit() or c == "_" or ("a" <= c <= "z") for c in name))


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_password_gives_a_well_formed_verifier(password):
    verifier = scram_verifier(password, salt=b"0" * 16)
    head, keys = verifier.rsplit("$", 1)
    assert head.startswith("SCRAM-SHA-256$4096:") and keys.count(":") == 1
    assert isinstance(saslprep(password), str)


def test_init_upgrades_a_server_database_of_an_older_schema(fresh_server, capsys):
    """A server made by an earlier version (schema 0002, no accounts) is migrated, then given its rules."""
    from planner.store.migrate import run_upgrade
    from planner.store.schema import APP_ID, HEAD

    owner_url = url_for(fresh_server)
    engine = create_engine(owner_url)
    with engine.begin() as conn:
        run_upgrade(conn, "0002_indexes")
        conn.execute(text("INSERT INTO setting (key, value) VALUES ('app.id', :a), ('desk.id', 'old-desk')"),
                     {"a": APP_ID})
    engine.dispose()
    code, out, err = _cli(capsys, "server", "init", "--db", owner_url)
    assert code == 0, err
    assert "已从 0002_indexes 升级" in out
    engine = create_engine(owner_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        assert conn.execute(text("SELECT count(*) FROM pg_policies WHERE tablename = 'assignment'")).scalar() > 3
        assert conn.execute(text("SELECT count(*) FROM information_schema.columns WHERE table_name = 'change_log' "
                                 "AND column_name = 'login'")).scalar() == 1
    engine.dispose()
