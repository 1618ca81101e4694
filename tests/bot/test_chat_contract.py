"""The /api/chat contract (docs/chat-api.openapi.json): the gateway's own OpenAPI agrees with it,
its examples and the mini-program's recorded fixtures keep it, and so do the in-process gateway's
real replies. The e2e half (live Rasa replies) is tests/e2e/test_miniprogram.py."""

from __future__ import annotations

import pytest

from tests.chat_contract import contract, fixtures, problems, validator

KINDS = {"service_card", "feedback", "handoff", "fallback", "out_of_scope", "degraded",
         "unavailable"}


def test_the_gateway_openapi_describes_the_same_request_and_reply() -> None:
    from bot.main import create_app

    app_doc = create_app().openapi()
    schemas = app_doc["components"]["schemas"]
    ours = contract()["components"]["schemas"]
    assert "/api/chat" in app_doc["paths"]
    for name in ("ChatIn", "ChatOut"):
        assert set(schemas[name]["properties"]) == set(ours[name]["properties"]), name
        assert set(schemas[name].get("required", [])) == set(ours[name]["required"]), name
    assert schemas["ChatIn"]["properties"]["sender"]["pattern"] == \
        ours["ChatIn"]["properties"]["sender"]["pattern"]
    assert set(schemas["BotMessage"]["properties"]) == set(ours["BotMessage"]["properties"])
    assert set(schemas["Button"]["properties"]) == set(ours["Button"]["properties"])
    responses = contract()["paths"]["/api/chat"]["post"]["responses"]
    assert set(responses) == {"200", "413", "422", "429"}


def test_every_example_keeps_the_contract_and_every_kind_has_one() -> None:
    responses = contract()["paths"]["/api/chat"]["post"]["responses"]
    seen: set[str] = set()
    for status, r in responses.items():
        examples = r["content"]["application/json"]["examples"]
        assert examples, f"no example for {status}"
        for name, ex in examples.items():
            assert problems(int(status), ex["value"]) == [], name
            for m in ex["value"].get("messages", []):
                seen.add((m.get("custom") or {}).get("type", "text"))
    # Every message kind a client renders has a recorded example, except "unavailable" and
    # "fallback", which need a failing action server or two misses in a row.
    assert KINDS - {"unavailable", "fallback"} <= seen


@pytest.mark.parametrize("name", sorted(fixtures()))
def test_recorded_fixture_keeps_the_contract(name: str) -> None:
    fx = fixtures()[name]
    assert fx["exchanges"], name
    for ex in fx["exchanges"]:
        assert problems(ex["status"], ex["body"]) == []
        if ex["status"] == 200:
            assert ex["body"]["sender"] == ex["request"]["sender"]


def test_the_schema_rejects_what_a_client_could_not_render() -> None:
    """The contract is strict enough to catch a changed reply shape."""
    ok = {"sender": "s", "messages": [{"text": "hi"}]}
    assert problems(200, ok) == []
    assert problems(200, {"sender": "s", "messages": [{}]})  # an empty message
    assert problems(200, {"sender": "s", "messages": [{"custom": {"type": "carousel"}}]})
    assert problems(200, {"sender": "s", "messages": [{"buttons": [{"title": "x"}]}]})
    assert problems(200, {"sender": "s", "messages": [{"text": None}]})  # null instead of absent
    related = {"type": "related_matters", "steps": [
        {"slug": None, "name": "x", "item": 6, "citation": {"item": 6, "text": "t"}}]}
    assert problems(200, {"sender": "s", "messages": [{"custom": related}]}) == []
    assert problems(200, {"sender": "s", "messages": [{"custom": {**related, "steps": []}}]})
    assert problems(200, {"sender": "s", "messages": [{"custom": {"type": "life_event"}}]})
    card = {"type": "service_card", "slug": "x", "name": "x", "citation": {"item": 3, "text": "t"},
            "time_limits": [{"amount": "三", "unit": "工作日"}]}
    assert problems(200, {"sender": "s", "messages": [{"custom": card}]})
    assert problems(429, {"message": "slow down"})
    assert validator("ChatIn").is_valid({"sender": "mp-1", "message": "开公司要多久"})
    assert not validator("ChatIn").is_valid({"sender": "bad sender", "message": "x"})


@pytest.mark.parametrize("message", ["开公司要多久", "用电报装要多久", "今天天气怎么样",
                                     "用水报装在哪办"])
async def test_in_process_gateway_replies_keep_the_contract(gateway, message: str) -> None:
    r = await gateway.post("/api/chat", json={"sender": "contract-1", "message": message})
    assert r.status_code == 200
    assert problems(200, r.json()) == []


async def test_in_process_gateway_errors_keep_the_contract(gateway) -> None:
    r = await gateway.post("/api/chat", json={"sender": "contract-2", "message": "长" * 501})
    assert (r.status_code, problems(413, r.json())) == (413, [])
    r = await gateway.post("/api/chat", json={"sender": "contract 2", "message": "hi"})
    assert (r.status_code, problems(422, r.json())) == (422, [])


# A situation told at length (the browser test's): the 连锁门店 checklist, then related matters.
STORY = ("我在昌吉市区有家拌面馆，这两年生意还行，想在同一个区再弄两个门面，另外店门口打算摆台"
         "自动售货机，只卖瓶装水饮料那种。执照和食品证是不是都得一家一家重新申请？有没有省事点的做法")


@pytest.mark.parametrize(("message", "kind"), [
    ("我想开个饭馆，要办哪些手续", "life_event"),
    (STORY, "related_matters"),
])
async def test_checklist_and_related_matters_replies_keep_the_contract(
        gateway, message: str, kind: str) -> None:
    """The contract documents the life-event checklist and the related-matters bubble the bot
    sends (here the in-process gateway's degraded replies; live ones: tests/e2e)."""
    r = await gateway.post("/api/chat", json={"sender": "contract-3", "message": message})
    body = r.json()
    assert kind in {(m.get("custom") or {}).get("type") for m in body["messages"]}, body
    assert problems(200, body) == []
    assert kind in contract()["components"]["schemas"]["Custom"]["discriminator"]["mapping"]
