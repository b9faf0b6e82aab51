"""Language switch: English loads planner_en.qm and Qt's own translation; Chinese is the source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from planner.ui import i18n, prefs
from planner.ui.context import AppContext
from planner.ui.main_window import MainWindow

pytestmark = pytest.mark.qt


@pytest.fixture
def restore_chinese(qapp):
    yield
    i18n.install("zh_CN")


def test_english_then_chinese(qapp, db, qtbot, restore_chinese) -> None:
    loaded = i18n.install("en")
    assert any(p.endswith("planner_en.qm") for p in loaded)
    assert any("qtbase_en" in p for p in loaded)
    assert len(i18n.installed()) == len(loaded)  # every translator is kept referenced
    assert QCoreApplication.translate("MainWindow", "文件(&F)") == "&File"
    assert QCoreApplication.translate("DirectoryPage", "新建…") == "New…"
    ctx = AppContext(db, "en")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&Project", "&View", "&Help"]
    assert window.nav.item(1).text() == "Outlets"
    outlets = window.show_page("outlets")
    assert outlets.add_button.text() == "New…"
    assert outlets.tier_filter.itemText(1) == "Central (based locally)"  # domain labels follow ctx.lang

    loaded = i18n.install("zh_CN")
    assert not any("planner_en" in p for p in loaded)
    assert any("qtbase_zh_CN" in p for p in loaded)
    assert QCoreApplication.translate("MainWindow", "文件(&F)") == "文件(&F)"
    chinese = MainWindow(AppContext(db, "zh_CN"))
    qtbot.addWidget(chinese)
    assert chinese.menuBar().actions()[0].text() == "文件(&F)"


def _ts_messages() -> list[tuple[str, str, bool, list[str]]]:
    """(context, source, plural, translations) of every message in planner_en.ts."""
    import xml.etree.ElementTree as ET

    from planner.paths import resource

    out = []
    for context in ET.parse(resource("translations", "planner_en.ts")).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            plural = message.get("numerus") == "yes"
            if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                texts = []
            else:
                texts = [f.text or "" for f in tr.iter("numerusform")] if plural else [tr.text or ""]
            out.append((name, message.findtext("source") or "", plural, texts))
    return out


def test_every_string_has_an_english_translation_keeping_its_placeholders() -> None:
    messages = _ts_messages()
    assert len(messages) > 400
    for context, source, _plural, texts in messages:
        assert texts and all(t.strip() for t in texts), (context, source)
        for text in texts:
            for placeholder in set(re.findall(r"\{\w+\}|%\d|%n", source)):
                assert placeholder in text, (context, source, text, placeholder)


def test_translation_file_covers_every_string_in_the_code() -> None:
    """A tr() literal missing from planner_en.ts means update_translations.py was not run."""
    import ast

    sources = {source for _c, source, _p, _t in _ts_messages()}
    missing = []
    for path in sorted(Path(i18n.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            text = args[0] if name == "tr" and args else args[1] if name == "translate" and len(args) >= 2 else None
            if text is not None and re.search(r"[\u4e00-\u9fff]", text) and text not in sources:
                missing.append((path.name, text))
    assert missing == []


def test_compiled_translations_match_the_source_file(qapp, restore_chinese) -> None:
    loaded = i18n.install("en")
    assert any(p.endswith("planner_en.qm") for p in loaded)
    for context, source, plural, texts in _ts_messages():
        if plural:
            assert QCoreApplication.translate(context, source, None, 2).replace("2", "%n") == texts[-1], source
        else:
            assert QCoreApplication.translate(context, source) == texts[0], (context, source)


def test_language_preference_is_saved(qapp) -> None:
    assert prefs.language() == "zh_CN"
    prefs.set_language("en")
    assert prefs.language() == "en"
    with pytest.raises(ValueError):
        prefs.set_language("fr")
    assert i18n.normalize("en_US") == "en" and i18n.normalize(None) == "zh_CN"
