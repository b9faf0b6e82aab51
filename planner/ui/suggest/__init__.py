"""The staffing suggestions in the app (issue #15): the 补位建议 panel beside the coverage matrix and
the emergency fast path 新建突发联动.

:mod:`.panel` owns the panel (weights as sliders, the suggestions previewed greyed in the matrix,
accepting one, several or all as one undo step, rejecting with a reason, the rejections of the
project); :mod:`.weights` the sliders; :mod:`.reject_dialog` the reason form; :mod:`.emergency` the
dialog that turns a place and a time into a staffed emergency plan with reply sheets to send.
The work itself is :mod:`planner.services.suggestions` and :mod:`planner.services.emergency`.
"""
