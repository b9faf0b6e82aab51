"""Word building blocks shared by every .docx export: opening and checking the template, Chinese
typography on styles and runs, fast tables, sections, fields, pictures and the atomic save.

Tables are built as one XML string per table and parsed once (never through ``Table.cell()``,
which rebuilds the cell grid on every call). Every piece of text goes through
:func:`planner.domain.text.sanitize_xml` on its way in.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm
from docx.table import Table
from docx.text.paragraph import Paragraph

from planner.domain.text import sanitize_xml
from planner.export.errors import TemplateError
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
    template's styles decide the look.
    """

    doc: DocxDocument
    lang: str
    typo: Typography | None
    style_ids: dict[str, str]

    @property
    def en(self) -> bool:
        return self.lang == "en"

    def t(self, zh: str, en: str) -> str:
        return en if self.en else zh

    # -- paragraphs ------------------------------------------------------------------------------
    # Paragraphs are written as XML too: python-docx resolves a style name by scanning every style
    # on each add_paragraph(style=...), which made a 300-outlet sheet document take seconds.
    def para(self, text: Any = "", style: str = "Normal", *, align: str | None = None, bold: bool = False,
             indent: bool | None = None) -> Paragraph:
        ppr = f'<w:pStyle w:val="{self.style_ids[style]}"/>'
        if indent is False:
            ppr += '<w:ind w:firstLine="0"/>'
        if align:
            ppr += f'<w:jc w:val="{_JC[align]}"/>'
        runs = self._run_xml(text, style, bold) if text != "" else ""
        p = parse_xml(f"<w:p {_W}><w:pPr>{ppr}</w:pPr>{runs}</w:p>")
        self._append_block(p)
        return Paragraph(p, self.doc._body)

    def _run_xml(self, text: Any, style: str, bold: bool = False) -> str:
        rpr = ""
        if self.typo is not None:
            latin, east = (escape(f, {'"': "&quot;"}) for f in self.typo.fonts_of(style))
            rpr = (f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}" '
                   'w:hint="eastAsia"/>')
        if bold:
            rpr += "<w:b/><w:bCs/>"
        return _text_xml(text, f"<w:rPr>{rpr}</w:rPr>" if rpr else "")

    def run(self, p: Paragraph, text: Any, style: str = "Normal", *, bold: bool = False) -> None:
        """Append text (line breaks kept) to an existing paragraph."""
        xml = self._run_xml(text, style, bold)
        if xml:
            p._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {_W}>", 1)))

    def heading(self, text: Any, level: int = 1) -> Paragraph:
        return self.para(text, f"Heading {level}")

    def label_line(self, label: str, value: Any, *, align: str | None = None) -> Paragraph:
        """``项目名称：渝昆高铁`` with the label in bold."""
        ppr = f'<w:pStyle w:val="{self.style_ids["Normal"]}"/>'
        if align:
            ppr += f'<w:ind w:firstLine="0"/><w:jc w:val="{_JC[align]}"/>'
        runs = self._run_xml(label + (": " if self.en else "："), "Normal", True) + self._run_xml(value, "Normal")
        p = parse_xml(f"<w:p {_W}><w:pPr>{ppr}</w:pPr>{runs}</w:p>")
        self._append_block(p)
        return Paragraph(p, self.doc._body)

    def page_break(self) -> None:
        self._append_block(parse_xml(f'<w:p {_W}><w:r><w:br w:type="page"/></w:r></w:p>'))

    # -- tables ----------------------------------------------------------------------------------
    def table(self, headers: Sequence[str], rows: Iterable[Sequence[Any]], widths_cm: Sequence[float],
              *, repeat_header: bool = True, header_fill: str = "D9D9D9") -> Table:
        """A grid table built as XML in one go: header row (repeated on each page) and body rows."""
        tw = [int(w * 567) for w in widths_cm]  # 1 cm = 567 twips
        hid, bid = self.style_ids["Table Heading"], self.style_ids["Table Text"]
        hfonts = _rpr_xml(self.typo.fonts_of("Table Heading")) if self.typo else ""
        bfonts = _rpr_xml(self.typo.fonts_of("Table Text")) if self.typo else ""
        parts = [
            f'<w:tbl {_W}><w:tblPr><w:tblStyle w:val="{self.style_ids["Table Grid"]}"/>'
            f'<w:tblW w:w="{sum(tw)}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{w}"/>' for w in tw),
            "</w:tblGrid>",
            "<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if repeat_header else "") + "</w:trPr>",
        ]
        shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{header_fill}"/><w:vAlign w:val="center"/>'
        for w, text in zip(tw, headers, strict=True):
            parts.append(_cell_xml(w, text, hid, hfonts, shade))
        parts.append("</w:tr>")
        ncols = len(tw)
        for row in rows:
            if len(row) != ncols:
                raise ValueError(f"row has {len(row)} cells, table has {ncols} columns")
            parts.append("<w:tr>")
            for w, text in zip(tw, row, strict=True):
                parts.append(_cell_xml(w, text, bid, bfonts, ""))
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        tbl = parse_xml("".join(parts))
        self._append_block(tbl)
        # an empty paragraph after a table keeps two tables from merging and gives breathing room
        self._append_block(parse_xml(f'<w:p {_W}><w:pPr><w:pStyle w:val="{bid}"/></w:pPr></w:p>'))
        return Table(tbl, self.doc._body)

    def _append_block(self, element: Any) -> None:
        body = self.doc.element.body
        sect = body.sectPr
        if sect is not None:
            sect.addprevious(element)
        else:
            body.append(element)

    # -- sections, fields, pictures ---------------------------------------------------------------
    def new_section(self, *, landscape: bool) -> Any:
        """Start a section on a new page, turned landscape or portrait (width and height swapped)."""
        sec = self.doc.add_section(WD_SECTION.NEW_PAGE)
        w, h = sec.page_width, sec.page_height
        want_wide = landscape
        if (w > h) != want_wide:
            sec.page_width, sec.page_height = h, w
        sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        return sec

    def set_landscape(self) -> None:
        """Turn the current (first) section landscape, as the sheets' wide tables need."""
        sec = self.doc.sections[-1]
        if sec.page_width < sec.page_height:
            sec.page_width, sec.page_height = sec.page_height, sec.page_width
        sec.orientation = WD_ORIENT.LANDSCAPE

    def widths(self, weights: Sequence[float]) -> list[float]:
        """Column widths in cm that fill the usable width in the proportions of ``weights``."""
        total = sum(weights)
        usable = self.usable_width_cm() - 0.2
        return [usable * w / total for w in weights]

    def usable_width_cm(self) -> float:
        sec = self.doc.sections[-1]
        return (sec.page_width - sec.left_margin - sec.right_margin) / 360000

    def toc(self, placeholder: str) -> None:
        """A table-of-contents field that Word fills when the document opens (updateFields)."""
        p = self.para("", "Normal")
        p._p.append(parse_xml(f'<w:r {_W}><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'))
        p._p.append(parse_xml(f'<w:r {_W}><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'))
        p._p.append(parse_xml(f'<w:r {_W}><w:fldChar w:fldCharType="separate"/></w:r>'))
        self.run(p, placeholder)
        p._p.append(parse_xml(f'<w:r {_W}><w:fldChar w:fldCharType="end"/></w:r>'))
        _set_update_fields(self.doc)

    def page_numbers(self) -> None:
        """``— 1 —`` centred in the footer (unless the template's footer already numbers pages)."""
        footer = self.doc.sections[0].footer
        if "PAGE" in footer._element.xml:
            return
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.style = self.doc.styles["Footer"]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        rpr = _rpr_xml(self.typo.fonts_of("Footer")) if self.typo else ""
        dash = "" if self.en else "— "
        p._p.append(parse_xml(f'<w:r {_W}>{rpr}<w:t xml:space="preserve">{dash}</w:t></w:r>'))
        p._p.append(parse_xml(f'<w:fldSimple {_W} w:instr=" PAGE "><w:r>{rpr}<w:t>1</w:t></w:r></w:fldSimple>'))
        p._p.append(parse_xml(f'<w:r {_W}>{rpr}<w:t xml:space="preserve">{dash[::-1]}</w:t></w:r>'))

    def picture(self, png: bytes, width_cm: float) -> None:
        p = self.para("", "Caption")
        p.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
        fmt = p.paragraph_format
        # Chinese body styles use an exact line height, which would clip the picture to one line
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.first_line_indent = 0
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def save(self, target: Path) -> None:
        self.doc.save(str(target))


_JC = {"center": "center", "right": "right", "left": "left", "justify": "both"}


def _rpr_xml(fonts: tuple[str, str]) -> str:
    latin, east_asia = (escape(f, {'"': "&quot;"}) for f in fonts)
    return (f'<w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" '
            f'w:cs="{latin}" w:hint="eastAsia"/></w:rPr>')


def _text_xml(text: Any, rpr: str) -> str:
    s = clean(text)
    if not s:
        return ""
    s = escape(s)
    if "\n" in s or "\t" in s:
        s = s.replace("\t", "</w:t><w:tab/><w:t xml:space=\"preserve\">")
        s = s.replace("\n", "</w:t><w:br/><w:t xml:space=\"preserve\">")
    return f'<w:r>{rpr}<w:t xml:space="preserve">{s}</w:t></w:r>'


def _cell_xml(width: int, text: Any, style_id: str, rpr: str, extra_tcpr: str) -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{extra_tcpr}</w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{_text_xml(text, rpr)}</w:p></w:tc>')


_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                        "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                        "decimalSymbol", "listSeparator")


def _set_update_fields(doc: DocxDocument) -> None:
    """Ask Word to refresh fields (the TOC) on opening; the element must sit at its schema place."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    el = parse_xml(f'<w:updateFields {_W} w:val="true"/>')
    after = {qn(f"w:{n}") for n in _AFTER_UPDATE_FIELDS} | {
        "{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"}
    for child in settings:
        if child.tag in after:
            child.addprevious(el)
            return
    settings.append(el)


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
        buf = io.BytesIO()
        document.save(buf)
        blob = buf.getvalue()
        if len(_PREPARED) > 8:
            _PREPARED.clear()
        _PREPARED[key] = blob
    document = docx.Document(io.BytesIO(blob))
    typo = typography_for(lang) if template is None else None
    ids = {name: document.styles[name].style_id for name in STYLE_NAMES}
    return DocWriter(document, lang, typo, ids)


_PREPARED: dict[tuple[object, ...], bytes] = {}
