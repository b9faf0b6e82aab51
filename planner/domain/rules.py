"""Rules of the plan that need no database: the assignment status machine and dependency cycles."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

from planner.domain.enums import Status
from planner.domain.errors import CycleError, IllegalTransitionError, ValidationError

#: The forward chain of an assignment's life.
CHAIN: tuple[Status, ...] = (
    Status.PLANNED,
    Status.CONFIRMED,
    Status.IN_PROGRESS,
    Status.FILED,
    Status.PUBLISHED,
)
_RANK = {s: i for i, s in enumerate(CHAIN)}
DECLINABLE = frozenset({Status.PLANNED, Status.CONFIRMED})
TERMINAL = frozenset({Status.CANCELLED, Status.DECLINED})


def transition_kind(src: Status, dst: Status) -> str:
    """Classify a status move: ``forward``, ``back``, ``decline``, ``cancel``, ``reopen`` or ``illegal``.

    Forward moves may skip steps (a syndicated piece goes from confirmed to published). A step back,
    a decline, a cancellation and reopening a declined or cancelled assignment need a reason.
    """
    if src == dst:
        return "illegal"
    if dst is Status.CANCELLED:
        return "cancel" if src is not Status.CANCELLED else "illegal"
    if dst is Status.DECLINED:
        return "decline" if src in DECLINABLE else "illegal"
    if src in TERMINAL:
        return "reopen" if dst is Status.PLANNED else "illegal"
    return "forward" if _RANK[dst] > _RANK[src] else "back"


def needs_reason(src: Status, dst: Status) -> bool:
    return transition_kind(src, dst) in {"back", "decline", "cancel", "reopen"}


def check_transition(src: Status, dst: Status, reason: str = "") -> str:
    """Raise a typed error unless ``src → dst`` is allowed with the given reason; return its kind."""
    kind = transition_kind(src, dst)
    if kind == "illegal":
        raise IllegalTransitionError(field="status", src=src, dst=dst)
    if needs_reason(src, dst) and not reason.strip():
        raise ValidationError("reason_required", field="reason", src=src, dst=dst)
    return kind


def allowed_targets(src: Status) -> list[Status]:
    """Every status ``src`` may move to (some of them only with a reason)."""
    return [s for s in Status if transition_kind(src, s) != "illegal"]


N = TypeVar("N", bound=Hashable)


def find_path(edges: Mapping[N, Iterable[N]], start: N, goal: N) -> list[N] | None:
    """A path ``start → … → goal`` following ``edges`` (node → successors), or ``None``."""
    stack: list[tuple[N, list[N]]] = [(start, [start])]
    seen: set[N] = set()
    while stack:
        node, path = stack.pop()
        if node == goal:
            return path
        if node in seen:
            continue
        seen.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in seen:
                stack.append((nxt, [*path, nxt]))
    return None


def check_new_dependency(depends: Mapping[N, Iterable[N]], stage: N, prerequisite: N) -> None:
    """Refuse ``stage depends on prerequisite`` if it would close a cycle.

    ``depends`` maps each stage to the stages it depends on. A cycle appears when ``prerequisite``
    already (transitively) depends on ``stage``.
    """
    if stage == prerequisite:
        raise CycleError("self_dependency", field="depends_on")
    path = find_path(depends, prerequisite, stage)
    if path is not None:
        raise CycleError(field="depends_on", path=" → ".join(str(p) for p in [stage, *path]), nodes=[stage, *path])
