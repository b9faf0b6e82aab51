"""The 范围 chooser of the 补位建议 panel: all stages, or any set of chosen stages.

A combo box whose list items are check boxes: clicking (or Space on) a stage ticks it and the list
stays open, so several stages are chosen in one visit; the first line, 全部环节, clears the choice.
The closed box names what is chosen ("全部环节", one stage's title, or "3 个环节"). ``changed`` is
emitted once per change of the chosen set.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

_ID = Qt.ItemDataRole.UserRole


class StageScope(QComboBox):
    """Choose no stage (= all of them) or several; :meth:`chosen` gives their ids in list order."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self._last: tuple[uuid.UUID, ...] = ()
        self._batch = False  # several ticks at once: one ``changed`` after them
        self._model.itemChanged.connect(self._changed)  # Qt's combo delegate ticks on release
        self.view().pressed.connect(self._pressed)
        self.view().installEventFilter(self)
        self.setToolTip(self.tr("只为勾选的环节补位；不勾选即全部环节"))
        self.set_stages(())

    # -- contents --------------------------------------------------------------------------------
    def set_stages(self, stages: Iterable[tuple[uuid.UUID, str]], keep: Sequence[uuid.UUID] = ()) -> None:
        """The stages to choose from; those in ``keep`` stay ticked (no signal: nothing changed
        for the user)."""
        kept = set(keep)
        self._batch = True
        self._model.clear()
        everything = QStandardItem(self.tr("全部环节"))
        everything.setData("", _ID)
        self._model.appendRow(everything)
        for stage_id, label in stages:
            item = QStandardItem(label)
            item.setData(str(stage_id), _ID)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if stage_id in kept else Qt.CheckState.Unchecked)
            self._model.appendRow(item)
        self._batch = False
        self.setCurrentIndex(0)
        self._last = self.chosen()
        self.update()

    def chosen(self) -> tuple[uuid.UUID, ...]:
        """The ticked stages; empty means all of them."""
        return tuple(
            uuid.UUID(self._model.item(row).data(_ID))
            for row in range(1, self._model.rowCount())
            if self._model.item(row).checkState() == Qt.CheckState.Checked
        )

    def set_chosen(self, stage_ids: Iterable[uuid.UUID]) -> None:
        """Tick exactly these stages (an id not in the list is ignored)."""
        wanted = {str(s) for s in stage_ids}
        self._batch = True
        for row in range(1, self._model.rowCount()):
            item = self._model.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(_ID) in wanted else Qt.CheckState.Unchecked)
        self._batch = False
        self._changed()

    def summary(self) -> str:
        """What the closed box shows."""
        ticked = [row for row in range(1, self._model.rowCount())
                  if self._model.item(row).checkState() == Qt.CheckState.Checked]
        if not ticked:
            return self.tr("全部环节")
        if len(ticked) == 1:
            return self._model.item(ticked[0]).text()
        return self.tr("%n 个环节", "", len(ticked))

    # -- interaction -----------------------------------------------------------------------------
    def _pressed(self, index: QModelIndex) -> None:
        # A stage is ticked on release by the combo's own delegate, which keeps the list open for a
        # checkable item; 全部环节 unticks them all and closes the list as any choice does.
        if index.row() == 0:
            self._set_all(Qt.CheckState.Unchecked)

    def _toggle(self, index: QModelIndex) -> None:
        """Tick or untick the stage at ``index`` (row 0, 全部环节, unticks every stage)."""
        if index.row() == 0:
            self._set_all(Qt.CheckState.Unchecked)
            return
        item = self._model.item(index.row())
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _set_all(self, state: Qt.CheckState) -> None:
        self._batch = True
        for row in range(1, self._model.rowCount()):
            self._model.item(row).setCheckState(state)
        self._batch = False
        self._changed()

    def _changed(self, *_: object) -> None:
        if self._batch:
            return
        self.setCurrentIndex(0)
        self.update()
        now = self.chosen()
        if now != self._last:
            self._last = now
            self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view() and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Space:
                self._toggle(self.view().currentIndex())
                return True
        return super().eventFilter(watched, event)

    def paintEvent(self, event: QEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.summary()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
