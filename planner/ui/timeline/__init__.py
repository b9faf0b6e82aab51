"""The project timeline (the workspace's 时间线 tab): stages as bars and every deadline on an hour, day
or week scale, with tooltips, drag to move or resize (one undo step) and a jump to today.

``layout`` is the pure geometry (rows, the time axis, snapping), ``view`` the painted, scrolling
widget and its mouse handling; :mod:`planner.ui.workspace.timeline` is the tab that holds them.
"""
