"""Life events on the real three processes: 我想开个饭馆要办哪些手续 through /api/chat gets the
checklist (each service's time limit and 第N条 from the catalog), and its buttons ask about one
service each."""

from __future__ import annotations

import re

import httpx
import pytest

pytestmark = pytest.mark.e2e


def say(base: str, sender: str, message: str) -> list[dict]:
    r = httpx.post(f"{base}/api/chat", json={"sender": sender, "message": message}, timeout=60)
    r.raise_for_status()
    assert r.json().get("degraded") is not True, "Rasa did not answer: degraded mode"
    return r.json()["messages"]


def test_restaurant_question_gets_the_checklist_and_a_button_per_service(live_stack) -> None:
    base = live_stack.gateway_url
    say(base, "e2e-life-1", "你好")  # the first message after start-up may outlast the timeout
    messages = say(base, "e2e-life-1", "我想开个饭馆要办哪些手续")
    checklist = next(m for m in messages if (m.get("custom") or {}).get("type") == "life_event")
    text = checklist["text"]
    steps = [line for line in text.split("\n") if re.match(r"^\d+\. ", line)]
    assert steps[0].startswith("1. 企业开办：承诺时限3个工作日（第3条）")
    assert any("用电报装（非居民）：承诺时限15个工作日（第42条）" in s for s in steps)
    assert any("用水报装：承诺时限5个工作日（第46条）" in s for s in steps)
    assert any("住所登记承诺制：《行动方案》未规定具体办理时限（第5条）" in s for s in steps)
    assert "12345" in text
    card = checklist["custom"]
    assert card["scenario"] == "open-restaurant"
    assert [s["item"] for s in card["steps"]][:2] == [3, 5]
    buttons = {b["title"]: b["payload"] for b in checklist["buttons"]}
    assert len(buttons) == len(steps)
    # A button asks about that one service (the gateway accepts it: the bot offered it).
    follow = say(base, "e2e-life-1", buttons["燃气报装"])
    answer = next(m for m in follow if (m.get("custom") or {}).get("slug"))
    assert answer["custom"]["slug"] == "gas-connection"
    assert "10个工作日" in answer["text"] and "第46条" in answer["text"]


def test_a_service_question_with_a_life_event_is_that_service(live_stack) -> None:
    messages = say(live_stack.gateway_url, "e2e-life-2", "开饭馆用电要多久")
    assert not any((m.get("custom") or {}).get("type") == "life_event" for m in messages)
    answer = next(m for m in messages if (m.get("custom") or {}).get("slug"))
    assert answer["custom"]["slug"] == "electricity-connection"
    assert "15个工作日" in answer["text"]
