"""Demo data: the Tianfu alliance, Chongqing's outlets, cross-border alliances, people and three
realistic projects — the Chongqing–Kunming high-speed rail opening (with a few gaps and clashes on
purpose), a major event and an emergency. All names in Chinese; places from the bundled data.

Everything is created through the services, so the demo is validated and logged like real work.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta

from planner.domain.enums import (
    Format,
    ProjectKind,
    ProjectStatus,
    Role,
    Status,
)
from planner.domain.timefmt import PLAN_TZ
from planner.services import assignments, projects, settings, stages
from planner.services.alliance_directory import SEED, load_directory
from planner.store.database import Database


def _station_time(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PLAN_TZ)


def load_demo(db: Database, *, progress: Callable[[int, int, str], None] | None = None) -> dict[str, int]:
    """Fill an empty database with the demo: the alliances' directory with sample staff
    (:mod:`planner.services.alliance_directory`) and three projects; returns counts of what was made."""
    report = progress or (lambda *_: None)
    rng = random.Random(SEED)
    directory = load_directory(db, people_too=True, rng=rng,
                               progress=lambda done, _total, text: report(done, 6, text))
    ids, staff = directory.ids, directory.staff
    report(3, 6, "渝昆高铁项目")
    _rail_project(db, ids, staff)
    report(4, 6, "重大活动项目")
    _event_project(db, ids, staff)
    report(5, 6, "突发事件项目")
    _emergency_project(db, ids, staff)
    settings.set_desk(db, editor="值班主任", outlet_id=ids["四川日报报业集团"])
    report(6, 6, "完成")
    from planner.services.queries import counts

    return counts(db)


def _assign(db: Database, stage_id: uuid.UUID, outlet_id: uuid.UUID, role: Role, fmt: Format,
            status: Status = Status.PLANNED, people_ids: list[uuid.UUID] | None = None,
            due: datetime | None = None, brief: str = "") -> uuid.UUID:
    row = assignments.create_assignment(
        db, stage_id=stage_id, outlet_id=outlet_id, role=role, format=fmt, person_ids=people_ids or [],
        due_at=due, brief=brief,
    ).row
    chain = [Status.CONFIRMED, Status.IN_PROGRESS, Status.FILED, Status.PUBLISHED]
    if status in chain:
        assignments.set_status(db, row.id, status=status)
    elif status in (Status.DECLINED, Status.CANCELLED):
        assignments.set_status(db, row.id, status=status, reason="人手不足，无法按时完成")
    return row.id


def _rail_project(db: Database, ids: dict[str, uuid.UUID], staff: dict[str, list[uuid.UUID]]) -> None:
    opening = date(2026, 12, 26)
    coordinator = staff["四川日报报业集团"][0]
    project = projects.create_project(
        db, title="渝昆高铁川渝段开通联合报道", code="YKGT-2026", kind=ProjectKind.INFRASTRUCTURE,
        status=ProjectStatus.PLANNING, starts_on=opening - timedelta(days=5), ends_on=opening + timedelta(days=30),
        lead_outlet_id=ids["四川日报报业集团"], coordinator_id=coordinator,
        required_formats=["text", "photo", "short_video", "live"],
        summary="沿线区县融媒体中心不再各自为战：以站点为点、以报道链为线，前方体验采访 → 中期专家解读 → "
                "后期影响评估，川渝两地省、市、县三级媒体联合策划、同步推送。",
    ).row
    stations = [
        ("重庆西站", "500106", 8, 0), ("江津北站", "500116", 8, 40), ("永川南站", "500118", 9, 20),
        ("荣昌北站", "500153", 9, 50), ("泸州东站", "510504", 10, 30), ("宜宾东站", "511502", 11, 30),
    ]
    stage_ids: dict[str, uuid.UUID] = {}
    stage_ends: dict[str, datetime] = {}
    for title, adcode, hour, minute in stations:
        start = _station_time(opening, hour, minute)
        stage_ids[title] = stages.create_stage(
            db, project_id=project.id, title=title, kind="place", adcode=adcode, starts_at=start,
            ends_at=start + timedelta(hours=1, minutes=30), location=f"{title}站前广场及候车大厅",
        ).row.id
        stage_ends[title] = start + timedelta(hours=1, minutes=30)
    chain = [
        ("开通仪式", "event", _station_time(opening, 7, 0), timedelta(hours=1), "500106", "重庆西站首发列车发车仪式"),
        ("前方体验采访", "phase", _station_time(opening, 8, 0), timedelta(hours=6), None, "记者随首发列车全程体验"),
        ("中期专家解读", "phase", _station_time(opening + timedelta(days=2), 9, 0), timedelta(days=5), None, "邀请交通、经济专家解读"),
        ("后期影响评估", "phase", _station_time(opening + timedelta(days=20), 9, 0), timedelta(days=10), None, "沿线文旅、产业影响回访"),
    ]
    previous = None
    for title, kind, start, length, adcode, notes in chain:
        stage_ids[title] = stages.create_stage(
            db, project_id=project.id, title=title, kind=kind, starts_at=start, ends_at=start + length,
            adcode=adcode, notes=notes, depends_on=[previous] if previous and title != "前方体验采访" else [],
        ).row.id
        stage_ends[title] = start + length
        previous = stage_ids[title]
    stages.add_dependency(db, stage_id=stage_ids["前方体验采访"], depends_on=stage_ids["开通仪式"])

    o = ids
    def due(stage_title: str) -> datetime:  # copy is due three hours after the stage ends
        return stage_ends[stage_title] + timedelta(hours=3)
    S, L, Y = Role.SUPPORT, Role.LEAD, Role.SYNDICATE
    plan = [
        ("开通仪式", "重庆日报报业集团", L, Format.LIVE, Status.CONFIRMED, 1),
        ("开通仪式", "四川广播电视台", S, Format.LIVE, Status.CONFIRMED, 1),
        ("开通仪式", "沙坪坝区融媒体中心", S, Format.PHOTO, Status.CONFIRMED, 1),
        ("开通仪式", "新华社四川分社", Y, Format.TEXT, Status.PLANNED, 0),
        ("重庆西站", "沙坪坝区融媒体中心", L, Format.SHORT_VIDEO, Status.CONFIRMED, 1),
        ("重庆西站", "重庆广播电视集团（总台）", S, Format.LIVE, Status.PLANNED, 0),
        ("重庆西站", "九龙坡区融媒体中心", S, Format.TEXT, Status.PLANNED, 1),
        ("江津北站", "江津区融媒体中心", L, Format.TEXT, Status.CONFIRMED, 1),
        ("江津北站", "江津区融媒体中心", S, Format.PHOTO, Status.PLANNED, 1),
        ("江津北站", "重庆日报报业集团", S, Format.SHORT_VIDEO, Status.PLANNED, 0),
        ("永川南站", "永川区融媒体中心", L, Format.SHORT_VIDEO, Status.IN_PROGRESS, 1),
        ("永川南站", "永川区融媒体中心", L, Format.TEXT, Status.PLANNED, 0),  # two leads on purpose
        ("永川南站", "大足区融媒体中心", S, Format.PHOTO, Status.PLANNED, 1),
        ("荣昌北站", "荣昌区融媒体中心", L, Format.SHORT_VIDEO, Status.CONFIRMED, 1),
        ("荣昌北站", "隆昌市融媒体中心", S, Format.TEXT, Status.CONFIRMED, 1),
        ("荣昌北站", "隆昌市融媒体中心", S, Format.TEXT, Status.PLANNED, 0),  # same outlet+format twice
        ("荣昌北站", "内江市融媒体中心", Y, Format.TEXT, Status.PLANNED, 0),
        ("泸州东站", "龙马潭区融媒体中心", L, Format.TEXT, Status.CONFIRMED, 1),
        ("泸州东站", "泸州市融媒体中心", S, Format.LIVE, Status.CONFIRMED, 1),
        ("泸州东站", "江阳区融媒体中心", S, Format.PHOTO, Status.PLANNED, 1),
        ("泸州东站", "泸县融媒体中心", S, Format.VR_AR, Status.PLANNED, 0),  # a format it cannot produce
        ("前方体验采访", "四川日报报业集团", L, Format.TEXT, Status.IN_PROGRESS, 2),
        ("前方体验采访", "四川日报报业集团", S, Format.PHOTO, Status.IN_PROGRESS, 1),
        ("前方体验采访", "重庆日报报业集团", S, Format.SHORT_VIDEO, Status.CONFIRMED, 1),
        ("前方体验采访", "四川广播电视台", S, Format.LIVE, Status.CONFIRMED, 1),
        ("前方体验采访", "总台", Y, Format.SHORT_VIDEO, Status.PLANNED, 0),
        ("前方体验采访", "荣昌区融媒体中心", S, Format.SHORT_VIDEO, Status.PLANNED, 1),
        ("前方体验采访", "泸州市融媒体中心", S, Format.TEXT, Status.PLANNED, 0),
        ("中期专家解读", "四川新传媒集团", L, Format.H5, Status.PLANNED, 1),
        ("中期专家解读", "重庆日报报业集团", S, Format.INFOGRAPHIC, Status.PLANNED, 1),
        ("中期专家解读", "人民日报社四川分社", Y, Format.TEXT, Status.PLANNED, 0),
        ("中期专家解读", "宜宾市融媒体中心", S, Format.AUDIO, Status.DECLINED, 0),
        ("中期专家解读", "四川广播电视台", S, Format.AUDIO, Status.PLANNED, 1),
        ("后期影响评估", "重庆日报报业集团", L, Format.TEXT, Status.PLANNED, 1),
        ("后期影响评估", "四川日报报业集团", S, Format.TEXT, Status.PLANNED, 1),
        ("后期影响评估", "永川区融媒体中心", S, Format.SHORT_VIDEO, Status.PLANNED, 0),
        ("后期影响评估", "荣昌区融媒体中心", S, Format.PHOTO, Status.PLANNED, 0),
        ("后期影响评估", "泸州市融媒体中心", S, Format.TEXT, Status.PLANNED, 0),
        ("后期影响评估", "翠屏区融媒体中心", S, Format.SHORT_VIDEO, Status.PLANNED, 0),
        ("后期影响评估", "中国广电四川公司", S, Format.VR_AR, Status.PLANNED, 0),
        ("后期影响评估", "隆昌市融媒体中心", Y, Format.SHORT_VIDEO, Status.PLANNED, 0),
        ("后期影响评估", "江津区融媒体中心", Y, Format.TEXT, Status.CANCELLED, 0),
        ("开通仪式", "中国广电四川公司", S, Format.VR_AR, Status.PLANNED, 0),
    ]
    # 宜宾东站 is left without any assignment on purpose: an uncovered stage.
    name_of = {"总台": "中央广播电视总台四川总站"}
    booked: dict[str, int] = {}  # each outlet sends the next of its people, so nobody is double-booked by accident
    for stage_title, outlet_name, role, fmt, status, n_people in plan:
        outlet_name = name_of.get(outlet_name, outlet_name)
        people = staff.get(outlet_name, [])
        first = booked.get(outlet_name, 0)
        crew = [people[(first + i) % len(people)] for i in range(min(n_people, len(people)))]
        booked[outlet_name] = first + len(crew)
        _assign(db, stage_ids[stage_title], o[outlet_name], role, fmt, status, crew,
                due=due(stage_title), brief=f"{stage_title}：{fmt.zh}报道，突出川渝协同与沿线群众出行变化。")
    # A clash: the same 荣昌 photographer is also booked at 泸州东站 overlapping 荣昌北站 (too far to travel).
    rongchang_crew = staff["荣昌区融媒体中心"]
    _assign(db, stage_ids["泸州东站"], o["荣昌区融媒体中心"], Role.SUPPORT, Format.PHOTO, Status.PLANNED,
            [rongchang_crew[0]], due=due("泸州东站"), brief="支援泸州东站图片报道")
    # Deadline outside its stage window.
    _assign(db, stage_ids["江津北站"], o["巴南区融媒体中心"], Role.SUPPORT, Format.TEXT, Status.PLANNED,
            staff["巴南区融媒体中心"][:1], due=_station_time(opening - timedelta(days=3), 18), brief="提前稿件")


def _event_project(db: Database, ids: dict[str, uuid.UUID], staff: dict[str, list[uuid.UUID]]) -> None:
    day = date(2025, 4, 22)
    project = projects.create_project(
        db, title="2025天府融媒大讲堂联合报道", code="TFDJT-2025", kind=ProjectKind.EVENT,
        status=ProjectStatus.CLOSED, starts_on=day - timedelta(days=3), ends_on=day + timedelta(days=5),
        lead_outlet_id=ids["四川广播电视台"], coordinator_id=staff["四川广播电视台"][0],
        required_formats=["text", "live", "photo"],
        summary="线上线下同步举办，省市县三级媒体联动直播与图文报道。",
    ).row
    spec = [
        ("活动预热", "phase", _station_time(day - timedelta(days=3), 9), timedelta(days=3)),
        ("开幕式", "event", _station_time(day, 9), timedelta(hours=1)),
        ("主题演讲", "event", _station_time(day, 10), timedelta(hours=2)),
        ("圆桌对话", "event", _station_time(day, 14), timedelta(hours=2)),
        ("后续解读", "phase", _station_time(day + timedelta(days=1), 9), timedelta(days=4)),
    ]
    sid = {}
    for title, kind, start, length in spec:
        sid[title] = stages.create_stage(db, project_id=project.id, title=title, kind=kind, adcode="510104",
                                         starts_at=start, ends_at=start + length).row.id
    rows = [
        ("活动预热", "四川新传媒集团", Role.LEAD, Format.H5), ("活动预热", "成都市融媒体中心", Role.SUPPORT, Format.TEXT),
        ("开幕式", "四川广播电视台", Role.LEAD, Format.LIVE), ("开幕式", "四川日报报业集团", Role.SUPPORT, Format.PHOTO),
        ("主题演讲", "四川日报报业集团", Role.LEAD, Format.TEXT), ("主题演讲", "绵阳市融媒体中心", Role.SYNDICATE, Format.TEXT),
        ("圆桌对话", "四川广播电视台", Role.LEAD, Format.LIVE), ("圆桌对话", "重庆日报报业集团", Role.SYNDICATE, Format.TEXT),
        ("后续解读", "四川日报报业集团", Role.LEAD, Format.INFOGRAPHIC), ("后续解读", "温江区融媒体中心", Role.SUPPORT, Format.SHORT_VIDEO),
    ]
    for title, outlet, role, fmt in rows:
        _assign(db, sid[title], ids[outlet], role, fmt, Status.PUBLISHED, staff.get(outlet, [])[:1],
                due=_station_time(day + timedelta(days=1), 18))


def _emergency_project(db: Database, ids: dict[str, uuid.UUID], staff: dict[str, list[uuid.UUID]]) -> None:
    day = date(2026, 7, 12)
    project = projects.create_project(
        db, title="川渝交界强降雨应急联动报道", code="YJ-2026-07", kind=ProjectKind.EMERGENCY,
        status=ProjectStatus.ACTIVE, starts_on=day, ends_on=day + timedelta(days=6),
        lead_outlet_id=ids["重庆日报报业集团"], coordinator_id=staff["重庆日报报业集团"][0],
        required_formats=["text", "live", "short_video"],
        summary="涪江流域强降雨：川渝两地跨区域快速联动，首发预警、现场直播、权威发布与辟谣、救援进展、善后恢复。",
    ).row
    spec = [
        ("首发预警", "潼南区", _station_time(day, 5), timedelta(hours=1)),
        ("现场直播", "射洪市", _station_time(day, 6), timedelta(hours=12)),
        ("权威发布与辟谣", "合川区", _station_time(day, 7), timedelta(hours=24)),
        ("救援进展", "船山区", _station_time(day + timedelta(days=1), 0), timedelta(days=2)),
        ("善后与恢复", "三台县", _station_time(day + timedelta(days=3), 0), timedelta(days=3)),
    ]
    sid: dict[str, uuid.UUID] = {}
    prev = None
    for title, place, start, length in spec:
        sid[title] = stages.create_stage(db, project_id=project.id, title=title, kind="phase", adcode=place,
                                         starts_at=start, ends_at=start + length,
                                         depends_on=[prev] if prev and title != "权威发布与辟谣" else []).row.id
        prev = sid[title]
    rows = [
        ("首发预警", "潼南区融媒体中心", Role.LEAD, Format.TEXT, Status.PUBLISHED),
        ("首发预警", "重庆日报报业集团", Role.SYNDICATE, Format.TEXT, Status.PUBLISHED),
        ("现场直播", "射洪市融媒体中心", Role.LEAD, Format.LIVE, Status.PUBLISHED),
        ("现场直播", "四川广播电视台", Role.SUPPORT, Format.LIVE, Status.PUBLISHED),
        ("现场直播", "船山区融媒体中心", Role.SUPPORT, Format.SHORT_VIDEO, Status.FILED),
        ("权威发布与辟谣", "合川区融媒体中心", Role.LEAD, Format.TEXT, Status.PUBLISHED),
        ("权威发布与辟谣", "三台县融媒体中心", Role.SYNDICATE, Format.TEXT, Status.PUBLISHED),
        ("救援进展", "船山区融媒体中心", Role.LEAD, Format.SHORT_VIDEO, Status.IN_PROGRESS),
        ("救援进展", "潼南区融媒体中心", Role.SUPPORT, Format.PHOTO, Status.IN_PROGRESS),
        ("救援进展", "江油市融媒体中心", Role.SUPPORT, Format.TEXT, Status.CONFIRMED),
        ("善后与恢复", "三台县融媒体中心", Role.LEAD, Format.TEXT, Status.PLANNED),
        ("善后与恢复", "平武县融媒体中心", Role.SUPPORT, Format.PHOTO, Status.PLANNED),
    ]
    for title, outlet, role, fmt, status in rows:
        _assign(db, sid[title], ids[outlet], role, fmt, status, staff.get(outlet, [])[:1])
