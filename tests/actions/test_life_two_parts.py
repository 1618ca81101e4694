"""A life event asking two things: the second is not dropped when the plan's words for it read
(a) as a commitment of the answer's own area, (b) in a loose verb (帮着弄), (c) as a
consequence for a firm owing wages, (d) as a trade's market entry, or (e) after the hotline a
grievance is offered."""

from __future__ import annotations

import pytest

from services_catalog.asked_matters import beside_answer
from services_catalog.evidence import plan_words
from tests.actions.conftest import load_tracker


def test_running_about_beside_two_utilities_is_their_one_window() -> None:
    # 用水 and 燃气报装 answered (第46条): 跑好几个地方 is their 报装窗口 一窗受理 (第45条),
    # not 企业开办's 一次提交 (第1条) that the words read strongest over the whole plan.
    extra = beside_answer("饭店要开张了，水和天然气都得新接，要跑好几个地方吗，几天能接通", {46})
    assert 45 in extra and "一窗受理" in extra[45]


def test_running_about_a_whole_checklist_is_not_one_utilitys_window() -> None:
    # A shop's checklist holds 企业开办's 第1条 (一次提交、不再重复): it states a reading of
    # 跑好几个部门 already; 第45条's 燃气 报装窗口 beside 用水报装 (第46条) would mislead.
    extra = beside_answer("开个小面馆要办哪些手续，是不是得跑好几个部门", {1, 3, 4, 5, 41, 42, 46})
    assert 45 not in extra


def test_running_about_stays_the_answers_own_when_it_says_it() -> None:
    # 企业开办 answered with its 第1条 (一次提交、不再重复): nothing of another area's.
    extra = beside_answer("开个小公司，执照几天能下来，要跑好几个地方吗", {1, 3})
    assert 45 not in extra


def test_someone_to_do_it_said_with_a_loose_verb_is_the_errand_service() -> None:
    assert "帮办代办" in plan_words("手续太多弄不明白，办事有没有人帮着弄")
    text = "我们老两口不会用电脑，想开个小卖部，执照几天能拿到？办事有没有人帮着弄"
    extra = beside_answer(text, {3})
    assert 75 in extra and "帮办代办" in extra[75]


def test_a_firm_hired_to_help_is_not_the_errand_service() -> None:
    assert "帮办代办" not in plan_words("有没有人帮忙弄的代理机构")
    assert "帮办代办" not in plan_words("有没有人帮着打官司")


def test_what_becomes_of_a_firm_owing_wages_is_the_market_entry_limit() -> None:
    extra = beside_answer("搞装修的，农民工工资保证金能用保函吗？万一拖欠了工人工资会被怎样", {32})
    assert 95 in extra and "市场准入" in extra[95]


def test_whether_a_trade_is_hard_to_enter_is_the_social_services_opening() -> None:
    # 第57条 减少市场准入限制 (医疗、教育、体育、托幼), beside a licence's time limit (第3条).
    extra = beside_answer("想开个少儿游泳培训班，准入门槛严不严，执照要几天", {3})
    assert 57 in extra and "减少市场准入限制" in extra[57]


@pytest.mark.parametrize("text", [
    "我们是外商独资的公司，在昌吉投资有没有准入限制",  # 第58条 负面清单
    "县里这个工程招标门槛高得离谱，有人管吗",  # 第20条 不合理招投标条件
])
def test_entry_of_foreign_capital_or_a_tender_is_not_the_social_services(text: str) -> None:
    assert "减少市场准入限制" not in plan_words(text)


def test_the_hotline_of_a_grievance_does_not_stop_the_other_matters(run_action) -> None:
    from actions.conversation import ActionHandoff  # noqa: PLC0415 (only this test)

    text = "园区转供电物业每度电多收几毛钱 另外水厂收了一大堆乱七八糟的费 投诉也没人理 咋整"
    tracker = load_tracker(
        "company_time_limit", sender_id="grievance-more",
        slots={"service": None, "question": None, "condition": None, "misses": 0},
        latest_message={"text": text,
                        "intent": {"name": "complaint", "confidence": 0.7}, "entities": []},
    )
    run = run_action(ActionHandoff(), tracker)
    assert "12345" in run.texts[0]
    kinds = [(m.get("custom") or {}).get("type") for m in run.messages]
    assert "related_matters" in kinds, run.texts


def test_an_area_reading_joins_the_plan_wide_one_for_the_same_words() -> None:
    """Paying back slowly after a judgment, beside an arrears answer (第129、159、161条): the
    plan's words for it in the answer's own area (第169条 信用宽限期) and across the plan (第152条
    执行和解) are both offered; the area's reading does not silence the other."""
    from services_catalog.asked_matters import beside_answer  # noqa: PLC0415

    out = beside_answer("欠款官司判了，对方说想跟我们商量着分期慢慢还，行不行", {129, 159, 161})
    assert {152, 169} <= set(out)
