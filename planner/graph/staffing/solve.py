"""The optimisation itself: a mixed-integer program solved by HiGHS (``scipy.optimize.milp``), the
greedy baseline it is measured against, and the objective both are scored by.

Variables: ``x`` (a pair is chosen), ``u`` (a required slot stays open, at a penalty), ``t`` (an
outlet's new pieces in convex load steps), and for stages nobody covers yet ``z`` (an outlet is on
the stage), ``n`` (how many outlets are) and ``q`` (how many pieces put an outlet beside others on
covered stages). Constraints: every required slot filled or left open; capacity left (the bounds of
``t``); on an uncovered stage all required slots together or none (a half-covered stage would be a
new "missing format" finding), a syndication only beside another outlet and never by one of its
own pieces' outlets; and an outlet that shares no stage with another yet is not put alone on a
stage unless it also joins others elsewhere (else the analysis would call it isolated).
"""

from __future__ import annotations

import itertools
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass

from planner.graph.staffing.problem import LOAD_STEPS, Problem

#: How many candidates per slot the program weighs (the cheapest; plus the greedy baseline's choice).
PAIRS_PER_SLOT = 20


@dataclass
class Solution:
    picks: dict[int, int]  # slot index → pair index
    objective: float
    status: str  # optimal | time_limit | greedy
    seconds: float
    baseline: float  # the greedy baseline's objective


def evaluate(pb: Problem, picks: dict[int, int]) -> float:
    """The weighted cost of a choice of pairs: their costs, the load steps, a penalty per open required slot."""
    total = sum(pb.pairs[p].cost for p in picks.values())
    count = Counter(pb.pairs[p].o for p in picks.values())
    w_load = pb.inp.weights.load
    for o, n in count.items():
        total += w_load * sum(pb.marginal(o, j) for j in range(1, n + 1))
    total += pb.penalty * sum(1 for s in pb.slots if s.required and s.index not in picks)
    return total


def violations(pb: Problem, picks: dict[int, int]) -> list[str]:
    """Every constraint a choice breaks (empty for a feasible one): tests hold both solvers to it."""
    out: list[str] = []
    count = Counter(pb.pairs[p].o for p in picks.values())
    for o, n in count.items():
        left = pb.cap_left[o]
        if left is not None and n > left:
            out.append(f"capacity {pb.outlet_ids[o]}: {n} > {left}")
    for k, p in picks.items():
        if pb.pairs[p].slot != k:
            out.append(f"pair {p} is not of slot {k}")
    pairing = Counter(pb.pairs[p].o for k, p in picks.items() if pb.slots[k].pairing(pb.pairs[p].o))
    for sid in pb.uncovered:
        slots = pb.stage_slots[sid]
        mine = [(s.index, picks[s.index]) for s in slots if s.index in picks]
        required = [s for s in slots if s.required]
        filled = [s for s in required if s.index in picks]
        if filled and len(filled) != len(required):
            out.append(f"stage {sid} half covered")
        partner = [(k, p) for k, p in mine if pb.slots[k].kind == "partner"]
        others = [(k, p) for k, p in mine if pb.slots[k].kind != "partner"]
        if partner and not others:
            out.append(f"stage {sid}: syndication alone")
        for _k, p in partner:
            if any(pb.pairs[q].o == pb.pairs[p].o for _j, q in others):
                out.append(f"stage {sid}: syndication by an outlet with a piece there")
        outlets = {pb.pairs[p].o for _k, p in mine}
        if len(outlets) == 1:
            (o,) = outlets
            if o not in pb.paired and not pairing.get(o):
                out.append(f"stage {sid}: {pb.outlet_ids[o]} alone and isolated")
    return out


def greedy(pb: Problem) -> dict[int, int]:
    """The baseline: each slot in stage order takes its cheapest candidate with capacity left, then the
    same rules as the program are restored (half-covered stages emptied, lone newcomers partnered)."""
    w_load = pb.inp.weights.load
    used: Counter[int] = Counter()
    picks: dict[int, int] = {}

    def cost(p: int) -> float:
        o = pb.pairs[p].o
        return pb.pairs[p].cost + w_load * pb.marginal(o, used[o] + 1)

    def room(o: int) -> bool:
        left = pb.cap_left[o]
        return left is None or used[o] < left

    order = sorted((s for s in pb.slots if s.required), key=lambda s: (s.stage.position, s.index))
    for slot in order:
        options = [p for p in pb.by_slot.get(slot.index, []) if room(pb.pairs[p].o)]
        if options:
            best = min(options, key=lambda p: (cost(p), p))
            picks[slot.index] = best
            used[pb.pairs[best].o] += 1

    def drop(stage_id: uuid.UUID) -> None:
        for slot in pb.stage_slots[stage_id]:
            if slot.index in picks:
                used[pb.pairs[picks.pop(slot.index)].o] -= 1

    for sid in pb.uncovered:
        if any(s.index not in picks for s in pb.stage_slots[sid] if s.required):
            drop(sid)
    pairing = Counter(pb.pairs[p].o for k, p in picks.items() if pb.slots[k].pairing(pb.pairs[p].o))
    for sid in pb.uncovered:
        outlets = {pb.pairs[picks[s.index]].o for s in pb.stage_slots[sid] if s.index in picks}
        if len(outlets) != 1:
            continue
        (o,) = outlets
        if o in pb.paired or pairing.get(o):
            continue
        partner = next(s for s in pb.stage_slots[sid] if s.kind == "partner")
        options = [p for p in pb.by_slot.get(partner.index, []) if pb.pairs[p].o != o and room(pb.pairs[p].o)]
        if options:
            best = min(options, key=lambda p: (cost(p), p))
            picks[partner.index] = best
            used[pb.pairs[best].o] += 1
        else:
            drop(sid)
    return picks


def shortlist(pb: Problem, baseline: dict[int, int], per_slot: int = PAIRS_PER_SLOT) -> list[int]:
    """The pairs the program chooses among: each slot's ``per_slot`` cheapest (pair cost plus the load of
    a first piece) and every pair of the greedy baseline, so the baseline stays a feasible choice and the
    program's optimum is never worse than it."""
    w_load = pb.inp.weights.load
    keep = set(baseline.values())
    for mine in pb.by_slot.values():
        ranked = sorted(mine, key=lambda p: (pb.pairs[p].cost + w_load * pb.marginal(pb.pairs[p].o, 1), p))
        keep.update(ranked[:per_slot])
    return sorted(keep)


def solve(pb: Problem, *, time_limit: float = 10.0, per_slot: int = PAIRS_PER_SLOT) -> Solution:
    """The optimal choice among the shortlisted pairs (or the best HiGHS found within ``time_limit``
    seconds), never worse than the greedy baseline over every pair."""
    baseline = greedy(pb)
    base_cost = evaluate(pb, baseline)
    if not pb.pairs:
        return Solution(baseline, base_cost, "optimal", 0.0, base_cost)
    import scipy.optimize  # noqa: F401 - imported before the clock starts: the solve is timed, not the import

    started = time.perf_counter()
    picks, status = _milp(pb.restricted(shortlist(pb, baseline, per_slot)), time_limit)
    seconds = time.perf_counter() - started
    if picks is None:
        return Solution(baseline, base_cost, "greedy", seconds, base_cost)
    cost = evaluate(pb, picks)
    if cost > base_cost + 1e-9 or violations(pb, picks):
        # only possible when stopped early: the baseline is the best found
        return Solution(baseline, base_cost, "time_limit" if status != "optimal" else "greedy", seconds, base_cost)
    return Solution(picks, cost, status, seconds, base_cost)


def _milp(pb: Problem, time_limit: float) -> tuple[dict[int, int] | None, str]:
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array

    w_load = pb.inp.weights.load
    n_pairs = len(pb.pairs)
    cost: list[float] = [p.cost for p in pb.pairs]
    lower: list[float] = [0.0] * n_pairs
    upper: list[float] = [1.0] * n_pairs
    integral: list[int] = [1] * n_pairs

    def var(c: float, lo: float, hi: float, integer: bool = False) -> int:
        cost.append(c)
        lower.append(lo)
        upper.append(hi)
        integral.append(1 if integer else 0)
        return len(cost) - 1

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    row_lo: list[float] = []
    row_hi: list[float] = []

    def row(terms: list[tuple[int, float]], lo: float, hi: float) -> None:
        r = len(row_lo)
        for c, v in terms:
            rows.append(r)
            cols.append(c)
            vals.append(v)
        row_lo.append(lo)
        row_hi.append(hi)

    inf = np.inf
    u_of: dict[int, int] = {}
    for slot in pb.slots:
        mine = [(p, 1.0) for p in pb.by_slot.get(slot.index, [])]
        if slot.required:
            u_of[slot.index] = var(pb.penalty, 0.0, 1.0, integer=True)
            row([*mine, (u_of[slot.index], 1.0)], 1.0, 1.0)
        elif mine:
            row(mine, 0.0, 1.0)

    for o, mine in pb.by_outlet.items():
        left = pb.cap_left[o]
        total = len(mine) if left is None else min(left, len(mine))
        steps = []
        for j in range(1, min(LOAD_STEPS, total) + 1):
            hi = 1.0 if j < LOAD_STEPS else float(total - (LOAD_STEPS - 1))
            steps.append(var(w_load * pb.marginal(o, j), 0.0, hi))
        row([*((p, 1.0) for p in mine), *((t, -1.0) for t in steps)], 0.0, 0.0)

    q_of: dict[int, int] = {}
    for sid in pb.uncovered:
        slots = pb.stage_slots[sid]
        partner = next(s for s in slots if s.kind == "partner")
        others = [s for s in slots if s.kind != "partner"]
        required_u = [u_of[s.index] for s in others]
        for a, b in itertools.pairwise(required_u):
            row([(a, 1.0), (b, -1.0)], 0.0, 0.0)
        partner_pairs = pb.by_slot.get(partner.index, [])
        other_pairs = [p for s in others for p in pb.by_slot.get(s.index, [])]
        if partner_pairs:
            row([*((p, 1.0) for p in partner_pairs), *((p, -1.0) for p in other_pairs)], -inf, 0.0)
        by_outlet: dict[int, list[int]] = defaultdict(list)
        for p in partner_pairs + other_pairs:
            by_outlet[pb.pairs[p].o].append(p)
        n_var = var(0.0, 0.0, inf)
        z_terms = []
        for o, mine in by_outlet.items():
            z = var(0.0, 0.0, 1.0)
            z_terms.append((z, -1.0))
            for p in mine:
                row([(p, 1.0), (z, -1.0)], -inf, 0.0)
            row([(z, 1.0), *((p, -1.0) for p in mine)], -inf, 0.0)
            own = [p for p in mine if pb.slots[pb.pairs[p].slot].kind != "partner"]
            theirs = [p for p in mine if pb.slots[pb.pairs[p].slot].kind == "partner"]
            if own and theirs:
                k = float(len(own))
                row([*((p, k) for p in theirs), *((p, 1.0) for p in own)], -inf, k)
            if o not in pb.paired:
                if o not in q_of:
                    q_of[o] = var(0.0, 0.0, inf)
                row([(z, 2.0), (n_var, -1.0), (q_of[o], -2.0)], -inf, 0.0)
        row([(n_var, 1.0), *z_terms], 0.0, 0.0)
    for o, q in q_of.items():
        pairing = [p for p in pb.by_outlet.get(o, []) if pb.slots[pb.pairs[p].slot].pairing(o)]
        row([(q, 1.0), *((p, -1.0) for p in pairing)], 0.0, 0.0)

    n_vars = len(cost)
    constraints = []
    if row_lo:
        A = coo_array((vals, (rows, cols)), shape=(len(row_lo), n_vars)).tocsr()
        constraints.append(LinearConstraint(A, np.array(row_lo), np.array(row_hi)))
    res = milp(np.array(cost), integrality=np.array(integral), bounds=Bounds(np.array(lower), np.array(upper)),
               constraints=constraints, options={"time_limit": max(0.001, float(time_limit)), "disp": False})
    if res.x is None:
        return None, "greedy"
    x = res.x
    origin = pb.origin or list(range(n_pairs))
    picks = {pb.pairs[p].slot: origin[p] for p in range(n_pairs) if x[p] > 0.5}
    return picks, "optimal" if res.status == 0 else "time_limit"
