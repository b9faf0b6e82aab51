"""Word building blocks shared by every .docx export: opening and checking the template, Chinese
typography on styles and runs, paragraphs, tables, sections, pictures and the save.

Tables are built as one XML string per table and parsed once (never through ``Table.cell()``,
which rebuilds the cell grid on every call); their column widths and row keeping live in
:mod:`planner.export.tablekit`, pages (sections, page numbers, the table of contents, document
properties) in :mod:`planner.export.pagesetup`. Every piece of text goes through
:func:`planner.domain.text.sanitize_xml` on its way in.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm
from docx.table import Table
from docx.text.paragraph import Paragraph

from planner.domain.text import sanitize_xml
from planner.export.errors import TemplateError
from planner.export.pagesetup import (
    NumberStyle,
    TocEntry,
    add_section,
    bookmark_xml,
    number_pages,
    set_properties,
    toc_paragraphs,
)
from planner.export.tablekit import Col, TableXml, plan_widths, run_xml, table_xml, text_cm
from planner.export.typography import STYLE_NAMES, Typography, apply_typography, typography_for

DEFAULT_TEMPLATE_NAME = "planner-default.docx"

_W = nsdecls("w")


def default_template_path() -> Path:
    from planner.paths import resource

    return resource("templates", DEFAULT_TEMPLATE_NAME)


def clean(value: Any) -> str:
    """Text for the document: ``None`` → empty, everything XML cannot carry dropped."""
    return "" if value is None else sanitize_xml(str(value))


def check_template(path: str | Path, required: Iterable[str] = STYLE_NAMES) -> None:
    """Raise :class:`TemplateError` unless ``path`` is a readable .docx holding every style in ``required``."""
    _open_checked(Path(path), required)


def _open_checked(path: Path, required: Iterable[str]) -> DocxDocument:
    if not path.is_file():
        raise TemplateError(path, problem="missing_file")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a .docx
        raise TemplateError(path, problem="not_docx", cause=type(exc).__name__) from None
    names = {s.name for s in document.styles}
    missing = [name for name in required if name not in names]
    if missing:
        raise TemplateError(path, problem="missing_styles", missing=missing)
    return document


@dataclass
class DocWriter:
    """One document being written: the python-docx document plus what it needs to write fast.

    ``typo`` is None for a user's template: then runs carry no fonts of their own and the
    template's styles decide the look. Headings are remembered (with a bookmark each) so that
    :meth:`finish` can write the table of contents out.
    """

    doc: DocxDocument
    lang: str
    typo: Typography | None
    style_ids: dict[str, str]
    default_template: bool = True
    headings: list[TocEntry] = field(default_factory=list)
    _toc_anchor: Any = None
    _toc_empty: str = ""

    @property
    def en(self) -> bool:
        return self.lang == "en"

    def t(self, zh: str, en: str) -> str:
        return en if self.en else zh

    # -- paragraphs ------------------------------------------------------------------------------
    # Paragraphs are written as XML too: python-docx resolves a style name by scanning every style
    # on each add_paragraph(style=...), which made a 300-outlet sheet document take seconds.
    def para(self, text: Any = "", style: str = "Normal", *, align: str | None = None, bold: bool = False,
             indent: bool | None = None, page_break_before: bool = False, keep_next: bool = False,
             before: float | None = None, after: float | None = None, size: float | None = None,
             runs: str = "") -> Paragraph:
        """A paragraph of ``style``; the keywords override the style for this paragraph only
        (``before``/``after`` in points, ``size`` of its text in points)."""
        ppr = f'<w:pStyle w:val="{self.style_ids[style]}"/>'
        if keep_next:
            ppr += "<w:keepNext/>"
        if page_break_before:
            ppr += "<w:pageBreakBefore/>"
        if before is not None or after is not None:
            ppr += "<w:spacing" + (f' w:before="{int(before * 20)}"' if before is not None else "") + (
                f' w:after="{int(after * 20)}"' if after is not None else "") + "/>"
        if indent is False or align:
            ppr += '<w:ind w:firstLine="0"/>'
        if align:
            ppr += f'<w:jc w:val="{_JC[align]}"/>'
        body = runs or (self._run_xml(text, style, bold, size) if text != "" else "")
        p = parse_xml(f"<w:p {_W}><w:pPr>{ppr}</w:pPr>{body}</w:p>")
        self._append_block(p)
        return Paragraph(p, self.doc._body)

    def run_props(self, style: str, bold: bool = False, size: float | None = None) -> str:
        rpr = ""
        if self.typo is not None:
            latin, east = (escape(f, {'"': "&quot;"}) for f in self.typo.fonts_of(style))
            rpr = (f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}" '
                   'w:hint="eastAsia"/>')
        if bold:
            rpr += "<w:b/><w:bCs/>"
        if size is not None:
            rpr += f'<w:sz w:val="{int(size * 2)}"/><w:szCs w:val="{int(size * 2)}"/>'
        return f"<w:rPr>{rpr}</w:rPr>" if rpr else ""

    def _run_xml(self, text: Any, style: str, bold: bool = False, size: float | None = None) -> str:
        return run_xml(text, self.run_props(style, bold, size))

    def run(self, p: Paragraph, text: Any, style: str = "Normal", *, bold: bool = False) -> None:
        """Append text (line breaks kept) to an existing paragraph."""
        xml = self._run_xml(text, style, bold)
        if xml:
            p._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {_W}>", 1)))

    def heading(self, text: Any, level: int = 1, *, page_break_before: bool = False, toc: bool = True) -> Paragraph:
        """A heading; with ``toc`` it gets a bookmark and an entry in the table of contents."""
        if not toc:
            return self.para(text, f"Heading {level}", page_break_before=page_break_before)
        n = len(self.headings) + 1
        name = f"_Toc{n:06d}"
        start, end = bookmark_xml(n, name)
        self.headings.append(TocEntry(level, clean(text), name))
        runs = start + self._run_xml(text, f"Heading {level}") + end
        return self.para(text, f"Heading {level}", page_break_before=page_break_before,
                         runs=runs.replace(f" {_W}", ""))

    # -- tables ----------------------------------------------------------------------------------
    def table_size_pt(self) -> float:
        if self.typo is not None:
            return self.typo.styles["Table Text"].size
        size = self.doc.styles["Table Text"].font.size or self.doc.styles["Normal"].font.size
        return size.pt if size is not None else 10.5

    def table(self, cols: Sequence[Col], rows: Iterable[Sequence[Any]], *, widths_cm: Sequence[float] | None = None,
              repeat_header: bool = True, keep_together: bool = False, min_row_cm: float | None = None,
              header: bool = True, header_fill: str = "D9D9D9", width_cm: float | None = None,
              keep_with_next: bool = False) -> Table:
        """A grid table built as XML in one go; column widths follow each column's kind (see
        :mod:`planner.export.tablekit`) unless ``widths_cm`` is given."""
        rows = [list(r) for r in rows]
        size = self.table_size_pt()
        widths = list(widths_cm) if widths_cm is not None else plan_widths(
            cols, rows, (width_cm or self.usable_width_cm()) - 0.2, size)
        hfonts = _rpr_xml(self.typo.fonts_of("Table Heading")) if self.typo else ""
        bfonts = _rpr_xml(self.typo.fonts_of("Table Text")) if self.typo else ""
        spec = TableXml(self.style_ids["Table Grid"], self.style_ids["Table Heading"], self.style_ids["Table Text"],
                        hfonts, bfonts, size, self.usable_height_cm())
        if self._last_block_is_table():
            # two tables in a row would merge into one: a hairline paragraph keeps them apart
            self._append_block(parse_xml(
                f'<w:p {_W}><w:pPr><w:pStyle w:val="{spec.text_style}"/>'
                '<w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/></w:pPr></w:p>'))
        tbl = parse_xml(table_xml(spec, cols, rows, widths, ns=_W, repeat_header=repeat_header,
                                  keep_together=keep_together, header_fill=header_fill, min_row_cm=min_row_cm,
                                  header=header, keep_with_next=keep_with_next))
        self._append_block(tbl)
        return Table(tbl, self.doc._body)

    def form(self, pairs: Sequence[tuple[str, Any]], *, per_row: int = 2, label_fill: str = "EDEDED",
             wide: Sequence[tuple[str, Any]] = ()) -> Table:
        """A compact form of ``label: value`` pairs, ``per_row`` pairs a row (a sheet's 表头); the
        ``wide`` pairs follow, each on a row of its own with the value across the whole width."""
        size = self.table_size_pt()
        usable = self.usable_width_cm() - 0.2
        label_cm = max(text_cm(label, size) for label, _v in [*pairs, *wide]) + 0.55
        value_cm = (usable - label_cm * per_row) / per_row
        widths = [label_cm, value_cm] * per_row
        tw = [int(w * 567) for w in widths]
        lfonts = _rpr_xml(self.typo.fonts_of("Table Heading")) if self.typo else ""
        vfonts = _rpr_xml(self.typo.fonts_of("Table Text")) if self.typo else ""
        hid, bid = self.style_ids["Table Heading"], self.style_ids["Table Text"]
        parts = [f'<w:tbl {_W}><w:tblPr><w:tblStyle w:val="{self.style_ids["Table Grid"]}"/>'
                 f'<w:tblW w:w="{sum(tw)}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
                 '</w:tblPr><w:tblGrid>', *(f'<w:gridCol w:w="{w}"/>' for w in tw), "</w:tblGrid>"]
        shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{label_fill}"/><w:vAlign w:val="center"/>'
        items = list(pairs)
        for i in range(0, len(items), per_row):
            chunk = items[i:i + per_row]
            chunk += [("", "")] * (per_row - len(chunk))
            parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for n, (label, value) in enumerate(chunk):
                parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{tw[2 * n]}" w:type="dxa"/>{shade}</w:tcPr><w:p><w:pPr>'
                             f'<w:pStyle w:val="{hid}"/><w:keepNext/><w:ind w:firstLine="0"/><w:jc w:val="center"/>'
                             f'</w:pPr>{run_xml(label, lfonts)}</w:p></w:tc>')
                parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{tw[2 * n + 1]}" w:type="dxa"/><w:vAlign w:val="center"/>'
                             f'</w:tcPr><w:p><w:pPr><w:pStyle w:val="{bid}"/><w:keepNext/></w:pPr>'
                             f'{run_xml(value, vfonts)}</w:p></w:tc>')
            parts.append("</w:tr>")
        for label, value in wide:
            span = len(tw) - 1
            parts.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{tw[0]}" w:type="dxa"/>'
                         f'{shade}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{hid}"/><w:keepNext/>'
                         f'<w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>{run_xml(label, lfonts)}</w:p></w:tc>'
                         f'<w:tc><w:tcPr><w:tcW w:w="{sum(tw[1:])}" w:type="dxa"/><w:gridSpan w:val="{span}"/>'
                         f'<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{bid}"/><w:keepNext/>'
                         f'</w:pPr>{run_xml(value, vfonts)}</w:p></w:tc></w:tr>')
        parts.append("</w:tbl>")
        tbl = parse_xml("".join(parts))
        self._append_block(tbl)
        return Table(tbl, self.doc._body)

    def cover_fields(self, pairs: Sequence[tuple[str, Any]]) -> Table | None:
        """Cover lines ``项目编号：YKGT-2026`` in a borderless table, the colons aligned one under
        another (labels right-aligned, values left-aligned), the block centred on the page."""
        if not pairs:
            return None
        size = self.typo.styles["Normal"].size if self.typo else 12.0
        colon = ": " if self.en else "："
        label_cm = max(text_cm(label + colon, size) for label, _v in pairs) + 0.5
        value_cm = min(self.usable_width_cm() - label_cm - 0.5,
                       max(text_cm(str(v), size) for _l, v in pairs) + 0.8)
        tw = [int(label_cm * 567), int(value_cm * 567)]
        sid = self.style_ids["Normal"]
        bold, plain = self.run_props("Normal", bold=True), self.run_props("Normal")
        nil = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        parts = [f'<w:tbl {_W}><w:tblPr><w:tblW w:w="{sum(tw)}" w:type="dxa"/><w:jc w:val="center"/>'
                 f'<w:tblBorders>{nil}</w:tblBorders><w:tblLayout w:type="fixed"/>'
                 '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
                 '</w:tblPr><w:tblGrid>', *(f'<w:gridCol w:w="{w}"/>' for w in tw), "</w:tblGrid>"]
        for label, value in pairs:
            parts.append(
                f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{tw[0]}" w:type="dxa"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{sid}"/><w:ind w:firstLine="0"/><w:jc w:val="right"/></w:pPr>'
                f'{run_xml(label + colon, bold)}</w:p></w:tc>'
                f'<w:tc><w:tcPr><w:tcW w:w="{tw[1]}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{sid}"/>'
                f'<w:ind w:firstLine="0"/><w:jc w:val="left"/></w:pPr>{run_xml(value, plain)}</w:p></w:tc></w:tr>')
        parts.append("</w:tbl>")
        tbl = parse_xml("".join(parts))
        self._append_block(tbl)
        return Table(tbl, self.doc._body)

    def _last_block_is_table(self) -> bool:
        body = self.doc.element.body
        sect = body.sectPr
        last = sect.getprevious() if sect is not None else (body[-1] if len(body) else None)
        return last is not None and last.tag == qn("w:tbl")

    def _append_block(self, element: Any) -> None:
        body = self.doc.element.body
        sect = body.sectPr
        if sect is not None:
            sect.addprevious(element)
        else:
            body.append(element)

    # -- pages -----------------------------------------------------------------------------------
    def new_section(self, *, landscape: bool) -> Any:
        """Start a section on a new page, turned landscape or portrait; it inherits the headers
        and footers and does not repeat a first-page letterhead (see :mod:`pagesetup`)."""
        sec = add_section(self.doc, landscape=landscape)
        if self.default_template:
            _sheet_margins(sec) if landscape else _gb_margins(sec)
        return sec

    def set_landscape(self) -> None:
        """Turn the current (first) section landscape, as the sheets' wide tables need. With the
        default template the margins become those of a form (GB/T 9704's are for portrait text)."""
        sec = self.doc.sections[-1]
        if sec.page_width < sec.page_height:
            sec.page_width, sec.page_height = sec.page_height, sec.page_width
        sec.orientation = WD_ORIENT.LANDSCAPE
        if self.default_template:
            _sheet_margins(sec)

    def usable_width_cm(self) -> float:
        sec = self.doc.sections[-1]
        return (sec.page_width - sec.left_margin - sec.right_margin) / 360000

    def usable_height_cm(self) -> float:
        sec = self.doc.sections[-1]
        return (sec.page_height - sec.top_margin - sec.bottom_margin) / 360000

    def toc_here(self, empty_text: str) -> None:
        """Mark where the table of contents goes; :meth:`finish` writes the entries there."""
        self._toc_empty = empty_text
        self._toc_anchor = self.para("", "Normal")._p

    def finish(self, *, title: str, subject: str = "", author: str = "", keywords: str = "", comments: str = "",
               numbered_from: int = 0, now: datetime | None = None) -> None:
        """Write the table of contents (if asked for), page numbers from section ``numbered_from``
        on, and the document's properties."""
        if self._toc_anchor is not None:
            usable = int((self.usable_width_cm_of(0) - 0.1) * 567)
            size = self.typo.styles["Normal"].size if self.typo else 12
            rpr = self.run_props("Normal")
            anchor = self._toc_anchor
            written = toc_paragraphs(self.headings, style_id=self.style_ids["Normal"], rpr=rpr,
                                     right_tab_twips=usable, indent_twips=int(size * 20 * 2),
                                     empty_text=self._toc_empty)
            for p in written:
                anchor.addprevious(p)
            sect = anchor.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
            if sect is not None:  # the section break rode on the placeholder: keep it on the last entry
                last_ppr = written[-1].find(qn("w:pPr"))
                last_ppr.append(sect)
            anchor.getparent().remove(anchor)
            self._toc_anchor = None
        footer_size = self.typo.styles["Footer"].size if self.typo else 12
        number_pages(self.doc, NumberStyle(
            self.style_ids["Footer"], _rpr_xml(self.typo.fonts_of("Footer")) if self.typo else "",
            dashes=not self.en, indent_twips=int(footer_size * 20)), first=numbered_from)
        set_properties(self.doc, title=title, subject=subject, author=author, keywords=keywords, comments=comments,
                       lang=self.lang, now=now)

    def usable_width_cm_of(self, index: int) -> float:
        sec = self.doc.sections[index]
        return (sec.page_width - sec.left_margin - sec.right_margin) / 360000

    def picture(self, png: bytes, width_cm: float) -> None:
        p = self.para("", "Caption")
        p.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
        fmt = p.paragraph_format
        # Chinese body styles use an exact line height, which would clip the picture to one line
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.first_line_indent = 0
        fmt.keep_with_next = True  # with its caption
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def save(self, target: Path) -> None:
        self.doc.save(str(target))


_JC = {"center": "center", "right": "right", "left": "left", "justify": "both"}


def _gb_margins(sec: Any) -> None:
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    sec.header_distance, sec.footer_distance = Mm(15), Mm(25)


def _sheet_margins(sec: Any) -> None:
    sec.top_margin, sec.bottom_margin = Mm(22), Mm(20)
    sec.left_margin, sec.right_margin = Mm(22), Mm(22)
    sec.header_distance, sec.footer_distance = Mm(10), Mm(8)


def _rpr_xml(fonts: tuple[str, str]) -> str:
    latin, east_asia = (escape(f, {'"': "&quot;"}) for f in fonts)
    return (f'<w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" '
            f'w:cs="{latin}" w:hint="eastAsia"/></w:rPr>')


def open_writer(template: str | Path | None, lang: str) -> DocWriter:
    """A writer on a fresh copy of ``template`` (the shipped default when None), checked first.

    The default template gets the typography of ``lang`` applied (GB/T 9704 families for Chinese,
    Times/Arial for English, East Asian fonts set in both); a user's template keeps its own styles.
    The checked and prepared template is kept in memory (keyed by path, mtime and language), so
    writing 300 sheets opens and checks it once.
    """
    lang = "en" if str(lang).startswith("en") else "zh"
    path = Path(template) if template else default_template_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    key = (str(path.resolve()), stamp, lang, template is None)
    blob = _PREPARED.get(key)
    if blob is None or stamp is None:
        document = _open_checked(path, STYLE_NAMES)
        if template is None:
            apply_typography(document, typography_for(lang))
        _drop_update_fields(document)
        buf = io.BytesIO()
        document.save(buf)
        blob = buf.getvalue()
        if len(_PREPARED) > 8:
            _PREPARED.clear()
        _PREPARED[key] = blob
    document = docx.Document(io.BytesIO(blob))
    typo = typography_for(lang) if template is None else None
    ids = {name: document.styles[name].style_id for name in STYLE_NAMES}
    return DocWriter(document, lang, typo, ids, default_template=template is None)


_PREPARED: dict[tuple[object, ...], bytes] = {}


def _drop_update_fields(document: DocxDocument) -> None:
    """No "update fields on open": Word then asks about fields "that may refer to other files"
    (the table of contents is written out instead)."""
    el = document.settings.element.find(qn("w:updateFields"))
    if el is not None:
        el.getparent().remove(el)
