"""The one matcher of every picker and of global search: contains, full pinyin, initials, mixed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.errors import ValidationError, error_text
from planner.domain.matcher import (
    CONTAINS,
    LOOSE_PREFIX,
    PINYIN_INNER,
    PINYIN_PREFIX,
    PREFIX,
    Matcher,
    char_readings,
    fold,
    keys,
    rank,
)
from planner.domain.place_search import place_index, station_stem


def r(query: str, *names: str) -> int | None:
    return rank(fold(query), keys(*names))


def test_text_matches_anywhere_and_prefix_ranks_first() -> None:
    assert r("温江", "温江区融媒体中心") == PREFIX
    assert r("川报", "四川日报报业集团", "川报集团") == PREFIX  # by its short name
    assert r("日报", "四川日报报业集团") == CONTAINS
    assert r("ＹＫＧＴ", "YKGT-2026") == PREFIX  # full width and case folded
    assert r("成都", "温江区") is None


def test_pinyin_full_initials_and_mixed() -> None:
    assert r("wenjiang", "温江区") == PINYIN_PREFIX
    assert r("wj", "温江区") == PINYIN_PREFIX
    assert r("wenj", "温江区") == PINYIN_PREFIX
    assert r("cqx", "重庆西站") == PINYIN_PREFIX  # 重庆 is chóngqìng in the phrase table
    assert r("chongqx", "重庆西站") == PINYIN_PREFIX
    assert r("jiang", "温江区") == PINYIN_INNER
    assert r("cb", "四川日报报业集团", "川报集团") == PINYIN_PREFIX
    assert r("wjx", "温江区") is None
    assert r("lvchun", "绿春县") == PINYIN_PREFIX and r("luchun", "绿春县") == PINYIN_PREFIX  # ü as v or u
    assert r("h5zb", "H5 直播") == PINYIN_PREFIX


def test_a_rare_reading_still_matches_but_ranks_lower() -> None:
    assert "zhong" in char_readings("重") and "chong" in char_readings("重")
    assert r("zhongqing", "重庆市") == LOOSE_PREFIX  # 重 read as in 重要: found, after the right ones
    assert r("chongqing", "重庆市") == PINYIN_PREFIX


def test_matcher_orders_by_rank_then_order_then_length() -> None:
    m = Matcher([(1, ["合川区"]), (2, ["川汇区"]), (3, ["四川省"]), (4, ["永川区"])], order=lambda i: -i)
    assert m.search("川") == [2, 4, 3, 1]  # 川汇区 starts with it; then by order
    assert m.search("") == []
    assert m.search("qqqq") == []


@given(st.text(max_size=12))
@settings(max_examples=200, deadline=None)
def test_any_query_is_safe(query: str) -> None:
    m = Matcher([(1, ["重庆西站"]), (2, ["温江区融媒体中心", "温江"]), (3, ["H5 直播"])])
    found = m.search(query)
    assert set(found) <= {1, 2, 3}


def test_places_by_name_pinyin_initials_with_where_they_lie() -> None:
    idx = place_index()
    assert [c.label for c in idx.search("温江")][:1] == ["温江区 · 四川省成都市"]
    assert idx.search("wj")[0].label == "温江区 · 四川省成都市"  # Sichuan and Chongqing first
    assert idx.search("wenjiang")[0].name == "温江区"
    assert idx.search("永川")[0].label == "永川区 · 重庆市"
    assert idx.search("yc")[0].name == "永川区"
    chaoyang = {c.label for c in idx.search("朝阳")}
    assert {"朝阳区 · 北京市", "朝阳区 · 吉林省长春市", "朝阳市 · 辽宁省"} <= chaoyang
    assert idx.search("500118")[0].name == "永川区"
    assert idx.search("成都东站")[0].name == "成都市"  # a station is offered the place it lies in


def test_place_resolve_names_the_candidates_of_an_ambiguous_name() -> None:
    idx = place_index()
    assert idx.resolve("永川").adcode.startswith("500118")
    assert idx.resolve("温江区 · 四川省成都市").adcode.startswith("510115")
    assert idx.resolve("四川省 成都市 温江区").adcode.startswith("510115")  # the label older versions showed
    assert idx.resolve("朝阳市").adcode.startswith("2113")
    assert idx.resolve("  ") is None
    with pytest.raises(ValidationError) as err:
        idx.resolve("朝阳")
    assert err.value.code == "ambiguous_place"
    zh, en = error_text(err.value, "zh"), error_text(err.value, "en")
    assert "北京市朝阳区" in zh and "吉林省长春市朝阳区" in zh and "请从下拉列表中选一个" in zh
    assert "Pick one from the list" in en and "、" not in en
    with pytest.raises(ValidationError) as err:
        idx.resolve("成都东站")
    assert err.value.code == "unknown_place"


def test_station_guesses() -> None:
    idx = place_index()
    assert station_stem("成都东站") == "成都" and station_stem("永川南") == "永川" and station_stem("万州") == "万州"
    assert idx.guess("永川东").name == "永川区"
    assert idx.guess("荣昌北站").name == "荣昌区"
    assert idx.guess("成都东站").name == "成都市"
    assert idx.guess("朝阳") is None  # ambiguous: no guess
