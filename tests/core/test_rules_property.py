"""Property tests: the status machine and dependency cycles."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.enums import Status
from planner.domain.errors import CycleError, IllegalTransitionError, ValidationError
from planner.domain.rules import (
    CHAIN,
    allowed_targets,
    check_new_dependency,
    check_transition,
    transition_kind,
)

statuses = st.sampled_from(list(Status))


@given(src=statuses, dst=statuses, reason=st.sampled_from(["", "理由"]))
def test_transition_is_accepted_exactly_when_the_table_allows(src: Status, dst: Status, reason: str) -> None:
    kind = transition_kind(src, dst)
    if kind == "illegal":
        with pytest.raises(IllegalTransitionError):
            check_transition(src, dst, reason)
    elif kind != "forward" and not reason:
        with pytest.raises(ValidationError):
            check_transition(src, dst, reason)
    else:
        assert check_transition(src, dst, reason) == kind


@given(walk=st.lists(statuses, max_size=30))
def test_random_walks_only_take_documented_moves(walk: list[Status]) -> None:
    current = Status.PLANNED
    for nxt in walk:
        try:
            check_transition(current, nxt, "原因")
        except IllegalTransitionError:
            assert nxt not in allowed_targets(current)
            continue
        assert nxt in allowed_targets(current)
        if current in CHAIN and nxt in CHAIN and CHAIN.index(nxt) > CHAIN.index(current):
            assert transition_kind(current, nxt) == "forward"
        current = nxt


def test_design_rules_hold() -> None:
    assert transition_kind(Status.IN_PROGRESS, Status.DECLINED) == "illegal"
    assert transition_kind(Status.CONFIRMED, Status.DECLINED) == "decline"
    assert all(transition_kind(s, Status.CANCELLED) == "cancel" for s in Status if s is not Status.CANCELLED)
    assert transition_kind(Status.DECLINED, Status.CONFIRMED) == "illegal"
    assert transition_kind(Status.PUBLISHED, Status.CONFIRMED) == "back"


@settings(max_examples=200)
@given(edges=st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), max_size=40))
def test_dependencies_stay_acyclic_and_refusals_are_real_cycles(edges: list[tuple[int, int]]) -> None:
    depends: dict[int, list[int]] = {}
    graph = nx.DiGraph()
    for stage, prereq in edges:
        candidate = graph.copy()
        candidate.add_edge(stage, prereq)
        try:
            check_new_dependency(depends, stage, prereq)
        except CycleError:
            assert stage == prereq or not nx.is_directed_acyclic_graph(candidate)
            continue
        assert nx.is_directed_acyclic_graph(candidate)
        depends.setdefault(stage, []).append(prereq)
        graph = candidate
    assert nx.is_directed_acyclic_graph(graph)
