"""Language switch: English loads planner_en.qm and Qt's own translation; Chinese is the source."""

from __future__ import annotations

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


def test_every_shell_string_has_an_english_translation() -> None:
    import xml.etree.ElementTree as ET

    from planner.paths import resource

    shell_contexts = {
        "AllianceDialog", "AllianceTableModel", "AlliancesPage", "App", "DirectoryPage", "FileActions", "FormDialog",
        "MainWindow", "MessageBar", "OutletDialog", "OutletTableModel", "OutletsPage", "PeoplePage",
        "PersonDialog", "PersonTableModel", "PlaceEdit", "SearchBox", "SettingsDialog",
    }
    root = ET.parse(resource("translations", "planner_en.ts")).getroot()
    seen = set()
    for context in root.iter("context"):
        name = context.findtext("name")
        if name not in shell_contexts:
            continue
        seen.add(name)
        for message in context.iter("message"):
            tr = message.find("translation")
            assert tr is not None and tr.get("type") != "unfinished" and (tr.text or "").strip(), (
                name, message.findtext("source"))
    assert seen == shell_contexts


def test_language_preference_is_saved(qapp) -> None:
    assert prefs.language() == "zh_CN"
    prefs.set_language("en")
    assert prefs.language() == "en"
    with pytest.raises(ValueError):
        prefs.set_language("fr")
    assert i18n.normalize("en_US") == "en" and i18n.normalize(None) == "zh_CN"
