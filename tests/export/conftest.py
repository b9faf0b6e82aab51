"""Fixtures for the export tests: a small real plan in a database, a hostile plan built from rows,
and a tiny PNG standing in for the network picture."""

from __future__ import annotations

import struct
import uuid
import zlib
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from exportcheck import CJK4, EMOJI, HOSTILE, LONG_BRIEF


@pytest.fixture
def small(db):  # type: ignore[no-untyped-def]
    """Three outlets (Chongqing county, Sichuan county, Sichuan provincial), people, a project with a
    coordinator, three stages and six assignments (one cancelled, one with a 10,000-character brief)."""
    from planner.services import alliances, assignments, outlets, people, projects, stages

    cq = outlets.create_outlet(db, name="荣昌区融媒体中心", short_name="荣昌区", tier="county", adcode="500153",
                               formats=["text", "photo", "short_video"], contact_name="周婷",
                               contact_phone="023-4678 0000").row
    sc = outlets.create_outlet(db, name="隆昌市融媒体中心", short_name="隆昌市", tier="county", adcode="511083",
                               formats=["text", "short_video"], contact_name="罗杰", contact_phone="0832-393 0000").row
    prov = outlets.create_outlet(db, name="四川广播电视台", short_name="四川台", tier="provincial", adcode="510104",
                                 formats=["live", "short_video", "text"], contact_name="陈曦",
                                 contact_phone="028-8888 0000", contact_email="desk@sctv.example").row
    idle = outlets.create_outlet(db, name="大足区融媒体中心", short_name="大足区", tier="county", adcode="500111").row
    p_cq = people.create_person(db, outlet_id=cq.id, name="张敏" + EMOJI, role="reporter", phone="138 0000 0001").row
    p_sc = people.create_person(db, outlet_id=sc.id, name="李强", role="camera", phone="138 0000 0002").row
    p_prov = people.create_person(db, outlet_id=prov.id, name="王芳", role="producer", phone="138 0000 0003").row
    project = projects.create_project(
        db, title="巴蜀陶韵联合报道" + CJK4, code="TY-1", kind="culture_tourism", starts_on="2026-03-01",
        ends_on="2026-03-31", summary="隆昌与荣昌共话陶艺。\n第二段：" + EMOJI, lead_outlet_id=prov.id,
        coordinator_id=p_prov.id, required_formats=["text", "short_video"]).row
    s1 = stages.create_stage(db, project_id=project.id, title="荣昌陶博物馆", adcode="500153",
                             starts_at="2026-03-02 09:00", ends_at="2026-03-02 12:00").row
    s2 = stages.create_stage(db, project_id=project.id, title="隆昌石牌坊", adcode="511083",
                             starts_at="2026-03-03 09:00", ends_at="2026-03-03 12:00", depends_on=[s1.id]).row
    s3 = stages.create_stage(db, project_id=project.id, title="专家解读", kind="phase", depends_on=[s2.id]).row
    a = assignments.create_assignment
    a1 = a(db, stage_id=s1.id, outlet_id=cq.id, role="lead", format="text", person_ids=[p_cq.id],
           due_at="2026-03-02 18:00", brief=LONG_BRIEF).row
    a2 = a(db, stage_id=s1.id, outlet_id=sc.id, role="support", format="short_video", person_ids=[p_sc.id],
           brief="拍摄窑炉" + CJK4).row
    a3 = a(db, stage_id=s2.id, outlet_id=sc.id, role="lead", format="text", person_ids=[p_sc.id]).row
    a4 = a(db, stage_id=s2.id, outlet_id=prov.id, role="support", format="live", person_ids=[p_prov.id]).row
    a5 = a(db, stage_id=s2.id, outlet_id=cq.id, role="syndicate", format="photo", status="published").row
    a6 = a(db, stage_id=s1.id, outlet_id=prov.id, role="support", format="text").row
    assignments.set_status(db, a6.id, status="cancelled", reason="人手不足")
    alliance = alliances.create_alliance(db, name="川渝陶艺联盟", kind="bilateral").row
    for o in (cq, sc, idle):
        alliances.add_member(db, alliance_id=alliance.id, outlet_id=o.id, role="member")
    return SimpleNamespace(db=db, cq=cq, sc=sc, prov=prov, idle=idle, p_cq=p_cq, p_sc=p_sc, p_prov=p_prov,
                           project=project, s1=s1, s2=s2, s3=s3, a=[a1, a2, a3, a4, a5, a6], alliance=alliance)


@pytest.fixture
def tiny_png() -> bytes:
    """A valid 4×3 RGB PNG (so the pack's picture can be tested without Qt)."""
    width, height = 4, 3
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@pytest.fixture
def hostile_plan():  # type: ignore[no-untyped-def]
    """A plan built straight from rows (as an import or merge could deliver it): control characters,
    a lone surrogate, markup characters, emoji and 4-byte CJK in every text field."""
    from planner.domain.enums import (
        Format,
        PersonRole,
        ProjectKind,
        ProjectStatus,
        Role,
        StageKind,
        Status,
        Tier,
    )
    from planner.domain.rows import AssignmentRow, OutletRow, PersonRow, ProjectPlan, ProjectRow, StageRow

    o1, o2, pid, prj, st = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    outlets = {
        o1: OutletRow(o1, "单位一" + HOSTILE, "一/号:" + HOSTILE, Tier.COUNTY, "500153", "新重庆", None, (Format.TEXT,),
                      None, "联系人" + HOSTILE, "电话\x07", "a@b.c", HOSTILE, 1),
        o2: OutletRow(o2, "单位二", "二号", Tier.PROVINCIAL, "510104", "天府融媒", None, (Format.LIVE,), None,
                      "", "", "", "", 1),
    }
    people = {pid: PersonRow(pid, o1, "记者" + HOSTILE, PersonRole.REPORTER, "1\x02", "", True, 1)}
    start = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    stage = StageRow(st, prj, 1, "环节" + HOSTILE, StageKind.PLACE, "500153", "地点" + HOSTILE, start,
                     start + timedelta(hours=3), False, "备注" + HOSTILE, 1)
    project = ProjectRow(prj, "项目" + HOSTILE, "H-1", ProjectKind.OTHER, "简介" + HOSTILE + "\n" + LONG_BRIEF,
                         date(2026, 3, 1), None, o2, pid, ProjectStatus.PLANNING, (Format.TEXT,), 1)
    rows = (
        AssignmentRow(uuid.uuid4(), st, o1, Role.LEAD, Format.TEXT, Status.CONFIRMED, start, HOSTILE + LONG_BRIEF,
                      "", HOSTILE, "", 1, (pid,)),
        AssignmentRow(uuid.uuid4(), st, o2, Role.SUPPORT, Format.LIVE, Status.PLANNED, None, HOSTILE, "", "", "", 1),
    )
    return ProjectPlan(project, (stage,), rows, outlets, people)
