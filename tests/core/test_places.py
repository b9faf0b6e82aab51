"""The bundled administrative divisions: lookups by code and name, hierarchy, coordinates, renamed
places, and that every current county-level place of Sichuan and Chongqing is there with coordinates."""

from __future__ import annotations

import csv

import pytest

from planner.domain.errors import ValidationError
from planner.domain.places import CHONGQING, SICHUAN, Place, Places, distance_km, places
from planner.paths import resource
from planner.services.validate import adcode_value


def _tails(text: str) -> list[str]:
    return text.split()


# The county-level divisions of the 2023 statistical code table (last four digits of the six-digit
# code). Written out here, not read from the data, so a rebuild that loses one fails.
CHONGQING_COUNTIES = _tails(
    "0101 0102 0103 0104 0105 0106 0107 0108 0109 0110 0111 0112 0113 0114 0115 0116 0117 0118 0119 0120 "
    "0151 0152 0153 0154 0155 0156 0229 0230 0231 0233 0235 0236 0237 0238 0240 0241 0242 0243"
)
SICHUAN_COUNTIES = _tails(
    "0104 0105 0106 0107 0108 0112 0113 0114 0115 0116 0117 0118 0121 0129 0131 0181 0182 0183 0184 0185 "
    "0302 0303 0304 0311 0321 0322 0402 0403 0411 0421 0422 0502 0503 0504 0521 0522 0524 0525 0603 0604 "
    "0623 0681 0682 0683 0703 0704 0705 0722 0723 0725 0726 0727 0781 0802 0811 0812 0821 0822 0823 0824 "
    "0903 0904 0921 0923 0981 1002 1011 1024 1025 1083 1102 1111 1112 1113 1123 1124 1126 1129 1132 1133 "
    "1181 1302 1303 1304 1321 1322 1323 1324 1325 1381 1402 1403 1421 1423 1424 1425 1502 1503 1504 1523 "
    "1524 1525 1526 1527 1528 1529 1602 1603 1621 1622 1623 1681 1702 1703 1722 1723 1724 1725 1781 1802 "
    "1803 1822 1823 1824 1825 1826 1827 1902 1903 1921 1922 1923 2002 2021 2022 3201 3221 3222 3223 3224 "
    "3225 3226 3227 3228 3230 3231 3232 3233 3301 3322 3323 3324 3325 3326 3327 3328 3329 3330 3331 3332 "
    "3333 3334 3335 3336 3337 3338 3401 3402 3422 3423 3424 3426 3427 3428 3429 3430 3431 3432 3433 3434 "
    "3435 3436 3437"
)


def test_every_current_county_of_sichuan_and_chongqing_is_there_with_its_own_coordinates() -> None:
    P = places()
    assert len(CHONGQING_COUNTIES) == 38 and len(SICHUAN_COUNTIES) == 183
    for province, tails in ((CHONGQING, CHONGQING_COUNTIES), (SICHUAN, SICHUAN_COUNTIES)):
        expected = {f"{province}{t}000000" for t in tails}
        listed = {p.adcode for p in P.counties(province)}
        assert listed == expected
        for code in expected:
            place = P.get(code)
            assert place is not None and place.adcode == code and place.is_division
            assert place.has_coords, f"{code} {place.name} has no coordinates of its own"
            # inside the two provinces' bounding box, so no place borrowed a far-away coordinate
            assert 97.3 < place.lon < 110.2 and 26.0 < place.lat < 34.4, (code, place.name, place.lon, place.lat)


def test_counts_match_the_data() -> None:
    P = places()
    assert len(P.children("510000000000")) == 21  # Sichuan's cities and prefectures
    assert len(P.counties(SICHUAN)) == 183
    assert len(P.counties(CHONGQING)) == 38  # 26 districts, 12 counties; 两江新区 is no division


def test_places_that_were_missing_resolve_and_have_coordinates() -> None:
    P = places()
    assert P.get("500112").name == "渝北区" and P.get("500105").name == "江北区"
    assert P.resolve("渝北区").adcode == "500112000000"
    assert P.resolve("江北区") is None  # ambiguous: 宁波 has one too
    assert P.resolve("江北区", within=CHONGQING).adcode == "500105000000"
    assert [p.adcode for p in P.by_name("江北区")] == ["330205000000", "500105000000"]
    assert adcode_value("500112") == "500112000000" and adcode_value("渝北") == "500112000000"
    for name, code in (("武隆区", "500156"), ("梁平区", "500155"), ("叙州区", "511504"), ("会理市", "513402")):
        place = P.resolve(name)
        assert place is not None and place.adcode == code.ljust(12, "0") and place.has_coords, name


def test_liangjiang_new_area_is_a_place_but_not_a_division() -> None:
    P = places()
    area = P.resolve("两江新区")
    assert area is not None and area.kind == "zone" and not area.is_division
    assert area.has_coords and P.label(area.adcode) == "重庆市 两江新区"
    assert area not in P.counties(CHONGQING) and area not in P.children("500100")
    # within a few km of the middle of the area (礼嘉), between 江北区, 渝北区 and 北碚区
    assert distance_km(P.coords(area.adcode), P.coords("500112")) < 15
    assert P.get("500157").adcode == area.adcode  # the code the previous data gave it


def test_renamed_places_resolve_by_former_code_and_name() -> None:
    P = places()
    assert P.get("500228").adcode == "500155000000"  # 梁平县 → 梁平区 (2016)
    assert P.get("500228000000").name == "梁平区"
    assert P.label("510124") == "四川省 成都市 郫都区"  # 郫县
    assert P.coords("500232") == P.coords("500156")  # 武隆县 → 武隆区
    assert P.resolve("梁平县").adcode == "500155000000"
    assert P.resolve("郫县").adcode == "510117000000"
    assert P.resolve("宜宾县").adcode == "511504000000"  # 叙州区, not 宜宾市
    assert P.resolve("宜宾").adcode == "511500000000"
    assert P.resolve("会理县").name == "会理市"
    assert P.resolve("简阳市").adcode == "510185000000"  # moved from 资阳 to 成都 (512081)
    assert P.get("512081").adcode == "510185000000"
    assert P.resolve("双桥区", within=CHONGQING).name == "大足区"  # merged; 承德 still has a 双桥区
    assert P.resolve("双桥区").adcode == "130802000000"
    assert P.former_names("510117") == ["郫县"]
    assert [p.name for p in P.search("郫县")] == ["郫都区"]
    assert P.current_code("500228") == "500155000000" and P.current_code("999999") is None
    assert adcode_value("500228") == "500155000000"  # a sheet with an old code stores the current one
    with pytest.raises(ValidationError):
        adcode_value("500299")


def test_every_former_code_points_at_a_current_place() -> None:
    with resource("places", "renamed.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 150
    P = places()
    for r in rows:
        assert r["adcode"] in {p.adcode for p in P.by_name(P.get(r["adcode"]).name)}
        assert P.get(r["old_adcode"]).adcode == r["adcode"]


def test_lookup_by_code_and_name() -> None:
    P = places()
    assert P.get("510115").name == "温江区"
    assert P.resolve("温江").adcode == "510115000000"
    assert P.resolve("荣昌区").province_code == "50"
    assert P.resolve("市中区") is None  # ambiguous: Leshan and Neijiang both have one
    assert P.label("510115000000") == "四川省 成都市 温江区"
    assert P.label("500118") == "重庆市 永川区"
    assert P.city("510115").name == "成都市" and P.province("510115").name == "四川省"
    assert P.resolve("重庆").adcode == "500000000000"  # not its 市辖区 row
    assert [p.name for p in P.search("荣昌")][:1] == ["荣昌区"]


def test_coordinates_fall_back_to_city_then_province() -> None:
    P = places()
    idx = Places([Place("510000000000", "四川省", 104.0, 30.6), Place("511000000000", "内江市", 105.0, 29.5),
                  Place("511083000000", "隆昌市", None, None)])
    assert idx.coords("511083") == (105.0, 29.5)
    assert idx.coords("511099") is None
    chongqing_west = P.coords("500106")
    yibin = P.coords("511502")
    assert 150 < distance_km(chongqing_west, yibin) < 300


def test_data_stays_small() -> None:
    # loaded at start-up: a few thousand rows, not the township table
    assert resource("places", "adcodes.csv").stat().st_size < 250_000
    assert 3_000 < len(places()) < 4_000
