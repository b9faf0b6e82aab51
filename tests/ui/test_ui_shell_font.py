"""The bundled CJK font subset covers every name in the demo data (so Chinese renders without any
system CJK font), stays small, and carries its licence."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics

from planner.domain.places import places
from planner.paths import resource
from planner.services import queries
from planner.ui.fonts import FAMILY, FONT_FILE, register_bundled_font

pytestmark = pytest.mark.qt


def test_font_file_is_small_and_licensed() -> None:
    font = resource("fonts", FONT_FILE)
    assert font.is_file()
    assert font.stat().st_size < 4_000_000
    licence = resource("fonts", "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Noto Sans CJK" in licence


def _demo_texts(db) -> list[str]:
    texts: list[str] = []
    for o in queries.list_outlets(db):
        texts += [o.name, o.short_name, o.platform, o.contact_name, places().label(o.adcode)]
    texts += [p.name for p in queries.list_people(db)]
    for a in queries.list_alliances(db):
        texts += [a.name, a.description]
    for summary in queries.list_projects(db):
        plan = queries.load_plan(db, summary.project.id)
        texts += [plan.project.title, plan.project.summary]
        for st in plan.stages:
            texts += [st.title, st.location, st.notes, places().label(st.adcode)]
        texts += [a.brief for a in plan.assignments]
    return texts


def test_bundled_font_covers_every_demo_name(qapp, demo_db) -> None:
    family = register_bundled_font()
    assert family == FAMILY
    font = QFont(family)
    assert QFontInfo(font).family() == FAMILY
    metrics = QFontMetrics(font)
    chars = {ch for text in _demo_texts(demo_db) for ch in text if not ch.isspace()}
    assert len(chars) > 500
    missing = sorted(ch for ch in chars if not metrics.inFontUcs4(ord(ch)))
    assert missing == [], f"not in the bundled font: {''.join(missing)}"


def test_font_covers_common_hanzi_and_punctuation(qapp) -> None:
    metrics = QFontMetrics(QFont(register_bundled_font()))
    level1 = [bytes([hi, lo]).decode("gb2312") for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF)
              if not (hi == 0xD7 and lo > 0xF9)]
    assert len(level1) == 3755
    assert all(metrics.inFontUcs4(ord(c)) for c in level1)
    assert all(metrics.inFontUcs4(ord(c)) for c in "，。、；：？！“”‘’（）《》【】—…·０１ＡＢabcXYZ019")
