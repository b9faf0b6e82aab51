"""A project plan seen by the documents: lookups and the words each cell shows, computed once.

Everything here is plain text in the document's language (``zh`` or ``en``); the writers only
arrange it. Cancelled and declined assignments are left out of sheets and matrices (they are not
work anyone owes), but counted in the overview.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime

from planner.domain.enums import ACTIVE_STATUSES, Role
from planner.domain.places import places
from planner.domain.rows import AssignmentRow, OutletRow, PersonRow, ProjectPlan, StageRow
from planner.domain.timefmt import PLAN_TZ, fmt_date, fmt_datetime

_ROLE_ORDER = {Role.LEAD: 0, Role.SUPPORT: 1, Role.SYNDICATE: 2}


def today_text(lang: str, today: date | None = None) -> str:
    return fmt_date(today or datetime.now(PLAN_TZ).date(), lang)


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
        self._place_cache: dict[uuid.UUID, str] = {}

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

    def outlet_contact(self, oid: uuid.UUID | None) -> str:
        o = self.outlet(oid)
        if o is None:
            return ""
        return " ".join(x for x in (o.contact_name, o.contact_phone, o.contact_email) if x)

    def outlet_region(self, o: OutletRow) -> str:
        return places().label(o.adcode) if o.adcode else ""

    # -- stages ----------------------------------------------------------------------------------
    def stage_title(self, sid: uuid.UUID) -> str:
        st = self.stages.get(sid)
        return f"{st.position}. {st.title}" if st else ""

    def stage_time(self, st: StageRow) -> str:
        if st.starts_at is None:
            return self.t("待定", "TBC")
        start = fmt_datetime(st.starts_at, self.lang)
        text = start
        if st.ends_at is not None and st.ends_at > st.starts_at:
            s_loc, e_loc = st.starts_at.astimezone(PLAN_TZ), st.ends_at.astimezone(PLAN_TZ)
            text += "–" + (f"{e_loc:%H:%M}" if s_loc.date() == e_loc.date() else fmt_datetime(st.ends_at, self.lang))
        if st.time_tbc:
            text += self.t("（待定）", " (TBC)")
        return text

    def stage_place(self, st: StageRow) -> str:
        found = self._place_cache.get(st.id)
        if found is None:
            label = places().label(st.adcode) if st.adcode else ""
            found = st.location if st.location else label
            if st.location and label and label not in st.location:
                found = f"{st.location}（{label}）" if not self.en else f"{st.location} ({label})"
            self._place_cache[st.id] = found
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
        return fmt_datetime(a.due_at, self.lang) if a.due_at else ""

    def sorted_pieces(self, rows: list[AssignmentRow]) -> list[AssignmentRow]:
        order = {st.id: st.position for st in self.plan.stages}
        return sorted(rows, key=lambda a: (order.get(a.stage_id, 0), _ROLE_ORDER[a.role], a.format.value))
