"""Benchmark of the Word exports on the large synth project (50 stages × 30 = 1,500 assignments).

Run: ``python tests/benchmarks/bench_export.py`` (not collected by pytest).

Measures the briefing pack and the assignment sheets of all the project's outlets (one file per
outlet into a folder, and all in one document) and compares each with a minimal python-docx writer
of the *same tables* built row by row (``add_row().cells``, one ``Document()`` per file) in the
same run. Goal: ratio ≤ 2×. The ``write`` ratio counts only document building and saving (the plan
already loaded); ``total`` includes reading the plan and, for the pack, the analysis and metrics.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from planner.export import docxkit
from planner.export.pack import write_pack
from planner.export.sheets import write_sheets
from planner.services.exports import export_pack, export_sheets
from planner.services.queries import list_projects, load_plan
from planner.services.synth import synth
from planner.store.database import open_database


class TableRecorder:
    """Records every table the exports write, per document, so the baseline writes the same ones."""

    def __init__(self) -> None:
        self.docs: list[list[tuple[list[str], list[list[str]]]]] = []
        self._orig_table = docxkit.DocWriter.table
        self._orig_open = docxkit.open_writer

    def __enter__(self) -> TableRecorder:
        rec = self

        def table(self, cols, rows, **kw):  # type: ignore[no-untyped-def]
            rows = [list(map(str, r)) for r in rows]
            rec.docs[-1].append(([c.header for c in cols], rows))
            return rec._orig_table(self, cols, rows, **kw)

        def open_writer(template, lang):  # type: ignore[no-untyped-def]
            rec.docs.append([])
            return rec._orig_open(template, lang)

        docxkit.DocWriter.table = table  # type: ignore[method-assign]
        for mod in ("planner.export.sheets", "planner.export.pack"):
            sys.modules[mod].open_writer = open_writer
        return self

    def __exit__(self, *exc: object) -> None:
        docxkit.DocWriter.table = self._orig_table  # type: ignore[method-assign]
        for mod in ("planner.export.sheets", "planner.export.pack"):
            sys.modules[mod].open_writer = self._orig_open


def baseline(docs: list[list[tuple[list[str], list[list[str]]]]], out: Path) -> float:
    """The minimal python-docx writer: the same tables, row by row, one document per recorded document."""
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    for i, tables in enumerate(docs):
        document = docx.Document()
        for headers, rows in tables:
            table = document.add_table(rows=1, cols=len(headers))
            for cell, text in zip(table.rows[0].cells, headers, strict=True):
                cell.text = text
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
        document.save(str(out / f"{i}.docx"))
    return time.perf_counter() - t0


def timed(fn):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db = open_database(root / "synth.db")
        made = synth(db, projects=1, stages=50, per_stage=30, seed=1)
        project = list_projects(db)[0].project
        print(f"synth: {made}")
        t_load, plan = timed(lambda: load_plan(db, project.id))
        print(f"load_plan: {t_load:.2f} s ({len(plan.stages)} stages, {len(plan.assignments)} assignments)")

        cases = [
            ("briefing pack", lambda: write_pack(plan, root / "pack.docx"),
             lambda: export_pack(db, project.id, root / "pack2.docx")),
            ("sheets, one file per outlet", lambda: write_sheets(plan, root / "sheets"),
             lambda: export_sheets(db, project.id, root / "sheets2")),
            ("sheets, one document", lambda: write_sheets(plan, root / "sheets.docx"),
             lambda: export_sheets(db, project.id, root / "sheets2.docx")),
        ]
        print(f"{'export':30} {'ours s':>8} {'total s':>8} {'baseline s':>10} {'write ratio':>11} {'total ratio':>11}"
              f"  tables  rows")
        for name, write, total in cases:
            with TableRecorder() as rec:
                t_write, _ = timed(write)
            t_total, _ = timed(total)
            t_base = baseline(rec.docs, root / f"base-{name[:6].strip()}")
            n_tables = sum(len(d) for d in rec.docs)
            n_rows = sum(len(rows) for d in rec.docs for _h, rows in d)
            print(f"{name:30} {t_write:8.2f} {t_total:8.2f} {t_base:10.2f} {t_write / t_base:10.2f}x "
                  f"{t_total / t_base:10.2f}x  {n_tables:6} {n_rows:5}  ({len(rec.docs)} documents)")
        db.close()


if __name__ == "__main__":
    main()
