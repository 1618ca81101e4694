"""Hand-offs are counted as hand-offs: a user who asks for a person (转人工) was not left
unanswered; a hand-off because the bot missed twice was. The gateway talks to a real HTTP server
standing in for Rasa (the replies are the action server's cards), then analytics reads the log."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import select

from bot.main import create_app
from bot.rasa_client import RasaClient
from bot.settings import get_settings
from services_catalog.config import get_catalog_settings
from services_catalog.db import session_scope
from services_catalog.models import ChatLog

ADMIN = {"Authorization": f"Bearer {get_settings().catalog_admin_token}"}
HANDOFF_TEXT = "请拨打12345政务服务便民热线。问题摘要：用户未提出具体问题，请人工询问"


def rasa_reply(message: str) -> list[dict]:
    reason = "not_understood" if "听不懂" in message else "asked"
    return [{"recipient_id": "x", "text": HANDOFF_TEXT,
             "custom": {"type": "handoff", "summary": "请人工询问", "services": [],
                        "reason": reason}}]


async def fake_rasa(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length"))
    body = json.loads(await reader.readexactly(length))
    out = json.dumps(rasa_reply(body["message"])).encode()
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                 + str(len(out)).encode() + b"\r\nConnection: close\r\n\r\n" + out)
    await writer.drain()
    writer.close()


async def test_asked_handoff_is_not_unanswered_and_a_missed_one_is() -> None:
    server = await asyncio.start_server(fake_rasa, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    app = create_app()
    tag = datetime.now().strftime("%H%M%S%f")
    async with server, app.router.lifespan_context(app):
        await app.state.rasa.close()
        app.state.rasa = RasaClient(get_settings().model_copy(
            update={"rasa_urls": [f"http://127.0.0.1:{port}"]}))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            before = (await client.get("/api/admin/analytics", headers=ADMIN)).json()["totals"]
            for sender, text in ((f"ho-asked-{tag}", "转人工"),
                                 (f"ho-missed-{tag}", "听不懂的问题")):
                r = await client.post("/api/chat", json={"sender": sender, "message": text})
                assert r.status_code == 200 and r.json()["degraded"] is False, r.text
            after = (await client.get("/api/admin/analytics", headers=ADMIN)).json()["totals"]
    with session_scope() as session:
        rows = {r.sender: r for r in session.scalars(
            select(ChatLog).where(ChatLog.sender.like(f"ho-%-{tag}")))}
    assert rows[f"ho-asked-{tag}"].channel == "handoff"
    assert rows[f"ho-asked-{tag}"].fallback is False
    assert rows[f"ho-missed-{tag}"].fallback is True
    assert after["handoffs"] - before["handoffs"] == 2
    assert after["fallbacks"] - before["fallbacks"] == 1
    assert after["messages"] - before["messages"] == 2


async def test_default_range_is_the_last_7_days_in_the_catalog_timezone(gateway) -> None:
    r = await gateway.get("/api/admin/analytics", headers=ADMIN)
    assert r.status_code == 200
    body = r.json()
    tz = get_catalog_settings().timezone
    today = datetime.now(ZoneInfo(tz)).date()
    assert body["timezone"] == tz
    assert body["to"] == today.isoformat()
    assert body["from"] == (today - timedelta(days=6)).isoformat()
    assert [d["date"] for d in body["days"]][-1] == today.isoformat() and len(body["days"]) == 7
    r = await gateway.get("/api/admin/analytics", params={"days": 30}, headers=ADMIN)
    assert r.json()["from"] == (today - timedelta(days=29)).isoformat()
    assert len(r.json()["days"]) == 30
    r = await gateway.get("/api/admin/analytics", params={"days": 0}, headers=ADMIN)
    assert r.status_code == 422 and r.json()["fields"]
