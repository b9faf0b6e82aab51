"""Assignment sheets as Qt rich text: a long card layout for phones and a table layout for paper.

Both come from the same :class:`planner.export.sheetdata.SheetContent` as the Word sheet. Qt's
rich text understands a small part of HTML and CSS (tables with borders and padding, font sizes,
colours, ``page-break-before``), which is all these layouts use. Every text is escaped.
"""

from __future__ import annotations

import html

from planner.export.sheetdata import SheetContent

#: the phone picture: 1080 px wide, text about 15 sp on a phone (no zooming needed)
PHONE_WIDTH = 1080
PHONE_TEXT_PX = 40


def _e(text: object) -> str:
    return html.escape(str(text), quote=False).replace("\n", "<br/>")


def phone_html(content: SheetContent) -> str:
    """One sheet as cards, one after another, for a picture 1080 px wide."""
    px = PHONE_TEXT_PX
    parts = [f"<div style='font-size:{px}px; color:#202124'>",
             f"<p align='center' style='font-size:{int(px * 1.6)}px; font-weight:bold; margin-bottom:{px // 2}px'>"
             f"{_e(content.title)}</p>",
             f"<p align='center' style='font-size:{int(px * 1.15)}px; color:#1a4f8b; font-weight:bold'>"
             f"{_e(content.name)}</p>"]
    parts.append(f"<table width='100%' cellspacing='0' cellpadding='{px // 4}' "
                 "style='background-color:#f1f3f4; margin-top:12px'>")
    for label, value in [*content.fields, content.request]:
        if value:
            parts.append(f"<tr><td width='28%' style='color:#5f6368'>{_e(label)}</td><td>{_e(value)}</td></tr>")
    parts.append("</table>")
    parts.append(f"<p style='font-size:{int(px * 1.15)}px; font-weight:bold; margin-top:{px}px'>"
                 f"{_e(content.pieces_title)}</p>")
    for n, card in enumerate(content.cards(), 1):
        head = next((v for label, v in card if label == content.columns[1].header), str(n))
        parts.append(f"<table width='100%' cellspacing='0' cellpadding='{px // 4}' border='1' "
                     f"style='border-color:#c8ccd0; border-style:solid; margin-top:{px // 2}px'>"
                     f"<tr><td colspan='2' style='background-color:#1a4f8b; color:white; font-weight:bold'>"
                     f"{_e(head)}</td></tr>")
        for label, value in card:
            if label == content.columns[1].header:
                continue
            parts.append(f"<tr><td width='28%' style='color:#5f6368'>{_e(label)}</td><td>{_e(value)}</td></tr>")
        parts.append("</table>")
    if content.contacts:
        parts.append(f"<p style='font-size:{int(px * 1.15)}px; font-weight:bold; margin-top:{px}px'>"
                     f"{_e(content.contacts_title)}</p>")
        parts.append(f"<table width='100%' cellspacing='0' cellpadding='{px // 5}'>")
        for unit, who, phone in content.contacts:
            parts.append(f"<tr><td width='40%'>{_e(unit)}</td><td width='22%'>{_e(who)}</td>"
                         f"<td>{_e(phone)}</td></tr>")
        parts.append("</table>")
    parts.append("</div>")
    return "".join(parts)


def print_html(contents: list[SheetContent], *, text_pt: float = 9.5) -> str:
    """Sheets for printing on landscape pages, each starting a new page, with table borders."""
    parts = [f"<div style='font-size:{text_pt}pt'>"]
    for i, c in enumerate(contents):
        brk = " style='page-break-before:always'" if i else ""
        parts.append(f"<p align='center'{brk}><span style='font-size:{text_pt * 2:.0f}pt; font-weight:bold'>"
                     f"{_e(c.title)}</span></p>")
        parts.append("<table width='100%' border='1' cellspacing='0' cellpadding='3' style='border-style:solid'>")
        pairs = [*c.fields]
        for k in range(0, len(pairs), 2):
            row = pairs[k:k + 2] + [("", "")] * (2 - len(pairs[k:k + 2]))
            parts.append("<tr>" + "".join(
                f"<td width='11%' bgcolor='#ededed' align='center'>{_e(label)}</td><td width='39%'>{_e(value)}</td>"
                for label, value in row) + "</tr>")
        parts.append(f"<tr><td bgcolor='#ededed' align='center'>{_e(c.request[0])}</td>"
                     f"<td colspan='3'>{_e(c.request[1])}</td></tr></table>")
        parts.append(f"<p><b>{_e(c.pieces_title)}</b></p>")
        parts.append("<table width='100%' border='1' cellspacing='0' cellpadding='3' style='border-style:solid'>"
                     "<thead><tr>" + "".join(f"<th bgcolor='#d9d9d9'>{_e(col.header)}</th>" for col in c.columns)
                     + "</tr></thead>")
        for row in c.rows:
            cells = []
            for col, value in zip(c.columns, row, strict=True):
                align = " align='right'" if col.kind == "number" else (
                    " align='center'" if col.kind in ("index", "label") else "")
                cells.append(f"<td{align}>{_e(value if value is not None else '')}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
        if c.contacts:
            parts.append(f"<p><b>{_e(c.contacts_title)}</b></p>")
            parts.append("<table width='100%' border='1' cellspacing='0' cellpadding='3' style='border-style:solid'>"
                         "<thead><tr>" + "".join(f"<th bgcolor='#d9d9d9'>{_e(col.header)}</th>"
                                                 for col in c.contact_columns) + "</tr></thead>")
            for unit, who, phone in c.contacts:
                parts.append(f"<tr><td>{_e(unit)}</td><td align='center'>{_e(who)}</td><td>{_e(phone)}</td></tr>")
            parts.append("</table>")
    parts.append("</div>")
    return "".join(parts)
