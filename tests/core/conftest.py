"""Fixtures for the core tests: a small plan, and a dump of every table to prove "unchanged"."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest


def dump_file(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table of the SQLite file, sorted: equal dumps mean an unchanged database."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


@pytest.fixture
def dump(db) -> Callable[[], dict[str, list[tuple]]]:  # type: ignore[no-untyped-def]
    return lambda: dump_file(db.path)


@pytest.fixture
def plan(db):  # type: ignore[no-untyped-def]
    """Two outlets (one per province), a person each, a project with three chained stages."""
    from planner.services import outlets, people, projects, stages

    cq = outlets.create_outlet(db, name="荣昌区融媒体中心", tier="county", adcode="500153", formats=["text", "photo"]).row
    sc = outlets.create_outlet(db, name="隆昌市融媒体中心", tier="县级", adcode="511083", formats="文字,短视频").row
    p_cq = people.create_person(db, outlet_id=cq.id, name="张敏", role="reporter").row
    p_sc = people.create_person(db, outlet_id=sc.id, name="李强", role="摄像").row
    project = projects.create_project(db, title="巴蜀陶韵联合报道", code="TY-1", kind="culture_tourism",
                                      starts_on="2026-03-01", ends_on="2026-03-31").row
    s1 = stages.create_stage(db, project_id=project.id, title="荣昌陶博物馆", adcode="500153",
                             starts_at="2026-03-02 09:00", ends_at="2026-03-02 12:00").row
    s2 = stages.create_stage(db, project_id=project.id, title="隆昌石牌坊", adcode="511083",
                             starts_at="2026-03-03 09:00", ends_at="2026-03-03 12:00", depends_on=[s1.id]).row
    s3 = stages.create_stage(db, project_id=project.id, title="专家解读", kind="phase", depends_on=[s2.id]).row
    return SimpleNamespace(cq=cq, sc=sc, p_cq=p_cq, p_sc=p_sc, project=project, s1=s1, s2=s2, s3=s3)
