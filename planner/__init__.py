"""Joint-coverage planner: plan joint news coverage across a regional media alliance."""

__version__ = "0.1.0"
