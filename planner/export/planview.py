"""A project plan seen by the documents: lookups and the words each cell shows, computed once.

Everything here is plain text in the document's language (``zh`` or ``en``); the writers only
arrange it. Cancelled and declined assignments are left out of sheets and matrices (they are not
work anyone owes), but counted in the overview.

Dates follow Chinese office usage: a time within the project's year drops the year
(``12月26日 08:00``), one in another year keeps it (``2027年1月2日 09:00``); a range within a day is
``08:00—09:30`` and across days ``12月28日 09:00至1月2日 09:00`` (never a spaced en dash). English
documents write ``26 Dec 08:00`` and ``28 Dec 09:00 – 2 Jan 09:00``.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime

from planner.domain.enums import ACTIVE_STATUSES, TIER_RANK, Role
from planner.domain.places import places
from planner.domain.rows import AssignmentRow, OutletRow, PersonRow, ProjectPlan, StageRow
from planner.domain.timefmt import PLAN_TZ, fmt_date

_ROLE_ORDER = {Role.LEAD: 0, Role.SUPPORT: 1, Role.SYNDICATE: 2}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def long_date(d: date | None, lang: str) -> str:
    """``2026年12月21日`` / ``21 Dec 2026``."""
    if d is None:
        return ""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}" if lang == "en" else fmt_date(d, "zh")


def today_text(lang: str, today: date | None = None) -> str:
    return long_date(today or datetime.now(PLAN_TZ).date(), "en" if lang.startswith("en") else "zh")


def date_range(start: date | None, end: date | None, lang: str) -> str:
    """``2026年12月21日至2027年1月25日`` / ``21 Dec 2026 – 25 Jan 2027`` (either end may be missing)."""
    a, b = long_date(start, lang), long_date(end, lang)
    if a and b:
        return f"{a} – {b}" if lang == "en" else f"{a}至{b}"
    return a or b


def place_text(code: str | None, lang: str, *, short: bool = False) -> str:
    """``四川省泸州市龙马潭区`` (Chinese names run together, no spaces); ``short``: the last two
    levels (``泸州市龙马潭区``). English documents list them smallest first, with commas."""
    p = places()
    found = p.get(code) if code else None
    if found is None:
        return ""
    chain: list[str] = []
    for part in (p.province(found.adcode), p.city(found.adcode), found):
        if part is not None and (not chain or part.name != chain[-1]):
            chain.append(part.name)
    if short and len(chain) > 2:
        chain = chain[-2:]
    return ", ".join(reversed(chain)) if lang == "en" else "".join(chain)


def tier_order(outlet: OutletRow) -> int:
    """中央 → 省 → 市 → 县."""
    return TIER_RANK.get(outlet.tier, 9)


class PlanView:
    """Indexes of one :class:`ProjectPlan` and the text of its stages, outlets, people and pieces."""

    def __init__(self, plan: ProjectPlan, lang: str) -> None:
        self.plan = plan
        self.lang = "en" if lang.startswith("en") else "zh"
        self.en = self.lang == "en"
        self.sep = ", " if self.en else "、"
        self.stages = {st.id: st for st in plan.stages}
        self.active: list[AssignmentRow] = [
            a for a in plan.assignments if a.status in ACTIVE_STATUSES and a.stage_id in self.stages]
        self.by_stage: dict[uuid.UUID, list[AssignmentRow]] = defaultdict(list)
        self.by_outlet: dict[uuid.UUID, list[AssignmentRow]] = defaultdict(list)
        self.by_person: dict[uuid.UUID, list[AssignmentRow]] = defaultdict(list)
        for a in self.active:
            self.by_stage[a.stage_id].append(a)
            self.by_outlet[a.outlet_id].append(a)
            for pid in a.person_ids:
                self.by_person[pid].append(a)
        self._place_cache: dict[tuple[uuid.UUID, bool], str] = {}
        starts = [st.starts_at for st in plan.stages if st.starts_at is not None]
        #: the project's year: dates in it are written without the year
        self.year = (plan.project.starts_on.year if plan.project.starts_on else
                     (min(starts).astimezone(PLAN_TZ).year if starts else datetime.now(PLAN_TZ).year))

    def t(self, zh: str, en: str) -> str:
        return en if self.en else zh

    # -- names -----------------------------------------------------------------------------------
    def outlet(self, oid: uuid.UUID | None) -> OutletRow | None:
        return self.plan.outlets.get(oid) if oid else None

    def outlet_name(self, oid: uuid.UUID | None) -> str:
        o = self.outlet(oid)
        return o.name if o else ""

    def outlet_short(self, oid: uuid.UUID | None) -> str:
        o = self.outlet(oid)
        return o.display_name if o else ""

    def person(self, pid: uuid.UUID | None) -> PersonRow | None:
        return self.plan.people.get(pid) if pid else None

    def person_names(self, a: AssignmentRow) -> str:
        return self.sep.join(p.name for p in (self.plan.people.get(i) for i in a.person_ids) if p)

    def person_with_phone(self, pid: uuid.UUID | None) -> str:
        p = self.person(pid)
        if p is None:
            return ""
        return f"{p.name} {p.phone}".strip()

    def person_with_outlet(self, pid: uuid.UUID | None) -> str:
        """``梁玉兰（川报集团）13244337789`` — no half-width space beside a full-width bracket."""
        p = self.person(pid)
        if p is None:
            return ""
        outlet = self.outlet_short(p.outlet_id)
        if self.en:
            return " ".join(x for x in (p.name, f"({outlet})" if outlet else "", p.phone) if x)
        return p.name + (f"（{outlet}）" if outlet else (" " if p.phone else "")) + p.phone

    def outlet_contact(self, oid: uuid.UUID | None) -> str:
        o = self.outlet(oid)
        if o is None:
            return ""
        return " ".join(x for x in (o.contact_name, o.contact_phone, o.contact_email) if x)

    def place_label(self, code: str | None, *, short: bool = False) -> str:
        return place_text(code, self.lang, short=short)

    def outlet_region(self, o: OutletRow) -> str:
        return self.place_label(o.adcode)

    # -- stages ----------------------------------------------------------------------------------
    def stage_title(self, sid: uuid.UUID) -> str:
        st = self.stages.get(sid)
        return f"{st.position}. {st.title}" if st else ""

    # -- dates -----------------------------------------------------------------------------------
    def day(self, d: date) -> str:
        """``12月26日`` in the project's year, else ``2027年1月2日`` (``26 Dec`` / ``2 Jan 2027``)."""
        if self.en:
            return f"{d.day} {_MONTHS[d.month - 1]}" + ("" if d.year == self.year else f" {d.year}")
        return (f"{d.month}月{d.day}日" if d.year == self.year else f"{d.year}年{d.month}月{d.day}日")

    def when(self, dt: datetime | None) -> str:
        """A time as the documents write it: ``12月26日 08:00``."""
        if dt is None:
            return ""
        loc = dt.astimezone(PLAN_TZ)
        return f"{self.day(loc.date())} {loc:%H:%M}"

    def stage_time(self, st: StageRow) -> str:
        if st.starts_at is None:
            return self.t("待定", "TBC")
        text = self.when(st.starts_at)
        if st.ends_at is not None and st.ends_at > st.starts_at:
            s_loc, e_loc = st.starts_at.astimezone(PLAN_TZ), st.ends_at.astimezone(PLAN_TZ)
            if s_loc.date() == e_loc.date():
                text += ("–" if self.en else "—") + f"{e_loc:%H:%M}"
            else:
                text += (" – " if self.en else "至") + self.when(st.ends_at)
        if st.time_tbc:
            text += self.t("（待定）", " (TBC)")
        return text

    def stage_place(self, st: StageRow, *, short: bool = False) -> str:
        """The stage's location and its place (``泸州东站站前广场（四川省泸州市龙马潭区）``); ``short``
        keeps only the county beside a named location, for narrow columns."""
        key = (st.id, short)
        found = self._place_cache.get(key)
        if found is None:
            label = self.place_label(st.adcode, short=short)
            if short and st.location and st.adcode:
                hit = places().get(st.adcode)
                label = hit.name if hit is not None else label
            found = st.location if st.location else label
            if st.location and label and label not in st.location:
                found = f"{st.location}（{label}）" if not self.en else f"{st.location} ({label})"
            self._place_cache[key] = found
        return found

    def stage_leads(self, sid: uuid.UUID) -> str:
        names = dict.fromkeys(self.outlet_short(a.outlet_id) for a in self.by_stage.get(sid, ()) if a.role is Role.LEAD)
        return self.sep.join(names)

    def stage_dependencies(self, st: StageRow) -> str:
        return self.sep.join(self.stage_title(d) for d in st.depends_on if d in self.stages)

    def partners(self, sid: uuid.UUID, exclude: uuid.UUID | None) -> list[AssignmentRow]:
        """The other outlets' pieces on a stage, leads first."""
        rows = [a for a in self.by_stage.get(sid, ()) if a.outlet_id != exclude]
        rows.sort(key=lambda a: (_ROLE_ORDER[a.role], self.outlet_short(a.outlet_id)))
        return rows

    # -- pieces ----------------------------------------------------------------------------------
    def piece(self, a: AssignmentRow) -> str:
        """``主办·直播`` / ``Lead · Live stream``."""
        return f"{a.role.label(self.lang)} · {a.format.label(self.lang)}" if self.en else \
            f"{a.role.label('zh')}·{a.format.label('zh')}"

    def due(self, a: AssignmentRow) -> str:
        return self.when(a.due_at)

    def uncovered(self, sid: uuid.UUID) -> bool:
        """No active piece on the stage: the documents mark it 无人报道."""
        return not self.by_stage.get(sid)

    def uncovered_text(self) -> str:
        return self.t("无人报道", "Not covered")

    def sorted_pieces(self, rows: list[AssignmentRow]) -> list[AssignmentRow]:
        order = {st.id: st.position for st in self.plan.stages}
        return sorted(rows, key=lambda a: (order.get(a.stage_id, 0), _ROLE_ORDER[a.role], a.format.value))
