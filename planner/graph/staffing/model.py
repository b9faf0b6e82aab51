"""The values the staffing optimiser reads and returns (pure data: no database, no Qt).

:class:`StaffingInput` is everything the optimiser needs about one project and the outlets it may
propose, already read (the service :mod:`planner.services.suggestions` reads it). :class:`Weights`
are the coordinator's objectives. :class:`StaffingResult` holds the proposed assignments
(:class:`Suggestion`), the holes it could not close (:class:`Unfilled`, with the constraint that
excluded every candidate), the objective against a greedy baseline and the solver's time.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from typing import Any

from planner.domain.availability import Busy
from planner.domain.enums import Format, Role
from planner.domain.errors import ValidationError
from planner.domain.rows import OutletRow, PersonRow, ProjectPlan

#: Largest weight a coordinator may give one objective (the sliders go 0–10).
MAX_WEIGHT = 10.0

#: What each weight is called on the command line, and the Chinese words accepted for it.
WEIGHT_NAMES: dict[str, tuple[str, ...]] = {
    "travel": ("行程", "路程", "距离"),
    "load": ("负载", "产能", "均衡"),
    "cross_province": ("跨省", "横向"),
    "vertical": ("纵向", "跨层级"),
    "isolated": ("孤岛", "孤立"),
}


@dataclass(frozen=True)
class Weights:
    """How much each objective counts (0 = ignore it, up to :data:`MAX_WEIGHT`).

    * ``travel`` — hours of travel from the outlet's place to the stage's (at the plan's travel speed);
    * ``load`` — how full the outlet's capacity gets (each further piece costs more: spreads the work);
    * ``cross_province`` — prefer outlets from the other province than the stage's partners (横向联通);
    * ``vertical`` — prefer outlets of another tier than the stage's partners (纵向贯通);
    * ``isolated`` — prefer outlets that have not worked with anyone for a year (孤岛效应).
    """

    travel: float = 1.0
    load: float = 1.0
    cross_province: float = 0.5
    vertical: float = 0.5
    isolated: float = 0.5

    def as_dict(self) -> dict[str, float]:
        return {f.name: float(getattr(self, f.name)) for f in fields(self)}

    def check(self) -> Weights:
        """Raise :class:`ValidationError` unless every weight is a number in 0–10 and one is above 0."""
        for name, value in self.as_dict().items():
            if not isinstance(value, int | float) or not math.isfinite(value) or not 0 <= value <= MAX_WEIGHT:
                raise ValidationError("weight_value", field="weights", name=name, value=str(value), limit=MAX_WEIGHT)
        if not any(self.as_dict().values()):
            raise ValidationError("weights_all_zero", field="weights")
        return self

    @classmethod
    def parse(cls, text: str | None, base: Weights | None = None) -> Weights:
        """``travel=2,cross_province=1`` (Chinese names and ``：``/``，`` too) over ``base`` (the defaults).

        Unknown names, values that are not numbers in 0–10, one name given two different values
        and all weights zero are refused with a message naming the culprit.
        """
        start = base or cls()
        if text is None or not str(text).strip():
            return start.check()
        known = {name: name for name in WEIGHT_NAMES}
        for name, aliases in WEIGHT_NAMES.items():
            known.update({a: name for a in aliases})
            known[name.replace("_", "-")] = name
        given: dict[str, float] = {}
        raw = str(text).replace("，", ",").replace("、", ",").replace("：", "=").replace(":", "=").replace("＝", "=")
        for item in raw.split(","):
            item = item.strip()
            if not item:
                continue
            if "=" not in item:
                raise ValidationError("weight_unknown", field="weights", name=item, known=", ".join(WEIGHT_NAMES))
            key, _, value_text = item.partition("=")
            name = known.get(key.strip().lower())
            if name is None:
                raise ValidationError("weight_unknown", field="weights", name=key.strip(), known=", ".join(WEIGHT_NAMES))
            try:
                value = float(value_text.strip())
            except ValueError:
                raise ValidationError("weight_value", field="weights", name=name, value=value_text.strip(),
                                      limit=MAX_WEIGHT) from None
            if name in given and given[name] != value:
                raise ValidationError("weight_conflict", field="weights", name=name, first=_num(given[name]),
                                      second=_num(value))
            given[name] = value
        return replace(start, **given).check()

    def text(self) -> str:
        """``travel=1,load=1,…`` — what :meth:`parse` reads back."""
        return ",".join(f"{k}={_num(v)}" for k, v in self.as_dict().items())


def _num(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class StaffingInput:
    """One project and the outlets that may be proposed for it, as read from the database.

    ``outlets`` are every outlet considered (those outside ``allowed`` are counted as excluded by
    the alliance, so a hole can say why nobody was found). ``open_counts`` are open assignments per
    outlet across all projects — what the capacity rule of the analysis counts. ``partners`` maps an
    outlet to the outlets it has ever covered a stage with (for "first collaboration"); ``isolated``
    are the outlets without any collaboration in the year before the project. ``rejected`` holds
    ``(stage_id or None, outlet_id)`` pairs the coordinator turned down. ``away`` maps a person to
    the periods they are unavailable (:class:`planner.domain.availability.Busy`, as
    :func:`planner.services.availability.busy` reads them); ``booked`` maps a person to the windows of the stages they are
    already on (any project). ``must_produce`` narrows candidates to outlets producing all of those
    formats (the emergency path asks for live and short video).
    """

    plan: ProjectPlan
    outlets: Mapping[uuid.UUID, OutletRow]
    open_counts: Mapping[uuid.UUID, int] = field(default_factory=dict)
    stage_ids: tuple[uuid.UUID, ...] | None = None
    allowed: frozenset[uuid.UUID] | None = None
    alliance_names: tuple[str, ...] = ()
    partners: Mapping[uuid.UUID, frozenset[uuid.UUID]] = field(default_factory=dict)
    isolated: frozenset[uuid.UUID] = frozenset()
    rejected: frozenset[tuple[uuid.UUID | None, uuid.UUID]] = frozenset()
    people: Mapping[uuid.UUID, tuple[PersonRow, ...]] = field(default_factory=dict)
    away: Mapping[uuid.UUID, tuple[Busy, ...]] = field(default_factory=dict)
    booked: Mapping[uuid.UUID, tuple[tuple[datetime, datetime], ...]] = field(default_factory=dict)
    must_produce: tuple[Format, ...] = ()
    weights: Weights = field(default_factory=Weights)
    travel_kmh: float = 80.0
    time_limit: float = 10.0
    #: reads, for the chosen outlets, which of the given partners each has worked with (explanations
    #: only: asked after solving, for a few outlets instead of every candidate)
    history: Callable[[frozenset[uuid.UUID], frozenset[uuid.UUID]], Mapping[uuid.UUID, frozenset[uuid.UUID]]] | None = None
    #: reads the stage times the given people are already booked on (people are picked after solving)
    bookings: Callable[[frozenset[uuid.UUID]], Mapping[uuid.UUID, Sequence[tuple[datetime, datetime]]]] | None = None


@dataclass(frozen=True)
class Reason:
    """One clause of an explanation: a code and the names and numbers it needs (see ``explain``)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    """One proposed assignment: this outlet covers this stage in this role and format.

    ``key`` identifies it across runs (stage, outlet, role, format) for the panel's choices;
    ``fills`` says which hole it closes: ``missing_format``, ``no_lead``, ``uncovered`` or
    ``partner`` (a syndication that keeps a newcomer from being alone on a stage).
    """

    stage_id: uuid.UUID
    stage_title: str
    stage_position: int
    outlet_id: uuid.UUID
    outlet_name: str
    role: Role
    format: Format
    fills: str
    due_at: datetime | None = None
    person_ids: tuple[uuid.UUID, ...] = ()
    person_names: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()
    cost: float = 0.0

    @property
    def key(self) -> str:
        return f"{self.stage_id}:{self.outlet_id}:{self.role.value}:{self.format.value}"


@dataclass(frozen=True)
class Unfilled:
    """A hole no suggestion closes: the stage, the format (or None for a lead of any format), and why.

    ``cause`` is ``no_candidate`` (then ``excluded`` counts, per constraint, the outlets it
    ruled out, out of ``considered``), ``competition`` (candidates existed but their capacity or a
    partner was needed for other holes), or ``would_add_finding`` (the analysis would find a new
    problem; ``detail`` names it).
    """

    stage_id: uuid.UUID
    stage_title: str
    stage_position: int
    format: Format | None
    role: Role
    cause: str
    excluded: dict[str, int] = field(default_factory=dict)
    considered: int = 0
    detail: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StaffingResult:
    """What the optimiser proposes for a project, and how good it is.

    ``objective`` and ``greedy_objective`` are the weighted cost of this proposal and of the greedy
    baseline on the same holes and constraints (lower is better; a hole left open costs a penalty
    in both). ``status``: ``optimal``, ``time_limit`` (the best found before the time-out),
    ``greedy`` (the solver found nothing in time: the baseline is returned) or ``nothing_to_do``.
    ``notes`` are :class:`Reason` values worth telling the coordinator (weights that cannot act).
    """

    project_id: uuid.UUID
    suggestions: tuple[Suggestion, ...]
    unfilled: tuple[Unfilled, ...]
    objective: float
    greedy_objective: float
    solver_seconds: float
    status: str
    holes: int
    weights: Weights
    notes: tuple[Reason, ...] = ()

    @property
    def improvement(self) -> float:
        """How much lower (better) the objective is than the greedy baseline's, as a share of it."""
        if self.greedy_objective <= 0:
            return 0.0
        return (self.greedy_objective - self.objective) / self.greedy_objective
