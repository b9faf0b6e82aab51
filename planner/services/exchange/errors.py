"""Typed errors of plan exchange (bundles), with their sentences in Chinese and English.

A :class:`BundleError` is a :class:`~planner.domain.errors.ValidationError` with code ``invalid``, so
every caller that already shows planner errors shows it too; ``reason`` is the stable machine code
(``not_zip``, ``unsafe_name``, …) and the message comes from the small table below. Parameters may
be plain values, an enumeration member (shown by its label), a planner error (shown by its own
sentence) or a ``(Chinese, English)`` pair, so that ``--lang en`` gets a wholly English line.
"""

from __future__ import annotations

from typing import Any

from planner.domain.errors import PlannerError, ValidationError

_TEXT: dict[str, tuple[str, str]] = {
    "file": ("{zh}", "{en}"),  # the shared bounded reader's own sentence (not regular, damaged, …)
    "not_zip": ("{name} 不是计划包（不是有效的 zip 文件）。", "{name} is not a plan bundle (not a valid zip file)."),
    "unsafe_name": ("计划包含有不安全的文件名：{member}", "The bundle holds an unsafe file name: {member}"),
    "unexpected_member": ("计划包含有未知文件：{member}", "The bundle holds an unexpected file: {member}"),
    "missing_member": ("计划包缺少 {member}。", "The bundle lacks {member}."),
    "too_large": (
        "计划包内容过大（{member}：{size}，上限 {limit}）。",
        "The bundle content is too large ({member}: {size}; the limit is {limit}).",
    ),
    "bad_json": ("计划包中的 {member} 不是有效的 JSON：{detail}", "{member} in the bundle is not valid JSON: {detail}"),
    "bad_format": ("不是本程序的计划包格式（{value}）。", "Not a planner bundle format ({value})."),
    "unknown_version": (
        "计划包格式版本 {value} 不受支持（本程序支持 {supported}），请升级程序。",
        "Bundle format version {value} is not supported (this program reads {supported}); upgrade the planner.",
    ),
    "schema": ("计划包不符合格式说明：{where}：{detail}", "The bundle breaks its schema at {where}: {detail}"),
    "duplicate_id": ("计划包中编号重复：{entity} {ref}", "Duplicate id in the bundle: {entity} {ref}"),
    "dangling": (
        "计划包中的{entity}“{ref}”的{field}引用了{target} {target_id}，但计划包和本地都没有这条记录。",
        "{entity} “{ref}” in the bundle refers in {field} to {target} {target_id}, which is neither in the bundle "
        "nor in this database.",
    ),
    "bad_record": ("计划包中的{entity}“{ref}”的{field}有误：{detail}",
                   "{entity} “{ref}” in the bundle has a bad {field}: {detail}"),
    "count_mismatch": (
        "计划包清单中的数量与内容不符（{entity}：清单 {declared}，实际 {actual}）。",
        "The bundle manifest's counts do not match its records ({entity}: {declared} declared, {actual} found).",
    ),
    "unresolved": (
        "有 {count} 处冲突尚未决定：请逐项选择，或使用 --prefer mine|theirs。未写入任何数据。",
        "{count} conflicts are unresolved: choose for each, or use --prefer mine|theirs. Nothing was written.",
    ),
    "confirm_project": (
        "本地已有编号 {code}、标题“{title}”都相同的项目，但不是同一条记录。若确是同一个项目，请确认后再导入"
        "（命令行加 --same-project）；否则请先修改其中一个的编号或标题。未写入任何数据。",
        "This database has a project with the same code {code} and title “{title}”, but it is a different record. "
        "If it is the same project, confirm it (--same-project on the command line); otherwise change the code "
        "or title of one of them first. Nothing was written.",
    ),
    "project_clash": (
        "计划包中的项目“{theirs}”与本地项目“{mine}”的{field}相同（{value}），但不是同一个项目。"
        "请先修改其中一个的{field}。未写入任何数据。",
        "The bundle's project “{theirs}” has the same {field} ({value}) as the local project “{mine}” but is a "
        "different project. Change the {field} of one of them first. Nothing was written.",
    ),
    "unknown_project": (
        "回执所属的项目“{title}”在本地不存在（编号 {ref}）。",
        "The project “{title}” these replies belong to is not in this database (id {ref}).",
    ),
    "sheet_unreadable": ("{name} 不是可读取的 Excel 工作簿（.xlsx）。", "{name} is not a readable Excel workbook (.xlsx)."),
    "not_a_reply_sheet": (
        "{name} 不是本程序导出的回执表（缺少隐藏的 _jcp 工作表）。请使用“导出回执表”生成的文件。",
        "{name} is not a reply sheet made by this planner (its hidden _jcp sheet is missing). Use a file made "
        "by “Export reply sheets”.",
    ),
    "sheet_rows": ("回执表行数超过上限 {limit}。", "The reply sheet has more than {limit} rows."),
    "sheet_cell": ("回执表中有单元格超过 {limit} 个字符。", "A cell of the reply sheet is longer than {limit} characters."),
    "reply_bad_id": ("第 {row} 行（{stage}）：隐藏的任务编号被改动（{value}），无法对应任务。",
                     "Row {row} ({stage}): the hidden assignment id was changed ({value}); it matches no assignment."),
    "reply_unknown": ("第 {row} 行（{stage}）：本地没有这项任务（编号 {value}）。",
                      "Row {row} ({stage}): there is no such assignment here (id {value})."),
    "reply_deleted": ("第 {row} 行（{stage}）：这项任务已在本地删除，回执未采用。",
                      "Row {row} ({stage}): this assignment was deleted here; the answer was not taken."),
    "reply_other_outlet": ("第 {row} 行（{stage}）：这项任务不属于本回执的单位。",
                           "Row {row} ({stage}): this assignment is not the outlet's of this sheet."),
    "reply_bad_answer": ("第 {row} 行（{stage}）：答复应为“确认”或“婉拒”，而不是“{value}”。",
                         "Row {row} ({stage}): the answer must be Confirm or Decline, not “{value}”."),
    "reply_reason_needed": ("第 {row} 行（{stage}）：婉拒须填写原因。", "Row {row} ({stage}): a decline needs a reason."),
    "reply_bad_link": ("第 {row} 行（{stage}）：成品链接应以 http:// 或 https:// 开头：{value}",
                       "Row {row} ({stage}): the link must start with http:// or https://: {value}"),
    "reply_bad_person": ("第 {row} 行（{stage}）：人员姓名过长：{value}", "Row {row} ({stage}): a person's name is too long: {value}"),
    "reply_bad_phone": ("第 {row} 行（{stage}）：“{value}”不是有效的电话号码（手机 11 位，固话带区号）。",
                        "Row {row} ({stage}): “{value}” is not a valid phone number (11-digit mobile, or a landline "
                        "with its area code)."),
    "reply_cannot_decline": ("第 {row} 行（{stage}）：任务已是“{status}”，不能再婉拒。",
                             "Row {row} ({stage}): the assignment is already “{status}” and cannot be declined."),
    "reply_cancelled": ("第 {row} 行（{stage}）：这项任务已取消，不能确认。",
                        "Row {row} ({stage}): this assignment was cancelled and cannot be confirmed."),
    "reply_bad_text": ("第 {row} 行（{stage}）：{field}有误：{detail}", "Row {row} ({stage}): bad {field}: {detail}"),
    "clash": (
        "合并后{entity}“{ref}”的{field}与本地另一条记录重复：{value}。未写入任何数据。",
        "After the merge, {entity} “{ref}” would have the same {field} as another record here: {value}. "
        "Nothing was written.",
    ),
}


def _param(value: Any, lang: str) -> Any:
    en = lang.startswith("en")
    if isinstance(value, PlannerError):
        from planner.domain.errors import error_text

        return error_text(value, lang)
    if hasattr(value, "zh") and hasattr(value, "en"):  # an enumeration member
        return value.en if en else value.zh
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return value[1] if en else value[0]
    return value


def bundle_text(reason: str, lang: str = "zh", **params: Any) -> str:
    zh, en = _TEXT[reason]
    template = en if lang.startswith("en") else zh
    if "field" in params and isinstance(params["field"], str):
        from planner.services.exchange.records import field_label

        params = {**params, "field": field_label(params["field"], lang) if params["field"] else
                  ("记录" if not lang.startswith("en") else "record")}
    try:
        return template.format(**{k: _param(v, lang) for k, v in params.items()})
    except (KeyError, IndexError):
        return template


class BundleError(ValidationError):
    """A bundle that cannot be read or merged; nothing was written."""

    def __init__(self, reason: str, **params: Any) -> None:
        self.reason = reason
        self.bundle_params = params
        detail = f"{bundle_text(reason, 'zh', **params)} / {bundle_text(reason, 'en', **params)}"
        super().__init__("invalid", detail=detail)

    def text(self, lang: str = "zh") -> str:
        return bundle_text(self.reason, lang, **self.bundle_params)
