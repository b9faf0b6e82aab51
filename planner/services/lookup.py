"""Global search across projects, outlets, people and stages, by Chinese substring and by pinyin.

:func:`build_index` reads the searchable records once (one short read, fit for a worker thread)
and precomputes for each the folded text, the full pinyin and the pinyin initials, so that
``"cqx"`` finds 重庆西 and ``"chongqing"`` finds 重庆. :meth:`SearchIndex.search` is pure Python
and fast enough to run on every key press.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select

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
    text: str  # folded text of all names of the record
    initials: tuple[str, ...]  # pinyin initials of each name
    spelled: tuple[str, ...]  # full pinyin of each name, without spaces


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace(" ", "")


@lru_cache(maxsize=65536)
def pinyin_keys(text: str) -> tuple[str, str]:
    """(initials, full spelling) of ``text``: 重庆西 → ("cqx", "chongqingxi"); other characters kept."""
    from pypinyin import Style, lazy_pinyin

    full = lazy_pinyin(text, errors=lambda s: list(s))
    initials = lazy_pinyin(text, style=Style.FIRST_LETTER, errors=lambda s: list(s))
    return fold("".join(initials)), fold("".join(full))


class SearchIndex:
    def __init__(self, entries: list[_Entry]) -> None:
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, *, limit: int = 50, kinds: tuple[str, ...] = KINDS) -> list[SearchHit]:
        """Records matching ``query``: Chinese (or any) substring, pinyin initials or full pinyin.

        Ranked: prefix matches before inner matches, text before pinyin, then shorter titles, then by
        kind (projects, stages, outlets, people).
        """
        q = fold(query)
        if not q:
            return []
        ascii_query = q.isascii()
        scored: list[tuple[tuple[int, int, int, int], SearchHit]] = []
        for entry in self._entries:
            if entry.hit.kind not in kinds:
                continue
            rank = None
            pos = entry.text.find(q)
            if pos >= 0:
                rank = 0 if pos == 0 else 1
            elif ascii_query:
                for keys, base in ((entry.initials, 2), (entry.spelled, 2)):
                    for key in keys:
                        p = key.find(q)
                        if p >= 0:
                            r = base if p == 0 else base + 1
                            rank = r if rank is None else min(rank, r)
            if rank is not None:
                scored.append(((rank, len(entry.hit.title), KINDS.index(entry.hit.kind), 0), entry.hit))
        scored.sort(key=lambda item: (item[0], item[1].title))
        return [hit for _, hit in scored[:limit]]


def _entry(kind: str, rid: uuid.UUID, title: str, detail: str, *names: str) -> _Entry:
    names = tuple(n for n in (title, *names) if n)
    keys = [pinyin_keys(n) for n in names]
    return _Entry(SearchHit(kind, rid, title, detail), fold(" ".join(names)),
                  tuple(k[0] for k in keys), tuple(k[1] for k in keys))


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
