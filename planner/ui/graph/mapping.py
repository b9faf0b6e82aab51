"""Geography of the collaboration picture: the Sichuan–Chongqing outline, outlets that share a
place spread apart, and labels placed where they do not cover each other.

- **Outline.** ``resources/maps/sichuan-chongqing.json`` (Natural Earth, public domain; built by
  ``build_spec/build_map_outline.py``): both provinces filled lightly under the graph, the
  neighbours' boundary lines faint, the names in large pale type — so a reader sees at once which
  side of the border an outlet is on.
- **Apart.** Outlets at one spot (all of Chengdu's provincial media and bureaus share a seat) or
  close by (Chongqing's central districts) are pushed apart until no circles overlap, each still
  its own circle to hover or click; a spot holding several gets one label with the place and the
  count (``成都市 7家``).
- **Labels.** Placed greedily, the busiest outlets first: beside the node on the side away from
  its group's centre, or on another side, never over another label or node; a label that finds no
  room is left out (the tooltip, the highlight and the ranked table still name it).
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import QPointF, QRectF

from planner.domain.places import places

PROVINCE_FILL = {"51": "#e8f3f1", "50": "#fcefe8"}
PROVINCE_EDGE = {"51": "#7fb5ab", "50": "#e0a585"}


@cache
def outline() -> dict[str, Any] | None:
    """The outline data, or None when the resource is missing (a stripped install)."""
    try:
        from planner.paths import resource

        path = resource("maps", "sichuan-chongqing.json")
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def outline_extent(codes: set[str]) -> tuple[float, float, float, float] | None:
    """(min lon, min -lat, max lon, max -lat) of the provinces ``codes`` in the layout's units."""
    data = outline()
    if data is None:
        return None
    xs: list[float] = []
    ys: list[float] = []
    for code in codes:
        prov = data["provinces"].get(code)
        if prov is None:
            continue
        for ring in prov["rings"]:
            xs += [p[0] for p in ring]
            ys += [-p[1] for p in ring]
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


@dataclass
class Group:
    """Outlets drawn at one spot (they share a place's coordinates)."""

    centre: QPointF
    nodes: list[Any]
    name: str = ""


def spot_groups(pos: dict[Any, QPointF], attrs: dict[Any, dict[str, Any]]) -> list[Group]:
    """Outlets that share a place's coordinates (the layout has already nudged them apart a
    little), gathered with the centre they are drawn around; singletons are left out."""
    by_spot: dict[tuple[float, float], list[Any]] = defaultdict(list)
    for n in pos:
        lon, lat = attrs[n].get("lon"), attrs[n].get("lat")
        if lon is not None and lat is not None:
            by_spot[(round(float(lon), 3), round(float(lat), 3))].append(n)
    groups = []
    for members in by_spot.values():
        if len(members) < 2:
            continue
        cx = sum(pos[n].x() for n in members) / len(members)
        cy = sum(pos[n].y() for n in members) / len(members)
        groups.append(Group(QPointF(cx, cy), members, _place_name(members, attrs)))
    return groups


def _place_name(members: list[Any], attrs: dict[Any, dict[str, Any]]) -> str:
    """The city (or county) most of the group's outlets are in."""
    pl = places()
    names: Counter[str] = Counter()
    for n in members:
        code = attrs[n].get("adcode") or ""
        if not code:
            continue
        city = pl.city(code) if code[2:4] != "00" else None
        place = city or pl.get(code)
        if place is not None:
            names[place.name] += 1
    return names.most_common(1)[0][0] if names else ""


def separate(pos: dict[Any, QPointF], radius: dict[Any, float], order: list[Any], *, gap: float = 3.0,
             rounds: int = 80) -> dict[Any, QPointF]:
    """Positions where no two circles overlap, each as near its place as the others allow.

    Nodes on one point start on a small sunflower around it (the busiest in the middle); then
    overlapping pairs are pushed apart along the line between them, with a weak pull back
    towards each node's place, for a fixed number of rounds (deterministic: same input, same
    picture).
    """
    home = dict(pos)
    rank = {n: i for i, n in enumerate(order)}
    out: dict[Any, list[float]] = {}
    by_spot: dict[tuple[int, int], list[Any]] = defaultdict(list)
    for n, p in pos.items():
        by_spot[(round(p.x()), round(p.y()))].append(n)
    golden = math.pi * (3 - math.sqrt(5))
    for members in by_spot.values():
        members.sort(key=lambda n: rank.get(n, 0))
        step = (max(radius[n] for n in members) + gap) * 0.9
        for i, n in enumerate(members):
            r = step * math.sqrt(i) if i else 0.0
            out[n] = [home[n].x() + r * math.cos(i * golden), home[n].y() + r * math.sin(i * golden)]
    ids = sorted(out, key=lambda n: rank.get(n, 0))
    cell = 2 * max(radius.values(), default=8.0) + gap
    for _ in range(rounds):
        moved = False
        grid: dict[tuple[int, int], list[Any]] = defaultdict(list)
        for n in ids:
            grid[(int(out[n][0] // cell), int(out[n][1] // cell))].append(n)
        for n in ids:
            gx, gy = int(out[n][0] // cell), int(out[n][1] // cell)
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for m in grid.get((gx + dx, gy + dy), ()):
                        if rank.get(m, 0) <= rank.get(n, 0):
                            continue
                        vx, vy = out[m][0] - out[n][0], out[m][1] - out[n][1]
                        dist = math.hypot(vx, vy)
                        need = radius[n] + radius[m] + gap
                        if dist >= need:
                            continue
                        if dist < 1e-6:
                            vx, vy, dist = 1.0, 0.0, 1.0
                        push = (need - dist) / 2
                        ux, uy = vx / dist, vy / dist
                        out[n][0] -= ux * push
                        out[n][1] -= uy * push
                        out[m][0] += ux * push
                        out[m][1] += uy * push
                        moved = True
        for n in ids:  # a weak pull home keeps the map honest
            out[n][0] += (home[n].x() - out[n][0]) * 0.03
            out[n][1] += (home[n].y() - out[n][1]) * 0.03
        if not moved:
            break
    return {n: QPointF(x, y) for n, (x, y) in out.items()}


class LabelPlacer:
    """Greedy label placement against what is already on the picture (a grid of taken boxes)."""

    def __init__(self, bounds: QRectF, cell: float = 40.0) -> None:
        self.bounds = bounds
        self.cell = cell
        self.grid: dict[tuple[int, int], list[QRectF]] = defaultdict(list)

    def _cells(self, r: QRectF) -> list[tuple[int, int]]:
        c = self.cell
        return [(x, y) for x in range(int(r.left() // c), int(r.right() // c) + 1)
                for y in range(int(r.top() // c), int(r.bottom() // c) + 1)]

    def take(self, r: QRectF) -> None:
        for key in self._cells(r):
            self.grid[key].append(r)

    def free(self, r: QRectF) -> bool:
        if not self.bounds.contains(r):
            return False
        return not any(o.intersects(r) for key in self._cells(r) for o in self.grid.get(key, ()))

    def place(self, anchor: QPointF, node_r: float, w: float, h: float, away: QPointF | None = None) -> QRectF | None:
        """The first free box for a ``w`` × ``h`` label beside a node at ``anchor``: on the side
        facing ``away`` (from its group's centre) first, then right, left, below, above, corners."""
        d = node_r + 2.0
        x, y = anchor.x(), anchor.y()
        options = {
            "right": QRectF(x + d, y - h / 2, w, h), "left": QRectF(x - d - w, y - h / 2, w, h),
            "below": QRectF(x - w / 2, y + d, w, h), "above": QRectF(x - w / 2, y - d - h, w, h),
            "ne": QRectF(x + d * 0.7, y - d * 0.7 - h, w, h), "se": QRectF(x + d * 0.7, y + d * 0.7, w, h),
            "nw": QRectF(x - d * 0.7 - w, y - d * 0.7 - h, w, h), "sw": QRectF(x - d * 0.7 - w, y + d * 0.7, w, h),
        }
        order = ["right", "left", "below", "above", "ne", "se", "nw", "sw"]
        if away is not None and (away.x() or away.y()):
            ang = math.degrees(math.atan2(away.y(), away.x()))
            side = ("right" if -45 <= ang <= 45 else "below" if 45 < ang < 135 else
                    "above" if -135 < ang < -45 else "left")
            order.remove(side)
            order.insert(0, side)
        for key in order:
            box = options[key]
            if self.free(box):
                self.take(box)
                return box
        return None
