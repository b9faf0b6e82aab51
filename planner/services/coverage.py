"""The coverage matrix: stages × outlets of one project and the pieces in each cell.

:func:`plan_matrix` builds it from a plan already loaded, as opening a project does, keeping each
stage's cells while its pieces are unchanged (:data:`_STAGE_CELLS`); :func:`coverage_matrix` reads the
same value straight from the database (what the core benchmark measures, and the reference the tests
compare the built matrix with), sharing the row caches and compiled statements of
:mod:`planner.services.queries`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import NamedTuple

from planner.domain.enums import Format, Role, Status
from planner.domain.kept import KeptByInputs
from planner.domain.rows import AssignmentRow, OutletRow, ProjectPlan, StageRow
from planner.services.queries import _CELLS, _OUTLETS, _PROJECT_OUTLETS, _outlets_where, _stages
from planner.store import convert
from planner.store.database import Database
from planner.store.fast import coverage_cells, template_rows


class Cell(NamedTuple):
    """One assignment as the coverage matrix shows it (a tuple: thousands are built per load)."""

    assignment_id: uuid.UUID
    role: Role
    format: Format
    status: Status


@dataclass(frozen=True)
class CoverageMatrix:
    """Stages × outlets of one project: ``cells[(stage_id, outlet_id)]`` lists that outlet's pieces there."""

    stages: tuple[StageRow, ...]
    outlets: tuple[OutletRow, ...]
    cells: dict[tuple[uuid.UUID, uuid.UUID], list[Cell]]

    def covered(self, stage_id: uuid.UUID) -> bool:
        return any(
            c.status not in (Status.CANCELLED, Status.DECLINED)
            for (sid, _o), cells in self.cells.items() if sid == stage_id for c in cells
        )


def coverage_matrix(db: Database, project_id: uuid.UUID, *, all_outlets: bool = False) -> CoverageMatrix:
    """The coverage matrix of a project; outlets are those assigned (or every outlet with ``all_outlets``)."""
    with db.engine.connect() as conn:
        stage_rows = _stages(conn, project_id)
        cells = coverage_cells(conn, project_id, Cell._make, _CELLS)
        outlets = tuple(_outlets_where(conn, []) if all_outlets else
                        template_rows(conn, _PROJECT_OUTLETS, {"project": project_id}, convert.outlet_row, _OUTLETS))
    return CoverageMatrix(tuple(stage_rows), outlets, cells)


def plan_matrix(plan: ProjectPlan) -> CoverageMatrix:
    """The coverage matrix of a loaded plan: the value :func:`coverage_matrix` reads, without reading
    the database again (opening a project needs both).

    A stage's cells are worked out from its pieces alone, so a stage whose pieces equal those of the
    last matrix built with it gets its cells again (:data:`_STAGE_CELLS`): after an edit only the
    edited stage is built anew (~0.3 ms of the large project's ~3 ms). Merging a kept stage's dict
    reuses its stored hashes; building keys hashes two ``uuid.UUID`` per piece, a Python call each.
    """
    runs = [(s, tuple(rows)) for s, rows in groupby(plan.assignments, key=_stage_int)]
    if len({s for s, _rows in runs}) < len(runs):  # a stage's pieces not together: the order needs one pass
        cells = _cells_of(plan.assignments)
    else:
        cells = {}
        for s, rows in runs:  # stage order, leads first, then database order: the matrix's cell order
            cells.update(_stage_cells(s, rows))
    assigned = {a.outlet_id.int for a in plan.assignments}  # .int hashes in C, uuid.UUID.__hash__ in Python
    outlets = sorted((o for oid, o in plan.outlets.items() if oid.int in assigned), key=outlet_order)
    return CoverageMatrix(plan.stages, tuple(outlets), cells)


def _stage_int(a: AssignmentRow) -> int:
    return a.stage_id.int


def _cells_of(pieces: Iterable[AssignmentRow]) -> dict[tuple[uuid.UUID, uuid.UUID], list[Cell]]:
    cells: dict[tuple[uuid.UUID, uuid.UUID], list[Cell]] = {}
    get = cells.get
    new_cell = tuple.__new__  # a NamedTuple's own __new__ is a Python call per cell (1,500 per open)
    for a in pieces:
        key = (a.stage_id, a.outlet_id)
        cell = new_cell(Cell, (a.id, a.role, a.format, a.status))
        group = get(key)
        if group is None:
            cells[key] = [cell]
        else:
            group.append(cell)
    return cells


def _stage_cells(stage: int, rows: tuple[AssignmentRow, ...]) -> dict[tuple[uuid.UUID, uuid.UUID], list[Cell]]:
    """A stage's cells, given again while its pieces equal the kept ones (:data:`_STAGE_CELLS`)."""
    cells = _STAGE_CELLS.get(stage, rows)
    return cells if cells is not None else _STAGE_CELLS.put(stage, rows, _cells_of(rows))


#: Each stage's matrix cells with the pieces they were built from, by the stage id's ``.int``. Nobody
#: changes a matrix's cell lists (the models hand out copies), so matrices may share them, as
#: ``loader.KEPT`` shares whole matrices.
_STAGE_CELLS: KeptByInputs[dict[tuple[uuid.UUID, uuid.UUID], list[Cell]]] = KeptByInputs()


def outlet_order(o: OutletRow) -> tuple[str, bool, str, str]:
    """The order of outlet lists (tier code, place code with none first, name), as SQL sorts them on SQLite."""
    return (o.tier.value, o.adcode is not None, o.adcode or "", o.name)
