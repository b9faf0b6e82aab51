"""The staffing optimiser on hand-built plans: each constraint, each objective, the explanations,
the greedy baseline, the time-out, and the plan never made worse."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from planner.domain.enums import Format, PersonRole, Role, Status, Tier
from planner.domain.errors import ValidationError, error_text
from planner.domain.findings import FindingKind
from planner.graph.analysis import analyze_plan
from planner.graph.staffing import Weights, note_text, suggest, suggestion_text, unfilled_text
from planner.graph.staffing.check import applied_plan, new_findings
from planner.graph.staffing.problem import build_problem
from planner.graph.staffing.solve import evaluate, greedy, violations
from tests.graph.staffing_fixtures import (
    CHENGDU_JJ,
    LONGCHANG,
    LUXIAN,
    RONGCHANG,
    T0,
    WANZHOU,
    YIBIN,
    absence,
    outlet,
    person,
    piece,
    plan,
    staffing,
    stage,
)


def chosen(result, stage_title: str | None = None) -> list[str]:
    return [s.outlet_name for s in result.suggestions if stage_title is None or s.stage_title == stage_title]


@pytest.fixture
def two_stages():
    """荣昌 (Chongqing, text and photo) leads the first stage; the second, in 隆昌, is nobody's yet."""
    rc = outlet("荣昌区融媒体中心", RONGCHANG, short="荣昌区", formats=(Format.TEXT, Format.PHOTO))
    s1, s2 = stage("荣昌陶博物馆", 1, adcode=RONGCHANG), stage("隆昌石牌坊", 2, adcode=LONGCHANG)
    return rc, s1, s2


# -- constraints -------------------------------------------------------------------------------------
def test_format_constraint_leaves_out_outlets_that_cannot_produce_it(two_stages) -> None:
    rc, s1, _s2 = two_stages
    near = outlet("隆昌市融媒体中心", LONGCHANG, formats=(Format.TEXT,))
    far = outlet("泸县融媒体中心", LUXIAN, formats=(Format.TEXT, Format.LIVE))
    p = plan([s1], [piece(s1, rc)], [rc], required=(Format.TEXT, Format.LIVE))
    result = suggest(staffing(p, [rc, near, far]))
    assert [(s.outlet_name, s.format) for s in result.suggestions] == [("泸县融媒体中心", Format.LIVE)]


def test_no_candidate_says_which_constraint_excluded_everyone(two_stages) -> None:
    rc, s1, _s2 = two_stages
    a = outlet("隆昌市融媒体中心", LONGCHANG, formats=(Format.TEXT,))
    b = outlet("泸县融媒体中心", LUXIAN, formats=(Format.TEXT,))
    p = plan([s1], [piece(s1, rc)], [rc], required=(Format.TEXT, Format.LIVE))
    result = suggest(staffing(p, [rc, a, b]))
    assert result.suggestions == ()
    (hole,) = result.unfilled
    assert hole.cause == "no_candidate" and hole.format is Format.LIVE
    assert hole.excluded == {"format": 3} and hole.considered == 3
    assert unfilled_text(hole, "zh") == "环节“荣昌陶博物馆”的直播没有可建议的单位：3 家中，3 家不具备直播。"
    assert unfilled_text(hole, "en") == ("The live stream piece of stage “荣昌陶博物馆”: no outlet to suggest — "
                                         "of 3, 3 do not produce Live stream.")


def test_capacity_left_is_respected_across_suggestions(two_stages) -> None:
    rc, s1, s2 = two_stages
    s3 = stage("隆昌古宇湖", 3, adcode=LONGCHANG)
    near = outlet("隆昌市融媒体中心", LONGCHANG, capacity=3)
    far = outlet("泸县融媒体中心", LUXIAN, capacity=10)
    p = plan([s1, s2, s3], [piece(s1, rc), piece(s2, rc), piece(s3, rc)], [rc], required=(Format.TEXT, Format.PHOTO))
    # 隆昌 has 2 open pieces elsewhere: one piece of capacity left for three holes
    travel_only = Weights(travel=1, load=0, cross_province=0, vertical=0, isolated=0)
    result = suggest(staffing(p, [near, far], elsewhere={near.id: 2}, weights=travel_only))
    assert chosen(result).count("隆昌市融媒体中心") == 1
    assert chosen(result).count("泸县融媒体中心") == 2


def test_outlet_at_capacity_is_excluded_and_counted(two_stages) -> None:
    rc, s1, _ = two_stages
    full = outlet("隆昌市融媒体中心", LONGCHANG, capacity=2)
    p = plan([s1], [piece(s1, rc)], [rc], required=(Format.TEXT, Format.PHOTO))
    result = suggest(staffing(p, [rc, full], elsewhere={full.id: 2, rc.id: 0}))
    assert result.suggestions[0].outlet_name == "荣昌区融媒体中心"  # rc covers its own stage's photo
    result = suggest(staffing(p, [full], elsewhere={full.id: 2}))
    assert result.unfilled[0].excluded == {"capacity": 1}


def test_alliance_constraint(two_stages) -> None:
    rc, s1, _ = two_stages
    near = outlet("隆昌市融媒体中心", LONGCHANG)
    member = outlet("万州区融媒体中心", WANZHOU)
    p = plan([s1], [piece(s1, rc, fmt=Format.PHOTO)], [rc], required=(Format.TEXT,))
    result = suggest(staffing(p, [near, member], allowed=frozenset({member.id}), alliance_names=("新重庆",)))
    (s,) = result.suggestions
    assert s.outlet_name == "万州区融媒体中心"
    assert "新重庆成员" in suggestion_text(s, "zh") and "member of 新重庆" in suggestion_text(s, "en")
    result = suggest(staffing(p, [near, member], allowed=frozenset()))
    assert result.unfilled[0].excluded == {"alliance": 2}


def test_availability_excludes_outlets_whose_people_are_all_away(two_stages) -> None:
    rc, s1, _ = two_stages
    near = outlet("隆昌市融媒体中心", LONGCHANG)
    far = outlet("泸县融媒体中心", LUXIAN)
    staff = (person("李强", near), person("王芳", near, PersonRole.CAMERA))
    away = {p.id: (absence(p, s1.starts_at - timedelta(days=1), s1.ends_at + timedelta(days=1)),) for p in staff}
    p = plan([s1], [piece(s1, rc, fmt=Format.PHOTO)], [rc], required=(Format.TEXT,))
    result = suggest(staffing(p, [near, far], people={near.id: staff}, away=away))
    assert chosen(result) == ["泸县融媒体中心"]
    # one of them back: 隆昌 is available again, and the person proposed is the one who is there
    away.pop(staff[0].id)
    result = suggest(staffing(p, [near, far], people={near.id: staff}, away=away))
    (s,) = result.suggestions
    assert s.outlet_name == "隆昌市融媒体中心" and s.person_names == ("李强",)
    result = suggest(staffing(p, [near], people={near.id: staff}, away={q.id: away.get(staff[1].id) for q in staff}))
    assert result.unfilled[0].excluded == {"unavailable": 1}


def test_people_booked_at_the_same_time_are_not_proposed(two_stages) -> None:
    rc, s1, _ = two_stages
    near = outlet("隆昌市融媒体中心", LONGCHANG)
    busy, free = person("李强", near), person("赵敏", near, PersonRole.EDITOR)
    p = plan([s1], [piece(s1, rc, fmt=Format.PHOTO)], [rc], required=(Format.TEXT,))
    result = suggest(staffing(p, [near], people={near.id: (busy, free)},
                             booked={busy.id: ((s1.starts_at, s1.ends_at),)}))
    assert result.suggestions[0].person_names == ("赵敏",)


def test_rejected_pairs_are_not_proposed_again(two_stages) -> None:
    rc, s1, _ = two_stages
    near, far = outlet("隆昌市融媒体中心", LONGCHANG), outlet("泸县融媒体中心", LUXIAN)
    p = plan([s1], [piece(s1, rc, fmt=Format.PHOTO)], [rc], required=(Format.TEXT,))
    assert chosen(suggest(staffing(p, [near, far]))) == ["隆昌市融媒体中心"]
    assert chosen(suggest(staffing(p, [near, far], rejected=frozenset({(s1.id, near.id)})))) == ["泸县融媒体中心"]
    result = suggest(staffing(p, [near, far], rejected=frozenset({(None, near.id), (None, far.id)})))
    assert result.unfilled[0].excluded == {"rejected": 2}


# -- objectives --------------------------------------------------------------------------------------
def _one_hole(*outlets, required=(Format.TEXT,), lead=None):
    rc = outlet("荣昌区融媒体中心", RONGCHANG)
    s1 = stage("荣昌陶博物馆", 1, adcode=RONGCHANG)
    lead_piece = piece(s1, lead or rc, fmt=Format.PHOTO)
    return plan([s1], [lead_piece], [lead or rc], required=required), s1


def test_travel_weight_prefers_the_nearer_outlet() -> None:
    near, far = outlet("隆昌市融媒体中心", LONGCHANG), outlet("锦江区融媒体中心", CHENGDU_JJ)
    p, _ = _one_hole()
    assert chosen(suggest(staffing(p, [near, far], weights=Weights(travel=1, load=0, cross_province=0,
                                                                    vertical=0, isolated=0)))) == ["隆昌市融媒体中心"]


def test_load_weight_prefers_the_less_loaded_outlet_at_equal_distance() -> None:
    busy, idle = outlet("隆昌甲", LONGCHANG, capacity=10), outlet("隆昌乙", LONGCHANG, capacity=10)
    p, _ = _one_hole()
    w = Weights(travel=1, load=1, cross_province=0, vertical=0, isolated=0)
    assert chosen(suggest(staffing(p, [busy, idle], weights=w, elsewhere={busy.id: 6}))) == ["隆昌乙"]
    assert chosen(suggest(staffing(p, [busy, idle], weights=w, elsewhere={idle.id: 6}))) == ["隆昌甲"]


def test_load_weight_spreads_pieces_over_outlets() -> None:
    rc = outlet("荣昌区融媒体中心", RONGCHANG)
    stages = [stage(f"站{i}", i, adcode=LONGCHANG) for i in range(1, 5)]
    a, b = outlet("隆昌甲", LONGCHANG, capacity=5), outlet("隆昌乙", LONGCHANG, capacity=5)
    p = plan(stages, [piece(s, rc, fmt=Format.PHOTO) for s in stages], [rc])
    spread = suggest(staffing(p, [a, b], weights=Weights(travel=1, load=2, cross_province=0, vertical=0, isolated=0)))
    assert sorted(chosen(spread)) == ["隆昌乙", "隆昌乙", "隆昌甲", "隆昌甲"]


def test_cross_province_weight_prefers_the_other_side_of_the_border() -> None:
    same, other = outlet("大足区融媒体中心", "500111"), outlet("隆昌市融媒体中心", LONGCHANG)
    p, _ = _one_hole()
    w = Weights(travel=0, load=0, cross_province=1, vertical=0, isolated=0)
    result = suggest(staffing(p, [same, other], weights=w))
    assert chosen(result) == ["隆昌市融媒体中心"]
    assert "跨省协作（四川—重庆）" in suggestion_text(result.suggestions[0], "zh")
    assert "cross-province (Sichuan–Chongqing)" in suggestion_text(result.suggestions[0], "en")


def test_vertical_weight_prefers_another_tier() -> None:
    county, city = outlet("大足区融媒体中心", "500111"), outlet("内江市融媒体中心", "511000", tier=Tier.MUNICIPAL)
    p, _ = _one_hole()
    w = Weights(travel=0, load=0, cross_province=0, vertical=1, isolated=0)
    assert chosen(suggest(staffing(p, [county, city], weights=w))) == ["内江市融媒体中心"]
    w = Weights(travel=1, load=0, cross_province=0, vertical=0, isolated=0)
    assert chosen(suggest(staffing(p, [county, city], weights=w))) == ["大足区融媒体中心"]


def test_isolated_weight_brings_in_an_isolated_outlet() -> None:
    busy, lonely = outlet("隆昌甲", LONGCHANG), outlet("隆昌乙", LONGCHANG)
    p, _ = _one_hole()
    w = Weights(travel=1, load=0, cross_province=0, vertical=0, isolated=1)
    result = suggest(staffing(p, [busy, lonely], weights=w, isolated=frozenset({lonely.id})))
    assert chosen(result) == ["隆昌乙"]
    assert "打破孤岛" in suggestion_text(result.suggestions[0], "zh")


def test_weights_that_cannot_act_are_said() -> None:
    a, b = outlet("隆昌甲", LONGCHANG), outlet("隆昌乙", LUXIAN)
    p, _ = _one_hole()
    result = suggest(staffing(p, [a, b], weights=Weights(cross_province=1, vertical=1, isolated=1)))
    texts = [note_text(n, "zh") for n in result.notes]
    assert "跨省权重不起作用：候选单位都在四川。" in texts
    assert "纵向权重不起作用：候选单位都是县级单位。" in texts
    assert "孤岛权重不起作用：候选单位近一年都有合作。" in texts
    assert "The cross-province weight has no effect: every candidate is in Sichuan." in \
        [note_text(n, "en") for n in result.notes]


# -- explanations ------------------------------------------------------------------------------------
def test_explanation_in_chinese_and_english() -> None:
    rc = outlet("荣昌区融媒体中心", RONGCHANG, short="荣昌区")
    lx = outlet("泸县融媒体中心", LUXIAN, capacity=5, short="泸县")
    s1 = stage("宜宾东站", 1, adcode=YIBIN)
    p = plan([s1], [piece(s1, rc, fmt=Format.TEXT)], [rc], required=(Format.TEXT, Format.LIVE))
    result = suggest(staffing(p, [lx], elsewhere={lx.id: 2}, weights=Weights(travel=0.1),
                              partners={lx.id: frozenset()}))
    (s,) = result.suggestions
    assert s.role is Role.SUPPORT and s.format is Format.LIVE
    assert suggestion_text(s, "zh") == ("泸县融媒体中心：距宜宾东站 86 公里，具备直播，本期已用产能 2/5，"
                                        "与荣昌区首次合作，跨省协作（四川—重庆）")
    assert suggestion_text(s, "en") == ("泸县融媒体中心: 86 km from 宜宾东站, produces live stream, capacity used 2/5, "
                                        "first joint work with 荣昌区, cross-province (Sichuan–Chongqing)")


def test_a_stage_without_lead_gets_one_and_uncovered_stages_are_whole(two_stages) -> None:
    rc, s1, s2 = two_stages
    a = outlet("隆昌市融媒体中心", LONGCHANG, formats=(Format.TEXT, Format.PHOTO), tier=Tier.MUNICIPAL)
    b = outlet("泸县融媒体中心", LUXIAN, formats=(Format.TEXT, Format.PHOTO))
    p = plan([s1, s2], [piece(s1, rc, role=Role.SUPPORT, fmt=Format.TEXT)], [rc], required=(Format.TEXT, Format.PHOTO))
    result = suggest(staffing(p, [rc, a, b]))
    leads = [s for s in result.suggestions if s.role is Role.LEAD]
    assert sorted(s.stage_title for s in leads) == ["荣昌陶博物馆", "隆昌石牌坊"]
    assert "担任主办" in suggestion_text(leads[0], "zh")
    assert {s.format for s in result.suggestions if s.stage_title == "隆昌石牌坊"} == {Format.TEXT, Format.PHOTO}
    assert not new_findings(p, list(result.suggestions), {o.id: o for o in (rc, a, b)}, {},
                            open_counts={rc.id: 1})


def test_an_uncovered_stage_is_not_half_covered(two_stages) -> None:
    rc, s1, s2 = two_stages
    text_only = outlet("隆昌市融媒体中心", LONGCHANG, formats=(Format.TEXT,))
    p = plan([s1, s2], [piece(s1, rc)], [rc], required=(Format.TEXT, Format.LIVE))
    rc_text = replace(rc, formats=(Format.TEXT,))
    result = suggest(staffing(p, [rc_text, text_only]))
    assert result.suggestions == ()
    causes = {(u.stage_title, u.format): u.cause for u in result.unfilled}
    assert causes[("隆昌石牌坊", Format.LIVE)] == "no_candidate"
    assert causes[("隆昌石牌坊", Format.TEXT)] == "stage_incomplete"
    text = next(unfilled_text(u, "zh") for u in result.unfilled if u.cause == "stage_incomplete")
    assert text == "环节“隆昌石牌坊”的文字：暂不建议，因为该环节还有形式找不到单位，环节不宜只覆盖一部分。"


def test_a_newcomer_alone_on_a_stage_gets_a_partner() -> None:
    """One required format on a stage nobody covers: a new outlet alone there would be isolated, so a
    syndication by a second outlet is proposed with it."""
    s1 = stage("隆昌石牌坊", 1, adcode=LONGCHANG)
    a = outlet("隆昌市融媒体中心", LONGCHANG, formats=(Format.TEXT,))
    b = outlet("泸县融媒体中心", LUXIAN, formats=(Format.TEXT,))
    p = plan([s1], [], [], required=(Format.TEXT,))
    result = suggest(staffing(p, [a, b]))
    roles = sorted((s.outlet_name, s.role) for s in result.suggestions)
    assert roles == [("泸县融媒体中心", Role.SYNDICATE), ("隆昌市融媒体中心", Role.LEAD)]
    syndication = next(s for s in result.suggestions if s.role is Role.SYNDICATE)
    assert suggestion_text(syndication, "zh").startswith("泸县融媒体中心：与隆昌市融媒体中心搭档，免其孤军报道，转发稿件，无需到场")
    after = analyze_plan(applied_plan(p, result.suggestions, {o.id: o for o in (a, b)}, {}))
    assert FindingKind.ISOLATED_OUTLET not in {f.kind for f in after}
    # with only one outlet in the directory nothing can be proposed without isolating it
    alone = suggest(staffing(p, [a]))
    assert alone.suggestions == () and alone.unfilled[0].cause == "competition"


def test_nothing_to_do_on_a_complete_plan(two_stages) -> None:
    rc, s1, _ = two_stages
    p = plan([s1], [piece(s1, rc)], [rc], required=(Format.TEXT,))
    result = suggest(staffing(p, [rc]))
    assert result.status == "nothing_to_do" and result.holes == 0 and result.suggestions == ()


def test_only_the_chosen_stages(two_stages) -> None:
    rc, s1, s2 = two_stages
    a = outlet("隆昌市融媒体中心", LONGCHANG)
    p = plan([s1, s2], [piece(s1, rc, role=Role.SUPPORT)], [rc], required=(Format.TEXT,))
    result = suggest(staffing(p, [rc, a], stage_ids=(s1.id,)))
    assert {s.stage_title for s in result.suggestions} == {"荣昌陶博物馆"}


def test_cancelled_and_declined_pieces_are_not_coverage(two_stages) -> None:
    rc, s1, _ = two_stages
    a = outlet("隆昌市融媒体中心", LONGCHANG)
    p = plan([s1], [piece(s1, rc, status=Status.DECLINED), piece(s1, a, fmt=Format.PHOTO, role=Role.SUPPORT,
                                                                 status=Status.CANCELLED)], [rc, a])
    result = suggest(staffing(p, [rc, a]))
    assert {s.stage_title for s in result.suggestions} == {"荣昌陶博物馆"}
    assert any(s.role is Role.LEAD for s in result.suggestions)


# -- baseline, time-out, weights -----------------------------------------------------------------------
def test_optimum_beats_greedy_where_greedy_takes_the_shared_outlet_first() -> None:
    """Two stages, in 荣昌 and in 隆昌; 隆昌's outlet has room for one piece. Greedy gives it to the first
    stage (30 km, nearer than 泸县's 35 km) and sends 泸县 to the second; the optimum keeps 隆昌 at home."""
    rc = outlet("荣昌区融媒体中心", RONGCHANG)
    s1, s2 = stage("荣昌站", 1, adcode=RONGCHANG), stage("隆昌站", 2, adcode=LONGCHANG)
    shared = outlet("隆昌市融媒体中心", LONGCHANG, capacity=1)
    lx = outlet("泸县融媒体中心", LUXIAN)
    p = plan([s1, s2], [piece(s1, rc, fmt=Format.PHOTO), piece(s2, rc, fmt=Format.PHOTO)], [rc])
    inp = staffing(p, [shared, lx], weights=Weights(travel=1, load=0, cross_province=0, vertical=0, isolated=0))
    pb = build_problem(inp)
    base = greedy(pb)
    assert violations(pb, base) == []
    assert sorted((pb.slots[k].stage.title, pb.outlet(pb.pairs[q].outlet).name) for k, q in base.items()) == [
        ("荣昌站", "隆昌市融媒体中心"), ("隆昌站", "泸县融媒体中心")]
    result = suggest(inp)
    assert result.objective < result.greedy_objective == pytest.approx(evaluate(pb, base))
    assert result.improvement > 0.2
    assert sorted((s.stage_title, s.outlet_name) for s in result.suggestions) == [
        ("荣昌站", "泸县融媒体中心"), ("隆昌站", "隆昌市融媒体中心")]


def test_time_out_returns_the_best_found_and_says_so(two_stages, monkeypatch) -> None:
    import scipy.optimize
    from scipy.optimize import OptimizeResult

    rc, s1, s2 = two_stages
    a, b = outlet("隆昌市融媒体中心", LONGCHANG), outlet("泸县融媒体中心", LUXIAN)
    p = plan([s1, s2], [piece(s1, rc)], [rc], required=(Format.TEXT, Format.PHOTO))
    real = scipy.optimize.milp

    def stopped_with(found):
        def milp(*args, **kwargs):
            res = real(*args, **kwargs)
            return OptimizeResult(x=res.x if found else None, status=1, fun=res.fun,
                                  message="Time limit reached. (HiGHS Status 13)")
        return milp

    monkeypatch.setattr(scipy.optimize, "milp", stopped_with(True))
    result = suggest(staffing(p, [rc, a, b], time_limit=0.5))
    assert result.status == "time_limit" and result.suggestions
    assert note_text(result.notes[0], "zh") == "求解在 0.5 秒时限内未能证明最优，以下是已找到的最好方案。"
    assert result.objective <= result.greedy_objective + 1e-9
    monkeypatch.setattr(scipy.optimize, "milp", stopped_with(False))
    result = suggest(staffing(p, [rc, a, b], time_limit=0.5))
    assert result.status == "greedy" and result.suggestions
    assert result.objective == pytest.approx(result.greedy_objective)
    assert note_text(result.notes[0], "en").startswith("The solver found nothing within its time limit")


@pytest.mark.parametrize(("text", "code"), [
    ("travel=2,speed=1", "weight_unknown"),
    ("travel", "weight_unknown"),
    ("travel=abc", "weight_value"),
    ("travel=-1", "weight_value"),
    ("load=11", "weight_value"),
    ("load=nan", "weight_value"),
    ("load=inf", "weight_value"),
    ("travel=2,travel=0", "weight_conflict"),
    ("travel=0,load=0,cross_province=0,vertical=0,isolated=0", "weights_all_zero"),
])
def test_bad_weights_are_refused_with_one_sentence(text: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        Weights.parse(text)
    assert info.value.code == code
    for lang in ("zh", "en"):
        message = error_text(info.value, lang)
        assert "{" not in message and "\n" not in message


def test_weights_parse_names_in_chinese_and_repeats() -> None:
    w = Weights.parse("行程=2，跨省：1, travel=2")
    assert (w.travel, w.cross_province, w.load) == (2, 1, Weights().load)
    assert Weights.parse(w.text()) == w
    with pytest.raises(ValidationError) as info:
        Weights.parse("travel=2,travel=0")
    assert error_text(info.value, "zh") == "权重 travel 给了两个不同的值（2 和 0），请只留一个。"


def test_greedy_and_program_agree_on_an_easy_plan_at_one_second(two_stages) -> None:
    rc, s1, s2 = two_stages
    a = outlet("隆昌市融媒体中心", LONGCHANG)
    p = plan([s1, s2], [piece(s1, rc)], [rc], required=(Format.TEXT,))
    result = suggest(staffing(p, [rc, a], time_limit=1.0))
    assert result.status == "optimal" and result.objective <= result.greedy_objective + 1e-9
    assert result.suggestions[0].due_at > T0  # due when the stage ends: inside its window
