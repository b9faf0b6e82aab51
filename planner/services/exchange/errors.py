"""Typed errors of plan exchange (bundles), with their sentences in Chinese and English.

A :class:`BundleError` is a :class:`~planner.domain.errors.ValidationError` with code ``invalid``, so
every caller that already shows planner errors shows it too; ``reason`` is the stable machine code
(``not_zip``, ``unsafe_name``, …) and the message comes from the small table below.
"""

from __future__ import annotations

from typing import Any

from planner.domain.errors import ValidationError

_TEXT: dict[str, tuple[str, str]] = {
    "not_zip": ("{name} 不是计划包（不是有效的 zip 文件）。", "{name} is not a plan bundle (not a valid zip file)."),
    "unsafe_name": ("计划包含有不安全的文件名：{member}", "The bundle holds an unsafe file name: {member}"),
    "unexpected_member": ("计划包含有未知文件：{member}", "The bundle holds an unexpected file: {member}"),
    "missing_member": ("计划包缺少 {member}。", "The bundle lacks {member}."),
    "too_large": (
        "计划包内容过大（{member}：{size} 字节，上限 {limit}）。",
        "The bundle content is too large ({member}: {size} bytes, limit {limit}).",
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
        "计划包中的{entity} {ref} 引用了不存在的{target} {target_id}。",
        "{entity} {ref} in the bundle refers to a missing {target} {target_id}.",
    ),
    "bad_record": ("计划包中的{entity} {ref} 有误：{detail}", "{entity} {ref} in the bundle is invalid: {detail}"),
    "count_mismatch": (
        "计划包清单中的数量与内容不符（{entity}：清单 {declared}，实际 {actual}）。",
        "The bundle manifest's counts do not match its records ({entity}: {declared} declared, {actual} found).",
    ),
    "unresolved": (
        "有 {count} 处冲突尚未决定：请逐项选择，或使用 --prefer mine|theirs。未写入任何数据。",
        "{count} conflicts are unresolved: choose for each, or use --prefer mine|theirs. Nothing was written.",
    ),
}


def bundle_text(reason: str, lang: str = "zh", **params: Any) -> str:
    zh, en = _TEXT[reason]
    template = en if lang.startswith("en") else zh
    try:
        return template.format(**params)
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
