"""Date and date-time fields with a calendar, that may be left empty.

A form's dates used to be free text with an example ("如 2025-04-22") that was years stale and did
nothing to stop ``2025-13-45``. These are real editors with a calendar drop-down; a box in front
says whether the field is set, so "not decided yet" stays expressible (an empty field shows 未填 and
is ``None``). Ticking the box starts from a sensible date — the one the field last had, else the
default the form gives (the project's start, the stage's end), else today.

Times are in the plan's time zone (Asia/Shanghai), as everywhere in the app.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QDateTimeEdit, QHBoxLayout, QWidget

from planner.domain.timefmt import PLAN_TZ

_EMPTY_DATE = QDate(2000, 1, 1)


class _Optional(QWidget):
    """A check box ("set") and a date editor; ``changed`` fires on every change of the value."""

    changed = Signal()

    def __init__(self, edit: QDateTimeEdit, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.optional = optional
        self.set_box = QCheckBox()
        self.set_box.setToolTip(self.tr("勾选后填写；不勾选表示未定"))
        edit.setCalendarPopup(True)
        edit.setMinimumDate(_EMPTY_DATE)
        edit.setSpecialValueText(self.tr("未填"))
        edit.setMinimumWidth(150)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addWidget(self.set_box)
        box.addWidget(edit, 1)
        self.set_box.setVisible(optional)
        self._last: QDateTime | None = None
        self._default: QDateTime | None = None
        self.set_box.toggled.connect(self._on_toggled)
        edit.dateTimeChanged.connect(self._on_edited)
        self.setFocusProxy(self.set_box if optional else edit)
        self._apply(not optional)

    # -- state ---------------------------------------------------------------------------------
    def is_set(self) -> bool:
        return self.set_box.isChecked() or not self.optional

    def _apply(self, on: bool) -> None:
        self.set_box.blockSignals(True)
        self.set_box.setChecked(on)
        self.set_box.blockSignals(False)
        self.edit.setEnabled(on)
        self.edit.blockSignals(True)
        if on:
            start = self._last or self._default or self._today()
            self.edit.setDateTime(start)
        else:
            self.edit.setDate(_EMPTY_DATE)  # shows 未填
        self.edit.blockSignals(False)

    def _on_toggled(self, on: bool) -> None:
        self._apply(on)
        if on:
            self.edit.setFocus()
        self.changed.emit()

    def _on_edited(self, value: QDateTime) -> None:
        if self.is_set() and value.date() != _EMPTY_DATE:
            self._last = QDateTime(value)
        self.changed.emit()

    def _today(self) -> QDateTime:
        now = datetime.now(PLAN_TZ)
        return QDateTime(QDate(now.year, now.month, now.day), QTime(9, 0))

    def set_value(self, value: date | datetime | None) -> None:
        """Show ``value`` (None: empty, or the default for a field that may not be empty)."""
        if value is None:
            self._last = None
            self._apply(not self.optional)
        else:
            self._last = _to_qt(value)
            self._apply(True)
        self.changed.emit()

    def set_default(self, value: date | datetime | None) -> None:
        """Where a ticked, empty field starts (the project's start, the stage's end …)."""
        self._default = _to_qt(value) if value is not None else None


def _to_qt(value: date | datetime) -> QDateTime:
    if isinstance(value, datetime):
        local = value.astimezone(PLAN_TZ) if value.tzinfo else value
        return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    return QDateTime(QDate(value.year, value.month, value.day), QTime(0, 0))


class DateField(_Optional):
    """A date, or ``None`` when left empty (``optional=False``: always a date)."""

    def __init__(self, optional: bool = True, parent: QWidget | None = None) -> None:
        edit = QDateEdit()
        edit.setDisplayFormat("yyyy-MM-dd")
        super().__init__(edit, optional, parent)

    def value(self) -> date | None:
        if not self.is_set():
            return None
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())


class DateTimeField(_Optional):
    """A date and time in the plan's time zone (aware), or ``None`` when left empty."""

    def __init__(self, optional: bool = True, parent: QWidget | None = None) -> None:
        edit = QDateTimeEdit()
        edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        super().__init__(edit, optional, parent)

    def value(self) -> datetime | None:
        if not self.is_set():
            return None
        v = self.edit.dateTime()
        d, t = v.date(), v.time()
        return datetime.combine(date(d.year(), d.month(), d.day()), time(t.hour(), t.minute()), PLAN_TZ)

