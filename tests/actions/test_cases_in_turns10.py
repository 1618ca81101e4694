"""Follow-ups that tell a case (i15-turns10): a case the caller says they are not selects no
variant and no clause; a …呢 the NLU takes for a rating asks of the service at hand; a case told
after a checklist is the matter of the step it belongs to. Wordings are new, not the sets'."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionRecordFeedback
from services_catalog.question_cues import negated_cases
from tests.actions.conftest import follow_up, load_tracker, question_tracker, uncited_figures


@pytest.mark.parametrize(("text", "cases"), [
    ("我们建的是普通仓库，不是新能源那种", ["新能源"]),
    ("也不属于重大工程", ["重大工程"]),
    # asking whether (是不是 / 算不算 / 属不属于) denies nothing
    ("是不是免费的", []), ("算不算小微企业", []), ("属不属于低风险的", []),
])
def test_the_cases_a_message_denies(text: str, cases: list[str]) -> None:
    assert negated_cases(text) == cases


def test_a_denied_case_picks_the_other_clause(run_action) -> None:
    run = follow_up(run_action, "property-registration", "我们这个项目用地并不是新能源的",
                    intent="inform_condition")
    reply = "\n".join(run.texts)
    # the variant not denied, not a question back about which one
    assert "（建设项目）" in reply and "2025年底" in reply and "第111条" in reply
    assert "哪一种" not in reply
    assert not uncited_figures(reply)


def test_a_follow_up_ending_in_ne_is_no_rating(run_action) -> None:
    tracker = load_tracker(
        "company_time_limit", sender_id="rating-ne",
        slots={"service": "jisuban-miniprogram", "question": "overview", "condition": None,
               "misses": 0},
        latest_message={"text": "那光查询的呢", "entities": [],
                        "intent": {"name": "feedback_satisfied", "confidence": 0.7}},
    )
    run = run_action(ActionRecordFeedback(), tracker)
    assert all((m.get("custom") or {}).get("type") != "feedback" for m in run.messages)
    assert "第67条" in "\n".join(run.texts)


def test_a_rating_stays_a_rating(run_action) -> None:
    tracker = load_tracker(
        "company_time_limit", sender_id="rating-plain",
        slots={"service": "jisuban-miniprogram", "question": "overview", "condition": None,
               "misses": 0},
        latest_message={"text": "挺好用的", "entities": [],
                        "intent": {"name": "feedback_satisfied", "confidence": 0.9}},
    )
    run = run_action(ActionRecordFeedback(), tracker)
    assert run.messages[0]["response"] == "utter_feedback_thanks"


def test_a_case_told_after_a_checklist_is_its_steps(run_action) -> None:
    checklist = {"event": "bot", "text": "企业被诉或涉案一般要办以下事项",
                 "data": {"custom": {"type": "life_event", "steps": [
                     {"slug": "property-preservation"}, {"slug": "epidemic-business-disputes"},
                     {"slug": "pre-litigation-mediation"}]}}}
    tracker = load_tracker(
        "company_time_limit", sender_id="checklist-case", events=[checklist],
        slots={"service": None, "question": "overview", "condition": None, "misses": 0},
        latest_message={"text": "就是一时资金紧张，暂时还不上，不是想赖账", "entities": [],
                        "intent": {"name": "inform_condition", "confidence": 0.5}},
    )
    run = run_action(ActionAnswerService(), tracker)
    reply = "\n".join(run.texts)
    assert "第166条" in reply and "分期履行" in reply
    assert "一般要办以下事项" not in reply
    assert run.slots["service"] == "epidemic-business-disputes"


def test_a_variant_alias_the_plan_splits_picks_its_clause(run_action) -> None:
    # 新能源货车: the plan writes 新能源配送货车 (a word between the alias's parts)
    run = run_action(ActionAnswerService(), question_tracker("新能源货车在城里跑，有没有啥便利",
                                                            "ask_policy"))
    reply = "\n".join(run.texts)
    assert "延长通行时间" in reply and "第82条" in reply


def test_the_thing_asked_of_first_leads(run_action) -> None:
    # 那X呢 opening a message, a comment after it naming another service: X is asked about
    run = follow_up(run_action, "water-connection", "那天然气呢？燃气公司一直拖着不给装",
                    intent="ask_time_limit", question="time_limit")
    reply = "\n".join(run.texts)
    assert "10个工作日" in reply.replace(" ", "") and "第46条" in reply
    assert run.slots["service"] == "gas-connection"


def test_two_questions_with_the_alias_keep_the_overview(run_action) -> None:
    # asked at the start (a follow-up reads the alias as the conversation's own part)
    run = run_action(ActionAnswerService(), question_tracker(
        "小货车老被限行，能不能进城？新能源货车有没有便利", "ask_policy"))
    reply = "\n".join(run.texts)
    assert "4.5吨" in reply and "第82条" in reply


def test_a_target_asked_gets_the_level_the_plan_sets(run_action) -> None:
    run = follow_up(run_action, "sme-arrears", "欠款清理州里定了什么指标", intent="ask_policy",
                    question="policy")
    reply = "\n".join(run.texts)
    assert "70%" in reply and "第129条" in reply
    assert not uncited_figures(reply)
