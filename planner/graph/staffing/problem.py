"""From a plan's holes to an optimisation problem: slots, candidates, their costs and exclusions.

A **slot** is one piece a stage lacks: a required format nobody covers (``format``), a lead when the
stage has none and no format is missing (``lead``, in a format the outlet produces), or — on a stage
nobody covers yet — an optional syndication (``partner``) that keeps a newcomer from being alone on
it (the analysis reports an outlet that shares no stage with another). A **pair** is a slot and an
outlet that may fill it, with its weighted cost; the constraints that rule an outlet out of a slot
are counted per slot, so a hole nobody can fill says which constraint excluded everyone.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime

from planner.domain.availability import Busy
from planner.domain.enums import ACTIVE_STATUSES, TIER_RANK, Format, Role
from planner.domain.places import distance_km, places
from planner.domain.rows import OutletRow, StageRow
from planner.graph.staffing.model import StaffingInput

#: Constraints in the order they are applied; a slot's exclusions are counted under the first that fails.
EXCLUSIONS = ("alliance", "format", "duplicate", "rejected", "capacity", "unavailable")
#: Assumed hours of travel from an outlet whose place has no coordinates (counts against it).
UNKNOWN_TRAVEL_H = 4.0
#: Capacity assumed for the load objective of an outlet that has none set (no limit is enforced).
NOMINAL_CAPACITY = 10
#: Load is convex in this many steps (piece 1, 2, … cost more); beyond, each piece costs the last step.
LOAD_STEPS = 8
#: Fixed cost of an optional syndication: used only where a newcomer needs a partner on the stage.
PARTNER_COST = 1.0
#: The order in which a lead or a syndication picks its format when any will do.
FORMAT_ORDER = tuple(Format)


@dataclass
class Slot:
    index: int
    stage: StageRow
    kind: str  # "format" | "lead" | "partner"
    format: Format | None  # None: chosen per outlet (lead, partner)
    required: bool
    fills: str  # missing_format | no_lead | uncovered | partner
    existing: frozenset[int] = frozenset()  # outlets (by index) with active pieces on the stage
    excluded: dict[str, int] = field(default_factory=dict)
    considered: int = 0

    def pairing(self, o: int) -> bool:
        """Whether filling this slot puts outlet ``o`` on a stage beside an outlet already there."""
        return len(self.existing) > (1 if o in self.existing else 0)


@dataclass
class Pair:
    slot: int
    o: int  # the outlet's index (:attr:`Problem.outlet_ids`)
    outlet: uuid.UUID
    format: Format
    cost: float  # every weighted term but load
    travel_km: float | None
    travel_h: float
    cross: float  # share of the stage's partners in another province (0–1)
    vertical: float  # share of them of another tier (0–1)
    isolated: bool


@dataclass
class Problem:
    """Slots, candidate pairs and what the constraints need, for one project.

    Outlets are numbered (``outlet_ids[o]``): the loops over thousands of pairs hash small integers,
    not UUIDs.
    """

    inp: StaffingInput
    slots: list[Slot]
    pairs: list[Pair]
    by_slot: dict[int, list[int]]
    by_outlet: dict[int, list[int]]
    outlet_ids: list[uuid.UUID]
    open_count: list[int]
    cap_left: list[int | None]
    capacity: list[int]  # for the load objective: the capacity, or NOMINAL_CAPACITY when none is set
    existing: dict[uuid.UUID, set[uuid.UUID]]  # stage → outlets with active pieces on it
    paired: set[int]  # outlets that already share a stage with another outlet in the plan
    need_lead: set[uuid.UUID]
    uncovered: list[uuid.UUID]  # stages with no active piece, in order
    stage_slots: dict[uuid.UUID, list[Slot]]
    partners: dict[uuid.UUID, set[uuid.UUID]]  # stage → outlets the cross/vertical shares compare with
    penalty: float
    history: dict[uuid.UUID, frozenset[uuid.UUID]] = field(default_factory=dict)  # outlet → past partners
    origin: list[int] = field(default_factory=list)  # pair index → index in the full problem (see restricted)

    def outlet(self, oid: uuid.UUID) -> OutletRow:
        return self.inp.outlets[oid]

    def marginal(self, o: int, j: int) -> float:
        """Load cost of the ``j``-th new piece (from 1) of outlet ``o``: its utilisation after it."""
        return (self.open_count[o] + min(j, LOAD_STEPS)) / self.capacity[o]

    def pairing_slot(self, slot: Slot, o: int) -> bool:
        return slot.pairing(o)

    def restricted(self, keep: list[int]) -> Problem:
        """The same problem over only the pairs ``keep`` (``origin`` maps them back)."""
        pairs = [self.pairs[p] for p in keep]
        by_slot: dict[int, list[int]] = defaultdict(list)
        by_outlet: dict[int, list[int]] = defaultdict(list)
        for i, pair in enumerate(pairs):
            by_slot[pair.slot].append(i)
            by_outlet[pair.o].append(i)
        base = self.origin or list(range(len(self.pairs)))
        return replace(self, pairs=pairs, by_slot=dict(by_slot), by_outlet=dict(by_outlet),
                       origin=[base[p] for p in keep])


def stage_window(st: StageRow) -> tuple[datetime, datetime] | None:
    """The stage's time as the analysis reads it (None for a stage without a time)."""
    if st.starts_at is None or st.time_tbc:
        return None
    end = st.ends_at if st.ends_at is not None and st.ends_at >= st.starts_at else st.starts_at
    return st.starts_at, end


def _overlaps(window: tuple[datetime, datetime], b: Busy) -> bool:
    """Whether an absence touches a stage's time, as the analysis's "person unavailable" rule reads it."""
    start, end = window
    return (b.start < end and start < b.end) or (start == end and b.start <= start < b.end)


def person_away(inp: StaffingInput, pid: uuid.UUID, window: tuple[datetime, datetime] | None) -> Busy | None:
    """The absence that keeps a person from a stage's time, or None."""
    if window is None:
        return None
    return next((b for b in inp.away.get(pid, ()) if _overlaps(window, b)), None)


def outlet_unavailable(inp: StaffingInput, oid: uuid.UUID, st: StageRow) -> bool:
    """An outlet with people of whom every active one is away for the whole of the stage's time."""
    window = stage_window(st)
    staff = [p for p in inp.people.get(oid, ()) if p.active]
    if window is None or not staff:
        return False
    return all(person_away(inp, p.id, window) is not None for p in staff)


def build_problem(inp: StaffingInput) -> Problem:
    """The slots of every hole of the plan's stages in scope, and every outlet that may fill each."""
    plan = inp.plan
    w = inp.weights
    scope = set(inp.stage_ids) if inp.stage_ids is not None else None
    stages = [st for st in plan.stages if scope is None or st.id in scope]
    # outlets by number, in a stable order (tier, place, name)
    outlet_ids = sorted(inp.outlets, key=lambda oid: (TIER_RANK[inp.outlets[oid].tier], inp.outlets[oid].adcode or "",
                                                      inp.outlets[oid].name, str(oid)))
    index = {oid: o for o, oid in enumerate(outlet_ids)}
    rows = [inp.outlets[oid] for oid in outlet_ids]
    n = len(rows)

    active = [a for a in plan.assignments if a.status in ACTIVE_STATUSES]
    existing: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    held: dict[uuid.UUID, set[tuple[int, Format]]] = defaultdict(set)
    leads: set[uuid.UUID] = set()
    for a in active:
        existing[a.stage_id].add(a.outlet_id)
        held[a.stage_id].add((index.get(a.outlet_id, -1), a.format))
        if a.role is Role.LEAD:
            leads.add(a.stage_id)
    paired: set[int] = set()
    for outlets_on in existing.values():
        if len(outlets_on) > 1:
            paired |= {index[oid] for oid in outlets_on if oid in index}
    project_outlets = {a.outlet_id for a in active}
    if plan.project.lead_outlet_id:
        project_outlets.add(plan.project.lead_outlet_id)

    slots: list[Slot] = []
    need_lead: set[uuid.UUID] = set()
    uncovered: list[uuid.UUID] = []
    stage_slots: dict[uuid.UUID, list[Slot]] = {}
    required = list(dict.fromkeys(plan.project.required_formats))
    for st in stages:
        have = {f for _o, f in held.get(st.id, set())}
        is_uncovered = not existing.get(st.id)
        missing = [f for f in required if f not in have]
        lacks_lead = st.id not in leads
        if not missing and not lacks_lead:
            continue
        if lacks_lead:
            need_lead.add(st.id)
        on_stage = frozenset(index[oid] for oid in existing.get(st.id, ()) if oid in index)
        fills = "uncovered" if is_uncovered else None
        mine = [Slot(0, st, "format", f, True, fills or "missing_format", on_stage) for f in missing]
        if lacks_lead and not missing:
            mine.append(Slot(0, st, "lead", None, True, fills or "no_lead", on_stage))
        if is_uncovered:
            uncovered.append(st.id)
            mine.append(Slot(0, st, "partner", None, False, "partner", on_stage))
        for slot in mine:
            slot.index = len(slots)
            slots.append(slot)
        stage_slots[st.id] = mine

    open_count = [int(inp.open_counts.get(oid, 0)) for oid in outlet_ids]
    cap_left = [None if r.capacity is None else r.capacity - open_count[o] for o, r in enumerate(rows)]
    capacity = [r.capacity if r.capacity else NOMINAL_CAPACITY for r in rows]

    partners = {sid: set(existing.get(sid) or project_outlets) for sid in stage_slots}
    known = {**plan.outlets, **inp.outlets}
    pl = places()
    outlet_xy = [pl.coords(r.adcode) for r in rows]
    kmh = inp.travel_kmh if inp.travel_kmh > 0 else 80.0
    must = set(inp.must_produce)
    produced = [frozenset(r.formats) if r.formats and must <= set(r.formats) else frozenset() for r in rows]
    allowed = [inp.allowed is None or oid in inp.allowed for oid in outlet_ids]
    rejected_anywhere = {index[oid] for sid, oid in inp.rejected if sid is None and oid in index}
    rejected_at: dict[uuid.UUID, set[int]] = defaultdict(set)
    for sid, oid in inp.rejected:
        if sid is not None and oid in index:
            rejected_at[sid].add(index[oid])
    with_absences = {index[p.outlet_id] for ps in inp.people.values() for p in ps
                     if p.id in inp.away and p.outlet_id in index}
    isolated = [oid in inp.isolated for oid in outlet_ids]

    pairs: list[Pair] = []
    by_slot: dict[int, list[int]] = defaultdict(list)
    by_outlet: dict[int, list[int]] = defaultdict(list)
    for sid, mine in stage_slots.items():
        st = mine[0].stage
        stage_xy = pl.coords(st.adcode)
        shares = _Shares([known[p] for p in partners[sid] if p in known])
        links = [shares.of(r) for r in rows]
        hours: list[float] = []
        kms: list[float | None] = []
        for o in range(n):
            if stage_xy is None:
                hours.append(0.0)  # no place to go to: travel tells the candidates apart by nothing
                kms.append(None)
            elif outlet_xy[o] is None:
                hours.append(UNKNOWN_TRAVEL_H)
                kms.append(None)
            else:
                km = distance_km(outlet_xy[o], stage_xy)  # type: ignore[arg-type]
                hours.append(km / kmh)
                kms.append(km)
        unavailable = {o for o in with_absences if outlet_unavailable(inp, outlet_ids[o], st)}
        held_here = held.get(sid, set())
        stage_formats = [s.format for s in mine if s.format is not None]
        refused_here = rejected_anywhere | rejected_at.get(sid, set())
        # what rules an outlet out whatever the slot: counted in the order of EXCLUSIONS
        early = Counter[str]()
        open_to: list[int] = []
        late: dict[int, str] = {}
        for o in range(n):
            if not allowed[o]:
                early["alliance"] += 1
            elif not produced[o]:
                early["format"] += 1
            else:
                open_to.append(o)
                left = cap_left[o]
                if o in refused_here:
                    late[o] = "rejected"
                elif left is not None and left <= 0:
                    late[o] = "capacity"
                elif o in unavailable:
                    late[o] = "unavailable"
        for slot in mine:
            excluded = Counter(early)
            partner = slot.kind == "partner"
            for o in open_to:
                can = produced[o]
                fmt = _format_for(slot, o, can, held_here, required, stage_formats)
                if fmt is None:
                    excluded["format" if slot.format is not None and slot.format not in can else "duplicate"] += 1
                    continue
                if o in late:
                    excluded[late[o]] += 1
                    continue
                h = 0.0 if partner else hours[o]  # a syndication is published from home
                cross, vertical = links[o]
                cost = (w.travel * h + w.cross_province * (1.0 - cross) + w.vertical * (1.0 - vertical)
                        + w.isolated * (0.0 if isolated[o] else 1.0) + (PARTNER_COST if partner else 0.0))
                by_slot[slot.index].append(len(pairs))
                by_outlet[o].append(len(pairs))
                pairs.append(Pair(slot.index, o, outlet_ids[o], fmt, cost, None if partner else kms[o], h,
                                  cross, vertical, isolated[o]))
            slot.considered = n
            slot.excluded = {k: excluded[k] for k in EXCLUSIONS if excluded[k]}

    top_pair = max((p.cost for p in pairs), default=0.0)
    top_load = max((w.load * (open_count[o] + LOAD_STEPS) / capacity[o] for o in by_outlet), default=0.0)
    penalty = 100.0 + 4.0 * (top_pair + top_load + PARTNER_COST)
    return Problem(inp, slots, pairs, dict(by_slot), dict(by_outlet), outlet_ids, open_count, cap_left, capacity,
                   dict(existing), paired, need_lead, uncovered, stage_slots, partners, penalty, dict(inp.partners))


def _format_for(slot: Slot, o: int, produced: frozenset[Format], held: set[tuple[int, Format]],
                required: list[Format], stage_formats: list[Format]) -> Format | None:
    """The format outlet ``o`` would fill ``slot`` in, or None if it produces none it may take there."""
    if slot.format is not None:
        return slot.format if slot.format in produced and (o, slot.format) not in held else None
    prefer = [*stage_formats, *required, *FORMAT_ORDER] if slot.kind == "partner" else [*required, *FORMAT_ORDER]
    for f in dict.fromkeys(prefer):
        if f in produced and (o, f) not in held:
            return f
    return None


class _Shares:
    """The provinces and tiers of a stage's partners, to tell at once how an outlet links to them."""

    def __init__(self, rows: list[OutletRow]) -> None:
        self.ids = {r.id for r in rows}
        self.rows = len(rows)
        self.provinces = Counter(r.province_code for r in rows if r.province_code)
        self.known = sum(self.provinces.values())
        self.tiers = Counter(r.tier for r in rows)

    def of(self, o: OutletRow) -> tuple[float, float]:
        """Shares of the partners (other than ``o``) in another province and of another tier
        (0.5, 0.5 when the stage has no partners to compare with)."""
        rows, known = self.rows, self.known
        same_prov = self.provinces.get(o.province_code, 0) if o.province_code else 0
        same_tier = self.tiers.get(o.tier, 0)
        if o.id in self.ids:  # itself is no partner
            rows -= 1
            same_tier -= 1
            if o.province_code:
                known -= 1
                same_prov -= 1
        if rows <= 0:
            return 0.5, 0.5
        cross = ((known - same_prov) / known if o.province_code else 0.0) if known else 0.5
        return cross, (rows - same_tier) / rows
