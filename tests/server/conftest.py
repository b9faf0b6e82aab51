"""Fixtures for the shared-server suite: a fresh PostgreSQL database set up with accounts and roles.

Every test gets its own database ``s_<hex>``; its group roles and the test's login roles all start
with that name, and both are dropped afterwards. Skips cleanly without ``PLANNER_TEST_PG_URL``.
"""

from __future__ import annotations

import os
import uuid
import warnings
from dataclasses import dataclass, field

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from tests.pgutil import create_database, drop_database

PG_URL = os.environ.get("PLANNER_TEST_PG_URL", "")
PASSWORD = "秘密-Passw0rd"  # not ASCII: the SCRAM verifier must prepare it as libpq does

pytestmark = pytest.mark.postgres


def url_for(database: str, user: str | None = None, password: str | None = None) -> str:
    u = make_url(PG_URL).set(database=database)
    if user is not None:
        u = u.set(username=user, password=password)
    return u.render_as_string(hide_password=False)


def drop_roles(prefix: str) -> None:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            names = [r[0] for r in conn.execute(
                text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p ORDER BY rolcanlogin DESC"),
                {"p": prefix + "\\_%"})]
            for name in names:
                try:
                    conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
                except DBAPIError as exc:  # its database is still there (a session we may not end)
                    warnings.warn(f"test role {name} left behind: {exc.orig}", stacklevel=2)
    finally:
        admin.dispose()


@dataclass
class Server:
    """A set-up server database: its name, the owner's open ``Database`` and ids of the fixture data."""

    name: str
    owner: object
    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    opened: list = field(default_factory=list)

    def login(self, short: str) -> str:
        return f"{self.name}_u_{short}"

    def url(self, short: str | None = None, password: str = PASSWORD) -> str:
        if short is None:
            return url_for(self.name)
        return url_for(self.name, self.login(short), password)

    def open_as(self, short: str):  # type: ignore[no-untyped-def]
        from planner.store.database import open_database

        db = open_database(self.url(short))
        self.opened.append(db)
        return db

    def raw(self, short: str):  # type: ignore[no-untyped-def]
        """A plain SQLAlchemy engine logged in as ``short`` (no planner code in between)."""
        engine = create_engine(self.url(short).replace("postgresql+psycopg", "postgresql+psycopg", 1))
        self.opened.append(engine)
        return engine


def _new_database() -> str:
    if not PG_URL:
        pytest.skip("PLANNER_TEST_PG_URL is not set")
    return create_database(PG_URL, "s_")[0]


def _drop(name: str) -> None:
    drop_database(PG_URL, name)
    drop_roles(name)


@pytest.fixture
def fresh_server():
    """An empty database on the test server (the name doubles as the role prefix)."""
    name = _new_database()
    yield name
    _drop(name)


def build_plan(db) -> dict[str, uuid.UUID]:  # type: ignore[no-untyped-def]
    """Three outlets, their people, two projects with two coordinators, stages and assignments."""
    from planner.services import assignments, outlets, people, projects, stages

    ids: dict[str, uuid.UUID] = {}
    for key, name, tier in (("chuanbao", "四川日报报业集团", "provincial"), ("yongchuan", "永川区融媒体中心", "county"),
                            ("rongchang", "荣昌区融媒体中心", "county")):
        ids[key] = outlets.create_outlet(db, name=name, tier=tier, formats=["text", "photo"]).row.id
    for key, outlet, name in (("coord_a", "chuanbao", "王协调"), ("coord_b", "chuanbao", "李协调"),
                              ("yc_reporter", "yongchuan", "张记者"), ("rc_reporter", "rongchang", "刘记者")):
        ids[key] = people.create_person(db, outlet_id=ids[outlet], name=name, role="reporter").row.id
    ids["p1"] = projects.create_project(db, title="渝昆高铁开通", coordinator_id=ids["coord_a"]).row.id
    ids["p2"] = projects.create_project(db, title="涪江流域联动", coordinator_id=ids["coord_b"]).row.id
    ids["s1"] = stages.create_stage(db, project_id=ids["p1"], title="永川南站").row.id
    ids["s1b"] = stages.create_stage(db, project_id=ids["p1"], title="荣昌北站").row.id
    ids["s2"] = stages.create_stage(db, project_id=ids["p2"], title="遂宁段").row.id
    ids["a_yc"] = assignments.create_assignment(db, stage_id=ids["s1"], outlet_id=ids["yongchuan"], role="lead",
                                                format="text", person_ids=[ids["yc_reporter"]]).row.id
    ids["a_rc"] = assignments.create_assignment(db, stage_id=ids["s1b"], outlet_id=ids["rongchang"], role="lead",
                                                format="text").row.id
    ids["a_p2_rc"] = assignments.create_assignment(db, stage_id=ids["s2"], outlet_id=ids["rongchang"],
                                                   role="support", format="photo").row.id
    return ids


def _set_up(name: str) -> Server:
    from planner.domain.accounts import AccountRole
    from planner.store import accounts
    from planner.store.server import init_server

    owner, _prefix = init_server(url_for(name))
    srv = Server(name=name, owner=owner)
    srv.ids = build_plan(owner)
    ids = srv.ids
    for short, role, outlet, person, display in (
        ("admin", AccountRole.ADMIN, None, None, "联盟管理员"),
        ("coord_a", AccountRole.COORDINATOR, ids["chuanbao"], ids["coord_a"], "王协调"),
        ("coord_b", AccountRole.COORDINATOR, ids["chuanbao"], ids["coord_b"], "李协调"),
        ("desk_yc", AccountRole.DESK, ids["yongchuan"], None, "张编辑"),
        ("desk_rc", AccountRole.DESK, ids["rongchang"], None, "刘编辑"),
        ("viewer", AccountRole.VIEWER, None, None, "观察员"),
    ):
        accounts.add_account(owner, login=srv.login(short), role=role, password=PASSWORD, outlet_id=outlet,
                             person_id=person, display_name=display)
    return srv


def _close(srv: Server) -> None:
    for item in srv.opened:
        (item.close if hasattr(item, "close") else item.dispose)()
    srv.owner.close()


@pytest.fixture
def server(fresh_server):  # type: ignore[no-untyped-def]
    """``server init`` done by the owner, the plan built, and one account of each kind.

    Accounts: ``admin``; ``coord_a`` (coordinates p1); ``coord_b`` (p2); ``desk_yc`` (永川, in p1);
    ``desk_rc`` (荣昌, in p1 and p2); ``viewer``.
    """
    srv = _set_up(fresh_server)
    yield srv
    _close(srv)


@pytest.fixture(scope="module")
def shared_server():  # type: ignore[no-untyped-def]
    """Like ``server``, one per test module (setting a server up takes seconds): tests that share it
    must not depend on each other's changes."""
    name = _new_database()
    srv = _set_up(name)
    yield srv
    _close(srv)
    _drop(name)
