"""Persistence: SQLModel tables, opening/migrating/backing up the database, and read queries.

Only ``planner.services`` (and tests) use this package; the UI goes through services.
"""
