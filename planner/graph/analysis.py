"""Gap and clash analysis of one project plan (DESIGN.md, "What the analysis must find").

:func:`analyze_plan` needs no database: it reads a loaded :class:`ProjectPlan` and returns
:class:`Finding` values whose ``params`` already carry names as text (stage titles, outlet and
person names, format codes), so screens and exports can print them with
:func:`planner.domain.findings.finding_text`. Cancelled and declined assignments never count as
coverage, and they are left out of every clash rule.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any

from planner.domain.enums import ACTIVE_STATUSES, OPEN_STATUSES, Role
from planner.domain.findings import Finding, FindingKind, Severity
from planner.domain.frozen import quick
from planner.domain.kept import KeptByInputs
from planner.domain.places import distance_km, places
from planner.domain.rows import AssignmentRow, ProjectPlan, StageRow

#: How long after a stage ends a deadline may still fall (filing after the event is normal).
DUE_GRACE = timedelta(days=3)

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_NO_STAGE = (10**9, "")  # a finding of no stage of the plan sorts after every stage

# Speed (a large plan has thousands of assignments; the analysis runs on every open and edit): the
# dicts keyed per assignment use the ids' ``.int`` (a plain int hashes in C; ``uuid.UUID.__hash__``
# is a Python call), and statuses are tested against tuples (members compare by identity; an
# enum's ``__hash__`` is a Python call too). The findings carry the UUIDs as before.
_ACTIVE = tuple(ACTIVE_STATUSES)
_OPEN = tuple(OPEN_STATUSES)


def _window(st: StageRow) -> tuple[datetime, datetime] | None:
    if st.starts_at is None or st.time_tbc:
        return None
    return st.starts_at, st.ends_at if st.ends_at is not None and st.ends_at >= st.starts_at else st.starts_at


def analyze_plan(
    plan: ProjectPlan, *, travel_kmh: float = 80.0, open_counts: dict[uuid.UUID, int] | None = None,
) -> list[Finding]:
    """Every gap, clash and risk of ``plan``, most severe first, then in stage order.

    ``open_counts``: open assignments per outlet across all projects (for the capacity rule);
    without it only this plan's open assignments are counted.
    """
    stages = {st.id: st for st in plan.stages}
    order = {st.id.int: (st.position, st.title) for st in plan.stages}
    active = [a for a in plan.assignments if a.status in _ACTIVE and a.stage_id.int in order]
    by_stage: dict[int, list[AssignmentRow]] = defaultdict(list)
    for a in active:
        by_stage[a.stage_id.int].append(a)

    onames = {k.int: o.name for k, o in plan.outlets.items()}  # by .int: no Python UUID hash per lookup

    def oname(oid: uuid.UUID) -> str:
        name = onames.get(oid.int)
        return name if name is not None else str(oid)

    def pname(pid: uuid.UUID) -> str:
        p = plan.people.get(pid)
        return p.name if p else str(pid)

    found: list[Finding] = []

    def sort_key(f: Finding) -> tuple:
        ids = f.stage_ids
        if len(ids) == 1:  # most findings: one stage, no generator to run
            first = order.get(ids[0].int, _NO_STAGE)
        else:
            first = min((o for s in ids if (o := order.get(s.int)) is not None), default=_NO_STAGE)
        return (_SEVERITY_ORDER[f.severity], first, f.kind._value_, str(f.params))

    # the sort keys of findings given again come with them, by id(): those findings are alive here
    keys: dict[int, tuple] = {}
    required = tuple(plan.project.required_formats)
    for st in plan.stages:
        rows = by_stage.get(st.id.int, [])
        # everything the stage's findings are made of: the stage, its pieces, the formats needed, the outlets' names
        inputs = (st, tuple(rows), required, tuple([onames.get(a.outlet_id.int) for a in rows]))
        kept = STAGES_KEPT.get(st.id.int, inputs)
        if kept is None:
            kept = STAGES_KEPT.put(st.id.int, inputs, _with_sort_keys(_stage_findings(st, rows, required, oname), sort_key))
        found.extend(kept[0])
        keys.update(kept[1])

    found.extend(_people_findings(plan, active, stages, travel_kmh, oname, pname))
    found.extend(_outlet_findings(plan, active, stages, open_counts, oname, sort_key, keys))
    found.extend(_due_findings(active, plan.stages, oname))
    found.extend(_dependency_findings(plan))
    found.extend(_isolation_findings(plan, active, by_stage, oname))
    found.extend(_unavailable_findings(plan, active, stages, pname))

    kept_key = keys.get

    def key(f: Finding) -> tuple:
        k = kept_key(id(f))
        return k if k is not None else sort_key(f)

    found.sort(key=key)
    return found


def _stage_findings(st: StageRow, rows: list[AssignmentRow], required: tuple[Any, ...], oname: Any) -> list[Finding]:
    """A stage's coverage gaps: no piece at all, no lead or several, formats missing, a format twice."""
    found: list[Finding] = []
    add = found.append
    base = {"stage": st.title, "position": st.position}
    if not rows:
        add(Finding(FindingKind.UNCOVERED_STAGE, Severity.ERROR, dict(base), stage_ids=(st.id,)))
        return found
    leads = sorted({a.outlet_id for a in rows if a.role is Role.LEAD}, key=oname)
    if not leads:
        add(Finding(FindingKind.NO_LEAD, Severity.WARNING, dict(base), stage_ids=(st.id,),
                    assignment_ids=tuple(a.id for a in rows)))
    elif len(leads) > 1 or sum(1 for a in rows if a.role is Role.LEAD) > 1:
        lead_rows = [a for a in rows if a.role is Role.LEAD]
        add(Finding(FindingKind.MULTIPLE_LEADS, Severity.WARNING,
                    {**base, "outlets": [oname(o) for o in leads], "count": len(lead_rows)},
                    stage_ids=(st.id,), assignment_ids=tuple(a.id for a in lead_rows), outlet_ids=tuple(leads)))
    have = {a.format for a in rows}
    missing = [f for f in required if f not in have]
    if missing:
        add(Finding(FindingKind.MISSING_FORMAT, Severity.WARNING,
                    {**base, "formats": [f.value for f in missing]}, stage_ids=(st.id,)))
    pairs: dict[tuple[int, Any], list[AssignmentRow]] = defaultdict(list)
    for a in rows:
        pairs[(a.outlet_id.int, a.format)].append(a)
    twice = [dup for dup in pairs.values() if len(dup) > 1]  # sort only what is reported
    for dup in sorted(twice, key=lambda d: (oname(d[0].outlet_id), d[0].format.value)):
        oid, fmt = dup[0].outlet_id, dup[0].format.value
        if len(dup) > 1:
            add(Finding(FindingKind.DUPLICATE_FORMAT, Severity.WARNING,
                        {**base, "outlet": oname(oid), "format": fmt, "count": len(dup)},
                        stage_ids=(st.id,), assignment_ids=tuple(a.id for a in dup), outlet_ids=(oid,)))
    return found


def _people_findings(plan, active, stages, travel_kmh, oname, pname) -> list[Finding]:  # type: ignore[no-untyped-def]
    """A person on two stages at once, or on consecutive stages too far apart to travel between."""
    out: list[Finding] = []
    # keyed by the ids' .int (a plain int hashes in C); ``ids`` maps back to the person's UUID
    booked: dict[int, dict[int, list[AssignmentRow]]] = defaultdict(lambda: defaultdict(list))
    ids: dict[int, uuid.UUID] = {}
    for a in active:
        sid = a.stage_id.int
        for pid in a.person_ids:
            key = pid.int
            if key not in ids:
                ids[key] = pid
            booked[key][sid].append(a)
    by_int = {st.id.int: st for st in stages.values()}
    names = {key: pname(pid) for key, pid in ids.items()}
    pl = places()
    for key in sorted(booked, key=names.__getitem__):
        pid = ids[key]
        timed = []
        for sid, rows in booked[key].items():
            st = by_int[sid]
            w = _window(st)
            if w is not None:
                timed.append((w[0], w[1], st, rows))
        timed.sort(key=lambda t: (t[0], t[1], t[2].position))
        for i, (s1, e1, st1, rows1) in enumerate(timed):
            for s2, _e2, st2, rows2 in timed[i + 1:]:
                if s2 >= e1 and not (s2 == s1 and e1 == s1):
                    break
                out.append(Finding(
                    FindingKind.PERSON_OVERLAP, Severity.ERROR,
                    {"person": pname(pid), "stage": st1.title, "other_stage": st2.title,
                     "outlet": oname(rows1[0].outlet_id)},
                    stage_ids=(st1.id, st2.id), assignment_ids=tuple(a.id for a in rows1 + rows2), person_ids=(pid,),
                ))
        for (s1, e1, st1, rows1), (s2, _e2, st2, rows2) in pairwise(timed):
            if s2 < e1 or s2 == s1:
                continue  # overlapping: reported above
            a, b = pl.coords(st1.adcode), pl.coords(st2.adcode)
            if a is None or b is None or travel_kmh <= 0:
                continue
            km = distance_km(a, b)
            need_h = km / travel_kmh
            gap_h = (s2 - e1).total_seconds() / 3600.0
            if need_h > gap_h:
                out.append(Finding(
                    FindingKind.TRAVEL_TOO_FAR, Severity.WARNING,
                    {"person": pname(pid), "stage": st1.title, "other_stage": st2.title, "distance_km": round(km, 1),
                     "needed_hours": round(need_h, 1), "gap_hours": round(gap_h, 1), "travel_kmh": travel_kmh},
                    stage_ids=(st1.id, st2.id), assignment_ids=tuple(x.id for x in rows1 + rows2), person_ids=(pid,),
                ))
    return out


def _unavailable_findings(plan, active, stages, pname) -> list[Finding]:  # type: ignore[no-untyped-def]
    """A person assigned to a stage while away (plan.unavailable): severe when away the whole stage."""
    out: list[Finding] = []
    if not plan.unavailable:
        return out
    on: dict[tuple[uuid.UUID, uuid.UUID], list[AssignmentRow]] = defaultdict(list)
    for a in active:
        for pid in a.person_ids:
            if pid in plan.unavailable:
                on[(pid, a.stage_id)].append(a)
    for (pid, sid), rows in on.items():
        w = _window(stages[sid])
        if w is None:
            continue
        start, end = w
        hits = [b for b in plan.unavailable[pid] if (b.start < end and start < b.end) or (start == end and b.start <= start < b.end)]
        if not hits:
            continue
        whole = next((b for b in hits if b.covers(start, end)), None)
        b = whole or hits[0]
        out.append(Finding(
            FindingKind.PERSON_UNAVAILABLE, Severity.ERROR if whole else Severity.WARNING,
            {"person": pname(pid), "stage": stages[sid].title, "kind": b.kind.value, "reason": b.reason,
             "away_from": b.start.isoformat(), "away_to": b.end.isoformat(), "whole": whole is not None},
            stage_ids=(sid,), assignment_ids=tuple(a.id for a in rows), person_ids=(pid,),
        ))
    return out


def _with_sort_keys(found: list[Finding], sort_key: Callable[[Finding], tuple]) -> tuple[list[Finding], dict[int, tuple]]:
    """Findings with their sort keys by ``id()`` (the findings are kept alive with them), as a part's
    findings are kept: the keys are worked out of the same inputs (the stages' order)."""
    return found, {id(f): sort_key(f) for f in found}


#: Each outlet's capacity and format findings with their sort keys, while its inputs compare equal
#: (``_outlet_findings``): after an edit only the touched outlets are worked out again.
OUTLETS_KEPT: KeptByInputs[tuple[list[Finding], dict[int, tuple]]] = KeptByInputs()
#: Each stage's coverage findings with their sort keys, while its inputs compare equal.
STAGES_KEPT: KeptByInputs[tuple[list[Finding], dict[int, tuple]]] = KeptByInputs()


def _outlet_findings(plan, active, stages, open_counts, oname, sort_key, keys) -> list[Finding]:  # type: ignore[no-untyped-def]
    """Each outlet's findings (:func:`_one_outlet_findings`), given again while its inputs are
    unchanged; their sort keys go into ``keys`` (by ``id()``)."""
    out: list[Finding] = []
    mine: dict[int, list[AssignmentRow]] = defaultdict(list)
    for a in active:
        mine[a.outlet_id.int].append(a)
    titles: dict[int, str] | None = None
    by_int = {k.int: o for k, o in plan.outlets.items()}  # no Python UUID hash per lookup
    for rows in sorted(mine.values(), key=lambda rows: oname(rows[0].outlet_id)):
        oid = rows[0].outlet_id
        outlet = by_int.get(oid.int)
        if outlet is None:
            continue
        n_open = int(open_counts.get(oid, 0)) if open_counts is not None and outlet.capacity is not None else None
        # everything the findings below are made of: the outlet, its pieces, its open count, the stages' titles
        inputs = (outlet, tuple(rows), n_open, plan.stages)
        kept = OUTLETS_KEPT.get(oid.int, inputs)
        if kept is None:
            if titles is None:
                titles = {st.id.int: st.title for st in plan.stages}
            found = _one_outlet_findings(outlet, oid, rows, n_open, titles)
            kept = OUTLETS_KEPT.put(oid.int, inputs, _with_sort_keys(found, sort_key))
        out.extend(kept[0])
        keys.update(kept[1])
    return out


def _one_outlet_findings(outlet, oid, rows, n_open, titles) -> list[Finding]:  # type: ignore[no-untyped-def]
    """Over capacity (``n_open``: its open work in every project, None to count this plan's) and
    formats the outlet does not produce."""
    out: list[Finding] = []
    finding = quick(Finding)  # Finding(...), cheaper: an outlet of the large test plan has dozens
    if outlet.capacity is not None:
        if n_open is None:
            n_open = sum(1 for a in rows if a.status in _OPEN)
        if n_open > outlet.capacity:
            open_here = [a for a in rows if a.status in _OPEN]
            out.append(Finding(
                FindingKind.OVER_CAPACITY, Severity.WARNING,
                {"outlet": outlet.name, "open": n_open, "capacity": outlet.capacity},
                stage_ids=tuple(dict.fromkeys(a.stage_id for a in open_here)),
                assignment_ids=tuple(a.id for a in open_here), outlet_ids=(oid,),
            ))
    if outlet.formats:
        for a in rows:
            if a.format not in outlet.formats:
                out.append(finding(
                    FindingKind.FORMAT_NOT_PRODUCED, Severity.WARNING,
                    {"outlet": outlet.name, "format": a.format._value_, "stage": titles[a.stage_id.int]},
                    stage_ids=(a.stage_id,), assignment_ids=(a.id,), outlet_ids=(oid,),
                ))
    return out


def _due_findings(active, plan_stages, oname) -> list[Finding]:  # type: ignore[no-untyped-def]
    """A deadline before its stage starts, or more than :data:`DUE_GRACE` after it ends."""
    out: list[Finding] = []
    stages = {st.id.int: st for st in plan_stages}
    windows = {st.id.int: _window(st) for st in plan_stages}
    for a in active:
        if a.due_at is None:
            continue
        w = windows[a.stage_id.int]
        if w is None:
            continue
        start, end = w
        if a.due_at < start:
            side = "before"
        elif a.due_at > end + DUE_GRACE:
            side = "after"
        else:
            continue
        out.append(Finding(
            FindingKind.DUE_OUTSIDE_WINDOW, Severity.WARNING if side == "before" else Severity.INFO,
            {"stage": stages[a.stage_id.int].title, "outlet": oname(a.outlet_id), "format": a.format.value,
             "due": a.due_at.isoformat(), "side": side, "starts_at": start.isoformat(), "ends_at": end.isoformat()},
            stage_ids=(a.stage_id,), assignment_ids=(a.id,), outlet_ids=(a.outlet_id,),
        ))
    return out


def _has_cycle(edges: dict[uuid.UUID, list[uuid.UUID]]) -> bool:
    """Whether the stage graph has a cycle (Kahn's algorithm: a cycle leaves nodes unremoved)."""
    indegree = dict.fromkeys(edges, 0)
    for targets in edges.values():
        for t in targets:
            indegree[t] += 1
    ready = [n for n, d in indegree.items() if d == 0]
    removed = 0
    while ready:
        n = ready.pop()
        removed += 1
        for t in edges[n]:
            indegree[t] -= 1
            if indegree[t] == 0:
                ready.append(t)
    return removed < len(edges)


def _dependency_findings(plan: ProjectPlan) -> list[Finding]:
    out: list[Finding] = []
    stages = {st.id: st for st in plan.stages}
    edges: dict[uuid.UUID, list[uuid.UUID]] = {sid: [] for sid in stages}
    for st in plan.stages:
        for dep in st.depends_on:
            if dep in stages:
                edges[dep].append(st.id)
    cycles: list[list[uuid.UUID]] = []
    if _has_cycle(edges):  # rare (the services refuse cycles): only then pay for importing networkx
        import networkx as nx

        G = nx.DiGraph()
        G.add_nodes_from(stages)
        G.add_edges_from((a, b) for a, targets in edges.items() for b in targets)
        cycles = list(nx.simple_cycles(G))
    for cycle in cycles:
        ordered = sorted(cycle, key=lambda s: stages[s].position)
        first = cycle.index(ordered[0])
        cycle = cycle[first:] + cycle[:first]
        out.append(Finding(FindingKind.DEPENDENCY_CYCLE, Severity.ERROR,
                           {"stages": [stages[s].title for s in cycle]}, stage_ids=tuple(cycle)))
    for st in plan.stages:
        w = _window(st)
        if w is None:
            continue
        for dep in st.depends_on:
            pre = stages.get(dep)
            pw = _window(pre) if pre is not None else None
            if pre is None or pw is None:
                continue
            if w[0] < pw[1]:
                out.append(Finding(
                    FindingKind.STARTS_BEFORE_PREREQUISITE, Severity.WARNING,
                    {"stage": st.title, "prerequisite": pre.title, "starts_at": w[0].isoformat(),
                     "prerequisite_ends_at": pw[1].isoformat()},
                    stage_ids=(st.id, pre.id),
                ))
    return out


def _isolation_findings(plan, active, by_stage, oname) -> list[Finding]:  # type: ignore[no-untyped-def]
    """Outlets in this project that never share a stage with another outlet."""
    out: list[Finding] = []
    paired: set[int] = set()  # outlets sharing at least one stage with another outlet, by .int
    for rows in by_stage.values():
        ids = {a.outlet_id.int for a in rows}
        if len(ids) > 1:
            paired |= ids
    alone = {a.outlet_id.int: a.outlet_id for a in active if a.outlet_id.int not in paired}
    for oid in sorted(alone.values(), key=oname):
        out.append(Finding(FindingKind.ISOLATED_OUTLET, Severity.INFO, {"outlet": oname(oid)},
                           stage_ids=tuple(dict.fromkeys(a.stage_id for a in active if a.outlet_id == oid)),
                           outlet_ids=(oid,)))
    return out


def isolated_member_findings(metrics, outlet_names: dict[uuid.UUID, str] | None = None) -> list[Finding]:  # type: ignore[no-untyped-def]
    """ISOLATED_OUTLET findings for every isolated outlet of a :class:`~planner.graph.metrics.Metrics`."""
    names = outlet_names or metrics.names
    return [Finding(FindingKind.ISOLATED_OUTLET, Severity.INFO, {"outlet": names.get(oid, str(oid)), "period": True},
                    outlet_ids=(oid,)) for oid in metrics.isolated]
