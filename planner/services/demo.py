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
    AllianceKind,
    Format,
    MembershipRole,
    PersonRole,
    ProjectKind,
    ProjectStatus,
    Role,
    Status,
    Tier,
)
from planner.domain.places import CHONGQING, SICHUAN, places
from planner.domain.timefmt import PLAN_TZ
from planner.services import alliances, assignments, outlets, people, projects, settings, stages
from planner.store.database import Database

ALL = [f.value for f in Format]
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建文斌宇浩凯佳欣雪琳晨曦睿思雨婷嘉怡俊"

FOUNDERS = [
    ("四川广播电视台", "四川台", ALL, 40),
    ("四川日报报业集团", "川报集团", ["text", "photo", "short_video", "live", "h5", "infographic"], 40),
    ("四川新传媒集团", "四川新传媒", ["text", "photo", "short_video", "h5", "audio"], 25),
    ("中国广电四川公司", "广电四川", ["live", "short_video", "vr_ar"], 15),
]
CENTRAL = [
    ("新华社四川分社", "新华社川分社", ["text", "photo", "short_video"]),
    ("人民日报社四川分社", "人民日报川分社", ["text", "photo"]),
    ("中央广播电视总台四川总站", "总台四川总站", ["short_video", "live", "audio"]),
]
CHONGQING_PROVINCIAL = [
    ("重庆日报报业集团", "重报集团", ["text", "photo", "short_video", "live", "h5", "infographic"]),
    ("重庆广播电视集团（总台）", "重庆广电", ["short_video", "live", "audio", "vr_ar"]),
]
FU_RIVER = ["平武县", "江油市", "涪城区", "游仙区", "三台县", "射洪市", "船山区", "潼南区", "合川区"]
COUNTY_FORMATS = ["text", "photo", "short_video"]


def _station_time(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PLAN_TZ)


def load_demo(db: Database, *, progress: Callable[[int, int, str], None] | None = None) -> dict[str, int]:
    """Fill an empty database with the demo; returns counts of what was made."""
    rng = random.Random(20230717)
    report = progress or (lambda *_: None)
    P = places()
    ids: dict[str, uuid.UUID] = {}
    adcode_of: dict[str, str] = {}

    def outlet(name: str, short: str, tier: Tier, adcode: str, platform: str, formats: list[str],
               capacity: int | None, parent: str | None = None, contact: str = "") -> uuid.UUID:
        row = outlets.create_outlet(
            db, name=name, short_name=short, tier=tier, adcode=adcode, platform=platform, formats=formats,
            capacity=capacity, parent_id=ids.get(parent) if parent else None, contact_name=contact,
            contact_phone=f"0{rng.randint(10, 99)}-{rng.randint(60000000, 89999999)}" if contact else "",
        ).row
        ids[name] = row.id
        adcode_of[name] = row.adcode or ""
        return row.id

    def person_name() -> str:
        return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))

    report(0, 6, "媒体单位")
    for name, short, fmts, cap in FOUNDERS:
        outlet(name, short, Tier.PROVINCIAL, "510100", "天府融媒", fmts, cap, contact=person_name())
    for name, short, fmts in CENTRAL:
        outlet(name, short, Tier.CENTRAL, "510100", "", fmts, 12, contact=person_name())
    city_outlet: dict[str, str] = {}
    for city in P.children("510000"):
        name = f"{city.name}融媒体中心" if not city.name.endswith("州") else f"{city.name}广播电视台"
        short = city.name.replace("市", "").replace("藏族羌族自治州", "").replace("藏族自治州", "").replace("彝族自治州", "")
        outlet(name, f"{short}融媒", Tier.MUNICIPAL, city.adcode, "天府融媒",
               ["text", "photo", "short_video", "live", "h5"], 15, contact=person_name())
        city_outlet[city.adcode[:4]] = name
    sichuan_counties = P.counties(SICHUAN)
    repeated = {c.name for c in sichuan_counties if sum(1 for d in sichuan_counties if d.name == c.name) > 1}
    for county in sichuan_counties:
        city = P.city(county.adcode)
        prefix = city.name if county.name in repeated and city is not None else ""
        outlet(f"{prefix}{county.name}融媒体中心", county.name, Tier.COUNTY, county.adcode, "天府融媒",
               COUNTY_FORMATS + (["live"] if rng.random() < 0.3 else []), rng.choice((4, 5, 6, 8)),
               parent=city_outlet.get(county.adcode[:4]))
    for name, short, fmts in CHONGQING_PROVINCIAL:
        outlet(name, short, Tier.PROVINCIAL, "500000", "新重庆", fmts, 40, contact=person_name())
    for county in P.counties(CHONGQING):
        outlet(f"{county.name}融媒体中心", county.name, Tier.COUNTY, county.adcode, "新重庆",
               COUNTY_FORMATS + (["live"] if rng.random() < 0.4 else []), rng.choice((4, 5, 6, 8)))

    report(1, 6, "联合体")
    tianfu = alliances.create_alliance(
        db, name="天府融媒联合体", kind=AllianceKind.ALLIANCE, founded_on="2023-07-17",
        description="“4+21+185”：4家省级发起单位、21家市州媒体、185家县级融媒体中心。纵向贯通、横向联通。",
    ).row
    for name, *_ in FOUNDERS:
        alliances.add_member(db, alliance_id=tianfu.id, outlet_id=ids[name], role=MembershipRole.FOUNDER)
    for name, oid in ids.items():
        if name in {f[0] for f in FOUNDERS} or name in {c[0] for c in CENTRAL}:
            continue
        if name in {c[0] for c in CHONGQING_PROVINCIAL}:
            continue
        if adcode_of[name].startswith(SICHUAN):
            alliances.add_member(db, alliance_id=tianfu.id, outlet_id=oid)
    xcq = alliances.create_alliance(
        db, name="新重庆区县融媒体矩阵", kind=AllianceKind.REGIONAL, founded_on="2023-01-01",
        description="依托“新重庆”客户端，重庆日报报业集团与38个区县融媒体中心的内容协作网络。",
    ).row
    alliances.add_member(db, alliance_id=xcq.id, outlet_id=ids["重庆日报报业集团"], role=MembershipRole.CHAIR)
    for county in P.counties(CHONGQING):
        alliances.add_member(db, alliance_id=xcq.id, outlet_id=ids[f"{county.name}融媒体中心"])
    fu = alliances.create_alliance(
        db, name="涪江流域川渝九地媒体联盟", kind=AllianceKind.REGIONAL, founded_on="2021-09-01",
        description="涪江沿线川渝九地媒体，合作从“1+1”走向“1+N”。",
    ).row
    for i, place in enumerate(FU_RIVER):
        alliances.add_member(db, alliance_id=fu.id, outlet_id=ids[f"{place}融媒体中心"],
                             role=MembershipRole.CHAIR if i == 0 else MembershipRole.MEMBER)
    for a, b, title in (("巴南区", "温江区", "巴南—温江媒体合作协议"), ("渝中区", "青羊区", "渝中—青羊媒体合作协议")):
        pair = alliances.create_alliance(db, name=title, kind=AllianceKind.BILATERAL, founded_on="2022-06-01").row
        alliances.add_member(db, alliance_id=pair.id, outlet_id=ids[f"{a}融媒体中心"])
        alliances.add_member(db, alliance_id=pair.id, outlet_id=ids[f"{b}融媒体中心"])
    pottery = alliances.create_alliance(
        db, name="隆昌—荣昌《巴蜀陶韵》联合制作", kind=AllianceKind.AD_HOC, founded_on="2024-03-01",
        description="两地共同的陶艺传统，联合制作专题片。",
    ).row
    for place in ("隆昌市", "荣昌区"):
        alliances.add_member(db, alliance_id=pottery.id, outlet_id=ids[f"{place}融媒体中心"])

    report(2, 6, "人员")
    staff: dict[str, list[uuid.UUID]] = {}
    roles = [PersonRole.REPORTER, PersonRole.PHOTOGRAPHER, PersonRole.CAMERA, PersonRole.EDITOR,
             PersonRole.ANCHOR, PersonRole.PRODUCER]
    key_outlets = [n for n in ids if not n.endswith("融媒体中心") or any(
        n.startswith(p) for p in ("沙坪坝", "九龙坡", "江津", "永川", "荣昌", "大足", "龙马潭", "江阳", "泸县",
                                  "翠屏", "叙州", "隆昌", "巴南", "温江", "渝中", "青羊", *FU_RIVER))]
    for name in key_outlets:
        used: set[str] = set()
        for i in range(3 if "区" in name or "县" in name or "市融" in name else 5):
            pname = person_name()
            while pname in used:
                pname = person_name()
            used.add(pname)
            row = people.create_person(
                db, outlet_id=ids[name], name=pname, role=roles[i % len(roles)],
                phone=f"1{rng.choice('3578')}{rng.randint(100000000, 999999999)}",
            ).row
            staff.setdefault(name, []).append(row.id)

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
