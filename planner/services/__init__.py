"""Use cases of the planner. Each call is one transaction, validates, logs and returns ``Changes``.

Callers (the UI, the command line) pass an open :class:`planner.store.database.Database` and
keyword arguments; they never open a session themselves.
"""
