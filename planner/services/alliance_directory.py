"""The alliances' directory: the outlets of the Sichuan–Chongqing media alliances (the Tianfu
alliance's 4 founders, 21 municipal media and Sichuan's county centres; the central media bureaus in
Chengdu; Chongqing's 重报集团, 重庆广电 and its district and county centres), the alliances and
agreements between them, and optionally sample staff — without any project.

A new desk loads it to start planning with the real outlets (``planner-cli directory load``, 文件 ▸
载入联合体名录, the first-start dialog); the demo builds on it. Loading is idempotent and merges:
an outlet, alliance, membership or person that already exists (same name, compared like the services
compare names) is kept and not created again, so loading into a database that has some of them
adds only what is missing, and loading twice changes nothing. The sample staff and the outlets'
contact people have made-up names and numbers (for trying the app out) and are off unless asked for.

Everything is created through the services, so it is validated and logged like an editor's work.
The random choices (capacities, contacts, formats) come from a fixed seed, drawn whether or not a
record is created, so the demo is the same on every desk.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select

from planner.domain.changes import Changes
from planner.domain.enums import AllianceKind, Format, MembershipRole, PersonRole, Tier
from planner.domain.places import CHONGQING, SICHUAN, places
from planner.domain.text import name_key
from planner.services import alliances, outlets, people
from planner.store.database import Database
from planner.store.models import Alliance, Membership, Outlet, Person

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



SEED = 20230717


@dataclass
class Directory:
    """What a load found or made: outlet ids and sample staff by outlet name, what it added."""

    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    staff: dict[str, list[uuid.UUID]] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=lambda: {"outlets": 0, "alliances": 0, "memberships": 0, "people": 0})
    changes: Changes = field(default_factory=Changes)


def _existing(db: Database) -> tuple[dict[str, uuid.UUID], dict[str, uuid.UUID], set[tuple[uuid.UUID, uuid.UUID]],
                                     set[tuple[uuid.UUID, str]]]:
    with db.reader() as s:
        outlet_ids = {name_key(n): i for i, n in s.execute(select(Outlet.id, Outlet.name))}
        alliance_ids = {name_key(n): i for i, n in s.execute(select(Alliance.id, Alliance.name))}
        members = {(a, o) for a, o in s.execute(select(Membership.alliance_id, Membership.outlet_id))}
        persons = {(o, name_key(n)) for o, n in s.execute(select(Person.outlet_id, Person.name))}
    return outlet_ids, alliance_ids, members, persons


def load_directory(db: Database, *, people_too: bool = False, rng: random.Random | None = None,
                   progress: Callable[[int, int, str], None] | None = None) -> Directory:
    """Add the alliances' directory to ``db`` (what is missing of it); ``people_too`` adds sample staff."""
    rng = rng or random.Random(SEED)
    report = progress or (lambda *_: None)
    P = places()
    out = Directory()
    ids = out.ids
    adcode_of: dict[str, str] = {}
    have_outlets, have_alliances, have_members, have_people = _existing(db)

    def count(kind: str, changes: Changes) -> None:
        out.added[kind] += 1
        out.changes = out.changes | changes

    def outlet(name: str, short: str, tier: Tier, adcode: str, platform: str, formats: list[str],
               capacity: int | None, parent: str | None = None, contact: str = "") -> uuid.UUID:
        phone = f"0{rng.randint(10, 99)}-{rng.randint(60000000, 89999999)}" if contact else ""
        if not people_too:  # made-up contacts only with the sample staff: a desk would call them
            contact = phone = ""
        found = have_outlets.get(name_key(name))
        if found is None:
            changes = outlets.create_outlet(
                db, name=name, short_name=short, tier=tier, adcode=adcode, platform=platform, formats=formats,
                capacity=capacity, parent_id=ids.get(parent) if parent else None, contact_name=contact,
                contact_phone=phone,
            )
            found = changes.row.id
            count("outlets", changes)
        ids[name] = found
        adcode_of[name] = P.current_code(adcode) or adcode
        return found

    def alliance(name: str, kind: AllianceKind, founded_on: str, description: str = "") -> uuid.UUID:
        found = have_alliances.get(name_key(name))
        if found is None:
            changes = alliances.create_alliance(db, name=name, kind=kind, founded_on=founded_on, description=description)
            found = changes.row.id
            count("alliances", changes)
        return found

    def member(alliance_id: uuid.UUID, outlet_id: uuid.UUID, role: MembershipRole = MembershipRole.MEMBER) -> None:
        if (alliance_id, outlet_id) not in have_members:
            have_members.add((alliance_id, outlet_id))
            count("memberships", alliances.add_member(db, alliance_id=alliance_id, outlet_id=outlet_id, role=role))

    def person_name() -> str:
        return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))

    report(0, 3, "媒体单位")
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

    report(1, 3, "联合体")
    tianfu = alliance("天府融媒联合体", AllianceKind.ALLIANCE, "2023-07-17",
                      "“4+21+185”：4家省级发起单位、21家市州媒体、185家县级融媒体中心。纵向贯通、横向联通。")
    for name, *_ in FOUNDERS:
        member(tianfu, ids[name], MembershipRole.FOUNDER)
    for name, oid in ids.items():
        if name in {f[0] for f in FOUNDERS} or name in {c[0] for c in CENTRAL}:
            continue
        if name in {c[0] for c in CHONGQING_PROVINCIAL}:
            continue
        if adcode_of[name].startswith(SICHUAN):
            member(tianfu, oid)
    xcq = alliance("新重庆区县融媒体矩阵", AllianceKind.REGIONAL, "2023-01-01",
                   "依托“新重庆”客户端，重庆日报报业集团与38个区县融媒体中心的内容协作网络。")
    member(xcq, ids["重庆日报报业集团"], MembershipRole.CHAIR)
    for county in P.counties(CHONGQING):
        member(xcq, ids[f"{county.name}融媒体中心"])
    fu = alliance("涪江流域川渝九地媒体联盟", AllianceKind.REGIONAL, "2021-09-01",
                  "涪江沿线川渝九地媒体，合作从“1+1”走向“1+N”。")
    for i, place in enumerate(FU_RIVER):
        member(fu, ids[f"{place}融媒体中心"], MembershipRole.CHAIR if i == 0 else MembershipRole.MEMBER)
    for a, b, title in (("巴南区", "温江区", "巴南—温江媒体合作协议"), ("渝中区", "青羊区", "渝中—青羊媒体合作协议")):
        pair = alliance(title, AllianceKind.BILATERAL, "2022-06-01")
        member(pair, ids[f"{a}融媒体中心"])
        member(pair, ids[f"{b}融媒体中心"])
    pottery = alliance("隆昌—荣昌《巴蜀陶韵》联合制作", AllianceKind.AD_HOC, "2024-03-01",
                       "两地共同的陶艺传统，联合制作专题片。")
    for place in ("隆昌市", "荣昌区"):
        member(pottery, ids[f"{place}融媒体中心"])

    report(2, 3, "人员")
    staff = out.staff
    if not people_too:
        report(3, 3, "完成")
        return out
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
            phone = f"1{rng.choice('3578')}{rng.randint(100000000, 999999999)}"
            if (ids[name], name_key(pname)) in have_people:
                continue
            changes = people.create_person(db, outlet_id=ids[name], name=pname, role=roles[i % len(roles)], phone=phone)
            count("people", changes)
            staff.setdefault(name, []).append(changes.row.id)

    report(3, 3, "完成")
    return out
