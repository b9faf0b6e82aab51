"""Refresh the Qt translation files of the desktop app.

Runs ``pyside6-lupdate`` over every ``planner/ui/**/*.py`` into
``resources/translations/planner_en.ts`` (Chinese source strings, English translations; existing
translations are kept), then ``pyside6-lrelease`` into ``planner_en.qm``, and reports how many
strings still lack an English translation.

Run: ``python build_spec/update_translations.py [--fill build_spec/translations/*.json] [--list]``.
Glossaries in ``build_spec/translations/`` fill strings that are still unfinished.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "planner_en.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> list[str]:
    """``pyside6-<name>``, or the binary inside the PySide6 package when the wrapper is missing."""
    found = shutil.which(f"pyside6-{name}")
    if found:
        return [found]
    import PySide6

    pkg = Path(PySide6.__file__).parent
    for cand in (pkg / name, pkg / f"{name}.exe", pkg / "Qt" / "libexec" / name, pkg / "Qt" / "bin" / name):
        if cand.is_file():
            return [str(cand)]
    sys.exit(f"{name} not found: install PySide6-Essentials (it ships pyside6-{name})")


def sources() -> list[Path]:
    return sorted(p for p in (ROOT / "planner" / "ui").rglob("*.py") if "__pycache__" not in p.parts)


def lupdate() -> None:
    TS.parent.mkdir(parents=True, exist_ok=True)
    files = [str(p.relative_to(ROOT)) for p in sources()]
    cmd = [*tool("lupdate"), *files, "-source-language", "zh_CN", "-target-language", "en", "-no-obsolete", "-ts",
           str(TS.relative_to(ROOT))]
    subprocess.run(cmd, cwd=ROOT, check=True)


def lrelease() -> None:
    subprocess.run([*tool("lrelease"), str(TS), "-qm", str(QM)], cwd=ROOT, check=True)


def unfinished() -> list[tuple[str, str]]:
    """(context, source) of every string still without an English translation."""
    out = []
    for ctx in ET.parse(TS).getroot().iter("context"):
        name = ctx.findtext("name", "")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            text = "" if tr is None else (tr.text or "") + "".join(f.text or "" for f in tr.iter("numerusform"))
            if tr is None or tr.get("type") == "unfinished" or not text.strip():
                out.append((name, msg.findtext("source", "")))
    return out


def fill(glossary: Path) -> int:
    """Fill unfinished translations from a JSON glossary ``{"*": {src: en}, "Context": {src: en}}``.

    A plural message (``%n``) takes ``[singular, plural]``.

    Finished translations are never overwritten. Returns how many strings were filled.
    """
    data = json.loads(glossary.read_text(encoding="utf-8"))
    tree = ET.parse(TS)
    count = 0
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name", "")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            done = (tr.text or "") + "".join(f.text or "" for f in tr.iter("numerusform")) if tr is not None else ""
            if tr is None or (done.strip() and tr.get("type") != "unfinished"):
                continue
            source = msg.findtext("source", "")
            text = data.get(name, {}).get(source) or data.get("*", {}).get(source)
            if not text:
                continue
            if msg.get("numerus") == "yes":  # "%n 个节点": English needs [singular, plural]
                forms = [text, text] if isinstance(text, str) else list(text)
                for child in list(tr):
                    tr.remove(child)
                tr.text = None
                for form in forms:
                    ET.SubElement(tr, "numerusform").text = form
            else:
                tr.text = text
            tr.attrib.pop("type", None)
            count += 1
    if count:  # an unchanged file keeps lupdate's own layout
        ET.indent(tree)
        tree.write(TS, encoding="utf-8", xml_declaration=True)
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-lupdate", action="store_true", help="only compile the existing .ts")
    parser.add_argument("--list", action="store_true", help="list the untranslated strings")
    parser.add_argument("--fill", type=Path, action="extend", nargs="+", default=[],
                        help="JSON glossaries to fill unfinished strings from (--fill a.json b.json, or repeated)")
    args = parser.parse_args()
    if not args.no_lupdate:
        lupdate()
    filled = 0
    for glossary in args.fill:
        count = fill(glossary)
        filled += count
        print(f"{glossary}: filled {count}")
    if filled and not args.no_lupdate:
        lupdate()  # write the file back in lupdate's own layout, so that diffs show only real changes
    lrelease()
    missing = unfinished()
    print(f"{TS.relative_to(ROOT)}: {len(missing)} untranslated")
    if args.list:
        for context, source in missing:
            print(f"  [{context}] {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
