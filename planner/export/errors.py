"""The typed errors of the export layer (a bad template, an unusable destination)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planner.domain.errors import ValidationError

_PROBLEMS = {
    "missing_file": ("模板文件不存在：{path}", "template file not found: {path}"),
    "not_docx": ("模板不是有效的 Word (.docx) 文件：{path}", "template is not a valid Word (.docx) file: {path}"),
    "missing_styles": (
        "模板 {path} 缺少导出所需的样式：{missing}",
        "template {path} lacks styles the export uses: {missing}",
    ),
}


class TemplateError(ValidationError):
    """A user's .docx template that cannot be used; ``missing`` names the styles it lacks.

    The message is in both languages (the domain's error table has no entry for templates), so
    ``error_text(err, lang)`` reads ``输入有误：模板 … / Invalid input: template …``.
    """

    def __init__(self, path: str | Path, *, problem: str, missing: list[str] | None = None, **params: Any) -> None:
        self.path = Path(path)
        self.problem = problem
        self.missing = list(missing or [])
        zh, en = _PROBLEMS[problem]
        fill = {"path": str(path), "missing": ", ".join(self.missing)}
        super().__init__("invalid", field="template", detail=f"{zh.format(**fill)} / {en.format(**fill)}", **params)


class DestinationError(ValidationError):
    """An output path that cannot take the export (wrong suffix, a file where a folder is needed…)."""

    def __init__(self, path: str | Path, zh: str, en: str) -> None:
        self.path = Path(path)
        super().__init__("invalid", field="output", detail=f"{zh}：{path} / {en}: {path}")


class NothingToExportError(ValidationError):
    """The selection holds nothing to put in a document (no assignments for that outlet, …)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__("invalid", field="selection", detail=f"{zh} / {en}")
