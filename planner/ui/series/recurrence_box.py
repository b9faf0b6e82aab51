"""The 重复 part of the new-stage dialog: a weekly or monthly pattern and its end, with a live preview.

Unchecked, the dialog makes one stage. Checked, it makes a series: one stage per occurrence of the
pattern (:func:`planner.domain.recurrence.expand`), the dialog's start and end being the first
candidate. The preview lists the dates it will create, or says in words why the pattern does not
work (no weekday chosen, a day no month in the range has, more than the limit).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.domain.recurrence import MAX_OCCURRENCES, Recurrence, describe
from planner.domain.timefmt import PLAN_TZ
from planner.services.series import plan_series


class RecurrenceBox(QWidget):
    """``times()`` gives the dialog's current title, start and end (texts), for the preview."""

    changed = Signal()

    def __init__(self, lang: str, times: Callable[[], tuple[str, Any, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._times = times
        self.enabled = QCheckBox(self.tr("重复，按规则建一组环节（系列）"))
        self.freq = QComboBox()
        self.freq.addItem(self.tr("每周"), "weekly")
        self.freq.addItem(self.tr("每月"), "monthly")
        self.interval = QSpinBox()
        self.interval.setRange(1, 12)
        self.interval.setPrefix(self.tr("每 "))
        self.interval.setSuffix(self.tr(" 个周期"))
        names = self.tr("周一,周二,周三,周四,周五,周六,周日").split(",")
        names = names if len(names) == 7 else [str(i) for i in range(1, 8)]
        self.weekdays = [QCheckBox(names[i]) for i in range(7)]
        week = QWidget()
        wbox = QHBoxLayout(week)
        wbox.setContentsMargins(0, 0, 0, 0)
        for box in self.weekdays:
            wbox.addWidget(box)
        wbox.addStretch(1)
        self.month_mode = QComboBox()
        self.month_mode.addItem(self.tr("每月的第几日"), "day")
        self.month_mode.addItem(self.tr("每月最后一天"), "last")
        self.month_mode.addItem(self.tr("每月第几个星期几"), "nth")
        self.monthday = QSpinBox()
        self.monthday.setRange(1, 31)
        self.monthday.setSuffix(self.tr(" 日"))
        self.nth = QComboBox()
        for n, text in ((1, self.tr("第一个")), (2, self.tr("第二个")), (3, self.tr("第三个")), (4, self.tr("第四个")),
                        (-1, self.tr("最后一个"))):
            self.nth.addItem(text, n)
        self.nth_day = QComboBox()
        for i in range(7):
            self.nth_day.addItem(names[i], i)
        month = QWidget()
        mbox = QHBoxLayout(month)
        mbox.setContentsMargins(0, 0, 0, 0)
        for w in (self.month_mode, self.monthday, self.nth, self.nth_day):
            mbox.addWidget(w)
        mbox.addStretch(1)
        self.pattern = QStackedWidget()
        self.pattern.addWidget(week)
        self.pattern.addWidget(month)
        self.end_mode = QComboBox()
        self.end_mode.addItem(self.tr("共几次"), "count")
        self.end_mode.addItem(self.tr("截止日期"), "until")
        self.count = QSpinBox()
        self.count.setRange(1, MAX_OCCURRENCES)
        self.count.setValue(8)
        self.count.setSuffix(self.tr(" 次"))
        self.until = QDateEdit()
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.until.setDate(QDate.currentDate().addMonths(3))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("color:#555")
        self.details = QWidget()
        grid = QGridLayout(self.details)
        grid.setContentsMargins(18, 0, 0, 0)
        grid.addWidget(self.freq, 0, 0)
        grid.addWidget(self.interval, 0, 1)
        grid.addWidget(self.pattern, 1, 0, 1, 3)
        grid.addWidget(self.end_mode, 2, 0)
        grid.addWidget(self.count, 2, 1)
        grid.addWidget(self.until, 2, 2)
        grid.addWidget(self.preview, 3, 0, 1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.details)
        for signal in (self.enabled.toggled, self.freq.currentIndexChanged, self.interval.valueChanged,
                       self.month_mode.currentIndexChanged, self.monthday.valueChanged, self.nth.currentIndexChanged,
                       self.nth_day.currentIndexChanged, self.end_mode.currentIndexChanged, self.count.valueChanged,
                       self.until.dateChanged, *(b.toggled for b in self.weekdays)):
            signal.connect(self.refresh)
        self.refresh()

    # -- the pattern ---------------------------------------------------------------------------
    @property
    def on(self) -> bool:
        return self.enabled.isChecked()

    def recurrence(self) -> Recurrence:
        """The pattern the widgets describe (not yet checked)."""
        end: dict[str, Any] = {"count": self.count.value()} if self.end_mode.currentData() == "count" else \
            {"until": date(self.until.date().year(), self.until.date().month(), self.until.date().day())}
        interval = self.interval.value()
        if self.freq.currentData() == "weekly":
            days = tuple(i for i, b in enumerate(self.weekdays) if b.isChecked())
            return Recurrence("weekly", interval, weekdays=days, **end)
        mode = self.month_mode.currentData()
        if mode == "day":
            return Recurrence("monthly", interval, monthday=self.monthday.value(), **end)
        if mode == "last":
            return Recurrence("monthly", interval, monthday=-1, **end)
        return Recurrence("monthly", interval, nth=(self.nth.currentData(), self.nth_day.currentData()), **end)

    def follow_start(self, start: datetime | None) -> None:
        """Preset the pattern from the first start: its weekday, its day of the month."""
        if start is None:
            return
        loc = start.astimezone(PLAN_TZ)
        if not any(b.isChecked() for b in self.weekdays):
            self.weekdays[loc.weekday()].setChecked(True)
        self.monthday.setValue(loc.day)
        self.nth_day.setCurrentIndex(loc.weekday())

    def refresh(self, *_: Any) -> None:
        self.details.setVisible(self.on)
        weekly = self.freq.currentData() == "weekly"
        self.pattern.setCurrentIndex(0 if weekly else 1)
        self.interval.setSuffix(self.tr(" 周") if weekly else self.tr(" 个月"))
        mode = self.month_mode.currentData()
        self.monthday.setVisible(mode == "day")
        self.nth.setVisible(mode == "nth")
        self.nth_day.setVisible(mode == "nth")
        by_count = self.end_mode.currentData() == "count"
        self.count.setVisible(by_count)
        self.until.setVisible(not by_count)
        self.preview.setText(self.preview_text() if self.on else "")
        self.changed.emit()

    def planned(self) -> list[tuple[str, datetime, datetime]]:
        title, start, end = self._times()
        return plan_series(title=title or self.tr("系列"), rule=self.recurrence(), starts_at=start, ends_at=end)

    def preview_text(self) -> str:
        try:
            planned = self.planned()
        except PlannerError as err:
            from planner.domain.errors import error_text

            return error_text(err, self.lang)
        sep = ", " if self.lang.startswith("en") else "、"
        shown = sep.join(f"{s.astimezone(PLAN_TZ):%m-%d}" for _t, s, _e in planned[:8])
        more = "…" if len(planned) > 8 else ""
        return self.tr("{rule}：将建 {n} 个环节（{dates}{more}）").format(
            rule=describe(self.recurrence(), self.lang), n=len(planned), dates=shown, more=more)
