"""The history screens: who changed what and when, read from the change log, with "revert this change".

Owns the history table model, the panel with its filters and field-by-field detail (used as the
workspace's 历史 tab for a project and in a dialog for one item), and how a revert is pushed.
"""
