"""Scenario templates: a new project with default stages, dependencies and required formats.

Three scenarios from the alliance's practice: an infrastructure opening (stations along the line plus
the front-line → expert → impact reporting chain), a major event (warm-up to follow-up), and an
emergency (first alert to aftermath, planned in minutes).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from planner.domain.changes import Changes
from planner.domain.enums import Entity, Format, ProjectKind, ProjectStatus, StageKind
from planner.domain.errors import ValidationError
from planner.domain.places import places
from planner.domain.timefmt import PLAN_TZ
from planner.services.projects import _check, clean_project
from planner.services.stages import clean_stage
from planner.services.unit import unit
from planner.services.validate import adcode_value
from planner.store.convert import project_row
from planner.store.database import Database
from planner.store.models import Project, Stage, StageDependency


@dataclass(frozen=True)
class StageSpec:
    title: str
    title_en: str
    kind: StageKind
    day: int  # days after the project start
    start_hour: int = 9
    hours: int = 4
    after_previous: bool = False  # depends on the stage before it
    notes: str = ""


@dataclass(frozen=True)
class Template:
    key: str
    zh: str
    en: str
    kind: ProjectKind
    required_formats: tuple[Format, ...]
    stages: tuple[StageSpec, ...]
    days: int
    description_zh: str = ""
    description_en: str = ""
    places_before: bool = field(default=False)  # station stages go before the chain

    def label(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


TEMPLATES: dict[str, Template] = {
    t.key: t
    for t in (
        Template(
            key="infrastructure",
            zh="重大工程开通（站点 + 报道链）",
            en="Infrastructure opening (stations + reporting chain)",
            kind=ProjectKind.INFRASTRUCTURE,
            required_formats=(Format.TEXT, Format.PHOTO, Format.SHORT_VIDEO, Format.LIVE),
            days=30,
            places_before=True,
            description_zh="沿线站点各设一个环节，再串起前方体验采访 → 中期专家解读 → 后期影响评估的报道链。",
            description_en="One stage per station along the line, then the front-line → expert → impact chain.",
            stages=(
                StageSpec("开通仪式", "Opening ceremony", StageKind.EVENT, 0, 9, 3),
                # after the ceremony ends (12:00): it depends on it, and starting at 10:00 made every
                # new plan warn that 前方体验采访 starts before its prerequisite ends
                StageSpec("前方体验采访", "Front-line ride-along", StageKind.PHASE, 0, 12, 8, after_previous=True),
                StageSpec("中期专家解读", "Expert analysis", StageKind.PHASE, 3, 9, 48, after_previous=True),
                StageSpec("后期影响评估", "Impact assessment", StageKind.PHASE, 20, 9, 72, after_previous=True),
            ),
        ),
        Template(
            key="event",
            zh="重大活动（峰会、论坛、博览会）",
            en="Major event (summit, forum, fair)",
            kind=ProjectKind.EVENT,
            required_formats=(Format.TEXT, Format.PHOTO, Format.LIVE),
            days=10,
            description_zh="预热 → 开幕 → 主题论坛与签约 → 闭幕 → 后续解读。",
            description_en="Warm-up → opening → sessions and signings → closing → follow-up.",
            stages=(
                StageSpec("活动预热", "Warm-up", StageKind.PHASE, 0, 9, 72),
                StageSpec("开幕式", "Opening", StageKind.EVENT, 3, 9, 2, after_previous=True),
                StageSpec("主题论坛", "Main forum", StageKind.EVENT, 3, 14, 4),
                StageSpec("签约仪式", "Signing ceremony", StageKind.EVENT, 4, 10, 2),
                StageSpec("闭幕式", "Closing", StageKind.EVENT, 4, 16, 2),
                StageSpec("后续解读", "Follow-up analysis", StageKind.PHASE, 5, 9, 96, after_previous=True),
            ),
        ),
        Template(
            key="emergency",
            zh="突发事件联动报道",
            en="Emergency joint coverage",
            kind=ProjectKind.EMERGENCY,
            required_formats=(Format.TEXT, Format.LIVE, Format.SHORT_VIDEO),
            days=7,
            description_zh="首发预警 → 现场直播 → 权威发布与辟谣 → 救援进展 → 善后恢复，按小时推进。",
            description_en="First alert → live coverage → official release and rumour rebuttal → rescue → aftermath.",
            stages=(
                StageSpec("首发预警", "First alert", StageKind.PHASE, 0, 0, 1),
                StageSpec("现场直播", "Live from the scene", StageKind.PHASE, 0, 1, 12, after_previous=True),
                StageSpec("权威发布与辟谣", "Official release and rumour rebuttal", StageKind.PHASE, 0, 2, 24),
                # once 权威发布与辟谣 (day 0, 02:00 + 24 h) has ended, and over before 善后与恢复
                StageSpec("救援进展", "Rescue progress", StageKind.PHASE, 1, 2, 46, after_previous=True),
                StageSpec("善后与恢复", "Aftermath and recovery", StageKind.PHASE, 3, 0, 96, after_previous=True),
            ),
        ),
    )
}


def create_from_template(
    db: Database, *, template: str, title: str, code: str | None = None, starts_on: date | str | None = None,
    lead_outlet_id: uuid.UUID | None = None, stations: list[str | tuple[str, str]] | tuple[str | tuple[str, str], ...] = (),
    lang: str = "zh",
) -> Changes:
    """Create a project from ``TEMPLATES[template]`` starting on ``starts_on`` (default today).

    ``stations`` are station names, optionally paired with a place name or code
    (``("重庆西", "沙坪坝区")``); each becomes a place stage on the opening day, before the chain. A
    bare name that is itself a known place gets that place; one that is not (成都东站) is refused
    (``station_place``) rather than left without a place, which blinded the travel-time rule.

    The stages' times are chosen so that the new plan has no findings of its own making: only
    "nobody covers this stage yet", which the editor is about to fix. ``lang="en"`` writes the
    description and the chain's stage titles in English (a desk working in English got Chinese ones).
    """
    english = lang.startswith("en")
    spec = TEMPLATES.get(template)
    if spec is None:
        raise ValidationError("bad_choice", field="template", what="类型", value=template)
    with unit(db) as tx:
        values = clean_project(
            {"title": title, "code": code, "starts_on": starts_on, "lead_outlet_id": lead_outlet_id}
        )
        start: date = values["starts_on"] or datetime.now(PLAN_TZ).date()
        values["starts_on"] = start
        _check(tx, values, None)
        project = Project(
            **values, kind=spec.kind.value, status=ProjectStatus.PLANNING.value,
            ends_on=start + timedelta(days=spec.days),
            summary=spec.description_en if english else spec.description_zh,
            required_formats=[f.value for f in spec.required_formats],
        )
        tx.add(Entity.PROJECT, project)
        tx.flush()
        previous: Stage | None = None
        rows: list[tuple[Stage, bool]] = []
        for i, station in enumerate(stations):
            name, where = station if isinstance(station, tuple) else (station, "")
            if where:
                adcode = adcode_value(where, field="stations")
            else:
                place = places().resolve(name)
                if place is None:
                    raise ValidationError("station_place", field="stations", station=name.strip())
                adcode = place.adcode
            stage_values = clean_stage({"title": _station_title(name)})
            begin = datetime.combine(start, time(9 + (i % 8), 0), PLAN_TZ)
            rows.append((Stage(project_id=project.id, kind=StageKind.PLACE.value, adcode=adcode, starts_at=begin,
                               ends_at=begin + timedelta(hours=2), **stage_values), False))
        for st in spec.stages:
            begin = datetime.combine(start + timedelta(days=st.day), time(st.start_hour, 0), PLAN_TZ)
            rows.append((Stage(project_id=project.id, kind=st.kind.value, starts_at=begin,
                               ends_at=begin + timedelta(hours=st.hours), notes=st.notes,
                               **clean_stage({"title": st.title_en if english else st.title})), st.after_previous))
        for position, (stage, after_previous) in enumerate(rows, start=1):
            stage.position = position
            tx.add(Entity.STAGE, stage, log=False)
            tx.flush(what_="报道环节", value=stage.title)
            if after_previous and previous is not None:
                tx.add(Entity.STAGE_DEPENDENCY, StageDependency(stage_id=stage.id, depends_on_id=previous.id), log=False)
            previous = stage
        tx.flush()
        return tx.changes(row=project_row(project.model_dump()))


def _station_title(name: str) -> str:
    """A station's stage title: a Chinese name gets 站 (永川东 → 永川东站), a name in Latin letters
    (Yongchuan East) is kept as written."""
    name = name.strip()
    if name.endswith("站") or not any("\u4e00" <= ch <= "\u9fff" for ch in name):
        return name
    return f"{name}站"
