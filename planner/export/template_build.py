"""Builds the shipped default template ``resources/templates/planner-default.docx``.

Run ``python -m planner.export.template_build`` after changing :mod:`planner.export.typography`;
the result is committed. It is python-docx's default document with the Chinese typography applied,
the two table styles added, the East Asian font fallbacks in the font table, no thumbnail, an A4 page with
GB/T 9704 margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm) and an empty body. Users make
their own letterhead template by opening this one in Word and editing it (keeping the styles).
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.shared import Mm

from planner.export.pagesetup import set_properties
from planner.export.typography import STYLE_NAMES, add_font_fallbacks, apply_typography, typography_for


def build_default_template(path: str | Path) -> Path:
    document = docx.Document()
    apply_typography(document, typography_for("zh"))
    add_font_fallbacks(document)
    sec = document.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    sec.header_distance, sec.footer_distance = Mm(15), Mm(25)
    body = document.element.body
    for child in list(body):
        if child.tag != body.sectPr.tag:
            body.remove(child)
    set_properties(document, title="联合报道策划 默认模板 / Joint-coverage planner default template",
                   author="Joint-coverage planner", comments="Styles used by the exports: " + ", ".join(STYLE_NAMES))
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


if __name__ == "__main__":  # pragma: no cover
    from planner.export.docxkit import default_template_path

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default_template_path()
    print(build_default_template(target))
