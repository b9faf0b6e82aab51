"""The bundled administrative divisions: lookups by code and name, hierarchy, coordinates."""

from __future__ import annotations

from planner.domain.places import CHONGQING, SICHUAN, distance_km, places


def test_counts_match_the_data() -> None:
    P = places()
    assert len(P.children("510000000000")) == 21  # Sichuan's cities and prefectures
    assert len(P.counties(SICHUAN)) == 183
    assert len(P.counties(CHONGQING)) >= 37  # the data lists 37 districts and counties (incl. 两江新区)


def test_lookup_by_code_and_name() -> None:
    P = places()
    assert P.get("510115").name == "温江区"
    assert P.resolve("温江").adcode == "510115000000"
    assert P.resolve("荣昌区").province_code == "50"
    assert P.resolve("市中区") is None  # ambiguous: Leshan and Neijiang both have one
    assert P.label("510115000000") == "四川省 成都市 温江区"
    assert P.city("510115").name == "成都市" and P.province("510115").name == "四川省"
    assert [p.name for p in P.search("荣昌")][:1] == ["荣昌区"]


def test_coordinates_fall_back_to_city_then_province() -> None:
    P = places()
    assert P.coords("511083") is not None  # 隆昌市 has no coordinates of its own: its city's are used
    chongqing_west = P.coords("500106")
    yibin = P.coords("511502")
    assert 150 < distance_km(chongqing_west, yibin) < 300
