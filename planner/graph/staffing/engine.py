"""One call from a project's holes to explained suggestions: :func:`suggest`.

It builds the problem (:mod:`.problem`), solves it (:mod:`.solve`), names a lead where a stage
lacks one, proposes people where availability allows (:mod:`.people`), and checks the result with
the plan analysis (:mod:`.check`): a suggestion that would add a finding is withdrawn and reported
as an open hole with the finding named, so what is returned never makes the plan worse.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from datetime import datetime

from planner.domain.enums import ACTIVE_STATUSES, TIER_RANK, Role, StageKind
from planner.domain.findings import finding_text
from planner.domain.rows import PersonRow, StageRow
from planner.graph.staffing.check import implicated, new_findings
from planner.graph.staffing.model import Reason, StaffingInput, StaffingResult, Suggestion, Unfilled
from planner.graph.staffing.people import PeoplePicker
from planner.graph.staffing.problem import Pair, Problem, Slot, build_problem, stage_window
from planner.graph.staffing.solve import evaluate, solve


def suggest(inp: StaffingInput) -> StaffingResult:
    """Suggestions that close the holes of ``inp.plan`` (or of ``inp.stage_ids``), best first by stage."""
    inp.weights.check()
    pb = build_problem(inp)
    required = [s for s in pb.slots if s.required]
    if not required:
        return StaffingResult(inp.plan.project.id, (), (), 0.0, 0.0, 0.0, "nothing_to_do", 0, inp.weights,
                              _weight_notes(pb))
    solution = solve(pb, time_limit=inp.time_limit)
    greedy_cost = solution.baseline
    picks = dict(solution.picks)
    roles = _roles(pb, picks)
    chosen = frozenset(pb.pairs[p].outlet for p in picks.values())
    if inp.history is not None and chosen:
        partners = frozenset(pb.pairs[p].outlet for p in picks.values()) | frozenset(
            oid for k in picks for oid in pb.existing.get(pb.slots[k].stage.id, ()))
        pb.history = {**inp.partners, **inp.history(chosen, partners)}
    booked = {pid: list(w) for pid, w in inp.booked.items()}
    stages = {st.id: st for st in inp.plan.stages}
    for a in inp.plan.assignments:  # this plan's own bookings, whatever else the caller read
        window = stage_window(stages[a.stage_id]) if a.stage_id in stages else None
        if a.status in ACTIVE_STATUSES and window is not None:
            for pid in a.person_ids:
                booked.setdefault(pid, []).append(window)
    if inp.bookings is not None and chosen:
        staff = frozenset(p.id for oid in chosen for p in inp.people.get(oid, ()))
        for pid, windows in inp.bookings(staff).items():
            booked.setdefault(pid, []).extend(windows)
    picker = PeoplePicker(inp, {pid: list(dict.fromkeys(ws)) for pid, ws in booked.items()})
    people_rows = {p.id: p for rows in inp.people.values() for p in rows}
    made: dict[int, Suggestion] = {}
    for k in sorted(picks, key=lambda k: (pb.slots[k].stage.position, k)):
        made[k] = _suggestion(pb, pb.slots[k], pb.pairs[picks[k]], roles[k], picker, picks)

    withdrawn: dict[int, dict[str, str]] = {}
    for _round in range(len(made) + 1):
        found = new_findings(inp.plan, list(made.values()), inp.outlets, people_rows,
                             open_counts=_counts(inp), travel_kmh=inp.travel_kmh, away=inp.away)
        if not found:
            break
        finding = found[0]
        hit = implicated(finding, list(made.values()))
        text = {"zh": finding_text(finding, "zh"), "en": finding_text(finding, "en")}
        with_people = [s for s in hit if s.person_ids]
        if finding.person_ids and with_people:  # a person's clash: keep the piece, leave naming people to the desk
            for k, s in list(made.items()):
                if s in with_people:
                    made[k] = _without_people(s)
            continue
        stages = {s.stage_id for s in hit} or set(finding.stage_ids)
        for k in [k for k, s in made.items() if s.stage_id in stages]:
            withdrawn[k] = text
            del made[k]
            picks.pop(k, None)
        if not hit and not stages:  # nothing of ours to take back: stop rather than loop
            break

    suggestions = tuple(made[k] for k in sorted(made, key=lambda k: (pb.slots[k].stage.position, k)))
    unfilled = _unfilled(pb, picks, withdrawn)
    objective = evaluate(pb, picks)
    notes = list(_weight_notes(pb))
    if solution.status == "time_limit":
        notes.insert(0, Reason("time_limit", {"seconds": f"{inp.time_limit:g}"}))
    elif solution.status == "greedy":
        notes.insert(0, Reason("greedy", {"seconds": f"{inp.time_limit:g}"}))
    return StaffingResult(inp.plan.project.id, suggestions, unfilled, objective, greedy_cost, solution.seconds,
                          solution.status, len(required), inp.weights, tuple(notes))


def _counts(inp: StaffingInput) -> dict[uuid.UUID, int]:
    return {oid: int(n) for oid, n in inp.open_counts.items()}


def _roles(pb: Problem, picks: dict[int, int]) -> dict[int, Role]:
    """Lead, support or syndication per chosen slot: a stage without a lead gets one of its new pieces
    as lead — the highest tier, then the nearest, then the first required format."""
    roles: dict[int, Role] = {}
    by_stage: dict[uuid.UUID, list[int]] = defaultdict(list)
    for k in picks:
        slot = pb.slots[k]
        roles[k] = {"lead": Role.LEAD, "partner": Role.SYNDICATE}.get(slot.kind, Role.SUPPORT)
        if slot.kind == "format":
            by_stage[slot.stage.id].append(k)
    for sid, ks in by_stage.items():
        if sid not in pb.need_lead or any(roles[k] is Role.LEAD for k in picks if pb.slots[k].stage.id == sid):
            continue

        def rank(k: int) -> tuple:
            pair = pb.pairs[picks[k]]
            return (TIER_RANK[pb.outlet(pair.outlet).tier], round(pair.travel_h, 3), k)

        roles[min(ks, key=rank)] = Role.LEAD
    return roles


def _suggestion(pb: Problem, slot: Slot, pair: Pair, role: Role, picker: PeoplePicker,
                picks: dict[int, int]) -> Suggestion:
    inp = pb.inp
    o = pb.outlet(pair.outlet)
    st = slot.stage
    reasons: list[Reason] = []
    if role is Role.LEAD:
        reasons.append(Reason("lead"))
    if slot.kind == "partner":
        alone = {pb.pairs[p].outlet for k, p in picks.items() if pb.slots[k].stage.id == st.id and k != slot.index}
        names = [pb.outlet(oid).display_name for oid in sorted(alone, key=str) if oid in inp.outlets]
        reasons.append(Reason("partner_for", {"outlet": names or [st.title]}))
        reasons.append(Reason("remote"))
    elif pair.travel_km is not None:
        km = round(pair.travel_km)
        where = _where(st)
        reasons.append(Reason("distance", {"stage": where, "km": km}) if km >= 1
                       else Reason("nearby", {"stage": where}))
    elif st.adcode and pair.travel_h:
        reasons.append(Reason("unknown_place", {"hours": f"{pair.travel_h:g}"}))
    reasons.append(Reason("produces", {"format": pair.format.value}))
    used = pb.open_count[pair.o]
    reasons.append(Reason("capacity", {"used": used, "cap": o.capacity}) if o.capacity
                   else Reason("open_work", {"used": used}))
    beside = pb.existing.get(st.id, set()) | {pb.pairs[p].outlet for k, p in picks.items()
                                              if pb.slots[k].stage.id == st.id}
    reasons.extend(_link_reasons(pb, beside - {o.id}, o.id))
    if pair.isolated:
        reasons.append(Reason("isolated"))
    if inp.alliance_names:
        reasons.append(Reason("alliance", {"alliance": list(inp.alliance_names)}))
    person: PersonRow | None = None
    if slot.kind != "partner":
        person = picker.pick(o.id, pair.format, st)
    if person is not None:
        reasons.append(Reason("people", {"names": [person.name]}))
    window = stage_window(st)
    due: datetime | None = window[1] if window is not None else None
    return Suggestion(
        stage_id=st.id, stage_title=st.title, stage_position=st.position, outlet_id=o.id, outlet_name=o.name,
        role=role, format=pair.format, fills=slot.fills, due_at=due,
        person_ids=(person.id,) if person else (), person_names=(person.name,) if person else (),
        reasons=tuple(reasons), cost=round(pair.cost, 4),
    )


def _where(st: StageRow) -> str:
    """How an explanation names a stage's place: a place stage by its title (宜宾东站), another stage by
    its location if it has one (an emergency's 现场直播 happens "in 宜宾市", not "in 现场直播")."""
    return st.location.strip() if st.kind is not StageKind.PLACE and st.location.strip() else st.title


def _link_reasons(pb: Problem, beside: set[uuid.UUID], oid: uuid.UUID) -> list[Reason]:
    """First collaborations, cross-province and vertical links with the outlets it would work beside
    on the stage (those there already and the other suggestions for it)."""
    inp = pb.inp
    known = {**inp.plan.outlets, **inp.outlets}
    o = known[oid]
    others = sorted((known[p] for p in beside if p in known), key=lambda r: r.name)
    out: list[Reason] = []
    history = pb.history.get(oid, frozenset())
    fresh = [p for p in others if p.id not in history]
    if fresh:  # the partner named is the stage's lead if it is new to us, else the first by name
        lead = next((p for p in fresh if p.id == inp.plan.project.lead_outlet_id), fresh[0])
        out.append(Reason("first_with", {"partner": lead.display_name, "more": len(fresh) - 1}))
    cross = Counter(p.province_code for p in others if o.province_code and p.province_code
                    and p.province_code != o.province_code)
    tiers = Counter(p.tier for p in others if p.tier != o.tier)
    if cross:  # one link clause: across the border says more than across tiers
        out.append(Reason("cross_province", {"own": o.province_code, "other": cross.most_common(1)[0][0]}))
    elif tiers:
        out.append(Reason("vertical", {"tier": o.tier.value, "other": tiers.most_common(1)[0][0].value}))
    return out


def _without_people(s: Suggestion) -> Suggestion:
    from dataclasses import replace

    return replace(s, person_ids=(), person_names=(), reasons=tuple(r for r in s.reasons if r.code != "people"))


def _unfilled(pb: Problem, picks: dict[int, int], withdrawn: dict[int, dict[str, str]]) -> tuple[Unfilled, ...]:
    out = []
    no_candidates = {s.stage.id for s in pb.slots if s.required and not pb.by_slot.get(s.index)}
    for slot in pb.slots:
        if not slot.required or slot.index in picks:
            continue
        role = Role.LEAD if slot.kind == "lead" else Role.SUPPORT
        if slot.index in withdrawn:
            cause, detail = "would_add_finding", withdrawn[slot.index]
        elif not pb.by_slot.get(slot.index):
            cause, detail = "no_candidate", {}
        elif slot.stage.id in pb.uncovered and slot.stage.id in no_candidates:
            cause, detail = "stage_incomplete", {}
        else:
            cause, detail = "competition", {}
        out.append(Unfilled(slot.stage.id, slot.stage.title, slot.stage.position, slot.format, role, cause,
                            dict(slot.excluded), slot.considered, detail))
    return tuple(out)


def _weight_notes(pb: Problem) -> tuple[Reason, ...]:
    """Weights the coordinator set that cannot tell the candidates apart (said, not silently ignored)."""
    w = pb.inp.weights
    candidates = [pb.outlet(pb.outlet_ids[o]) for o in pb.by_outlet]
    notes: list[Reason] = []
    if not candidates:
        return ()
    provinces = {o.province_code for o in candidates if o.province_code}
    if w.cross_province > 0 and len(provinces) == 1:
        notes.append(Reason("cross_no_effect", {"province": next(iter(provinces))}))
    tiers = {o.tier for o in candidates}
    if w.vertical > 0 and len(tiers) == 1:
        notes.append(Reason("vertical_no_effect", {"tier": next(iter(tiers)).value}))
    if w.isolated > 0 and not any(o.id in pb.inp.isolated for o in candidates):
        notes.append(Reason("isolated_no_effect"))
    if w.travel > 0 and not any(s.stage.adcode for s in pb.slots if s.required):
        notes.append(Reason("travel_no_effect"))
    return tuple(notes)

