"""The real three processes: a service's card once per conversation, an honest hand-off, and a
two-question caller utterance's work order."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.evaluate import staff_headers

pytestmark = pytest.mark.e2e


def say(base: str, sender: str, message: str) -> list[dict]:
    r = httpx.post(f"{base}/api/chat", json={"sender": sender, "message": message}, timeout=30)
    r.raise_for_status()
    return r.json()["messages"]


def cards(messages: list[dict]) -> list[dict]:
    return [m["custom"] for m in messages
            if (m.get("custom") or {}).get("type") == "service_card"]


def test_gas_then_where_is_a_short_field_answer_without_a_second_card(live_stack) -> None:
    first = say(live_stack.gateway_url, "e2e-short-1", "燃气报装")
    assert [c["slug"] for c in cards(first)] == ["gas-connection"]
    follow = say(live_stack.gateway_url, "e2e-short-1", "在哪办")
    assert cards(follow) == []  # no second card
    answer = next(m for m in follow if (m.get("custom") or {}).get("slug"))
    assert answer["custom"]["type"] == "field_answer"
    assert answer["custom"]["slug"] == "gas-connection"
    assert "报装窗口" in answer["text"]
    assert "州市场监督管理局" not in answer["text"]  # not the five-bureau list again
    # bubble and card cite the same task
    assert f"第{answer['custom']['citation']['item']}条" in answer["text"]


def test_handoff_after_a_real_question_summarises_that_question(live_stack) -> None:
    base = live_stack.gateway_url
    say(base, "e2e-handoff-1", "你好")
    say(base, "e2e-handoff-1", "开公司要多久")
    messages = say(base, "e2e-handoff-1", "转人工")
    handoff = next(m for m in messages if (m.get("custom") or {}).get("type") == "handoff")
    summary = handoff["custom"]["summary"]
    assert "开公司要多久" in summary and "企业开办" in summary
    assert "你好" not in summary and "转人工" not in summary
    assert "12345" in handoff["text"]


def test_two_question_caller_utterance_gets_a_work_order(live_stack) -> None:
    r = httpx.post(f"{live_stack.gateway_url}/api/assist", timeout=30, headers=staff_headers(),
                   json={"text": "喂，你好，我们厂要通天然气，多久能通，要交什么钱不"})
    r.raise_for_status()
    wo = r.json()["workorder"]
    assert wo["category"] == "咨询" and wo["services"] == ["gas-connection"]
    assert wo["handling_unit"] == "州住建局、水利局"
    assert "10个工作日" in wo["reply"] and "燃气价格" in wo["reply"]
    assert "依据" not in wo["reply"]
    for s in r.json()["suggestions"]:
        assert s["confidence"] < 1
