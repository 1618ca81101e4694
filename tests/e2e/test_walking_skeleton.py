"""The real three processes: health, and the question every newcomer asks first."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.e2e


def test_health_reports_all_three_parts(live_stack) -> None:
    r = httpx.get(f"{live_stack.gateway_url}/healthz", timeout=10)
    assert r.status_code == 200
    body = r.json()
    assert (body["status"], body["rasa"], body["actions"], body["catalog"]) == (
        "ok", "ok", "ok", "ok")


def test_company_registration_time_limit_end_to_end(live_stack) -> None:
    r = httpx.post(f"{live_stack.gateway_url}/api/chat",
                   json={"sender": "skeleton-1", "message": "开公司要多久"}, timeout=30)
    assert r.status_code == 200
    body = r.json()
    assert body["sender"] == "skeleton-1"
    text = " ".join(m.get("text", "") for m in body["messages"])
    assert "3个工作日" in text
    assert "第3条" in text
    card = next(m["custom"] for m in body["messages"] if m.get("custom"))
    assert card["slug"] == "company-registration"


def test_context_condition_and_due_date_in_one_conversation(live_stack) -> None:
    def say(msg: str) -> tuple[str, list[dict]]:
        r = httpx.post(f"{live_stack.gateway_url}/api/chat",
                       json={"sender": "skeleton-2", "message": msg}, timeout=30)
        r.raise_for_status()
        messages = r.json()["messages"]
        return " ".join(m.get("text", "") for m in messages), messages

    text, _ = say("用水报装要多久")
    assert "5个工作日" in text
    text, _ = say("那燃气呢")
    assert "10个工作日" in text
    text, messages = say("办电要几天")
    titles = {b["title"] for m in messages for b in m.get("buttons") or []}
    assert {"居民", "非居民"} <= titles
    payload = next(b["payload"] for m in messages for b in m.get("buttons") or []
                   if b["title"] == "非居民")
    text, _ = say(payload)
    assert "15个工作日" in text
    text, _ = say("今天提交哪天能办完")
    assert "最晚" in text and "年" in text
