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
    # the console shows each step: service, 时限 and 第N条, the same figures as the script
    steps = {s["slug"]: s for s in event["steps"]}
    assert [s["slug"] for s in event["steps"]] == event["services"]
    assert steps["electricity-connection"] | {"note": ""} == {
        "slug": "electricity-connection", "name": "用电报装", "item": 42,
        "time_limit": "15个工作日", "condition": "非居民", "note": "", "basis": "第42条"}
    assert steps["address-commitment"]["time_limit"] is None
    slugs = [s["service"]["slug"] for s in body["suggestions"]]
    # nothing named and no step the words clearly mean: the checklist's own order
    assert slugs == event["services"][:5]
    assert body["explain"]["several"] == []  # the steps are the checklist's, not asked one by one
    company = next(s for s in body["suggestions"]
                   if s["service"]["slug"] == "company-registration")
    assert "3个工作日" in company["answer"] and company["citation"]["item"] == 3
    assert body["status"] == "ok"


@pytest.mark.usefixtures("as_agent")
async def test_assist_one_service_question_is_no_life_event(gateway) -> None:
    body = (await gateway.post("/api/assist", json={"text": "开诊所要带什么材料"})).json()
    assert "life_event" not in body
    assert body["suggestions"][0]["service"]["slug"] == "medical-institution-registration"


@pytest.mark.usefixtures("as_agent")
async def test_assist_a_business_owner_asking_about_another_service_gets_that_service(
        gateway) -> None:
    """Issue 15 point 10: the caller's business (小饭馆) is context; the question is a loan. The
    agent gets the loan's card and script first, not the restaurant's checklist."""
    text = "我们开了家小饭馆，没房子抵押，能不能凭每月流水贷点款周转？"
    body = (await gateway.post("/api/assist", json={"text": text})).json()
    assert "life_event" not in body
    assert body["suggestions"][0]["service"]["slug"] == "credit-loan"
    assert body["workorder"] is None or "饭馆" not in (body["workorder"].get("reply") or "")


@pytest.mark.usefixtures("as_agent")
async def test_assist_closing_down_puts_deregistration_first(gateway) -> None:
    """店不开了 is 注销's alias and 注销退出's trigger; 来回跑 names 一件事一次办 besides: the
    service the caller asks about (注销) comes first, the checklist stays."""
    text = "我们饭店不开了，想把公司注销，能不能网上一次办完，不想来回跑"
    body = (await gateway.post("/api/assist", json={"text": text})).json()
    slugs = [s["service"]["slug"] for s in body["suggestions"]]
    assert slugs[0] == "deregistration"
    assert "one-thing-once" in slugs
    assert body["life_event"]["slug"] == "close-business"


async def test_degraded_chat_gives_the_checklist(gateway) -> None:
    r = await gateway.post("/api/chat", json={"sender": "le-degraded",
                                              "message": "开个超市要办啥手续"})
    body = r.json()
    assert body["degraded"] is True
    checklist = body["messages"][1]
    assert checklist["custom"]["type"] == "life_event"
    assert checklist["custom"]["scenario"] == "open-supermarket"
    assert "企业开办：承诺时限3个工作日（第3条）" in checklist["text"]


@pytest.mark.usefixtures("as_agent")
async def test_assist_checklist_adds_the_other_matters_the_situation_touches(gateway) -> None:
    """A caller's situation (a tuning set's, dev_plan8 l008): a cooperative's loan, and the
    situation memory adds a matter the checklist lacks, 县乡村物流 (第60条), to script and
    `related`."""
    text = ("玛纳斯的一个种植合作社，社员三十几户，想拿土地承包经营权抵押贷点款买烘干设备。"
            "另外我们的葡萄干想卖到城里和网上，可村里快递到现在都不通，物流这块政府有规划吗")
    event = (await gateway.post("/api/assist", json={"text": text})).json()["life_event"]
    assert {"slug": "digital-economy-logistics", "name": "数字消费、平台经济与县乡村物流",
            "item": 60} in event["related"]
    script = event["script"]
    assert "您说的情况可能还涉及以下事项" in script and "（第60条）" in script
    assert "第60条" not in script.split("您说的情况")[0]  # only a matter the checklist lacks


@pytest.mark.usefixtures("as_agent")
async def test_assist_short_life_event_question_gets_no_related_matter(gateway) -> None:
    text = "来电人：我想开个饭馆，要办哪些手续"
    body = (await gateway.post("/api/assist", json={"text": text})).json()
    assert body["life_event"]["related"] == []
    assert "还涉及" not in body["life_event"]["script"]


# A restaurant owner's situation told at length (the one the browser test tells): the situation
# memory holds it, and the 连锁门店 matter (第6条) is not in the checklist the words ask for.
STORY = ("我在昌吉市区有家拌面馆，这两年生意还行，想在同一个区再弄两个门面，另外店门口打算摆台"
         "自动售货机，只卖瓶装水饮料那种。执照和食品证是不是都得一家一家重新申请？有没有省事点的做法")


async def test_degraded_mode_adds_the_matters_a_told_situation_also_touches(gateway) -> None:
    """Without Rasa the user still gets the related-matters bubble the action server sends: each
    line with its 第N条, after the catalog's answer; no buttons (they need Rasa)."""
    body = (await gateway.post("/api/chat", json={"sender": "deg-related",
                                                  "message": STORY})).json()
    assert body["degraded"] is True
    last = body["messages"][-1]
    assert last["custom"]["type"] == "related_matters" and last["custom"]["degraded"] is True
    assert last["text"].startswith("您说的情况可能还涉及以下事项")
    assert "1. " in last["text"] and "（第6条）" in last["text"]
    assert [s["item"] for s in last["custom"]["steps"]][0] == 6
    assert "buttons" not in last
    earlier = " ".join(m.get("text", "") for m in body["messages"][:-1])
    assert "第6条" not in earlier  # only what the answer lacked


async def test_degraded_mode_adds_no_matters_to_a_single_question(gateway) -> None:
    body = (await gateway.post("/api/chat", json={"sender": "deg-related-2",
                                                  "message": "我想开个饭馆，要办哪些手续"})).json()
    assert all((m.get("custom") or {}).get("type") != "related_matters" for m in body["messages"])
