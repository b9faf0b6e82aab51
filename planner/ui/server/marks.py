"""What the tables show about other editors: rows just changed by someone (刚由 X 修改) and records
someone is editing now (X 正在编辑). One registry for the whole app, so any table model can ask by
row id (:func:`mark_for`) without knowing about the live updates; on a file it is always empty.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

CHANGED_FOR = 600.0  # seconds a row keeps its 刚由 X 修改 tooltip
HIGHLIGHT_FOR = 60.0  # seconds it is also highlighted
_CHANGED = QBrush(QColor("#fff4c2"))
_EDITING = QBrush(QColor("#e3efff"))
_ROLES = frozenset({Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole})


@dataclass(frozen=True, slots=True)
class Mark:
    text: str
    brush: QBrush | None


class Marks:
    def __init__(self) -> None:
        self.changed: dict[uuid.UUID, tuple[str, float, float]] = {}  # id → (who, monotonic, wall clock)
        self.editing: dict[uuid.UUID, list[str]] = {}

    def clear(self) -> None:
        self.changed.clear()
        self.editing.clear()

    def note_changed(self, ids: list[uuid.UUID], who: str) -> None:
        now, wall = time.monotonic(), time.time()
        for rid in ids:
            self.changed[rid] = (who, now, wall)
        if len(self.changed) > 5000:  # bounded: drop the oldest
            for rid, _ in sorted(self.changed.items(), key=lambda kv: kv[1][1])[:1000]:
                del self.changed[rid]

    def set_editing(self, editing: dict[uuid.UUID, list[str]]) -> None:
        self.editing = editing

    def mark(self, rid: uuid.UUID) -> Mark | None:
        who = self.editing.get(rid)
        if who:
            text = QCoreApplication.translate("LiveMarks", "{who} 正在编辑").format(who="、".join(who))
            return Mark(text, _EDITING)
        changed = self.changed.get(rid)
        if changed is None:
            return None
        age = time.monotonic() - changed[1]
        if age > CHANGED_FOR:
            del self.changed[rid]
            return None
        at = time.strftime("%H:%M", time.localtime(changed[2]))
        text = QCoreApplication.translate("LiveMarks", "刚由 {who} 修改（{at}）").format(who=changed[0], at=at)
        return Mark(text, _CHANGED if age <= HIGHLIGHT_FOR else None)


MARKS = Marks()


def live_mark(rid: object, role: int) -> Any:
    """For a table model's ``data()``: the tooltip or background of a marked row, else ``None``."""
    if role not in _ROLES or (not MARKS.changed and not MARKS.editing):
        return None
    mark = mark_for(rid)
    if mark is None:
        return None
    return mark.text if role == Qt.ItemDataRole.ToolTipRole else mark.brush


def mark_for(rid: object) -> Mark | None:
    """The live-update mark of a row (``None`` nearly always: checked in every paint, so cheap)."""
    if not MARKS.changed and not MARKS.editing:
        return None
    if isinstance(rid, str):
        try:
            rid = uuid.UUID(rid)
        except ValueError:
            return None
    return MARKS.mark(rid) if isinstance(rid, uuid.UUID) else None
