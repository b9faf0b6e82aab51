"""Reading exported .docx files back for the export tests."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn

W_EASTASIA = qn("w:eastAsia")

EMOJI = "📣🚄"
CJK4 = "𠀀𪚥"  # characters outside the Basic Multilingual Plane
LONG_BRIEF = ("沿线采访，注意安全。" * 1000)[:10000]
HOSTILE = "坏\x00字\x01符\x0b\x0c\x1f\ufffe" + EMOJI + CJK4 + "\ud800<&>\"'"


def open_doc(path: Path):  # type: ignore[no-untyped-def]
    return docx.Document(str(path))


def cell_text(tc) -> str:  # type: ignore[no-untyped-def]
    """A cell's text with its line breaks (``w:br``) and paragraphs as ``\\n``, tabs as ``\\t``."""
    parts = []
    for p in tc.iter(qn("w:p")):
        line = []
        for el in p.iter(qn("w:t"), qn("w:br"), qn("w:tab"), qn("w:noBreakHyphen")):
            line.append({qn("w:br"): "\n", qn("w:tab"): "\t", qn("w:noBreakHyphen"): "-"}.get(el.tag, el.text or ""))
        parts.append("".join(line))
    return "\n".join(parts)


def table_rows(table, *, breaks: bool = False) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Cell texts row by row, read from the XML (not through ``Table.cell``); line breaks within a
    cell are dropped unless ``breaks``, and a date wrapped after its day reads as one line."""
    out = []
    for tr in table._tbl.tr_lst:
        cells = [cell_text(tc) for tc in tr.tc_lst]
        out.append(cells if breaks else [_unwrap(c) for c in cells])
    return out


def _unwrap(text: str) -> str:
    import re

    # "3月2日\n09:00" (a wrapped date and time) → "3月2日 09:00"; other breaks just vanish
    text = re.sub(r"(日|[A-Z][a-z]{2})\n(?=\d)", r"\1 ", text)
    return text.replace("\n", "")


def headings(doc, level: int | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    names = {f"Heading {level}"} if level else {"Heading 1", "Heading 2", "Heading 3"}
    return [p.text for p in doc.paragraphs if p.style.name in names]


def all_text(doc) -> str:  # type: ignore[no-untyped-def]
    return "".join(t.text or "" for t in doc.element.body.iter(qn("w:t")))


def run_east_asia_fonts(doc) -> set[str]:  # type: ignore[no-untyped-def]
    return {el.get(W_EASTASIA) for el in doc.element.body.iter(qn("w:rFonts")) if el.get(W_EASTASIA)}


def runs_without_east_asia(doc) -> int:  # type: ignore[no-untyped-def]
    """Runs with text whose rPr names no East Asian font."""
    missing = 0
    for r in doc.element.body.iter(qn("w:r")):
        if r.find(qn("w:t")) is None:
            continue
        rpr = r.find(qn("w:rPr"))
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is None or not fonts.get(W_EASTASIA):
            missing += 1
    return missing


def style_fonts(doc, name: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    rfonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
    return {k.split("}")[1]: v for k, v in rfonts.attrib.items()}
