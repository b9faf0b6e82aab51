"""Build the bundled CJK font subset ``resources/fonts/PlannerSansSC-Regular.otf``.

The subset is cut with fonttools from Noto Sans CJK SC (SIL OFL 1.1; Debian ``fonts-noto-cjk``)
and renamed to "Planner Sans SC" (a Modified Version must not pose as the original). It covers:

* every character used in ``planner/`` (UI strings, enum labels, demo data) and in
  ``resources/places/adcodes.csv`` and ``resources/translations/*.ts``;
* the 3,755 GB2312 level-1 hanzi (常用字);
* ASCII, Latin-1, general and CJK punctuation, full-width forms.

Run: ``python build_spec/build_font_subset.py [--source PATH.ttc]``. The result is committed; the
licence text is written beside it as ``resources/fonts/OFL.txt``.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "resources" / "fonts"
OUT_FILE = OUT_DIR / "PlannerSansSC-Regular.otf"
FAMILY = "Planner Sans SC"
DEFAULT_SOURCES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
SC_INDEX_NAME = "Noto Sans CJK SC"

OFL_BODY = (ROOT / "build_spec" / "OFL-1.1.txt")


def gb2312_level1() -> set[int]:
    chars: set[int] = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(ord(bytes([hi, lo]).decode("gb2312")))
    return chars


def text_chars() -> set[int]:
    """Every character in the package sources, the places table and the translation files."""
    chars: set[int] = set()
    files = list((ROOT / "planner").rglob("*.py"))
    files += [ROOT / "resources" / "places" / "adcodes.csv"]
    files += list((ROOT / "resources" / "translations").glob("*.ts"))
    files += list((ROOT / "resources" / "templates").rglob("*.json")) if (ROOT / "resources" / "templates").is_dir() else []
    for path in files:
        if path.is_file():
            chars.update(ord(c) for c in path.read_text(encoding="utf-8", errors="ignore"))
    return {c for c in chars if c >= 0x20}


def fixed_ranges() -> set[int]:
    ranges = [
        (0x20, 0x7E),  # ASCII
        (0xA0, 0xFF),  # Latin-1 (·, ×, °, …)
        (0x2010, 0x2027), (0x2030, 0x203B),  # dashes, quotes, ellipsis, ‰, ※
        (0x2190, 0x2193), (0x2460, 0x2473),  # arrows, circled numbers ①…⑳
        (0x25A0, 0x25CF), (0x2605, 0x2606),  # shapes, stars
        (0x3000, 0x303F),  # CJK punctuation
        (0xFF01, 0xFF5E), (0xFFE0, 0xFFE6),  # full-width forms
    ]
    return {c for lo, hi in ranges for c in range(lo, hi + 1)}


def wanted_codepoints() -> set[int]:
    return gb2312_level1() | text_chars() | fixed_ranges()


def find_source(explicit: str | None) -> Path:
    for cand in ([explicit] if explicit else []) + list(DEFAULT_SOURCES):
        if cand and Path(cand).is_file():
            return Path(cand)
    sys.exit("Noto Sans CJK not found: apt-get install fonts-noto-cjk, or pass --source")


def build(source: Path, out: Path = OUT_FILE) -> tuple[int, int]:
    from fontTools import subset
    from fontTools.ttLib import TTCollection, TTFont

    if source.suffix.lower() == ".ttc":
        coll = TTCollection(str(source))
        index = next(i for i, f in enumerate(coll.fonts) if f["name"].getDebugName(1) == SC_INDEX_NAME)
        font = TTFont(str(source), fontNumber=index)
    else:
        font = TTFont(str(source))
    copyright_line = font["name"].getDebugName(0) or ""
    cmap = font.getBestCmap()
    codepoints = sorted(c for c in wanted_codepoints() if c in cmap)
    options = subset.Options()
    options.layout_features = ["kern", "vert", "vrt2", "liga", "locl", "palt", "halt"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    options.desubroutinize = False
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=codepoints)
    sub.subset(font)
    _rename(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    _write_licence(copyright_line)
    return len(codepoints), out.stat().st_size


def _rename(font) -> None:
    """A Modified Version gets its own name (OFL §3; also keeps it apart from a system Noto)."""
    name = font["name"]
    ps = FAMILY.replace(" ", "") + "-Regular"
    for rec in list(name.names):
        if rec.nameID in (1, 16):
            name.setName(FAMILY, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID in (2, 17):
            name.setName("Regular", rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 4:
            name.setName(FAMILY + " Regular", rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 6:
            name.setName(ps, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 3:
            name.setName(ps + ";subset", rec.nameID, rec.platformID, rec.platEncID, rec.langID)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [ps]
        top = cff.topDictIndex[0]
        top.FamilyName = FAMILY
        top.FullName = FAMILY + " Regular"


def _write_licence(copyright_line: str) -> None:
    body = OFL_BODY.read_text(encoding="utf-8")
    header = (
        f"{FAMILY} is a subset of Noto Sans CJK SC made for the joint-coverage planner with fonttools\n"
        "(build_spec/build_font_subset.py). It is a Modified Version under the SIL Open Font License 1.1.\n\n"
        f"Original copyright: {copyright_line}\n"
        "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.\n"
        "Source: https://github.com/googlefonts/noto-cjk\n\n"
    )
    (OUT_DIR / "OFL.txt").write_text(header + body, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="Noto Sans CJK .ttc/.otf to cut from")
    args = parser.parse_args()
    count, size = build(find_source(args.source))
    print(f"{OUT_FILE.relative_to(ROOT)}: {count} characters, {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
