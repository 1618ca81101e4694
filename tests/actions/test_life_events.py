"""Life events through the real actions: a checklist of the scenario's services, each line with
the catalog's time limit and 第N条, and a button per service."""

from __future__ import annotations

import re

import pytest

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionFallback, ActionSmallTalk
from tests.actions.conftest import load_tracker

STEP = re.compile(r"^\d+\. ")


def asked(text: str, intent: str = "ask_howto", **slots: str):
    tracker = load_tracker("company_time_limit", sender_id=f"le-{abs(hash(text))}",
                           latest_message={"text": text, "intent": {"name": intent},
                                           "entities": []})
    tracker.slots.update({"service": None, **slots})
    return tracker


def steps(text: str) -> list[str]:
    return [line for line in text.split("\n") if STEP.match(line)]


def test_restaurant_question_gets_the_checklist_with_figures_and_items(run_action) -> None:
    run = run_action(ActionAnswerService(), asked("我想开个饭馆，要办哪些手续，多久能办完"))
    assert run.messages[0]["response"] == "utter_life_event"
    lines = steps(run.texts[0])
    assert lines[0].startswith("1. 企业开办：承诺时限3个工作日（第3条）")
    # 饭馆 is a 非居民 keyword of 用电报装: the scenario's own words pick that variant.
    assert any("用电报装（非居民）：承诺时限15个工作日（第42条）" in line for line in lines)
    assert any("用水报装：承诺时限5个工作日（第46条）" in line for line in lines)
    assert any("燃气报装：承诺时限10个工作日（第46条）" in line for line in lines)
    # A service the plan gives no time limit says so, still with its 第N条.
    assert any("住所登记承诺制：《行动方案》未规定具体办理时限（第5条）" in line for line in lines)
    titles = [b["title"] for b in run.messages[0]["buttons"]]
    assert titles[:2] == ["企业开办", "住所登记承诺制"] and len(titles) == len(lines)
    assert run.messages[0]["custom"]["type"] == "life_event"
    assert run.slots["service"] is None


def test_checklist_figures_are_the_catalog_figures(run_action, db_session) -> None:
    """Every figure in the checklist is its service's catalog figure (none of the scenario's)."""
    from services_catalog.snapshot import build_snapshot

    snap = build_snapshot(db_session)
    run = run_action(ActionAnswerService(), asked("建厂房需要办哪些审批"))
    card = run.messages[0]["custom"]
    assert card["scenario"] == "build-factory"
    for step, line in zip(card["steps"], steps(run.texts[0]), strict=True):
        service = snap.services[step["slug"]]
        figures = set(re.findall(r"\d+个工作日", line))
        assert figures <= {t.text for t in service.time_limits}, line
        assert f"（第{step['item']}条）" in line


@pytest.mark.parametrize("action,intent", [(ActionSmallTalk(), "out_of_scope"),
                                           (ActionFallback(), "nlu_fallback"),
                                           (ActionSmallTalk(), "greet")])
def test_life_event_whatever_the_intent(run_action, action, intent: str) -> None:
    run = run_action(action, asked("你好，我想开家小超市，要跑哪些部门", intent))
    assert run.messages[0]["response"] == "utter_life_event"
    assert run.messages[0]["custom"]["scenario"] == "open-supermarket"


@pytest.mark.parametrize("text", ["建厂房的审批材料去哪交", "开饭馆，货车进城限行吗",
                                  "开诊所要多久"])
def test_one_service_question_stays_one_answer(run_action, text: str) -> None:
    """A service's fact (材料去哪交), a service the life event does not hold, or words that
    name a service as much as a life event (开诊所 is 医疗机构执业登记's alias)."""
    run = run_action(ActionAnswerService(), asked(text, "ask_time_limit"))
    assert run.messages[0]["response"] != "utter_life_event"


def test_a_service_asked_with_its_event_is_that_service(run_action) -> None:
    """开饭馆用电要多久 asks about 用电报装, and 饭馆 says which variant."""
    run = run_action(ActionAnswerService(), asked("开饭馆用电要多久", "ask_time_limit"))
    assert run.messages[0]["response"] != "utter_life_event"
    assert run.cards[0]["slug"] == "electricity-connection" and "15个工作日" in run.texts[0]


def test_a_plan_told_gets_the_checklist_led_by_the_service_named(run_action) -> None:
    run = run_action(ActionAnswerService(), asked("开奶茶店，门面是租的，要接燃气"))
    assert run.messages[0]["response"] == "utter_life_event"
    assert run.cards[0]["slug"] == "gas-connection"
    assert "燃气报装：承诺时限10个工作日（第46条）" in run.texts[0]


def test_several_services_named_in_a_story_join_the_checklist(run_action) -> None:
    run = run_action(ActionAnswerService(), asked(
        "今年想来昌吉开个饭馆，执照要办，后厨还要接燃气，货车进城送菜也要办，加起来多长时间"))
    card = run.messages[0]["custom"]
    assert card["scenario"] == "open-restaurant"
    slugs = [s["slug"] for s in card["several"]]
    assert slugs[0] == "company-registration" and slugs[-1] == "truck-access"
    assert card["slug"] == "gas-connection"  # the first one the message names (接燃气)


def test_a_stated_condition_stays_on_the_service(run_action) -> None:
    """我们是开饭馆的, after 用电报装: its 非居民 variant, not the restaurant checklist."""
    run = run_action(ActionAnswerService(),
                     asked("我们是开饭馆的", "inform_condition", service="electricity-connection"))
    assert run.messages[0]["response"] != "utter_life_event"
    assert "15个工作日" in run.texts[0]


@pytest.mark.parametrize("text,scenario", [
    ("客户欠了我们小企业一大笔货款一直不给，想起诉", "business-dispute"),
    ("最近来检查的部门太多了，三天两头来，生意没法做", "law-enforcement"),
    ("我是个体户，想扩大规模，缺钱也缺担保", "apply-loan"),
])
def test_a_situation_told_as_a_complaint_gets_what_the_plan_commits(
        run_action, text: str, scenario: str) -> None:
    """A grievance about a matter the plan addresses: 12345 is still offered, and the
    scenario's checklist (each step with its 第N条) follows, not a hand-off with no content."""
    from actions.conversation import ActionHandoff

    run = run_action(ActionHandoff(), asked(text, "complaint"))
    responses = [m["response"] for m in run.messages]
    assert responses[0] == "utter_complaint"
    assert "utter_life_event" in responses
    card = next(m["custom"] for m in run.messages if m["response"] == "utter_life_event")
    assert card["scenario"] == scenario and len(card["steps"]) >= 2


def test_a_complaint_about_staff_keeps_the_hand_off(run_action) -> None:
    from actions.conversation import ActionHandoff

    run = run_action(ActionHandoff(), asked("窗口工作人员态度太差了，我要投诉", "complaint"))
    responses = [m["response"] for m in run.messages]
    assert responses[0] == "utter_complaint" and "utter_life_event" not in responses
