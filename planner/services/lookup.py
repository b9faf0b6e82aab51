"""Global search across projects, outlets, people and stages, by Chinese substring and by pinyin.

:func:`build_index` reads the searchable records once (one short read, fit for a worker thread)
and precomputes their matching keys (:mod:`planner.domain.matcher`, the one matcher every picker
uses), so that ``"cqx"`` finds 重庆西 and ``"chongqing"`` finds 重庆. :meth:`SearchIndex.search` is
pure Python and fast enough to run on every key press.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from planner.domain.matcher import PINYIN_PREFIX, Keys, fold, keys, rank, thorough_pass
from planner.store.database import Database
from planner.store.models import Outlet, Person, Project, Stage

KINDS = ("project", "stage", "outlet", "person")


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "project" | "stage" | "outlet" | "person"
    id: uuid.UUID
    title: str
    detail: str  # where it belongs: the project of a stage, the outlet of a person, …


@dataclass(frozen=True, slots=True)
class _Entry:
    hit: SearchHit
    keys: Keys  # all names of the record, for matcher.rank


class SearchIndex:
    def __init__(self, entries: list[_Entry]) -> None:
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, *, limit: int = 50, kinds: tuple[str, ...] = KINDS) -> list[SearchHit]:
        """Records matching ``query`` the way every picker matches (:mod:`planner.domain.matcher`):
        Chinese (or any) substring, full pinyin, initials.

        Ranked: prefix matches before inner ones, text before pinyin, then shorter titles, then by
        kind (projects, stages, outlets, people).
        """
        q = fold(query)
        if not q:
            return []
        scored: list[tuple[tuple[int, int, int], SearchHit]] = []
        missed: list[_Entry] = []
        for entry in self._entries:
            if entry.hit.kind not in kinds:
                continue
            r = rank(q, entry.keys, thorough=False)
            if r is None:
                missed.append(entry)
            else:
                scored.append(((r, len(entry.hit.title), KINDS.index(entry.hit.kind)), entry.hit))
        if thorough_pass(len(self._entries), sum(1 for s in scored if s[0][0] <= PINYIN_PREFIX), limit):
            for entry in missed:
                r = rank(q, entry.keys)
                if r is not None:
                    scored.append(((r, len(entry.hit.title), KINDS.index(entry.hit.kind)), entry.hit))
        scored.sort(key=lambda item: (item[0], item[1].title))
        return [hit for _, hit in scored[:limit]]


def _entry(kind: str, rid: uuid.UUID, title: str, detail: str, *names: str) -> _Entry:
    return _Entry(SearchHit(kind, rid, title, detail), keys(title, *names))


def build_index(db: Database, progress: Callable[[int, int, str], None] | None = None) -> SearchIndex:
    """Read every project, stage, outlet and person and index them (call off the GUI thread)."""
    with db.reader() as s:
        projects = s.execute(select(Project.id, Project.title, Project.code)).all()
        outlets = s.execute(select(Outlet.id, Outlet.name, Outlet.short_name)).all()
        people = s.execute(select(Person.id, Person.name, Person.outlet_id)).all()
        stages = s.execute(select(Stage.id, Stage.title, Stage.location, Stage.project_id)).all()
    project_titles = {pid: title for pid, title, _ in projects}
    outlet_names = {oid: short or name for oid, name, short in outlets}
    total = len(projects) + len(outlets) + len(people) + len(stages)
    entries: list[_Entry] = []

    def step() -> None:
        if progress is not None and len(entries) % 500 == 0:
            progress(len(entries), total, "")

    for pid, title, code in projects:
        entries.append(_entry("project", pid, title, code or "", code or ""))
        step()
    for sid, title, location, project_id in stages:
        entries.append(_entry("stage", sid, title, project_titles.get(project_id, ""), location or ""))
        step()
    for oid, name, short in outlets:
        entries.append(_entry("outlet", oid, name, short or "", short or ""))
        step()
    for pid, name, outlet_id in people:
        entries.append(_entry("person", pid, name, outlet_names.get(outlet_id, "")))
        step()
    return SearchIndex(entries)
