"""Pages of a Word export: sections, headers and footers, page numbers, the written-out table of
contents, and the document's properties.

- **Sections** inherit their headers and footers from the previous one; a template's first-page
  letterhead (红头, ``w:titlePg``) belongs to the first page of the document only, so later sections
  (the pack's landscape matrix, the stage details) drop ``titlePg`` — otherwise Word shows the
  红头 again there and those pages lose their page numbers.
- **Page numbers** follow GB/T 9704: ``— 7 —`` at the foot, odd pages on the right and even pages on
  the left, one character in from the edge (even and odd footers; the template's default header is
  used for even pages too). The cover and the 目录 are not numbered: numbering starts at 1 in the
  first body section. A template whose footer already numbers its pages is left alone.
- **Table of contents**: the entries are written out at export time (the headings are known), each
  linked to its heading, with a ``PAGEREF`` to the heading's bookmark for its page — so every
  viewer shows the entries, and LibreOffice and the PDFs made with it the pages too.
- **Properties**: title, subject, author (this desk), keywords and the export's dates; the
  template's thumbnail and its "template"/"application" entries are dropped, so a PDF viewer or a
  chat app shows the document's own name.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from planner.domain.text import sanitize_xml

_W = nsdecls("w")
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_R_ATTRS = (_R_ID, "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed",
            "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}link")


# -- sections --------------------------------------------------------------------------------------
def add_section(doc: Any, *, landscape: bool) -> Any:
    """A new section on a new page, turned landscape or portrait, inheriting headers and footers.

    The paragraph that carries the previous section's properties is shrunk to a hair's height
    (it follows a table, so it cannot be dropped): at a page foot it must not push a blank page.
    """
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    w, h = sec.page_width, sec.page_height
    if (w > h) != landscape:
        sec.page_width, sec.page_height = h, w
    sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    sectpr = sec._sectPr
    title_pg = sectpr.find(qn("w:titlePg"))
    if title_pg is not None:
        sectpr.remove(title_pg)
    numbering = sectpr.find(qn("w:pgNumType"))
    if numbering is not None and numbering.get(qn("w:start")) is not None:
        del numbering.attrib[qn("w:start")]  # continue the numbering of the previous section
    body = doc.element.body
    holder = body.sectPr.getprevious()  # the new paragraph holding the previous section's sectPr
    _shrink_break_paragraph(holder)
    return sec


def _shrink_break_paragraph(p: Any) -> None:
    if p is None or p.tag != qn("w:p"):
        return
    previous = p.getprevious()
    ppr = p.find(qn("w:pPr"))
    inner = ppr.find(qn("w:sectPr")) if ppr is not None else None
    if (previous is not None and previous.tag == qn("w:p") and inner is not None
            and previous.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None):
        # carry the break on the last text paragraph instead of an extra empty one
        prev_ppr = previous.find(qn("w:pPr"))
        if prev_ppr is None:
            prev_ppr = parse_xml(f"<w:pPr {_W}/>")
            previous.insert(0, prev_ppr)
        prev_ppr.append(inner)
        p.getparent().remove(p)
        return
    if ppr is None:
        return
    spacing = parse_xml(f'<w:spacing {_W} w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>')
    rpr = parse_xml(f'<w:rPr {_W}><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>')
    anchor = ppr.find(qn("w:sectPr"))
    anchor.addprevious(spacing)
    anchor.addprevious(rpr)


def restart_numbering(section: Any, start: int = 1) -> None:
    sectpr = section._sectPr
    numbering = sectpr.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = parse_xml(f"<w:pgNumType {_W}/>")
        # pgNumType sits after pgMar/paperSrc/pgBorders/lnNumType in the schema order
        before = {qn(f"w:{n}") for n in ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection",
                                          "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")}
        for child in sectpr:
            if child.tag in before:
                child.addprevious(numbering)
                break
        else:
            sectpr.append(numbering)
    numbering.set(qn("w:start"), str(start))


# -- page numbers ----------------------------------------------------------------------------------
def template_numbers_pages(doc: Any) -> bool:
    """Whether a footer or header of the template already holds a PAGE field."""
    for rel in doc.part.rels.values():
        if rel.reltype.endswith(("/footer", "/header")) and not rel.is_external:
            root = rel.target_part.element
            for el in root.iter(qn("w:instrText"), qn("w:fldSimple")):
                instr = el.text if el.tag == qn("w:instrText") else el.get(qn("w:instr"))
                if instr and instr.strip().upper().startswith("PAGE"):
                    return True
    return False


@dataclass(frozen=True)
class NumberStyle:
    footer_style_id: str
    rpr: str  # run properties of the number (fonts)
    dashes: bool  # ``— 7 —`` (Chinese) or ``7``
    indent_twips: int  # one character of the footer's size, in from the edge


def number_pages(doc: Any, style: NumberStyle, *, first: int = 0) -> None:
    """Page numbers on every page from section ``first`` on (numbering restarts there at 1 when
    ``first`` > 0): odd pages right, even pages left. Sections before ``first`` (cover, 目录) keep
    the template's footers, without numbers."""
    sections = doc.sections
    if template_numbers_pages(doc):
        return
    _even_and_odd(doc)
    # every section that names its own default header shows it on even pages too
    for sec in sections:
        _even_header_like_default(sec._sectPr)
    target = sections[first]
    if first > 0:
        restart_numbering(target)
    inherited = _effective_footer(sections, first, "default")
    keep = _copyable(inherited)
    for kind, align in (("default", "right"), ("even", "left")):
        footer = target.footer if kind == "default" else target.even_page_footer
        footer.is_linked_to_previous = False
        _fill_footer(footer._element, keep, _number_paragraph(style, align))
    if target._sectPr.find(qn("w:titlePg")) is not None:
        # a letterhead template's first page: its own footer plus the number (page 1 is odd)
        first_keep = _copyable(_effective_footer(sections, first, "first"))
        footer = target.first_page_footer
        footer.is_linked_to_previous = False
        _fill_footer(footer._element, first_keep, _number_paragraph(style, "right"))


def _even_and_odd(doc: Any) -> None:
    settings = doc.settings.element
    if settings.find(qn("w:evenAndOddHeaders")) is not None:
        return
    el = parse_xml(f"<w:evenAndOddHeaders {_W}/>")
    # schema order: after mirrorMargins…bordersDoNotSurroundFooter, before bookFoldPrinting etc.
    after = {qn(f"w:{n}") for n in ("bookFoldPrinting", "bookFoldRevPrinting", "bookFoldPrintingSheets",
                                     "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
                                     "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
                                     "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
                                     "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
                                     "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
                                     "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
                                     "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
                                     "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
                                     "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
                                     "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults",
                                     "footnotePr", "endnotePr", "compat", "docVars", "rsids", "themeFontLang",
                                     "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
                                     "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
                                     "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
                                     "listSeparator")}
    after.add("{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr")
    for child in settings:
        if child.tag in after:
            child.addprevious(el)
            return
    settings.append(el)


def _even_header_like_default(sectpr: Any) -> None:
    refs = {r.get(qn("w:type")): r for r in sectpr.findall(qn("w:headerReference"))}
    if "default" in refs and "even" not in refs:
        even = copy.deepcopy(refs["default"])
        even.set(qn("w:type"), "even")
        refs["default"].addnext(even)  # the same header part serves both


def _effective_footer(sections: Any, index: int, kind: str) -> Any:
    """The ``w:ftr`` element section ``index`` would show for ``kind`` pages, or None."""
    for i in range(index, -1, -1):
        sectpr = sections[i]._sectPr
        for ref in sectpr.findall(qn("w:footerReference")):
            if ref.get(qn("w:type")) == kind:
                part = sections[i].part.related_parts[ref.get(_R_ID)]
                return part.element
    if kind == "first":
        return _effective_footer(sections, index, "default")
    return None


def _copyable(ftr: Any) -> list[Any]:
    """The template footer's paragraphs worth keeping beside the number (text only: anything that
    refers to another part, such as a picture, cannot be copied into a new footer)."""
    if ftr is None:
        return []
    kept = []
    for child in ftr:
        if child.tag not in (qn("w:p"), qn("w:tbl")):
            continue
        if not "".join(t.text or "" for t in child.iter(qn("w:t"))).strip():
            continue
        if any(el.get(a) is not None for el in child.iter() for a in _R_ATTRS):
            continue
        kept.append(copy.deepcopy(child))
    return kept


def _fill_footer(ftr: Any, keep: list[Any], number: Any) -> None:
    for child in list(ftr):
        ftr.remove(child)
    for el in keep:
        ftr.append(copy.deepcopy(el))
    ftr.append(number)


def _number_paragraph(style: NumberStyle, align: str) -> Any:
    side = "right" if align == "right" else "left"
    dash_l, dash_r = ("— ", " —") if style.dashes else ("", "")
    return parse_xml(
        f'<w:p {_W}><w:pPr><w:pStyle w:val="{style.footer_style_id}"/>'
        f'<w:ind w:{side}="{style.indent_twips}" w:firstLine="0"/><w:jc w:val="{align}"/></w:pPr>'
        f'<w:r>{style.rpr}<w:t xml:space="preserve">{dash_l}</w:t></w:r>'
        f'<w:fldSimple w:instr=" PAGE "><w:r>{style.rpr}<w:t>1</w:t></w:r></w:fldSimple>'
        f'<w:r>{style.rpr}<w:t xml:space="preserve">{dash_r}</w:t></w:r></w:p>')


# -- table of contents -----------------------------------------------------------------------------
@dataclass(frozen=True)
class TocEntry:
    level: int
    text: str
    bookmark: str


def bookmark_xml(bookmark_id: int, name: str) -> tuple[str, str]:
    return (f'<w:bookmarkStart {_W} w:id="{bookmark_id}" w:name="{name}"/>',
            f'<w:bookmarkEnd {_W} w:id="{bookmark_id}"/>')


def toc_paragraphs(entries: list[TocEntry], *, style_id: str, rpr: str, right_tab_twips: int,
                   indent_twips: int, empty_text: str) -> list[Any]:
    """The table of contents as plain paragraphs, one per heading: its text linked to the heading
    and a dotted tab to a ``PAGEREF`` field on the heading's bookmark.

    Not wrapped in a TOC field: LibreOffice (and so every PDF made from the file) treats a TOC
    field's result as fixed text and would leave the page numbers blank, while it computes a
    free-standing ``PAGEREF`` as it lays out the pages. Word shows the field's cached text, left
    empty rather than guessed; 更新域 (F9) fills it.
    """
    if not entries:
        return [parse_xml(f'<w:p {_W}><w:pPr><w:pStyle w:val="{style_id}"/><w:ind w:firstLine="0"/>'
                          f'<w:jc w:val="center"/></w:pPr><w:r>{rpr}<w:t>{escape(empty_text)}</w:t></w:r></w:p>')]
    out = []
    for e in entries:
        ppr = (f'<w:pPr><w:pStyle w:val="{style_id}"/><w:tabs><w:tab w:val="right" w:leader="dot" '
               f'w:pos="{right_tab_twips}"/></w:tabs><w:spacing w:before="0" w:after="0"/>'
               f'<w:ind w:left="{indent_twips * (e.level - 1)}" w:firstLine="0"/><w:jc w:val="left"/></w:pPr>')
        link = (f'<w:hyperlink w:anchor="{e.bookmark}" w:history="1">'
                f'<w:r>{rpr}<w:t xml:space="preserve">{escape(e.text)}</w:t></w:r><w:r>{rpr}<w:tab/></w:r>'
                f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGEREF {e.bookmark} \\h </w:instrText></w:r>'
                f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
                f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>')
        out.append(parse_xml(f'<w:p {_W}>{ppr}{link}</w:p>'))
    return out


# -- properties ------------------------------------------------------------------------------------
def set_properties(doc: Any, *, title: str, subject: str = "", author: str = "", keywords: str = "",
                   comments: str = "", category: str = "", lang: str = "zh", now: datetime | None = None) -> None:
    """The document's own properties (what a PDF viewer or WeChat shows as its name) and no
    inherited thumbnail or template name."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0, tzinfo=None)
    title, subject, author, keywords, comments, category = (
        " ".join(sanitize_xml(v).split()) for v in (title, subject, author, keywords, comments, category))
    props = doc.core_properties
    props.title = title[:250]
    props.subject = subject[:250]
    props.author = author[:250]
    props.last_modified_by = author[:250]
    props.keywords = keywords[:250]
    props.comments = comments[:1000]
    props.category = category[:250]
    props.language = "en-US" if lang == "en" else "zh-CN"
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.identifier = ""
    props.content_status = ""
    props.version = ""
    _drop_thumbnail(doc)
    _clean_app_properties(doc)


def _drop_thumbnail(doc: Any) -> None:
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == _THUMBNAIL:
            package.rels.pop(rid)


def _clean_app_properties(doc: Any) -> None:
    """Rewrite ``docProps/app.xml`` without the template's name, company and word counts."""
    package = doc.part.package
    for rel in package.rels.values():
        if rel.reltype.endswith("/extended-properties") and not rel.is_external:
            part = rel.target_part
            part._blob = (
                b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
                b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                b"<Application>Joint-coverage planner</Application><DocSecurity>0</DocSecurity>"
                b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
                b"<HyperlinksChanged>false</HyperlinksChanged></Properties>")
