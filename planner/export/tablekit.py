"""Word tables for the exports: column kinds, their widths, and rows that do not break badly.

A column has a *kind* that decides its width and alignment, so that a 角色 column is never one
character per line, a phone number never breaks at its hyphen and a count is right-aligned:

========== ===================================================== ==========
kind       width                                                 alignment
========== ===================================================== ==========
index      its longest number (序号)                              centre
number     its longest number (counts, scores)                   right
label      its longest cell, on one line (角色, 形式, 状态, 层级)   centre
datetime   the longest date-and-time (a range may wrap at — / 至)  left
phone      its longest number, which never breaks                left
text       what is left, shared by ``weight``                    left
========== ===================================================== ==========

Widths are estimated from the characters (CJK one em, Latin about half) at the table's font size;
when the fixed columns would leave the text columns too little, they are shrunk together.

Rows: a body row that fits comfortably on a page carries ``w:cantSplit`` (no one-line fragments
at a page foot); a row too tall for that (a 10,000-character brief) may break, or it would be
clipped. The header row repeats on every page and is kept with the first body row; a table that
must stay whole (the sign-off block) keeps every row with the next.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from planner.domain.text import sanitize_xml

KINDS = ("index", "number", "label", "datetime", "phone", "text")
CM_PER_PT = 2.54 / 72
CELL_PADDING_CM = 0.38  # Word's default left + right cell margins (0.19 cm each)
_SLACK_CM = 0.25
#: widest a fixed column may grow before its text wraps anyway (cm)
_MAX_FIXED_CM = {"index": 1.6, "number": 2.4, "label": 3.2, "datetime": 4.0, "phone": 3.6}
_MIN_CM = {"index": 0.9, "number": 1.1, "label": 1.2, "datetime": 2.0, "phone": 2.0, "text": 1.6}
_ALIGN = {"index": "center", "number": "right", "label": "center"}


@dataclass(frozen=True)
class Col:
    """One column: its header, its kind (see the module docstring) and its share of the free width."""

    header: str
    kind: str = "text"
    weight: float = 1.0
    max_cm: float | None = None  # a fixed column's widest, when its kind's default is too narrow

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


def char_em(ch: str) -> float:
    """Width of one character in em: CJK and full-width forms 1, Latin letters and digits about ½."""
    if ch in " \u00a0":
        return 0.28
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch.isdigit():
        return 0.5
    if ch.isupper() or ch in "mwMW@%":
        return 0.72
    if ch in ".,:;'!|il()[]-/":
        return 0.3
    return 0.5


def text_cm(text: str, size_pt: float) -> float:
    """Estimated width of one line of ``text`` at ``size_pt``, in cm.

    Word and LibreOffice put about a quarter em between Chinese and Latin letters or digits
    (``autoSpaceDE``/``autoSpaceDN``), so ``2027年1月15日`` is an em wider than its characters.
    """
    ems = 0.0
    last = ""
    for c in text:
        ems += char_em(c)
        kind = "" if c in " \u00a0" else ("w" if unicodedata.east_asian_width(c) in ("W", "F") else "n")
        if kind and last and kind != last and (c.isalnum() or last == "n"):
            ems += 0.25
        last = kind or last
    return ems * size_pt * CM_PER_PT


def _longest_line(text: str, size_pt: float, split: str = "") -> float:
    parts = str(text).split("\n")
    if split:
        pieces: list[str] = []
        for part in parts:
            piece = ""
            for ch in part:
                piece += ch
                if ch in split:
                    pieces.append(piece)
                    piece = ""
            pieces.append(piece)
        parts = pieces
    return max((text_cm(p, size_pt) for p in parts), default=0.0)


def _header_need(header: str, kind: str, size_pt: float) -> float:
    """Width a header needs; headers are bold, about a tenth wider than body text."""
    return 1.1 * _header_width(header, kind, size_pt)


def _header_width(header: str, kind: str, size_pt: float) -> float:
    if kind != "text":
        # a long header over a column of short numbers or labels may take two lines (参与/项目)
        wide = all(unicodedata.east_asian_width(c) in ("W", "F") for c in header)
        if len(header) >= 4 and wide and kind in ("number", "index", "label"):
            return text_cm(header[:(len(header) + 1) // 2], size_pt)
        return _longest_line(header, size_pt)
    # a text column's header may take two lines: between words (English), or halfway (Chinese)
    words = header.replace("（", " （").split()
    if len(words) > 1:
        return max(text_cm(w, size_pt) for w in words)
    if not all(unicodedata.east_asian_width(c) in ("W", "F") for c in header):
        return text_cm(header, size_pt)  # one Latin word: never split
    return text_cm(header[:max(2, (len(header) + 1) // 2)], size_pt)


def plan_widths(cols: Sequence[Col], rows: Sequence[Sequence[Any]], usable_cm: float, size_pt: float) -> list[float]:
    """Column widths (cm) that fill ``usable_cm`` following the rules of each column kind."""
    need: list[float] = []
    for i, col in enumerate(cols):
        head = _header_need(col.header, col.kind, size_pt)
        if col.kind == "text":
            need.append(max(_MIN_CM["text"], head + CELL_PADDING_CM + _SLACK_CM))
            continue
        # a date and its time may go on two lines, and a range may wrap after its dash or 至
        split = "—至~～ " if col.kind == "datetime" else ("、," if col.kind == "phone" else "")
        widest = max((_longest_line(_text(r[i]), size_pt, split) for r in rows), default=0.0)
        want = max(head, widest) + CELL_PADDING_CM + (_SLACK_CM if col.kind in ("datetime", "phone") else 0.15)
        need.append(min(col.max_cm or _MAX_FIXED_CM[col.kind], max(_MIN_CM[col.kind], want)))
    flexible = [i for i, c in enumerate(cols) if c.kind == "text"]
    fixed_total = sum(w for i, w in enumerate(need) if i not in flexible)
    text_min = sum(need[i] for i in flexible)
    if fixed_total + text_min > usable_cm:
        # not enough room: shrink the fixed columns together (their text will wrap), never below their floor
        room = max(usable_cm - text_min, 0.0)
        floors = sum(_MIN_CM[cols[i].kind] for i in range(len(cols)) if i not in flexible)
        scale = max(room, floors) / fixed_total if fixed_total else 1.0
        need = [w if i in flexible else max(_MIN_CM[cols[i].kind], w * scale) for i, w in enumerate(need)]
        fixed_total = sum(w for i, w in enumerate(need) if i not in flexible)
    if not flexible:
        total = sum(need)
        return [w * usable_cm / total for w in need] if total > usable_cm else need
    free = max(usable_cm - fixed_total, 0.0)
    text = _share_text(cols, rows, flexible, need, free, size_pt)
    return [text.get(i, w) for i, w in enumerate(need)]


def _share_text(cols: Sequence[Col], rows: Sequence[Sequence[Any]], flexible: list[int], need: list[float],
                free: float, size_pt: float) -> dict[int, float]:
    """Widths of the text columns: the same number of lines for a typical filled cell of each.

    A row is as tall as its tallest cell, so the free width goes where the text is: a column's
    typical text (the upper quartile of its filled cells, times its weight) is given the width
    that sets it in as many lines as every other column's. No column gets less than its header
    needs, nor more than its longest line.
    """
    typical, cap = {}, {}
    for i in flexible:
        widths = sorted(_longest_line(_text(r[i]).replace("\n", " "), size_pt) for r in rows if _text(r[i]).strip())
        typical[i] = cols[i].weight * (widths[(3 * len(widths)) // 4] if widths else 0.0)
        longest = max((_longest_line(_text(r[i]), size_pt) for r in rows), default=0.0)
        cap[i] = max(need[i], longest + CELL_PADDING_CM + _SLACK_CM)
    pad = CELL_PADDING_CM + _SLACK_CM

    def widths_for(lines: float) -> dict[int, float]:
        return {i: min(cap[i], max(need[i], typical[i] / lines + pad)) for i in flexible}

    lo, hi = 0.05, 500.0
    if sum(widths_for(lo).values()) <= free:  # room for everything on one line: spread the rest
        out = widths_for(lo)
        extra = free - sum(out.values())
        weights = sum(cols[i].weight for i in flexible)
        return {i: w + extra * cols[i].weight / weights for i, w in out.items()}
    for _ in range(40):
        mid = (lo + hi) / 2
        if sum(widths_for(mid).values()) > free:
            lo = mid
        else:
            hi = mid
    return widths_for(hi)


def wrap_datetime(text: str, room_cm: float, size_pt: float) -> str:
    """Break a date-and-time at its natural places (after the date, after — or 至) when it does not
    fit on one line, so that ``12月26日 08:40—10:10`` reads ``12月26日`` / ``08:40—10:10`` rather
    than wrapping before the dash."""
    lines_out = []
    for line in text.split("\n"):
        if text_cm(line, size_pt) <= room_cm:
            lines_out.append(line)
            continue
        tokens: list[str] = []
        piece = ""
        for ch in line:
            piece += ch
            if ch in " —至~～–":
                tokens.append(piece)
                piece = ""
        if piece:
            tokens.append(piece)
        current = ""
        for tok in tokens:
            if current and text_cm((current + tok).rstrip(), size_pt) > room_cm:
                lines_out.append(current.rstrip())
                current = tok.lstrip()
            else:
                current += tok
        if current:
            lines_out.append(current.rstrip())
    return "\n".join(lines_out)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def row_height_cm(cells: Sequence[Any], widths: Sequence[float], size_pt: float) -> float:
    """Estimated height of a body row: its tallest cell's wrapped lines at about 1.4 × the font size."""
    tallest = 1
    for value, width in zip(cells, widths, strict=True):
        room = max(width - CELL_PADDING_CM, 0.3)
        lines = 0
        for part in _text(value).split("\n"):
            lines += max(1, math.ceil(text_cm(part, size_pt) / room))
        tallest = max(tallest, lines)
    return tallest * size_pt * 1.4 * CM_PER_PT + 0.1


@dataclass
class TableXml:
    """What the writer needs to build a table: style ids, run properties and the page's height."""

    table_style: str
    heading_style: str
    text_style: str
    heading_rpr: str
    text_rpr: str
    size_pt: float
    page_height_cm: float


def table_xml(spec: TableXml, cols: Sequence[Col], rows: Iterable[Sequence[Any]], widths_cm: Sequence[float], *,
              ns: str, repeat_header: bool = True, keep_together: bool = False, header_fill: str = "D9D9D9",
              min_row_cm: float | None = None, header: bool = True, keep_with_next: bool = False) -> str:
    """The ``w:tbl`` XML of a table (one string, parsed once by the caller)."""
    tw = [int(w * 567) for w in widths_cm]  # 1 cm = 567 twips
    ncols = len(tw)
    if ncols != len(cols):
        raise ValueError(f"{len(cols)} columns but {ncols} widths")
    parts = [
        f'<w:tbl {ns}><w:tblPr><w:tblStyle w:val="{spec.table_style}"/>'
        f'<w:tblW w:w="{sum(tw)}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in tw),
        "</w:tblGrid>",
    ]
    if header:
        # the header row is kept with the first body row: it never sits alone at a page foot
        parts.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if repeat_header else "") + "</w:trPr>")
        shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{header_fill}"/><w:vAlign w:val="center"/>'
        for w, col in zip(tw, cols, strict=True):
            parts.append(_cell(w, col.header, spec.heading_style, spec.heading_rpr, shade, "center", True, "text"))
        parts.append("</w:tr>")
    limit = spec.page_height_cm * 0.45
    height = f'<w:trHeight w:val="{int(min_row_cm * 567)}" w:hRule="atLeast"/>' if min_row_cm else ""
    body = list(rows)
    last = len(body) - 1
    for n, row in enumerate(body):
        if len(row) != ncols:
            raise ValueError(f"row has {len(row)} cells, table has {ncols} columns")
        # a row that fits easily on a page must not break; a taller one must, or it would be clipped
        split = "" if row_height_cm(row, widths_cm, spec.size_pt) > limit else "<w:cantSplit/>"
        parts.append(f"<w:tr><w:trPr>{split}{height}</w:trPr>" if split or height else "<w:tr>")
        keep = (keep_together and n < last) or (keep_with_next and n == last)
        for w, wcm, col, value in zip(tw, widths_cm, cols, row, strict=True):
            if col.kind == "datetime" and value:
                value = wrap_datetime(str(value), wcm - CELL_PADDING_CM - 0.05, spec.size_pt)
            parts.append(_cell(w, value, spec.text_style, spec.text_rpr, '<w:vAlign w:val="center"/>',
                               _ALIGN.get(col.kind), keep, col.kind))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _cell(width: int, value: Any, style_id: str, rpr: str, tcpr: str, align: str | None, keep: bool,
          kind: str) -> str:
    ppr = f'<w:pStyle w:val="{style_id}"/>'
    if keep:
        ppr += "<w:keepNext/>"
    if align:
        ppr += f'<w:ind w:firstLine="0"/><w:jc w:val="{align}"/>'
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{tcpr}</w:tcPr>'
            f'<w:p><w:pPr>{ppr}</w:pPr>{run_xml(value, rpr, phone=kind == "phone")}</w:p></w:tc>')


def run_xml(value: Any, rpr: str, *, phone: bool = False) -> str:
    """A ``w:r`` holding ``value`` (sanitised; line breaks and tabs kept) or '' when empty.

    ``phone``: hyphens become Word's non-breaking hyphen and spaces non-breaking spaces, so
    ``023-4678 0000`` stays on one line.
    """
    s = "" if value is None else sanitize_xml(str(value))
    if not s:
        return ""
    s = escape(s)
    if phone:
        s = s.replace(" ", "\u00a0").replace("-", '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">')
    if "\n" in s or "\t" in s:
        s = s.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
        s = s.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    return f'<w:r>{rpr}<w:t xml:space="preserve">{s}</w:t></w:r>'
