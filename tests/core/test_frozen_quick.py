"""planner.domain.frozen.quick: rows built without a frozen __init__ are the rows the class builds."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain import rows
from planner.domain.enums import Format, Role, Status
from planner.domain.findings import Finding, FindingKind, Severity
from planner.domain.frozen import quick

ROW_CLASSES = [c for c in vars(rows).values()
               if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == rows.__name__]


def _value(field: dataclasses.Field, draw: Any) -> Any:
    """Any value will do: a frozen dataclass stores what it is given (no checks in __init__)."""
    return draw(st.one_of(st.none(), st.integers(), st.text(max_size=8), st.booleans(),
                          st.builds(uuid.UUID, st.uuids().map(str)),
                          st.tuples(st.uuids()), st.dates(), st.just(Format.TEXT)))


def test_every_row_class_of_the_domain_gets_the_quick_constructor() -> None:
    assert len(ROW_CLASSES) >= 9
    for cls in [*ROW_CLASSES, Finding]:
        assert quick(cls) is not cls, cls.__name__  # eligible: the trick is really used where it is meant to be
        assert quick(cls) is quick(cls)  # made once


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_quick_row_is_the_row_the_class_builds(data: st.DataObject) -> None:
    cls = data.draw(st.sampled_from([*ROW_CLASSES, Finding]))
    fields = dataclasses.fields(cls)
    required = [f for f in fields if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    n = data.draw(st.integers(len(required), len(fields)))  # with and without the defaulted fields
    args = [_value(f, data.draw) for f in fields[:n]]
    made, built = quick(cls)(*args), cls(*args)
    assert type(made) is cls
    assert made == built and repr(made) == repr(built)
    try:
        assert hash(made) == hash(built)
    except TypeError:  # an unhashable value (a dict): unhashable both ways
        with pytest.raises(TypeError):
            hash(built)
    for f in fields:
        assert getattr(made, f.name) is getattr(built, f.name) or getattr(made, f.name) == getattr(built, f.name)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, fields[0].name, None)
    assert pickle.loads(pickle.dumps(made)) == built
    assert copy.copy(made) == built and copy.deepcopy(made) == built
    assert dataclasses.replace(made) == built and dataclasses.asdict(made) == dataclasses.asdict(built)


def test_keywords_defaults_and_default_factories() -> None:
    aid, sid, oid = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    kw = dict(id=aid, stage_id=sid, outlet_id=oid, role=Role.LEAD, format=Format.TEXT, status=Status.PLANNED,
              due_at=datetime(2026, 12, 1, 2, 30, tzinfo=UTC), brief="简报", deliverable_url="", notes="",
              reason="", version=3)
    made = quick(rows.AssignmentRow)(**kw)
    assert made == rows.AssignmentRow(**kw) and made.person_ids == () and made.updated_at is None
    one, two = quick(Finding)(FindingKind.NO_LEAD, Severity.WARNING), quick(Finding)(FindingKind.NO_LEAD, Severity.WARNING)
    assert one == Finding(FindingKind.NO_LEAD, Severity.WARNING)
    assert one.params == {} and one.params is not two.params  # a default_factory makes one per row
    with pytest.raises(TypeError):
        quick(rows.AssignmentRow)(aid)  # missing arguments are refused as the class refuses them
    with pytest.raises(TypeError):
        quick(rows.AssignmentRow)(**kw, nonsense=1)


@dataclasses.dataclass(frozen=True, slots=True)
class _Checked:
    value: int

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("negative")


@dataclasses.dataclass(frozen=True, slots=True)
class _WithInitVar:
    value: int
    scale: dataclasses.InitVar[int] = 1


@dataclasses.dataclass(frozen=True, slots=True)
class _NotInit:
    value: int
    derived: int = dataclasses.field(init=False, default=0)


@dataclasses.dataclass(slots=True)
class _Mutable:
    value: int


@dataclasses.dataclass(frozen=True)
class _NoSlots:
    value: int


@dataclasses.dataclass(frozen=True, slots=True)
class _Base:
    value: int


@dataclasses.dataclass(frozen=True, slots=True)
class _Derived(_Base):
    more: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class _OwnInit:
    value: int

    def __init__(self, value: Any) -> None:  # converts what it is given: the twin would not
        object.__setattr__(self, "value", int(value))


@dataclasses.dataclass(frozen=True, slots=True)
class _OwnNew:
    value: int

    def __new__(cls, *args: Any, **kwargs: Any) -> _OwnNew:
        return super().__new__(cls)


@pytest.mark.parametrize("cls", [_Checked, _WithInitVar, _NotInit, _Mutable, _NoSlots, _Derived, _OwnInit, _OwnNew, date])
def test_classes_whose_init_does_more_than_store_fields_get_the_class_itself(cls: type) -> None:
    assert quick(cls) is cls


def test_a_class_with_a_check_keeps_its_check() -> None:
    with pytest.raises(ValueError):
        quick(_Checked)(-1)


def test_a_class_with_its_own_init_converts_as_it_does() -> None:
    assert quick(_OwnInit)("5") == _OwnInit("5") and quick(_OwnInit)("5").value == 5
