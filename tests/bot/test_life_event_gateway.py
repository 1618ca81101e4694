"""Life events through the gateway without Rasa: /api/assist (an agent's suggestions and the
checklist script) and /api/chat's degraded mode (the checklist from the catalog)."""

from __future__ import annotations

import pytest


@pytest.mark.usefixtures("as_agent")
async def test_assist_suggests_each_service_of_the_life_event_and_the_checklist(gateway) -> None:
    r = await gateway.post("/api/assist", json={"text": "来电人：我想开个饭馆，要办哪些手续"})
    assert r.status_code == 200
    body = r.json()
    event = body["life_event"]
    assert event["slug"] == "open-restaurant"
    assert "1. 企业开办：承诺时限3个工作日（第3条）" in event["script"]
    assert "用电报装（非居民）：承诺时限15个工作日（第42条）" in event["script"]
    slugs = [s["service"]["slug"] for s in body["suggestions"]]
    assert len(slugs) == 5 and set(slugs) <= set(event["services"])
    company = next(s for s in body["suggestions"]
                   if s["service"]["slug"] == "company-registration")
    assert "3个工作日" in company["answer"] and company["citation"]["item"] == 3
    assert body["status"] == "ok"


@pytest.mark.usefixtures("as_agent")
async def test_assist_one_service_question_is_no_life_event(gateway) -> None:
    body = (await gateway.post("/api/assist", json={"text": "开诊所要带什么材料"})).json()
    assert "life_event" not in body
    assert body["suggestions"][0]["service"]["slug"] == "medical-institution-registration"


async def test_degraded_chat_gives_the_checklist(gateway) -> None:
    r = await gateway.post("/api/chat", json={"sender": "le-degraded",
                                              "message": "开个超市要办啥手续"})
    body = r.json()
    assert body["degraded"] is True
    checklist = body["messages"][1]
    assert checklist["custom"]["type"] == "life_event"
    assert checklist["custom"]["scenario"] == "open-supermarket"
    assert "企业开办：承诺时限3个工作日（第3条）" in checklist["text"]
