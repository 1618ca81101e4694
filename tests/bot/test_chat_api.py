"""/api/chat input handling and its degraded mode (no Rasa behind the in-process gateway)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from services_catalog.models import ChatLog


async def test_degraded_mode_answers_catalog_questions_and_offers_12345(gateway) -> None:
    r = await gateway.post("/api/chat", json={"sender": "deg-1", "message": "开公司要多久"})
    assert r.status_code == 200
    body = r.json()
    assert body["degraded"] is True
    text = " ".join(m.get("text", "") for m in body["messages"])
    assert "3个工作日" in text and "12345" in text
    card = next(m["custom"] for m in body["messages"] if (m.get("custom") or {}).get("slug"))
    assert card["slug"] == "company-registration" and card["degraded"] is True


@pytest.mark.parametrize(
    "body",
    [
        {"sender": "x", "message": ""},
        {"sender": "x", "message": "   \n\t "},
        {"sender": "x", "message": "\x00\x01\x02"},
        {"sender": "x"},
        {"message": "开公司要多久"},
        {"sender": 5, "message": "开公司要多久"},
        {"sender": "x", "message": ["开公司"]},
        {"sender": "bad sender <script>", "message": "hi"},
        {"sender": "x" * 81, "message": "hi"},
    ],
)
async def test_bad_input_is_a_clear_4xx(gateway, body) -> None:
    r = await gateway.post("/api/chat", json=body)
    assert r.status_code == 422
    assert r.json()["detail"]


async def test_non_json_body_is_rejected(gateway) -> None:
    r = await gateway.post("/api/chat", content=b"\xff\xfe not json",
                           headers={"content-type": "application/json"})
    assert r.status_code in (400, 422) and r.json()["detail"]


async def test_too_long_message_gets_413_and_nothing_is_stored(gateway, db_session) -> None:
    r = await gateway.post("/api/chat", json={"sender": "long-1", "message": "开" * 501})
    assert r.status_code == 413 and "500" in r.json()["detail"]
    assert db_session.scalar(select(ChatLog).where(ChatLog.sender == "long-1")) is None


async def test_personal_data_is_masked_before_it_is_stored(gateway, db_session) -> None:
    msg = "我的身份证652301199001011234，电话13912345678，开公司要多久"
    r = await gateway.post("/api/chat", json={"sender": "mask-1", "message": msg})
    assert r.status_code == 200
    row = db_session.scalar(select(ChatLog).where(ChatLog.sender == "mask-1"))
    assert "199001011234" not in row.text and "13912345678" not in row.text
    assert "652301********1234" in row.text and "139****5678" in row.text


async def test_injection_and_html_are_just_text(gateway) -> None:
    for msg in ["'; DROP TABLE services; --", "<script>alert(1)</script>", "😀😀😀"]:
        r = await gateway.post("/api/chat", json={"sender": "inj-1", "message": msg})
        assert r.status_code == 200
    r = await gateway.get("/api/services/company-registration")
    assert r.status_code == 200


def test_rate_limit_memory_forgets_idle_senders() -> None:
    from bot import ratelimit

    for i in range(50):
        ratelimit._allow_local(f"sender:idle-{i}", 10, now=0.0)
    ratelimit._sweep(now=ratelimit.WINDOW_S + 1)
    assert not [k for k in ratelimit._hits if k.startswith("sender:idle-")]


@pytest.mark.parametrize("payload", ["/feedback_satisfied", "/feedback_unsatisfied",
                                     ' /feedback_satisfied{"service":"x"}', "/greet"])
async def test_a_payload_the_bot_never_offered_is_refused(gateway, db_session, payload) -> None:
    """Finding 9: raw Rasa payloads cannot be posted to inflate 好差评 ratings."""
    from services_catalog.models import Feedback

    sender = f"rating-{abs(hash(payload))}"
    r = await gateway.post("/api/chat", json={"sender": sender, "message": payload})
    assert r.status_code == 422
    assert "按钮" in r.json()["detail"]
    assert db_session.scalar(select(Feedback).where(Feedback.sender == sender)) is None
    assert db_session.scalar(select(ChatLog).where(ChatLog.sender == sender)) is None


async def test_offered_buttons_are_accepted_and_a_rating_only_once() -> None:
    from bot.offered import OfferedButtons, offered_payloads

    store = OfferedButtons()
    buttons = [("满意", "/feedback_satisfied"), ("不满意", "/feedback_unsatisfied"),
               ("居民", '/inform_condition{"c":"居民"}'), ("示例", "开公司要多久")]
    reply = [{"text": "…", "buttons": [{"title": t, "payload": p} for t, p in buttons]}]
    await store.remember("s1", offered_payloads(reply))
    assert not await store.take("s2", "/feedback_satisfied")  # another conversation
    assert await store.take("s1", '/inform_condition{"c":"居民"}')
    assert await store.take("s1", '/inform_condition{"c":"居民"}')  # a choice may be re-clicked
    assert await store.take("s1", "/feedback_unsatisfied")
    assert not await store.take("s1", "/feedback_satisfied")  # one rating per answer
    await store.remember("s1", offered_payloads(reply))  # offered again with the next answer
    assert await store.take("s1", "/feedback_satisfied")


async def test_requests_beyond_the_in_flight_cap_get_503(monkeypatch) -> None:
    """Finding 6: a global cap on chat/assist being answered at once. Rasa here is a real
    socket that accepts and never answers, so the first request holds its slot."""
    import asyncio

    import httpx

    from bot.main import create_app
    from bot.rasa_client import RasaClient
    from bot.settings import get_settings

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(5)
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    settings = get_settings()
    monkeypatch.setattr(settings, "max_inflight", 1)
    app = create_app()
    async with server, app.router.lifespan_context(app):
        await app.state.rasa.close()
        app.state.rasa = RasaClient(settings.model_copy(update={
            "rasa_urls": [f"http://127.0.0.1:{port}"], "rasa_timeout_s": 1.5}))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            slow = asyncio.create_task(client.post(
                "/api/chat", json={"sender": "cap-1", "message": "开公司要多久"}))
            await asyncio.sleep(0.3)
            r = await client.post("/api/chat", json={"sender": "cap-2", "message": "开公司要多久"})
            assert r.status_code == 503 and r.headers["retry-after"] == "1"
            assert (await slow).status_code == 200  # degraded after Rasa's timeout
            r = await client.post("/api/chat", json={"sender": "cap-3", "message": "你好"})
            assert r.status_code != 503  # the slot was given back

async def test_degraded_mode_tells_another_region_we_cover_changji(gateway) -> None:
    r = await gateway.post("/api/chat",
                           json={"sender": "deg-region", "message": "上海开公司要多久"})
    body = r.json()
    text = " ".join(m.get("text", "") for m in body["messages"])
    assert body["degraded"] is True
    assert "上海" in text and "昌吉州" in text and "12345" in text
    assert "3个工作日" not in text
    assert not any((m.get("custom") or {}).get("slug") for m in body["messages"])
    assert not any(m.get("buttons") for m in body["messages"])


@pytest.mark.parametrize(("message", "expected", "absent"), [
    ("开公司要钱吗", "免费。", "3个工作日"),
    ("燃气报装要交钱吗", "不收费。", "10个工作日"),  # 第91条 cancels 报装费
    ("燃气报装电话多少", "未写明燃气报装的联系电话", "10个工作日"),
    ("你们局长叫什么名字", "未写明工作人员或负责人的姓名", "哪项业务"),
])
async def test_degraded_mode_answers_plainly(gateway, message, expected, absent) -> None:
    r = await gateway.post("/api/chat", json={"sender": "deg-plain", "message": message})
    text = " ".join(m.get("text", "") for m in r.json()["messages"])
    assert expected in text and absent not in text and "12345" in text


async def test_degraded_mode_answers_each_service_asked(gateway) -> None:
    r = await gateway.post("/api/chat", json={"sender": "deg-several",
                                              "message": "企业开办和用水报装分别要多久"})
    text = " ".join(m.get("text", "") for m in r.json()["messages"])
    assert "3个工作日（第3条" in text and "5个工作日（第46条：“用水报装压缩至5个工作日内”）" in text
