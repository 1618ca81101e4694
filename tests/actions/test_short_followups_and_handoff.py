"""A service card is shown once per conversation; the hand-off summary is the user's questions."""

from __future__ import annotations

from typing import Any

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionHandoff
from tests.actions.conftest import load_tracker


def user(text: str, intent: str) -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def bot_card(slug: str, name: str) -> dict[str, Any]:
    return {"event": "bot", "text": "…",
            "data": {"custom": {"type": "service_card", "slug": slug, "name": name}}}


def gas_follow_up(text: str, intent: str, shown: bool) -> Any:
    events = [user("燃气报装要多久", "ask_time_limit")]
    if shown:
        events.append(bot_card("gas-connection", "燃气报装"))
    events.append(user(text, intent))
    return load_tracker(
        "followup_gas", events=events,
        slots={"service": "gas-connection", "question": "time_limit", "condition": None,
               "misses": 0},
        latest_message={"text": text, "intent": {"name": intent}, "entities": []},
    )


def test_a_follow_up_after_the_card_answers_the_field_only(run_action) -> None:
    run = run_action(ActionAnswerService(), gas_follow_up("在哪办", "ask_channel", shown=True))
    custom = run.messages[0]["custom"]
    assert custom["type"] == "field_answer" and custom["slug"] == "gas-connection"
    assert "time_limits" not in custom and "departments" not in custom
    text = run.texts[0]
    assert "报装窗口" in text
    # the tail names the lead unit only: the card above lists every responsible unit
    assert "州市场监督管理局" not in text and "州住建局、水利局" in text


def test_the_first_answer_about_a_service_has_its_card(run_action) -> None:
    run = run_action(ActionAnswerService(), gas_follow_up("在哪办", "ask_channel", shown=False))
    assert run.messages[0]["custom"]["type"] == "service_card"
    assert "州市场监督管理局" in run.texts[0]


def test_bubble_and_card_cite_the_same_task(run_action) -> None:
    # 燃气报装's fee answer rests on 第91条 (取消报装费…), its price supervision lines on 第45条,
    # its time limit on 第46条: the card used to say 第46条 under a fee answer citing another.
    run = run_action(ActionAnswerService(), gas_follow_up("收费吗", "ask_fee", shown=False))
    assert run.texts[0].startswith("不收费。") and "第45条" in run.texts[0]
    assert "依据：《行动方案（2023—2025年）》第91条" in run.texts[0]
    citation = run.messages[0]["custom"]["citation"]
    assert citation["item"] == 91 and "报装费" in citation["text"]
    run = run_action(ActionAnswerService(), gas_follow_up("要多久", "ask_time_limit", shown=True))
    assert "第46条" in run.texts[0] and run.messages[0]["custom"]["citation"]["item"] == 46


def test_handoff_summary_is_the_real_question_and_the_service(run_action) -> None:
    events = [
        {"event": "action", "name": "action_session_start"},
        user("你好", "greet"),
        user("开公司要多久", "ask_time_limit"),
        bot_card("company-registration", "企业开办"),
        user('/feedback_satisfied', "feedback_satisfied"),
        user("转人工", "human_handoff"),
    ]
    tracker = load_tracker(
        "context_channel", events=events,
        latest_message={"text": "转人工", "intent": {"name": "human_handoff"}, "entities": []},
    )
    run = run_action(ActionHandoff(), tracker)
    custom = run.messages[0]["custom"]
    assert custom["type"] == "handoff"
    assert "开公司要多久" in custom["summary"] and "企业开办" in custom["summary"]
    assert "你好" not in custom["summary"] and "转人工" not in custom["summary"]
    assert custom["summary"] in run.texts[0]
