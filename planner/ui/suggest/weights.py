"""Weight sliders of the 补位建议 panel: one per objective, 0–10 in steps of 0.5, with the defaults.

The values are :class:`planner.graph.staffing.Weights`; the widget says inline when every weight is
zero (the optimiser would have nothing to weigh) instead of letting a computation fail.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSlider, QWidget

from planner.graph.staffing import Weights
from planner.graph.staffing.model import MAX_WEIGHT

_STEPS = 2  # slider positions per unit of weight (0.5 steps)
#: (field, label, tip) in the order shown
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("travel", QT_TRANSLATE_NOOP("WeightSliders", "路程近"), QT_TRANSLATE_NOOP("WeightSliders", "从单位所在地到环节地点的路程越短越好")),
    ("load", QT_TRANSLATE_NOOP("WeightSliders", "负载均衡"), QT_TRANSLATE_NOOP("WeightSliders", "避免把任务压给产能快用完的单位")),
    ("cross_province", QT_TRANSLATE_NOOP("WeightSliders", "跨省联通"), QT_TRANSLATE_NOOP("WeightSliders", "优先与环节现有单位不同省份的单位（横向联通）")),
    ("vertical", QT_TRANSLATE_NOOP("WeightSliders", "纵向贯通"), QT_TRANSLATE_NOOP("WeightSliders", "优先与环节现有单位不同层级的单位（纵向贯通）")),
    ("isolated", QT_TRANSLATE_NOOP("WeightSliders", "带动孤岛"), QT_TRANSLATE_NOOP("WeightSliders", "优先近一年没有合作的单位（打破孤岛效应）")),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("WeightSliders", text)


class WeightSliders(QWidget):
    """Five sliders; ``changed`` fires with the new :class:`Weights` (or None when all are zero)."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        self.sliders: dict[str, QSlider] = {}
        self._values: dict[str, QLabel] = {}
        for row, (name, label, tip) in enumerate(FIELDS):
            text = QLabel(_tr(label))
            text.setToolTip(_tr(tip))
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, int(MAX_WEIGHT * _STEPS))
            slider.setPageStep(_STEPS)
            slider.setToolTip(_tr(tip))
            slider.setAccessibleName(_tr(label))
            value = QLabel()
            value.setMinimumWidth(28)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            slider.valueChanged.connect(self._on_changed)
            grid.addWidget(text, row, 0)
            grid.addWidget(slider, row, 1)
            grid.addWidget(value, row, 2)
            self.sliders[name] = slider
            self._values[name] = value
        self.reset_button = QPushButton(self.tr("恢复默认权重"))
        self.reset_button.clicked.connect(lambda: self.set_weights(Weights()))
        self.error = QLabel(self.tr("至少要有一项权重大于 0。"))
        self.error.setStyleSheet("color:#b3261e")
        self.error.setVisible(False)
        grid.addWidget(self.error, len(FIELDS), 0, 1, 2)
        grid.addWidget(self.reset_button, len(FIELDS) + 1, 0, 1, 3, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(1, 1)
        self.set_weights(Weights())

    def set_weights(self, weights: Weights) -> None:
        for name, value in weights.as_dict().items():
            slider = self.sliders[name]
            slider.blockSignals(True)
            slider.setValue(round(value * _STEPS))
            slider.blockSignals(False)
        self._on_changed()

    def weights(self) -> Weights | None:
        """The chosen weights, or None when every slider is at zero."""
        values = {name: s.value() / _STEPS for name, s in self.sliders.items()}
        if not any(values.values()):
            return None
        return replace(Weights(), **values)

    def _on_changed(self, *_: object) -> None:
        for name, slider in self.sliders.items():
            self._values[name].setText(f"{slider.value() / _STEPS:g}")
        weights = self.weights()
        self.error.setVisible(weights is None)
        self.reset_button.setEnabled(weights != Weights())
        self.changed.emit(weights)
