"""Pure-Python domain: enums with labels, typed ids, frozen rows, errors and rules.

Nothing here imports SQLAlchemy, Qt or any other layer of the planner.
"""
