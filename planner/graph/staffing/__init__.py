"""Staffing suggestions: the optimiser that proposes how to close a plan's holes (issue #15).

This package owns turning the plan analysis's gaps (uncovered stages, missing required formats, no
lead) into proposed assignments: the slots and candidates with their constraints (format, capacity
left, availability, alliance, rejections) and weighed objectives (travel time, load balance,
cross-province and vertical links, isolated outlets) in :mod:`.problem`; the mixed-integer program
solved by HiGHS through ``scipy.optimize.milp`` and the greedy baseline in :mod:`.solve`; people
for the pieces in :mod:`.people`; the "never makes the plan worse" check in :mod:`.check`; and the
explanations in Chinese and English in :mod:`.explain`. It reads no database and imports no Qt:
:mod:`planner.services.suggestions` reads its input and applies its output.
"""

from planner.graph.staffing.engine import suggest
from planner.graph.staffing.explain import note_text, suggestion_text, unfilled_text
from planner.graph.staffing.model import (
    Reason,
    StaffingInput,
    StaffingResult,
    Suggestion,
    Unfilled,
    Weights,
)

__all__ = [
    "Reason",
    "StaffingInput",
    "StaffingResult",
    "Suggestion",
    "Unfilled",
    "Weights",
    "note_text",
    "suggest",
    "suggestion_text",
    "unfilled_text",
]
