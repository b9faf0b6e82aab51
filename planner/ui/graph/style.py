"""Colours, words and fonts shared by the graph pictures (scene, legend, map)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import networkx as nx
from PySide6.QtGui import QColor, QFont, QFontDatabase

from planner.domain.enums import Role, Tier

TIER_COLORS = {
    Tier.CENTRAL.value: "#7b3fa0", Tier.PROVINCIAL.value: "#c62828",
    Tier.MUNICIPAL.value: "#ef8a17", Tier.COUNTY.value: "#1f77b4",
}
PROVINCE_COLORS = {"51": "#2a9d8f", "50": "#e76f51", "53": "#8e6c8a"}
OTHER_COLOR = "#8a8f98"
STAGE_COLOR = "#37474f"
LINK_COLORS = {"cross_province": "#d62828", "vertical": "#3a6ea5", "horizontal": "#3c9d4e", "local": "#9aa0a6"}
ROLE_COLORS = {Role.LEAD.value: "#263238", Role.SUPPORT.value: "#607d8b", Role.SYNDICATE.value: "#90a4ae"}
HIGHLIGHT = "#ffb300"

_TEXT = {
    "cross_province": ("跨省协作", "Cross-province"),
    "vertical": ("纵向（跨层级）", "Vertical (between tiers)"),
    "horizontal": ("横向（同层级跨地区）", "Horizontal (same tier)"),
    "local": ("同地同层级", "Same place and tier"),
    "stage": ("报道环节", "Stage"),
    "inactive": ("已取消/婉拒", "Cancelled/declined"),
    "critical": ("关键路径", "Critical path"),
    "dependency": ("依赖关系", "Dependency"),
    "other": ("其他地区", "Elsewhere"),
    "no_place": ("未设地点", "No place"),
    "shown": ("仅显示最强的 {n} 条关系（共 {m} 条）", "Showing the strongest {n} of {m} links"),
    "empty": ("没有可显示的内容", "Nothing to show"),
    "collaboration": ("协作关系图", "Collaboration graph"),
    "coverage": ("报道覆盖图", "Coverage graph"),
    "dependencies": ("环节依赖图", "Stage dependencies"),
    "load": ("任务", "assignments"),
    "partners": ("合作单位", "partners"),
}
_PROVINCES = {"51": ("四川", "Sichuan"), "50": ("重庆", "Chongqing"), "53": ("云南", "Yunnan")}
CJK_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei",
                "SimHei", "Noto Sans SC"]
_fonts_loaded = False


def text(key: str, lang: str) -> str:
    zh, en = _TEXT[key]
    return en if lang.startswith("en") else zh


def ensure_fonts() -> None:
    """Register the bundled fonts (resources/fonts) once, so Chinese renders headless too."""
    global _fonts_loaded
    if _fonts_loaded:
        return
    _fonts_loaded = True
    try:
        from planner.paths import resource

        folder = Path(resource("fonts"))
    except Exception:  # no resources folder: system fonts only
        return
    if folder.is_dir():
        for f in sorted(folder.iterdir()):
            if f.suffix.lower() in {".ttf", ".otf", ".ttc"}:
                QFontDatabase.addApplicationFont(str(f))


def ui_font(point_size: float = 9.0, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies([*CJK_FAMILIES, font.defaultFamily()])
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def node_color(d: dict[str, Any], color_by: str) -> QColor:
    if d.get("kind") == "stage":
        return QColor(STAGE_COLOR)
    if color_by == "province":
        return QColor(PROVINCE_COLORS.get(d.get("province") or "", OTHER_COLOR))
    return QColor(TIER_COLORS.get(d.get("tier") or "", OTHER_COLOR))


def node_tooltip(G: nx.Graph, n: Any, lang: str) -> str:
    d = G.nodes[n]
    en = lang.startswith("en")
    lines = [str(d.get("name", n))]
    if d.get("kind") == "stage":
        if d.get("project"):
            lines.append(str(d["project"]))
        if d.get("starts_at"):
            from datetime import datetime

            from planner.domain.timefmt import fmt_datetime

            lines.append(fmt_datetime(datetime.fromisoformat(d["starts_at"]), lang))
        lines.append(("Covered by " if en else "报道单位：") + str(len(set(G.neighbors(n)))))
    else:
        with contextlib.suppress(ValueError):
            lines.append(Tier(d.get("tier")).label(lang))
        from planner.domain.places import places

        place = places().label(d.get("adcode") or None)
        if place:
            lines.append(place)
        lines.append(f"{text('load', lang)}: {d.get('load', 0)}" if en else f"任务：{d.get('load', 0)} 项")
        if G.graph.get("kind") == "collaboration":
            lines.append(f"{text('partners', lang)}: {G.degree(n)}" if en else f"合作单位：{G.degree(n)} 家")
    return "\n".join(lines)
