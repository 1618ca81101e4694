"""A change staff schedule for tomorrow, and one that takes effect today, as /api/chat answers
them on the real stack (gateway, Rasa, action server): tomorrow's is announced next to the
current figure, today's is the figure, with its decision as the basis."""

from __future__ import annotations

import os
from datetime import timedelta

import httpx
import pytest

from services_catalog import clock
from services_catalog.schemas import cn_date

pytestmark = pytest.mark.e2e
DOCUMENT = "昌吉州关于压缩用水报装时限的通知"


def ask(client: httpx.Client, sender: str) -> str:
    chat = client.post("/api/chat", json={"sender": sender, "message": "用水报装要多久"}).json()
    return " ".join(m.get("text", "") for m in chat["messages"])


def test_scheduled_and_effective_changes_in_chat(live_stack) -> None:
    auth = {"Authorization": f"Bearer {os.environ['CATALOG_ADMIN_TOKEN']}"}
    today = clock.today()
    decision = {"document": DOCUMENT, "date": today.isoformat()}
    with httpx.Client(base_url=live_stack.gateway_url, timeout=30) as client:
        record = client.get("/api/admin/services/water-connection", headers=auth).json()
        original = record["time_limits"]
        try:
            tomorrow = today + timedelta(days=1)
            change = {"amount": 4, "unit": "工作日", "effective": tomorrow.isoformat(), **decision}
            r = client.patch("/api/admin/services/water-connection", headers=auth, json={
                "version": record["version"], "time_limits": [{**original[0], "change": change}]})
            assert r.status_code == 200, r.text
            text = ask(client, "effective-1")
            announced = f"（自{cn_date(tomorrow)}起调整为4个工作日，依据《{DOCUMENT}》）"
            assert f"5个工作日{announced}" in text
            assert "依据：《行动方案（2023—2025年）》第" in text

            r = client.patch("/api/admin/services/water-connection", headers=auth, json={
                "version": r.json()["version"],
                "time_limits": [{**original[0], "change": {**change,
                                                            "effective": today.isoformat()}}]})
            assert r.status_code == 200, r.text
            text = ask(client, "effective-2")
            assert "4个工作日" in text and "5个工作日" not in text
            assert f"依据：《{DOCUMENT}》（{cn_date(today)}）" in text
        finally:
            current = client.get("/api/admin/services/water-connection", headers=auth).json()
            r = client.patch("/api/admin/services/water-connection", headers=auth,
                             json={"version": current["version"], "time_limits": original})
            assert r.status_code == 200, r.text
