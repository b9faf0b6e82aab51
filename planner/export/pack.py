"""Briefing pack (策划方案 / 报道手册) of one project for the planning meeting.

Cover and 目录 (unnumbered, the entries written out), then from page 1: overview, stage timeline,
coverage matrix (in a landscape section, header row repeated on every page), per-stage details,
contact directory, the collaboration picture with its reading and the ranked main collaborations,
gaps and risks (grouped by kind, worst first; the full list in an appendix when long), and a
sign-off block that stays whole. The picture arrives as PNG bytes (drawn by the Qt renderer in the
app or the CLI); without it the pack says the picture is unavailable. An uncovered stage is marked
无人报道 in the timeline and the matrix.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from planner.atomic import atomic_target
from planner.domain.enums import TIER_RANK, Role
from planner.domain.findings import Finding, FindingKind, Severity, finding_text
from planner.domain.rows import ProjectPlan
from planner.export.collab import Collaboration, rank_plan
from planner.export.docxkit import DocWriter, open_writer
from planner.export.errors import DestinationError
from planner.export.planview import PlanView, date_range, tier_order, today_text
from planner.export.tablekit import Col

Progress = Callable[[int, int, str], None]

#: Up to this many outlets the matrix is a true grid (one column per outlet); beyond, one column per role.
GRID_MAX_OUTLETS = 12
#: Up to this many findings the risks section lists them all; beyond, a summary by kind and an appendix.
FINDINGS_INLINE_MAX = 20
_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_DIGITS = "零一二三四五六七八九"
_ROLE_SHORT = {Role.LEAD: ("主", "L"), Role.SUPPORT: ("协", "S"), Role.SYNDICATE: ("转", "Syn")}


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 35 → 三十五 (for headings up to 99)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


class _Numbering:
    def __init__(self, en: bool) -> None:
        self.en, self.h1, self.h2 = en, 0, 0

    def one(self, text: str) -> str:
        self.h1, self.h2 = self.h1 + 1, 0
        return f"{self.h1}. {text}" if self.en else f"{cn_number(self.h1)}、{text}"

    def two(self, text: str) -> str:
        self.h2 += 1
        return f"{self.h1}.{self.h2} {text}" if self.en else f"（{cn_number(self.h2)}）{text}"


def write_pack(
    plan: ProjectPlan, dest: str | Path, *, findings: Sequence[Finding] = (), reading: Sequence[str] | None = None,
    graph_png: bytes | None = None, lang: str = "zh", template: str | Path | None = None,
    progress: Progress | None = None, today: date | None = None, prepared_by: str = "",
) -> Path:
    """Write the briefing pack of ``plan`` to ``dest`` (.docx) atomically and return the path."""
    dest = Path(dest)
    if dest.suffix.lower() != ".docx":
        raise DestinationError(dest, "策划方案应保存为 .docx 文件", "the briefing pack must be a .docx file")
    lang = "en" if lang.startswith("en") else "zh"
    view = PlanView(plan, lang)
    report = progress or (lambda *_: None)
    total = len(plan.stages) + 8
    w = open_writer(template, lang)
    num = _Numbering(view.en)
    t = w.t

    report(0, total, t("封面", "cover"))
    _cover(w, view, today, prepared_by)
    w.para(t("目　　录", "Contents"), "TOC Heading", page_break_before=True)
    w.toc_here(t("（本方案没有分节标题。）", "(This pack has no section headings.)"))
    w.new_section(landscape=False)  # the body starts on page 1

    report(1, total, t("项目概况", "overview"))
    _overview(w, view, num)
    report(2, total, t("环节安排", "timeline"))
    _timeline(w, view, num)
    report(3, total, t("任务分布", "coverage matrix"))
    w.new_section(landscape=True)
    _matrix(w, view, num)
    w.new_section(landscape=False)
    w.heading(num.one(t("各环节详情", "Stage details")))
    for i, st in enumerate(plan.stages):
        report(4 + i, total, st.title)
        _stage_detail(w, view, num, st.id)
    base = 4 + len(plan.stages)
    report(base, total, t("通讯录", "contacts"))
    _contacts(w, view, num)
    report(base + 1, total, t("协作网络", "collaboration"))
    _network(w, view, num, graph_png, reading, rank_plan(plan))
    report(base + 2, total, t("问题与风险", "gaps and risks"))
    appendix = _risks(w, view, num, findings)
    _sign_off(w, view, num, prepared_by)
    if appendix:
        _findings_appendix(w, view, findings)
    report(base + 3, total, t("保存", "saving"))
    p = plan.project
    w.finish(title=t(f"{p.title}联合报道策划方案", f"{p.title}: joint-coverage briefing pack"),
             subject=p.title, author=prepared_by, numbered_from=1,
             keywords=t("联合报道；策划方案", "joint coverage; briefing pack") + (f"; {p.code}" if p.code else ""))
    with atomic_target(dest) as tmp:
        w.save(tmp)
    report(total, total, "")
    return dest


def _cover(w: DocWriter, view: PlanView, today: date | None, prepared_by: str) -> None:
    p = view.plan.project
    t = w.t
    for _ in range(4):
        w.para("", "Normal")
    w.para(p.title, "Title")
    w.para(t("联合报道策划方案", "Joint-coverage briefing pack"), "Subtitle")
    for _ in range(3):
        w.para("", "Normal")
    w.cover_fields([(label, value) for label, value in (
        (t("项目编号", "Project code"), p.code),
        (t("牵头单位", "Lead outlet"), view.outlet_name(p.lead_outlet_id)),
        (t("项目统筹", "Coordinator"), view.person_with_phone(p.coordinator_id)),
        (t("编制单位", "Prepared by"), prepared_by),
        (t("编制日期", "Date"), today_text(view.lang, today)),
    ) if value])


def _overview(w: DocWriter, view: PlanView, num: _Numbering) -> None:
    p = view.plan.project
    t = w.t
    w.heading(num.one(t("项目概况", "Overview")))
    for line in (p.summary or "").split("\n"):
        if line.strip():
            w.para(line.strip())
    outlets = [view.plan.outlets[o] for o in view.by_outlet if o in view.plan.outlets]
    tiers = Counter(o.tier for o in outlets)
    provinces = Counter(o.province_code for o in outlets if o.province_code)
    prov_names = {"51": t("四川", "Sichuan"), "50": t("重庆", "Chongqing")}
    tier_text = view.sep.join(f"{tier.label(view.lang)} {n}" for tier, n in
                              sorted(tiers.items(), key=lambda kv: TIER_RANK.get(kv[0], 9)))
    prov_text = view.sep.join(f"{prov_names.get(code, code)} {n}" for code, n in sorted(provinces.items(), reverse=True))
    cancelled = len(view.plan.assignments) - len(view.active)
    rows = [
        (t("项目类型", "Kind"), p.kind.label(view.lang)),
        (t("项目状态", "Status"), p.status.label(view.lang)),
        (t("起止日期", "Dates"), date_range(p.starts_on, p.ends_on, view.lang) or t("待定", "TBC")),
        (t("牵头单位", "Lead outlet"), view.outlet_name(p.lead_outlet_id)),
        (t("项目统筹", "Coordinator"), view.person_with_outlet(p.coordinator_id)),
        (t("要求报道形式", "Required formats"), view.sep.join(f.label(view.lang) for f in p.required_formats)),
        (t("报道环节", "Stages"), t(f"{len(view.plan.stages)} 个", str(len(view.plan.stages)))
         + _uncovered_note(view)),
        (t("报道任务", "Assignments"), t(f"{len(view.active)} 项（另有已取消或婉拒 {cancelled} 项）",
                                        f"{len(view.active)} (plus {cancelled} cancelled or declined)")),
        (t("参与单位", "Outlets taking part"), t(f"{len(outlets)} 家", str(len(outlets)))
         + (f"（{tier_text}；{prov_text}）" if not view.en else f" ({tier_text}; {prov_text})")),
    ]
    w.table([Col(t("项目", "Item"), "label"), Col(t("内容", "Details"))], rows)


def _uncovered_note(view: PlanView) -> str:
    n = sum(1 for st in view.plan.stages if view.uncovered(st.id))
    if not n:
        return ""
    return view.t(f"（其中 {n} 个无人报道）", f" ({n} not covered)")


def _timeline(w: DocWriter, view: PlanView, num: _Numbering) -> None:
    t = w.t
    w.heading(num.one(t("报道环节安排", "Stage timeline")))
    rows = [(st.position, st.title, st.kind.label(view.lang), view.stage_time(st), view.stage_place(st, short=True),
             view.stage_dependencies(st), view.stage_leads(st.id) or (view.uncovered_text() if view.uncovered(st.id)
                                                                      else t("（无主办）", "(no lead)")),
             len(view.by_stage.get(st.id, ())))
            for st in view.plan.stages]
    w.table([Col(t("序号", "No."), "index"), Col(t("环节", "Stage")), Col(t("类型", "Kind"), "label"),
             Col(t("时间", "Time"), "datetime"), Col(t("地点", "Place")), Col(t("前置环节", "After")),
             Col(t("主办单位", "Lead")), Col(t("任务", "Pieces"), "number")], rows)


def _matrix(w: DocWriter, view: PlanView, num: _Numbering) -> None:
    t = w.t
    w.heading(num.one(t("报道任务分布", "Coverage matrix")))
    outlets = sorted((o for o in view.by_outlet if o in view.plan.outlets),
                     key=lambda o: (tier_order(view.plan.outlets[o]), view.outlet_short(o)))
    idx = 1 if view.en else 0
    required = list(view.plan.project.required_formats)
    none = view.uncovered_text()

    def stage_cell(sid: uuid.UUID) -> str:
        return view.stage_title(sid) + (f"\n（{none}）" if not view.en else f"\n({none})") * view.uncovered(sid)

    if len(outlets) <= GRID_MAX_OUTLETS:
        w.para(t("表中“主”“协”“转”分别表示主办、协办、转发。", "L = lead, S = support, Syn = syndicate."),
               "Caption", keep_next=True)
        rows = []
        for st in view.plan.stages:
            cells: dict[uuid.UUID, list[str]] = {}
            for a in view.by_stage.get(st.id, ()):
                cells.setdefault(a.outlet_id, []).append(f"{_ROLE_SHORT[a.role][idx]}·{a.format.label(view.lang)}")
            rows.append((stage_cell(st.id), *("\n".join(cells.get(o, ())) for o in outlets)))
        cols = [Col(t("环节", "Stage")), *(Col(view.outlet_short(o)) for o in outlets)]
        w.table(cols, rows)
        return
    rows = []
    for st in view.plan.stages:
        by_role: dict[Role, list[str]] = {r: [] for r in Role}
        formats = set()
        for a in view.by_stage.get(st.id, ()):
            by_role[a.role].append(f"{view.outlet_short(a.outlet_id)}（{a.format.label(view.lang)}）" if not view.en
                                   else f"{view.outlet_short(a.outlet_id)} ({a.format.label(view.lang)})")
            formats.add(a.format)
        missing = [f.label(view.lang) for f in required if f not in formats]
        lead = view.sep.join(by_role[Role.LEAD]) or (none if view.uncovered(st.id) else "")
        rows.append((view.stage_title(st.id), lead, *(view.sep.join(by_role[r]) for r in (Role.SUPPORT, Role.SYNDICATE)),
                     view.sep.join(missing) or "—"))
    w.table([Col(t("环节", "Stage")), Col(Role.LEAD.label(view.lang)), Col(Role.SUPPORT.label(view.lang)),
             Col(Role.SYNDICATE.label(view.lang)), Col(t("缺少形式", "Missing formats"))], rows)


def _stage_detail(w: DocWriter, view: PlanView, num: _Numbering, sid: uuid.UUID) -> None:
    t = w.t
    st = view.stages[sid]
    w.heading(num.two(st.title), 2)
    facts = [(t("时间", "Time"), view.stage_time(st)), (t("地点", "Place"), view.stage_place(st)),
             (t("类型", "Kind"), st.kind.label(view.lang)), (t("前置环节", "After"), view.stage_dependencies(st))]
    sep = "; " if view.en else "；"
    w.para(sep.join(f"{k}{': ' if view.en else '：'}{v}" for k, v in facts if v), keep_next=True)
    if st.notes:
        w.para(st.notes, keep_next=True)
    pieces = view.partners(sid, None)
    if not pieces:
        w.para(t("本环节无人报道，尚无单位承担报道任务。", "Not covered: no outlet covers this stage yet."))
        return
    rows = [(view.outlet_short(a.outlet_id), a.role.label(view.lang), a.format.label(view.lang),
             a.status.label(view.lang), view.person_names(a), view.due(a), a.brief) for a in pieces]
    w.table([Col(t("单位", "Outlet")), Col(t("角色", "Role"), "label"), Col(t("形式", "Format"), "label"),
             Col(t("状态", "Status"), "label"), Col(t("人员", "People")), Col(t("截稿时间", "Deadline"), "datetime"),
             Col(t("任务说明", "Brief"))], rows)


def _contacts(w: DocWriter, view: PlanView, num: _Numbering) -> None:
    t = w.t
    w.heading(num.one(t("通讯录", "Contact directory")))
    w.heading(num.two(t("参与单位", "Outlets")), 2)
    outlet_ids = sorted(set(view.by_outlet) & set(view.plan.outlets),
                        key=lambda o: (tier_order(view.plan.outlets[o]), view.outlet_name(o)))
    rows = [(o.name, o.tier.label(view.lang), view.place_label(o.adcode, short=True), o.contact_name, o.contact_phone,
             o.contact_email) for o in (view.plan.outlets[i] for i in outlet_ids)]
    w.table([Col(t("单位", "Outlet")), Col(t("层级", "Tier"), "label"), Col(t("所在地", "Place")),
             Col(t("联系人", "Contact"), "label"), Col(t("电话", "Phone"), "phone"), Col(t("邮箱", "E-mail"))], rows)
    w.heading(num.two(t("人员", "People")), 2)
    pids = set(view.by_person)
    if view.plan.project.coordinator_id:
        pids.add(view.plan.project.coordinator_id)
    people = sorted((view.plan.people[p] for p in pids if p in view.plan.people),
                    key=lambda p: (tier_order(view.plan.outlets[p.outlet_id]) if p.outlet_id in view.plan.outlets
                                   else 9, view.outlet_name(p.outlet_id), p.name))
    if not people:
        w.para(t("尚未安排人员。", "No people assigned yet."))
        return
    rows = [(p.name, view.outlet_short(p.outlet_id), p.role.label(view.lang), p.phone, p.email) for p in people]
    w.table([Col(t("姓名", "Name"), "label"), Col(t("单位", "Outlet")), Col(t("岗位", "Role"), "label"),
             Col(t("电话", "Phone"), "phone"), Col(t("邮箱", "E-mail"))], rows)


def _network(w: DocWriter, view: PlanView, num: _Numbering, png: bytes | None, reading: Sequence[str] | None,
             ranking: Sequence[Collaboration]) -> None:
    t = w.t
    w.heading(num.one(t("协作网络", "Collaboration network")))
    if png:
        w.picture(png, min(15.5, w.usable_width_cm()))
        w.para(t("图 1　本项目参与单位协作网络（连线表示共同报道同一环节，线越粗合作越多）",
                 "Figure 1. Outlets of this project; a line joins outlets covering a stage together, "
                 "thicker for more"), "Caption")
    else:
        w.para(t("（协作网络图暂不可用：本机未安装绘图组件。）",
                 "(The collaboration picture is unavailable: the drawing component is not installed here.)"))
    for line in reading or ():
        w.para(line)
    if ranking:
        w.para(t(f"表 1　主要协作关系（按共同报道的环节数排序，前 {len(ranking)} 对）",
                 f"Table 1. Main collaborations (by stages covered together, top {len(ranking)})"),
               "Caption", keep_next=True)
        w.table([Col(t("排名", "Rank"), "index"), Col(t("单位", "Outlet")), Col(t("协作单位", "Partner")),
                 Col(t("共同环节", "Stages"), "number"), Col(t("关系", "Link"), "label"),
                 Col(t("共同报道的环节", "Stages together"))],
                [(c.rank, c.a, c.b, c.stages, c.link_label(view.lang), view.sep.join(c.stage_titles))
                 for c in ranking])


def _risks(w: DocWriter, view: PlanView, num: _Numbering, findings: Sequence[Finding]) -> bool:
    """The gaps and risks; returns whether the full list goes to an appendix."""
    t = w.t
    w.heading(num.one(t("问题与风险", "Gaps and risks")))
    if not findings:
        w.para(t("经检查，本方案未发现缺口或冲突。", "The check found no gaps or clashes in this plan."))
        return False
    counts = Counter(f.severity for f in findings)
    w.para(t(f"经检查，共发现 {len(findings)} 项问题（严重 {counts[Severity.ERROR]} 项、警告 {counts[Severity.WARNING]} 项、"
             f"提示 {counts[Severity.INFO]} 项），请在执行前逐项落实。",
             f"The check found {len(findings)} issues ({counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} "
             f"warnings, {counts[Severity.INFO]} notes); settle each before the work starts."))
    if len(findings) <= FINDINGS_INLINE_MAX:
        _findings_table(w, view, sorted(findings, key=_finding_order))
        return False
    groups: dict[FindingKind, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.kind, []).append(f)
    ordered = sorted(groups.values(), key=lambda fs: (min(_SEVERITY_RANK[f.severity] for f in fs), -len(fs),
                                                      fs[0].kind.value))
    rows = []
    for fs in ordered:
        fs = sorted(fs, key=_finding_order)
        worst = fs[0].severity
        examples = [finding_text(f, view.lang) for f in fs[:2]]
        more = len(fs) - len(examples)
        if more:
            examples.append(t(f"……另有 {more} 项，见附录。", f"… and {more} more (see the appendix)."))
        rows.append((fs[0].kind.label(view.lang), worst.label(view.lang), len(fs), "\n".join(examples)))
    w.para(t("按类别汇总如下（最严重的在前），逐项清单见附录。", "By kind, the worst first; every item is listed in the appendix."),
           keep_next=True)
    w.table([Col(t("类别", "Kind")), Col(t("最高级别", "Worst"), "label"), Col(t("数量", "Count"), "number"),
             Col(t("示例", "Examples"))], rows)
    return True


def _finding_order(f: Finding) -> tuple[int, str]:
    return (_SEVERITY_RANK[f.severity], f.kind.value)


def _findings_table(w: DocWriter, view: PlanView, findings: Sequence[Finding]) -> None:
    t = w.t
    rows = [(n, f.severity.label(view.lang), f.kind.label(view.lang), finding_text(f, view.lang))
            for n, f in enumerate(findings, 1)]
    w.table([Col(t("序号", "No."), "index"), Col(t("级别", "Level"), "label"), Col(t("类别", "Kind")),
             Col(t("说明", "Details"))], rows)


def _findings_appendix(w: DocWriter, view: PlanView, findings: Sequence[Finding]) -> None:
    t = w.t
    w.heading(t("附录　问题与风险清单", "Appendix. Every gap and risk"), page_break_before=True)
    _findings_table(w, view, sorted(findings, key=_finding_order))


def _sign_off(w: DocWriter, view: PlanView, num: _Numbering, prepared_by: str) -> None:
    """Kept whole on one page (header row never alone at a page foot), rows tall enough to sign,
    a date column wide enough for 年 月 日 on one line."""
    t = w.t
    w.heading(num.one(t("审核签发", "Sign-off")))
    blank = t("　　　　年　　月　　日", "____ / ____ / ______")
    rows = [(t("编制", "Prepared"), prepared_by, "", blank), (t("审核", "Reviewed"), "", "", blank),
            (t("签发", "Approved"), "", "", blank)]
    w.table([Col(t("环节", "Step"), "label"), Col(t("单位 / 姓名", "Outlet / name"), weight=1.2),
             Col(t("签字", "Signature")), Col(t("日期", "Date"), "label", max_cm=6.0)],
            rows, repeat_header=False, keep_together=True, min_row_cm=1.6)
