"""Where each agenda item goes on a day, week or month view — plain arithmetic, no painting.

The hour grid (day and week views) gives every day a column; an item shorter than
:data:`BANNER_HOURS` sits in its day's column at its time (split at midnight), side by side with the
items it overlaps (the usual calendar layout: an opening day with six stations in five hours gets
six narrow columns, each still a readable box); longer items (a three-day phase, a week of leave)
become banners in the strip above the grid, one lane each. Deadlines are instants: they take a
fixed height so they stay clickable. The month view lists each day's items in its cell.

Geometry is in widget pixels with the grid's top at ``y = 0``; the view adds its header and scroll.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from planner.domain.agenda import AgendaItem, ItemKind
from planner.domain.timefmt import PLAN_TZ

#: Items this long or longer are banners above the hour grid.
BANNER_HOURS = 20
#: Minimum height of a box in the grid (a deadline, a ten-minute stage), in pixels.
MIN_BOX_PX = 22
SNAP_MINUTES = 15


@dataclass(frozen=True, slots=True)
class Box:
    """One item (or the part of it on one day) placed in the hour grid."""

    item: AgendaItem
    day: int  # column index
    top: float  # pixels from the grid's top
    height: float
    col: int  # side-by-side position among overlapping boxes
    cols: int
    first: bool = True  # the part that holds the item's start (a resize of the start grabs here)
    last: bool = True  # the part that holds the item's end


@dataclass(frozen=True, slots=True)
class Banner:
    item: AgendaItem
    first_day: int
    last_day: int  # inclusive
    lane: int


def local(dt: datetime) -> datetime:
    return dt.astimezone(PLAN_TZ)


def day_start_local(d: date) -> datetime:
    return datetime.combine(d, time(0, 0), PLAN_TZ)


def is_banner(item: AgendaItem) -> bool:
    return item.kind is not ItemKind.DEADLINE and item.end - item.start >= timedelta(hours=BANNER_HOURS)


def grid_boxes(items: tuple[AgendaItem, ...] | list[AgendaItem], first_day: date, days: int, hour_px: float) -> list[Box]:
    """Boxes of the non-banner items over ``days`` columns starting at ``first_day``."""
    pieces: list[tuple[int, float, float, AgendaItem, bool, bool]] = []  # day, top, bottom, item, first, last
    for item in items:
        if is_banner(item):
            continue
        start, end = local(item.start), local(item.end)
        for d in range(days):
            day = first_day + timedelta(days=d)
            d0 = day_start_local(day)
            d1 = d0 + timedelta(days=1)
            if item.kind is ItemKind.DEADLINE or item.end == item.start:
                if not d0 <= start < d1:
                    continue
                top = (start - d0).total_seconds() / 3600 * hour_px
                pieces.append((d, top, top + MIN_BOX_PX, item, True, True))
                continue
            if end <= d0 or start >= d1:
                continue
            s, e = max(start, d0), min(end, d1)
            top = (s - d0).total_seconds() / 3600 * hour_px
            bottom = max(top + MIN_BOX_PX, (e - d0).total_seconds() / 3600 * hour_px)
            pieces.append((d, top, bottom, item, start >= d0, end <= d1))
    out: list[Box] = []
    for d in range(days):
        mine = sorted((p for p in pieces if p[0] == d), key=lambda p: (p[1], -p[2]))
        out.extend(_columns(mine))
    return out


def _columns(pieces: list[tuple[int, float, float, AgendaItem, bool, bool]]) -> list[Box]:
    """Side-by-side columns within each cluster of overlapping boxes."""
    out: list[Box] = []
    cluster: list[tuple[tuple, int]] = []
    ends: list[float] = []  # bottom of the last box in each column
    cluster_bottom = -1.0

    def flush() -> None:
        n = len(ends)
        for p, col in cluster:
            out.append(Box(p[3], p[0], p[1], p[2] - p[1], col, n, p[4], p[5]))

    for p in pieces:
        if cluster and p[1] >= cluster_bottom:
            flush()
            cluster, ends = [], []
        col = next((i for i, bottom in enumerate(ends) if bottom <= p[1]), len(ends))
        if col == len(ends):
            ends.append(p[2])
        else:
            ends[col] = p[2]
        cluster.append((p, col))
        cluster_bottom = max(cluster_bottom, p[2]) if cluster[:-1] else p[2]
    if cluster:
        flush()
    return out


def banners(items: tuple[AgendaItem, ...] | list[AgendaItem], first_day: date, days: int) -> list[Banner]:
    """Banner lanes of the long items over the shown days (a lane is reused once free)."""
    last_day = first_day + timedelta(days=days - 1)
    spans: list[tuple[int, int, AgendaItem]] = []
    for item in items:
        if not is_banner(item):
            continue
        a = local(item.start).date()
        b = (local(item.end) - timedelta(microseconds=1)).date()
        if b < first_day or a > last_day:
            continue
        spans.append(((max(a, first_day) - first_day).days, (min(b, last_day) - first_day).days, item))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0]), s[2].title))
    lanes: list[int] = []  # last day used in each lane
    out: list[Banner] = []
    for a, b, item in spans:
        lane = next((i for i, end in enumerate(lanes) if end < a), len(lanes))
        if lane == len(lanes):
            lanes.append(b)
        else:
            lanes[lane] = b
        out.append(Banner(item, a, b, lane))
    return out


def month_days(items: tuple[AgendaItem, ...] | list[AgendaItem], first_day: date, days: int) -> list[list[AgendaItem]]:
    """Per shown day, the items on it (a multi-day item on each of its days), in time order."""
    out: list[list[AgendaItem]] = [[] for _ in range(days)]
    for item in items:
        a = local(item.start).date()
        b = a if item.end == item.start else (local(item.end) - timedelta(microseconds=1)).date()
        for d in range(max(0, (a - first_day).days), min(days, (b - first_day).days + 1)):
            out[d].append(item)
    for day in out:
        day.sort(key=lambda i: (not is_banner(i), i.start, i.title))
    return out


def snap(delta: timedelta, minutes: int = SNAP_MINUTES) -> timedelta:
    """Round a drag's offset to whole ``minutes``."""
    step = minutes * 60
    return timedelta(seconds=round(delta.total_seconds() / step) * step)


def first_hour(items: tuple[AgendaItem, ...] | list[AgendaItem], default: int = 7) -> int:
    """The hour to scroll to: an hour before the earliest timed item, else ``default``."""
    hours = [local(i.start).hour for i in items if not is_banner(i)]
    return max(0, min(hours) - 1) if hours else default


__all__ = ["BANNER_HOURS", "MIN_BOX_PX", "SNAP_MINUTES", "Banner", "Box", "banners", "first_hour", "grid_boxes",
           "is_banner", "month_days", "snap"]
