"""The gaps and clashes of a project (from ``planner.graph.analysis``) as a two-column table."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from planner.domain.findings import Finding, Severity, finding_text
from planner.ui.workspace.base_model import RowsModel

_COLOURS = {Severity.ERROR: "#b3261e", Severity.WARNING: "#b26a00", Severity.INFO: "#1f6fb2"}


@dataclass(frozen=True, slots=True)
class FindingRow:
    id: uuid.UUID
    finding: Finding


def finding_rows(findings: list[Finding] | tuple[Finding, ...]) -> list[FindingRow]:
    return [FindingRow(uuid.UUID(int=i + 1), f) for i, f in enumerate(findings)]


class FindingsModel(RowsModel):
    SEVERITY, TEXT = range(2)

    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang

    def headers(self) -> list[str]:
        return [QCoreApplication.translate("FindingsModel", "级别"), QCoreApplication.translate("FindingsModel", "问题")]

    def cell(self, row: FindingRow, column: int, role: int) -> Any:
        f = row.finding
        if role == Qt.ItemDataRole.DisplayRole:
            return f.severity.label(self.lang) if column == self.SEVERITY else finding_text(f, self.lang)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TEXT:
            return f"{f.kind.label(self.lang)}\n{finding_text(f, self.lang)}"
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SEVERITY:
            return QColor(_COLOURS.get(f.severity, "#000000"))
        return None
