"""Notes threads on screen: the thread widget a dialog embeds, and a dialog of its own.

Owns how a thread of dated, attributed notes (:mod:`planner.services.notes`) is read, written,
corrected and deleted in the app; every write is one undo step.
"""
