"""Typography of the exports: which font, size and spacing each style has, in Chinese and English.

Chinese documents follow the spirit of GB/T 9704: title in 方正小标宋 二号 (22 pt), first-level
headings 黑体, second-level 楷体, body 仿宋 三号 (16 pt) on a 28 pt grid, Latin text and digits in
Times New Roman. python-docx sets only the Latin font, and Word's theme fonts win over named ones, so
every style (and the document defaults) gets ``w:eastAsia`` set and the ``*Theme`` attributes
removed. Fallbacks for machines without the 方正/GB2312 families are written into the font table
(``w:altName``), which Word and LibreOffice consult when a font is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor

#: Every style an export uses; a user's template must define them all.
STYLE_NAMES: tuple[str, ...] = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Header", "Footer",
    "Caption", "TOC Heading", "Table Text", "Table Heading", "Table Grid",
)
#: Styles the shipped template adds to python-docx's default set.
CUSTOM_STYLES: tuple[str, ...] = ("Table Text", "Table Heading")

# (Latin, East Asian) pairs
_XBS = ("Times New Roman", "方正小标宋简体")
_HEI = ("Times New Roman", "黑体")
_KAI = ("Times New Roman", "楷体")
_FS = ("Times New Roman", "仿宋")
_SONG = ("Times New Roman", "宋体")
_SERIF = ("Times New Roman", "宋体")
_SANS = ("Arial", "黑体")

#: East Asian font → the font Word/LibreOffice should use when it is missing (font table altName).
FALLBACKS = {
    "方正小标宋简体": "华文中宋", "黑体": "SimHei", "楷体": "楷体_GB2312", "仿宋": "仿宋_GB2312", "宋体": "SimSun",
}


@dataclass(frozen=True)
class StyleSpec:
    fonts: tuple[str, str]
    size: float
    bold: bool = False
    italic: bool = False
    align: str = "left"
    indent_pt: float = 0.0  # first-line indent
    line_exact: float | None = None  # exact line height in points; None = single
    before: float = 0.0
    after: float = 0.0
    keep_next: bool = False


@dataclass(frozen=True)
class Typography:
    lang: str
    styles: dict[str, StyleSpec] = field(default_factory=dict)

    def fonts_of(self, style: str) -> tuple[str, str]:
        spec = self.styles.get(style) or self.styles["Normal"]
        return spec.fonts


_ZH = Typography("zh", {
    "Normal": StyleSpec(_FS, 16, align="justify", indent_pt=32, line_exact=28),
    "Title": StyleSpec(_XBS, 22, align="center", line_exact=36, before=12, after=12),
    "Subtitle": StyleSpec(_KAI, 16, align="center", line_exact=28, after=6),
    "Heading 1": StyleSpec(_HEI, 16, indent_pt=32, line_exact=28, before=6, keep_next=True),
    "Heading 2": StyleSpec(_KAI, 16, indent_pt=32, line_exact=28, keep_next=True),
    "Heading 3": StyleSpec(_FS, 16, bold=True, indent_pt=32, line_exact=28, keep_next=True),
    "Header": StyleSpec(_SONG, 10.5, align="center"),
    "Footer": StyleSpec(_SONG, 14, align="center"),
    "Caption": StyleSpec(_KAI, 14, align="center", after=6),
    "TOC Heading": StyleSpec(_HEI, 16, align="center", line_exact=28, after=6),
    # an exact line of 13.5 pt: single spacing with the CJK fallbacks is about 15.5 pt, which made a
    # four-piece sheet spill onto a second page
    "Table Text": StyleSpec(_FS, 10.5, line_exact=13.5),
    "Table Heading": StyleSpec(_HEI, 10.5, align="center", line_exact=13.5),
})

_EN = Typography("en", {
    "Normal": StyleSpec(_SERIF, 12, align="justify", after=6),
    "Title": StyleSpec(_SANS, 20, bold=True, align="center", before=12, after=12),
    "Subtitle": StyleSpec(_SERIF, 14, italic=True, align="center", after=6),
    "Heading 1": StyleSpec(_SANS, 14, bold=True, before=12, after=6, keep_next=True),
    "Heading 2": StyleSpec(_SANS, 12, bold=True, before=6, after=3, keep_next=True),
    "Heading 3": StyleSpec(_SERIF, 12, bold=True, before=6, after=3, keep_next=True),
    "Header": StyleSpec(_SERIF, 9, align="center"),
    "Footer": StyleSpec(_SERIF, 10, align="center"),
    "Caption": StyleSpec(_SERIF, 10, italic=True, align="center", after=6),
    "TOC Heading": StyleSpec(_SANS, 14, bold=True, align="center", after=6),
    "Table Text": StyleSpec(_SERIF, 9, line_exact=11),
    "Table Heading": StyleSpec(_SANS, 9, bold=True, align="center", line_exact=11),
})


def typography_for(lang: str) -> Typography:
    return _EN if str(lang).startswith("en") else _ZH


_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "right": WD_ALIGN_PARAGRAPH.RIGHT}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_fonts(rpr: Any, latin: str, east_asia: str) -> None:
    """Name the Latin and East Asian fonts on an ``rPr`` and drop theme fonts that would override them."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, rfonts)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), latin)


def _ensure_styles(document: Any) -> None:
    styles = document.styles
    names = {s.name for s in styles}
    for name in CUSTOM_STYLES:
        if name not in names:
            st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            st.base_style = styles["Normal"]
            st.quick_style = True


def apply_typography(document: Any, typo: Typography) -> None:
    """Give every style of :data:`STYLE_NAMES` the fonts, sizes and spacing of ``typo``."""
    _ensure_styles(document)
    styles = document.styles
    _apply_defaults(styles.element, typo.styles["Normal"].fonts, typo.lang)
    for name, spec in typo.styles.items():
        st = styles[name]
        font = st.font
        font.size = Pt(spec.size)
        font.bold = spec.bold
        font.italic = spec.italic
        font.color.rgb = RGBColor(0, 0, 0)
        set_fonts(st.element.get_or_add_rPr(), *spec.fonts)
        pf = st.paragraph_format
        pf.alignment = _ALIGN[spec.align]
        pf.first_line_indent = Pt(spec.indent_pt)
        pf.left_indent = Pt(0)
        pf.space_before = Pt(spec.before)
        pf.space_after = Pt(spec.after)
        pf.keep_with_next = spec.keep_next
        if spec.line_exact is not None:
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(spec.line_exact)
        else:
            pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        ppr = st.element.pPr
        if ppr is not None:  # python-docx's Title has a bottom border and a theme colour: GB titles have neither
            border = ppr.find(qn("w:pBdr"))
            if border is not None:
                ppr.remove(border)
    for name in ("Title Char", "Heading 1 Char", "Heading 2 Char", "Heading 3 Char", "Subtitle Char"):
        if name in {s.name for s in styles}:
            spec = typo.styles[name[:-5]]
            set_fonts(styles[name].element.get_or_add_rPr(), *spec.fonts)
            styles[name].font.color.rgb = RGBColor(0, 0, 0)


def _apply_defaults(styles_el: Any, fonts: tuple[str, str], lang: str) -> None:
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    set_fonts(rpr, *fonts)
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = parse_xml(f"<w:lang {nsdecls('w')}/>")
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), "en-US")
    lang_el.set(qn("w:eastAsia"), "zh-CN")


def add_font_fallbacks(document: Any) -> None:
    """Write the East Asian fonts with their ``altName`` fallbacks into the font table."""
    part = None
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
    if part is None:
        return
    root = parse_xml(part.blob)
    present = {el.get(qn("w:name")) for el in root.findall(qn("w:font"))}
    for name, alt in FALLBACKS.items():
        if name in present:
            continue
        root.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
            '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'))
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
