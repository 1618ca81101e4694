"""Several services in one message: one compact line each, with its own figure and 第N条."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from tests.actions.conftest import load_tracker


def asked(text: str, intent: str = "ask_time_limit"):
    return load_tracker("company_time_limit", sender_id=f"sev-{abs(hash(text))}",
                        latest_message={"text": text, "intent": {"name": intent},
                                        "entities": []})


def test_two_services_each_get_their_line(run_action) -> None:
    run = run_action(ActionAnswerService(), asked("企业开办和用水报装分别要多久"))
    assert run.messages[0]["response"] == "utter_several"
    lines = run.texts[0].split("\n")[1:]
    assert len(lines) == 2
    assert "企业开办" in lines[0] and "3个工作日" in lines[0] and "第3条" in lines[0]
    assert "用水报装" in lines[1] and "5个工作日" in lines[1] and "第46条" in lines[1]
    assert [s["slug"] for s in run.cards[0]["several"]] == ["company-registration",
                                                            "water-connection"]


def test_three_services_with_variants_listed(run_action) -> None:
    run = run_action(ActionAnswerService(), asked("用水、用电、燃气报装各要几天"))
    lines = run.texts[0].split("\n")[1:]
    assert len(lines) == 3
    assert "5个工作日" in lines[0]
    assert "居民5个工作日" in lines[1] and "非居民15个工作日" in lines[1] and "第42条" in lines[1]
    assert "10个工作日" in lines[2]


def test_several_fee_questions_get_each_fee(run_action) -> None:
    run = run_action(ActionAnswerService(), asked("注册公司和注销公告收费吗", "ask_fee"))
    lines = run.texts[0].split("\n")[1:]
    assert len(lines) == 2 and all("免费" in line and "第4条" in line for line in lines)


@pytest.mark.parametrize("text", ["公司注销要多久", "办营业执照需要交社保吗"])
def test_one_service_named_twice_or_in_passing_is_one_answer(run_action, text: str) -> None:
    run = run_action(ActionAnswerService(), asked(text))
    assert run.messages[0]["response"] != "utter_several"


def test_asking_whether_two_go_together_is_one_question(run_action) -> None:
    run = run_action(ActionAnswerService(), asked("买房交税和过户能在一个窗口办吗", "ask_channel"))
    assert run.messages[0]["response"] != "utter_several"
