"""Contribution report (贡献度统计): per outlet, what it led, supported, syndicated, filed and
published over a period, with how many partners and cross-province / vertical links, and a
weighted score — as .docx, .xlsx or .csv.

The figures are computed by :mod:`planner.services.exports` from the database; this module owns
the weights, the score and the three file formats. "Filed" counts pieces delivered (filed or
already published); "published" those published.
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path

from planner.atomic import atomic_target
from planner.domain.errors import ValidationError
from planner.domain.timefmt import fmt_date
from planner.export.docxkit import open_writer
from planner.export.errors import DestinationError
from planner.export.planview import today_text
from planner.export.tablekit import Col
from planner.export.tables import append_row, csv_cell, print_setup

Progress = Callable[[int, int, str], None]
SUFFIXES = (".docx", ".xlsx", ".csv")  # and .pdf, made from the .docx by planner.services.exports


@dataclass(frozen=True)
class Weights:
    """Points per counted item; ``parse("lead=3,support=2")`` changes some of them."""

    lead: float = 3.0
    support: float = 2.0
    syndicate: float = 1.0
    filed: float = 1.0
    published: float = 2.0
    partner: float = 1.0
    cross_province: float = 2.0
    vertical: float = 1.0

    @classmethod
    def parse(cls, text: str | None) -> Weights:
        if not text or not text.strip():
            return cls()
        names = {f.name for f in fields(cls)}
        aliases = {"cross": "cross_province", "syndicated": "syndicate", "partners": "partner"}
        values: dict[str, float] = {}
        for part in text.replace("，", ",").split(","):
            if not part.strip():
                continue
            key, sep, raw = part.partition("=")
            key = aliases.get(key.strip().lower().replace("-", "_"), key.strip().lower().replace("-", "_"))
            if not sep or key not in names:
                raise ValidationError("bad_choice", what="权重", field="weights", value=part.strip())
            try:
                number = float(raw.strip())
            except ValueError:
                raise ValidationError("bad_number", what="权重", field="weights", value=part.strip()) from None
            if number < 0 or number != number or number == float("inf"):
                raise ValidationError("bad_number", what="权重", field="weights", value=part.strip())
            values[key] = number
        return replace(cls(), **values)

    def text(self, lang: str = "zh") -> str:
        labels = _LABELS_EN if lang == "en" else _LABELS_ZH
        return ("; " if lang == "en" else "；").join(
            f"{labels[f.name]} × {_num(getattr(self, f.name))}" for f in fields(self))


_LABELS_ZH = {"lead": "主办", "support": "协办", "syndicate": "转发", "filed": "已交稿", "published": "已刊发",
              "partner": "合作单位", "cross_province": "跨省协作", "vertical": "纵向协作"}
_LABELS_EN = {"lead": "lead", "support": "support", "syndicate": "syndicated", "filed": "filed",
              "published": "published", "partner": "partners", "cross_province": "cross-province links",
              "vertical": "vertical links"}


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@dataclass(frozen=True)
class ContributionRow:
    outlet_id: uuid.UUID
    outlet: str
    tier: str  # label in the report's language
    region: str
    projects: int = 0
    lead: int = 0
    support: int = 0
    syndicate: int = 0
    filed: int = 0
    published: int = 0
    partners: int = 0
    cross_province: int = 0
    vertical: int = 0

    def score(self, w: Weights) -> float:
        return (self.lead * w.lead + self.support * w.support + self.syndicate * w.syndicate + self.filed * w.filed
                + self.published * w.published + self.partners * w.partner + self.cross_province * w.cross_province
                + self.vertical * w.vertical)


@dataclass(frozen=True)
class ContributionReport:
    rows: tuple[ContributionRow, ...]
    weights: Weights
    start: date | None = None
    end: date | None = None
    alliance: str = ""

    def ranked(self) -> list[tuple[int, ContributionRow, float]]:
        """Rows by score (highest first), with their rank (equal scores share a rank)."""
        scored = sorted(((r, round(r.score(self.weights), 2)) for r in self.rows), key=lambda rs: (-rs[1], rs[0].outlet))
        out, rank, last = [], 0, None
        for i, (row, score) in enumerate(scored, 1):
            if score != last:
                rank, last = i, score
            out.append((rank, row, score))
        return out


def headers(lang: str) -> list[str]:
    if lang == "en":
        return ["Rank", "Outlet", "Tier", "Place", "Projects", "Lead", "Support", "Syndicated", "Filed", "Published",
                "Partners", "Cross-province links", "Vertical links", "Score"]
    return ["排名", "单位", "层级", "所在地", "参与项目", "主办", "协办", "转发", "已交稿", "已刊发", "合作单位",
            "跨省协作", "纵向协作", "贡献分"]


def table_rows(report: ContributionReport) -> list[list[object]]:
    """The report's rows as the .xlsx holds them and the .csv writes them: counts as ints, the
    score as an int when whole, else rounded to two places."""
    return [[rank, r.outlet, r.tier, r.region, r.projects, r.lead, r.support, r.syndicate, r.filed, r.published,
             r.partners, r.cross_province, r.vertical, _score(score)] for rank, r, score in report.ranked()]


def _score(x: float) -> int | float:
    x = round(float(x), 2)
    return int(x) if x.is_integer() else x


def period_text(report: ContributionReport, lang: str) -> str:
    start, end = fmt_date(report.start, lang), fmt_date(report.end, lang)
    if lang == "en":
        return f"{start or 'the beginning'} to {end or 'today'}" if (start or end) else "all time"
    return f"{start or '最早'}至{end or '今'}" if (start or end) else "全部时间"


def write_contribution(report: ContributionReport, dest: str | Path, *, lang: str = "zh",
                       template: str | Path | None = None, progress: Progress | None = None,
                       today: date | None = None, prepared_by: str = "") -> Path:
    """Write the report as .docx, .xlsx or .csv (by the suffix of ``dest``), atomically."""
    dest = Path(dest)
    suffix = dest.suffix.lower()
    if suffix not in SUFFIXES:
        raise DestinationError(dest, "贡献度统计只能保存为 .docx、.xlsx 或 .csv",
                               "the contribution report can be .docx, .xlsx or .csv")
    lang = "en" if lang.startswith("en") else "zh"
    report_progress = progress or (lambda *_: None)
    report_progress(0, 2, dest.name)
    with atomic_target(dest) as tmp:
        if suffix == ".csv":
            _csv(report, tmp, lang)
        elif suffix == ".xlsx":
            _xlsx(report, tmp, lang)
        else:
            _docx(report, tmp, lang, template, today, prepared_by)
        report_progress(1, 2, dest.name)
    report_progress(2, 2, "")
    return dest


def _csv(report: ContributionReport, path: Path, lang: str) -> None:
    # utf-8-sig: Excel on Chinese Windows opens it with the right encoding
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        out = csv.writer(fh)
        out.writerow(headers(lang))
        for row in table_rows(report):
            out.writerow([_num(v) if isinstance(v, float) else csv_cell(v) for v in row])


def _xlsx(report: ContributionReport, path: Path, lang: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Contribution" if lang == "en" else "贡献度"
    ws.append(headers(lang))
    for row in table_rows(report):
        append_row(ws, list(row))
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center")
    ws.freeze_panes = "A2"
    for col, width in zip("ABCDEFGHIJKLMN", (6, 28, 8, 22, 8, 6, 6, 6, 8, 8, 8, 10, 10, 8), strict=True):
        ws.column_dimensions[col].width = width
    title = ("Joint-coverage contribution report, " if lang == "en" else "联合报道贡献度统计 ") + period_text(report, lang)
    print_setup(ws, title=title, lang=lang)
    notes = wb.create_sheet("Notes" if lang == "en" else "说明")
    for line in _notes(report, lang):
        append_row(notes, [line])
    notes.column_dimensions["A"].width = 100
    for (cell,) in notes.iter_rows():
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    print_setup(notes, title=title, lang=lang)
    notes.page_setup.orientation = "portrait"
    wb.save(str(path))


def _notes(report: ContributionReport, lang: str) -> list[str]:
    en = lang == "en"
    lines = [
        ("Period: " if en else "统计期间：") + period_text(report, lang),
        ("Alliance: " if en else "统计范围：") + (report.alliance or ("all outlets" if en else "全部单位")),
        ("Weights: " if en else "权重：") + report.weights.text(lang),
        ("Filed counts pieces filed or already published; cancelled and declined pieces do not count. Partners are "
         "the distinct outlets it shared a stage with; cross-province links join Sichuan and Chongqing; vertical "
         "links join different tiers." if en else
         "“已交稿”含已刊发稿件；已取消、已婉拒的任务不计。“合作单位”为共同报道过同一环节的不同单位数；"
         "“跨省协作”指川渝之间的协作关系，“纵向协作”指不同层级单位之间的协作关系。"),
    ]
    return lines


def _docx(report: ContributionReport, path: Path, lang: str, template: str | Path | None, today: date | None,
          prepared_by: str = "") -> None:
    w = open_writer(template, lang)
    w.set_landscape()
    t = w.t
    w.para(t("联合报道贡献度统计", "Joint-coverage contribution report"), "Title")
    w.para(period_text(report, lang) + (f"　{report.alliance}" if report.alliance and lang != "en" else
                                        (f" · {report.alliance}" if report.alliance else "")), "Subtitle")
    for line in _notes(report, lang):
        w.para(line)
    rows = table_rows(report)
    if rows:
        total = sum(float(r[-1]) for r in rows)  # type: ignore[arg-type]
        w.para(t(f"共统计 {len(rows)} 家单位，贡献分合计 {_num(round(total, 2))}。",
                 f"{len(rows)} outlets counted; {_num(round(total, 2))} points in all."))
        kinds = ("index", "text", "label", "text", *(["number"] * 10))
        w.table([Col(h, k) for h, k in zip(headers(lang), kinds, strict=True)],
                [[_num(v) if isinstance(v, float) else v for v in r] for r in rows])
    else:
        w.para(t("统计期间内没有任何报道任务。", "There were no assignments in this period."))
    w.para(t(f"统计日期：{today_text(lang, today)}", f"Prepared on {today_text(lang, today)}"), align="right")
    period = period_text(report, lang)
    w.finish(title=t(f"联合报道贡献度统计（{period}）", f"Joint-coverage contribution report ({period})"),
             subject=report.alliance or t("全部单位", "all outlets"), author=prepared_by,
             keywords=t("联合报道；贡献度", "joint coverage; contribution"))
    w.save(path)
