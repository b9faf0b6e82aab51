"""Recurring series on screen: choosing a weekly or monthly pattern for a new stage (with a preview of
the stages it makes), and, for a stage of a series, whether an edit is for this occurrence only or
for this one and the following.
"""
