"""/api/assist for hotline agents (catalog search only: no Rasa behind the in-process gateway).

Every call but the 401 ones is made as a logged-in agent (role `agent`, the lowest).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.settings import get_settings
from services_catalog.models import AssistCopy
from tests.bot.test_admin_auth import auth, make_staff

pytestmark = pytest.mark.usefixtures("as_agent")


async def test_assist_needs_a_login(gateway) -> None:
    """Finding 9: no login → 401 on every assist endpoint, and nothing is recorded."""
    del gateway.headers["Authorization"]
    for path, body in (("/api/assist", {"text": "接自来水要多久"}),
                       ("/api/assist/copy", {"slug": "gas-connection", "rank": 1}),
                       ("/api/assist/nomatch", {"text": "我想问个别的事"})):
        r = await gateway.post(path, json=body)
        assert r.status_code == 401, r.text
        assert r.headers["www-authenticate"] == "Bearer"
        r = await gateway.post(path, json=body, headers=auth("not-a-token"))
        assert r.status_code == 401


async def test_an_agent_may_assist_but_not_administer(gateway) -> None:
    assert (await gateway.post("/api/assist", json={"text": "办电要多久"})).status_code == 200
    assert (await gateway.get("/api/admin/me")).json()["role"] == "agent"
    for path in ("/api/admin/services", "/api/admin/audit", "/api/admin/staff"):
        assert (await gateway.get(path)).status_code == 403, path


async def test_assist_is_limited_per_account_not_per_address(gateway, monkeypatch) -> None:
    """Finding 6: the agents of one 12345 centre share an address; each has its own budget."""
    settings = get_settings()
    monkeypatch.setattr(settings, "chat_per_minute_per_ip", 3)
    monkeypatch.setattr(settings, "assist_per_minute_per_account", 4)
    first, second = make_staff("agent")[1], make_staff("agent")[1]
    codes = [(await gateway.post("/api/assist", json={"text": "开公司要多久"},
                                 headers=auth(first))).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 200, 429]
    r = await gateway.post("/api/assist", json={"text": "开公司要多久"}, headers=auth(second))
    assert r.status_code == 200


async def test_assist_returns_a_script_with_figures_and_citation(gateway) -> None:
    r = await gateway.post("/api/assist", json={"text": "喂，你好，嗯那个接自来水要多久"})
    assert r.status_code == 200
    top = r.json()["suggestions"][0]
    assert top["service"]["slug"] == "water-connection"
    # the spoken script has no citation tail: the 第N条 is on the card
    assert "5个工作日" in top["answer"] and "第46条" not in top["answer"]
    assert top["citation"]["item"] == 46
    assert 0 < top["confidence"] <= 1
    assert top["due_date"]["date"] > "2000-01-01"


async def test_assist_lists_every_variant_when_a_condition_decides(gateway) -> None:
    r = await gateway.post("/api/assist", json={"text": "办电要多久"})
    top = r.json()["suggestions"][0]
    assert top["service"]["slug"] == "electricity-connection"
    assert "5个工作日" in top["answer"] and "15个工作日" in top["answer"]
    assert {d["condition"] for d in top["due_dates"]} == {"居民", "非居民"}


async def test_transcript_ignores_the_agents_own_lines(gateway) -> None:
    text = ("坐席：您好，12345政务服务便民热线。\n来电人：嗯，我想问一下。\n"
            "来电人：就是我们公司不想干了，要注销公司，得多长时间？\n坐席：好的您稍等。")
    r = await gateway.post("/api/assist", json={"text": text})
    assert r.json()["suggestions"][0]["service"]["slug"] == "deregistration"


async def test_a_caller_saying_12345_is_on_the_call_not_asking_about_the_hotline(gateway) -> None:
    text = ("坐席：您好。\n来电人：喂，是12345吧？\n"
            "来电人：我们厂里要新装个天然气灶，燃气报装得多少天？")
    slugs = [s["service"]["slug"] for s in
             (await gateway.post("/api/assist", json={"text": text})).json()["suggestions"]]
    assert slugs[0] == "gas-connection" and "hotline-12345" not in slugs
    # Asked outright, the hotline is still found.
    r = await gateway.post("/api/assist", json={"text": "12345热线晚上有人接吗"})
    assert r.json()["suggestions"][0]["service"]["slug"] == "hotline-12345"


async def test_a_caller_confirming_the_agents_question_makes_it_the_need(gateway) -> None:
    text = ("坐席：您好，12345热线。\n来电人：我那边新租的厂房没有水。\n"
            "坐席：您是要申请接自来水是吗？\n来电人：对对对，就是这个，几天能通？")
    top = (await gateway.post("/api/assist", json={"text": text})).json()["suggestions"][0]
    assert top["service"]["slug"] == "water-connection"


async def test_copy_click_is_recorded(gateway, db_session) -> None:
    r = await gateway.post("/api/assist/copy",
                           json={"slug": "gas-connection", "rank": 2, "query": "通燃气要几天"})
    assert r.status_code == 201
    row = db_session.get(AssistCopy, r.json()["id"])
    assert (row.slug, row.rank) == ("gas-connection", 2)
    r = await gateway.post("/api/assist/copy", json={"slug": "nope", "rank": 1})
    assert r.status_code == 404
    assert db_session.scalar(select(AssistCopy).where(AssistCopy.slug == "nope")) is None


async def test_assist_bad_input(gateway) -> None:
    for body in ({}, {"text": ""}, {"text": "   "}, {"text": 3}):
        r = await gateway.post("/api/assist", json=body)
        assert r.status_code == 422
    r = await gateway.post("/api/assist", json={"text": "开" * 4001})
    assert r.status_code == 413


async def test_assist_on_another_region_gives_no_changji_card(gateway) -> None:
    r = await gateway.post("/api/assist", json={"text": "来电人：北京那边用电报装要多久？"})
    assert r.status_code == 200
    body = r.json()
    assert body["suggestions"] == []
    assert body["scope"]["region"] == "北京"
    assert "昌吉州" in body["scope"]["answer"] and "12345" in body["scope"]["answer"]


async def test_assist_says_the_plan_has_no_phone_number(gateway) -> None:
    r = await gateway.post("/api/assist", json={"text": "燃气报装那边的电话是多少"})
    top = r.json()["suggestions"][0]
    assert top["service"]["slug"] == "gas-connection"
    assert "未写明" in top["answer"] and "12345" in top["answer"]


async def test_assist_gives_one_suggestion_per_service_asked(gateway) -> None:
    r = await gateway.post("/api/assist", json={"text": "来电人：开公司和接水分别要多久？"})
    suggestions = r.json()["suggestions"]
    assert [s["service"]["slug"] for s in suggestions] == ["company-registration",
                                                           "water-connection"]
    assert "3个工作日" in suggestions[0]["answer"] and "5个工作日" in suggestions[1]["answer"]
    assert "5个工作日" not in suggestions[0]["answer"]


async def test_assist_on_a_greeting_alone_suggests_nothing(gateway) -> None:
    r = await gateway.post("/api/assist", json={"text": "喂，你好"})
    assert r.status_code == 200 and r.json()["suggestions"] == []


async def test_assist_explains_candidates_and_evidence(gateway) -> None:
    """The console's 'why': the search's candidates with scores, and the plan's clause that
    addresses the caller's words, with its task number."""
    r = await gateway.post("/api/assist", json={"text": "开公司能不能远程验证身份"})
    assert r.status_code == 200
    explain = r.json()["explain"]
    top = explain["candidates"][0]
    assert top["slug"] == "company-registration" and 0 < top["score"] <= 1 and top["kind"]
    clauses = explain["evidence"]["company-registration"]
    assert clauses[0]["item"] == 3 and "远程等多种身份验证方式" in clauses[0]["text"]
    r = await gateway.post("/api/assist", json={"text": "开公司和接水分别要多久"})
    assert r.json()["explain"]["several"] == ["company-registration", "water-connection"]


async def test_the_card_names_the_decision_a_figure_rests_on(gateway) -> None:
    """The console shows the suggestion's `basis`, as the widget shows the card's: a time limit
    staff set from a later decision names that decision, not only the plan's 第N条."""
    from tests.bot.test_admin_services import create

    decision = {"kind": "decision", "document": "昌吉州关于进一步压缩办理时间的通知",
                "date": "2026-01-20"}
    svc = await create(gateway, time_limits=[{"amount": 2, "unit": "工作日", "item": 3,
                                              "basis": decision}])
    r = await gateway.post("/api/assist", json={"text": f"{svc['name']}要多久"})
    top = r.json()["suggestions"][0]
    assert top["service"]["slug"] == svc["slug"]
    assert top["basis"] == "《昌吉州关于进一步压缩办理时间的通知》（2026年1月20日）"
    assert top["citation"]["item"] == 3
    r = await gateway.post("/api/assist", json={"text": "接自来水要多久"})
    assert r.json()["suggestions"][0]["basis"].endswith("第46条")  # the plan, with its period


async def test_a_checklist_step_names_its_basis(gateway) -> None:
    r = await gateway.post("/api/assist", json={"text": "我想开个饭馆，要办哪些手续"})
    steps = r.json()["life_event"]["steps"]
    assert steps and all(s["basis"] == f"第{s['item']}条" for s in steps)


async def test_the_agents_lines_never_drive_whatever_the_label_shape(gateway) -> None:
    for text in ("【坐席】您好，12345政务服务热线。\n【来电人】我们公司不想干了，注销要多长时间？",
                 "A：您好，12345热线，请问有什么可以帮您？\nB：你好，我想问一下开公司要几天。",
                 "[00:01] 客服：您好，12345。\n[00:04] 市民：新房子要通燃气，燃气报装要多久？"):
        top = (await gateway.post("/api/assist", json={"text": text})).json()["suggestions"][0]
        assert top["service"]["slug"] != "hotline-12345", text


async def test_a_transcript_of_greetings_suggests_nothing(gateway) -> None:
    text = "坐席：您好，12345热线。\n来电人：喂，你好。\n坐席：您好，请讲。\n来电人：喂？听得见吗？"
    body = (await gateway.post("/api/assist", json={"text": text})).json()
    assert body["status"] == "greeting" and body["suggestions"] == []


async def test_each_service_asked_in_a_transcript_gets_its_own_answer(gateway) -> None:
    text = ("坐席：您好，12345热线。\n来电人：你好，我问两个事。接自来水要多久？\n"
            "坐席：嗯，还有呢？\n来电人：还有燃气报装要交钱不？")
    body = (await gateway.post("/api/assist", json={"text": text})).json()
    by_slug = {s["service"]["slug"]: s for s in body["suggestions"]}
    assert [s["service"]["slug"] for s in body["suggestions"]][:2] == [
        "water-connection", "gas-connection"]
    assert "5个工作日" in by_slug["water-connection"]["answer"]
    assert "收费" not in by_slug["water-connection"]["answer"]
    gas = by_slug["gas-connection"]["answer"]
    assert "收费" in gas and "10个工作日" not in gas


async def test_the_callers_question_leads_not_the_story_around_it(gateway) -> None:
    """A service only the story's lines name (劳动仲裁) is the setting; the question line asks
    about another (开个小公司，营业执照几天能办下来) — its service leads, its question is asked."""
    text = ("坐席：您好，12345热线。\n"
            "来电人：我在工地干活，之前那个老板不给工钱，我去劳动仲裁了。\n"
            "坐席：嗯。\n来电人：现在我想自己开个小公司，营业执照几天能办下来？")
    body = (await gateway.post("/api/assist", json={"text": text})).json()
    assert body["suggestions"][0]["service"]["slug"] == "company-registration"
    assert body["questions"] == ["time_limit"]  # 不给工钱 in the story asks no fee
